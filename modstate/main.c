// SPDX-License-Identifier: GPL-2.0
/*
 * modstate: the kcmodule of HP-UX for Linux modules built with modmetac.
 *
 *	modstate [--root DIR] [-k KVER] [-n] [-v] NAME[=STATE]...
 *
 * prints the state of each module NAME, or puts it in STATE: unused,
 * loaded or auto (static needs a kernel rebuild and is refused), as
 * allowed by its modmeta_states.  The state is kept in files of its own
 * that the system reads: modules-load.d(5), modprobe.d(5) and, for a
 * module loaded from the initramfs, an initramfs-tools hook.  On the
 * running system the change also takes effect now.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <libkmod.h>

#include "file.h"
#include "modstate.h"
#include "version.h"

/* What is shown of a field of a .modinfo at most */
#define FIELD_MAX	200


struct arg {
	const char *text;		/* as given */
	char name[MODSTUB_MODNAME_MAX + 1];	/* normalized */
	int state;			/* to set, or -1 to print */
	struct modmeta mm;
	bool looked_up;
};

struct opts {
	const char *root;		/* "" for /, without trailing '/' */
	bool root_given;
	const char *kver;
	char *moddir;			/* ROOT/lib/modules/KVER */
	bool dry_run;
	bool verbose;
	bool running;			/* act on the running kernel too */
	bool initramfs;			/* ROOT/etc/initramfs-tools exists */
	bool initramfs_changed;
	bool udrv_changed;		/* a rule of udrvd(8) written or removed */
	char *root_buf, *kver_buf;	/* what root and kver point to, if ours */
};

static void usage(FILE *f)
{
	fprintf(f,
"Usage: modstate [--root DIR] [-k KVER] [-n] [-v] NAME[=STATE]...\n"
"Print or set the state of modules built with modmetac.\n"
"\n"
"  NAME          print the module's state, allowed states and load times\n"
"  NAME=STATE    put the module in STATE, one of its modmeta_states:\n"
"                  unused  not loaded at boot, loading it is refused\n"
"                  loaded  loaded now and at every boot\n"
"                  auto    its stub module loaded at boot, the module on\n"
"                          first use\n"
"                  static  refused: needs a kernel rebuild\n"
"                  user    not loaded; udrvd(8) runs its user-space build\n"
"                          NAME-user for its PCI devices instead\n"
"\n"
"  --root DIR    work on the system image in DIR: modules of\n"
"                DIR/lib/modules/KVER, files under DIR, nothing loaded\n"
"  -k, --kernel KVER\n"
"                the kernel whose modules to read (default: the running\n"
"                one; with --root, the only one in DIR/lib/modules)\n"
"  -n, --dry-run print what would be done, change nothing\n"
"  -v, --verbose print each file written or removed, each module\n"
"                loaded or unloaded\n"
"  -h, --help    this help\n"
"  --version     print the version\n"
"\n"
"Exit status: 0 if done, 1 on error (then nothing was changed, unless\n"
"loading or unloading failed), 2 on bad usage.\n");
}

/* A usage error about @what, as given on the command line */
static void NORETURN usage_error_at(const char *what, const char *problem)
{
	struct buf b;

	buf_init(&b);
	usage_error("%s: %s", buf_clean(&b, what, FIELD_MAX), problem);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The only kernel of ROOT/lib/modules, or NULL (reported). */
static char *only_kernel(const char *root, int *status)
{
	char *dir, *found = NULL;
	struct dirent *de;
	int n = 0;
	DIR *d;

	*status = 1;
	if (asprintf(&dir, "%s/lib/modules", root) < 0) {
		errmsg(NULL, "out of memory");
		return NULL;
	}
	d = opendir(dir);
	if (!d) {
		errmsg(NULL, "%s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	while ((de = readdir(d))) {
		char *sub;

		if (de->d_name[0] == '.')
			continue;
		if (asprintf(&sub, "%s/%s", dir, de->d_name) < 0)
			continue;
		if (is_dir(sub)) {
			if (!n++)
				found = strdup(de->d_name);
		}
		free(sub);
	}
	closedir(d);
	if (n == 1 && found) {
		free(dir);
		*status = 0;
		return found;
	}
	free(found);
	if (n == 0) {
		errmsg(NULL, "%s: no kernel there", dir);
	} else {
		errmsg(NULL, "%s: %d kernels there: give one with -k", dir, n);
		*status = 2;
	}
	free(dir);
	return NULL;
}

/* A libkmod context for the module directory, with the root's config. */
static struct kmod_ctx *open_ctx(const struct opts *o)
{
	static const char *const conf[] = {
		"/etc/modprobe.d", "/run/modprobe.d",
		"/usr/local/lib/modprobe.d", "/lib/modprobe.d",
	};
	char *paths[ARRAY_SIZE(conf) + 1] = { NULL };
	struct kmod_ctx *ctx;
	size_t i;

	if (!o->root_given)
		return kmod_new(o->moddir, NULL);
	for (i = 0; i < ARRAY_SIZE(conf); i++) {
		if (asprintf(&paths[i], "%s%s", o->root, conf[i]) < 0) {
			paths[i] = NULL;
			ctx = NULL;
			goto out;
		}
	}
	ctx = kmod_new(o->moddir, (const char *const *)paths);
out:
	for (i = 0; paths[i]; i++)
		free(paths[i]);
	return ctx;
}

/* Which state the files of @fs are: what modstate writes for it. */
static enum state file_state(const struct fileset *cur,
			     const struct modmeta *mm, const struct opts *o,
			     int *err)
{
	static const enum state cand[] = { ST_UNUSED, ST_LOADED, ST_AUTO,
					   ST_USER };
	enum state st = ST_UNKNOWN;
	struct fileset want;
	size_t c;
	int i;

	memset(&want, 0, sizeof(want));
	*err = 0;
	for (i = 0; i < MF_COUNT && !cur->text[i]; i++)
		;
	if (i == MF_COUNT)
		return ST_UNSET;
	for (c = 0; c < ARRAY_SIZE(cand); c++) {
		if (cand[c] == ST_AUTO && !mm->stubmod[0])
			continue;
		if (cand[c] == ST_USER && (!mm->pci_ids || !mm->udrv_program))
			continue;
		if (fileset_want(&want, mm, cand[c], o->initramfs)) {
			*err = -1;
			break;
		}
		for (i = 0; i < MF_COUNT && fileset_same(cur, &want, i); i++)
			;
		if (i == MF_COUNT) {
			st = cand[c];
			break;
		}
	}
	fileset_free(&want);
	return st;
}

static const char *initstate_str(struct kmod_ctx *ctx, const char *name)
{
	struct kmod_module *mod;
	int st;

	if (kmod_module_new_from_name(ctx, name, &mod) < 0)
		return "?";
	st = kmod_module_get_initstate(mod);
	kmod_module_unref(mod);
	if (st == -ENOENT)
		return "not loaded";
	if (st < 0)
		return "?";
	return kmod_module_initstate_str(st);
}

static int query(const struct arg *a, const struct opts *o)
{
	const struct modmeta *mm = &a->mm;
	struct fileset cur;
	enum state st;
	int i, err, nfiles = 0;
	struct buf b;

	if (fileset_init(&cur, o->root, mm->name))
		return -1;
	if (fileset_read(&cur, mm->name)) {
		fileset_free(&cur);
		return -1;
	}
	st = file_state(&cur, mm, o, &err);
	if (err) {
		fileset_free(&cur);
		return -1;
	}
	buf_init(&b);
	printf("%s: %s\n", mm->name, state_name(st));
	printf("  states:     %s\n", buf_clean(&b, mm->states_str, FIELD_MAX));
	buf_reset(&b);
	if (mm->loadtimes_str)
		printf("  loadtimes:  %s\n",
		       buf_clean(&b, mm->loadtimes_str, FIELD_MAX));
	else
		printf("  loadtimes:  %s (default)\n", loadtime_name(LT_RUN));
	buf_reset(&b);
	if (mm->stubmod[0])
		printf("  stubmodule: %s\n", mm->stubmod);
	if (mm->autoclean_str) {
		printf("  autoclean:  after %s ms idle, if a stub loaded it",
		       buf_clean(&b, mm->autoclean_str, FIELD_MAX));
		buf_reset(&b);
		if (mm->autoclean_veto)
			printf("; veto %s",
			       buf_clean(&b, mm->autoclean_veto, FIELD_MAX));
		putchar('\n');
	}
	buf_free(&b);
	if (mm->realmod[0])
		printf("  realmodule: %s (this is its stub module; its state follows that of %s)\n",
		       mm->realmod, mm->realmod);
	if (mm->states & (1u << ST_USER))
		printf("  userbuild:  %s\n", mm->udrv_program ? mm->udrv_program : "none");
	printf("  initramfs:  %s\n", cur.text[MF_HOOK] ? "yes" : "no");
	printf("  files:     ");
	for (i = 0; i < MF_COUNT; i++) {
		if (cur.text[i]) {
			printf(" %s", cur.path[i]);
			nfiles++;
		}
	}
	printf("%s\n", nfiles ? "" : " none");
	if (st == ST_UNKNOWN)
		printf("  note:       these files are not what modstate writes for any state (changed by hand, or written for other metadata): setting a state rewrites them\n");
	if (o->running) {
		struct kmod_ctx *ctx = open_ctx(o);

		if (ctx) {
			printf("  now:        %s %s", mm->name,
			       initstate_str(ctx, mm->name));
			if (mm->stubmod[0])
				printf(", %s %s", mm->stubmod,
				       initstate_str(ctx, mm->stubmod));
			printf("\n");
			kmod_unref(ctx);
		}
	}
	fileset_free(&cur);
	return 0;
}

/* Can @a be put in its state?  0, or -1 with the reason (reported). */
static int check_state(const struct arg *a, struct kmod_ctx *ctx,
		       const struct opts *o)
{
	const struct modmeta *mm = &a->mm;
	struct kmod_module *stub = NULL;
	int st = a->state;

	if (mm->realmod[0]) {
		errmsg(a->name, "this is the stub module of %s, whose state decides whether it is loaded: set the state of %s",
		       mm->realmod, mm->realmod);
		return -1;
	}
	if (!(mm->states & (1u << st))) {
		struct buf b;

		buf_init(&b);
		errmsg(a->name, "state %s is not allowed: its " MODINFO_STATES " allows only: %s",
		       state_name(st), *mm->states_str ?
		       buf_clean(&b, mm->states_str, FIELD_MAX) : "(none)");
		buf_free(&b);
		return -1;
	}
	if (st == ST_STATIC) {
		errmsg(a->name, "state static needs a kernel rebuild: an out-of-tree module cannot be built into the kernel (state loaded loads it at every boot)");
		return -1;
	}
	if (st == ST_AUTO) {
		if (!mm->stubmod[0]) {
			errmsg(a->name, "state auto needs a stub module, and its metadata names none (no modmeta_stubmodule)");
			return -1;
		}
		if (kmod_module_new_from_name_lookup(ctx, mm->stubmod, &stub) < 0 ||
		    !stub || !kmod_module_get_path(stub)) {
			errmsg(a->name, "state auto needs its stub module %s, which is not in %s",
			       mm->stubmod, o->moddir);
			if (stub)
				kmod_module_unref(stub);
			return -1;
		}
		kmod_module_unref(stub);
	}
	if (st == ST_USER) {
		if (!mm->pci_ids) {
			errmsg(a->name, "state user needs a PCI device table (MODULE_DEVICE_TABLE(pci, ...)) for udrvd to select its devices by: it has none");
			return -1;
		}
		if (!mm->udrv_program) {
			errmsg(a->name, "state user needs its user-space build %s-user (udrv(7)), which is neither in %s" UDRV_PROGRAM_DIR " nor in %s" UDRV_PROGRAM_DIR_LOCAL,
			       a->name, o->root, o->root);
			return -1;
		}
	}
	return 0;
}

/* Write and remove the files of @a for its new state. */
static int set_files(const struct arg *a, struct opts *o)
{
	const struct modmeta *mm = &a->mm;
	struct fileset cur, want;
	int i, pass, err, ret = -1;

	if (fileset_init(&cur, o->root, mm->name))
		return -1;
	if (fileset_init(&want, o->root, mm->name)) {
		fileset_free(&cur);
		return -1;
	}
	if (fileset_read(&cur, mm->name) ||
	    fileset_want(&want, mm, a->state, o->initramfs))
		goto out;

	if ((a->state == ST_LOADED || a->state == ST_AUTO) &&
	    (mm->loadtimes & (1u << LT_EARLY_BOOT)) && !o->initramfs)
		report(MSG_WARNING, mm->name, "it may be loaded from the initramfs (early_boot_load), but there is no %s/etc/initramfs-tools: it is loaded at boot from modules-load.d only",
		       o->root);

	/* what the new state needs first, then what the old one left */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < MF_COUNT; i++) {
			if (fileset_same(&cur, &want, i))
				continue;
			if ((want.text[i] != NULL) != (pass == 0))
				continue;
			if (i == MF_HOOK)
				o->initramfs_changed = true;
			if (i == MF_UDRV)
				o->udrv_changed = true;
			if (o->dry_run) {
				printf("%s: would %s %s\n", mm->name,
				       want.text[i] ? "write" : "remove",
				       want.path[i]);
				continue;
			}
			if (want.text[i])
				err = write_atomic(want.path[i], want.text[i],
						   strlen(want.text[i]),
						   want.mode[i],
						   WRITE_MKDIR | WRITE_SYNC);
			else
				err = remove_file(want.path[i]);
			if (err) {
				errmsg(mm->name, "cannot %s %s: %s",
				       want.text[i] ? "write" : "remove",
				       want.path[i], strerror(-err));
				goto out;
			}
			if (o->verbose)
				printf("%s: %s %s\n", mm->name,
				       want.text[i] ? "wrote" : "removed",
				       want.path[i]);
		}
	}
	ret = 0;
out:
	fileset_free(&cur);
	fileset_free(&want);
	return ret;
}

/* Load @name and what it depends on, with the configuration just written. */
static int load(struct kmod_ctx *ctx, const struct arg *a, const char *name,
		const struct opts *o)
{
	struct kmod_module *mod;
	int err, before;

	err = kmod_module_new_from_name(ctx, name, &mod);
	if (err < 0) {
		errmsg(a->name, "state %s set, but cannot load %s: %s",
		       state_name(a->state), name, strerror(-err));
		return -1;
	}
	before = kmod_module_get_initstate(mod);
	if (before == KMOD_MODULE_LIVE) {
		kmod_module_unref(mod);
		return 0;
	}
	if (o->dry_run) {
		printf("%s: would load %s\n", a->name, name);
		kmod_module_unref(mod);
		return 0;
	}
	err = kmod_module_probe_insert_module(mod, 0, NULL, NULL, NULL, NULL);
	kmod_module_unref(mod);
	if (err) {
		errmsg(a->name, "state %s set, but loading %s failed: %s",
		       state_name(a->state), name,
		       err < 0 ? strerror(-err) : "refused by the configuration");
		return -1;
	}
	if (o->verbose)
		printf("%s: loaded %s\n", a->name, name);
	return 0;
}

/*
 * Unload @name if loaded.  A module in use stays: that is no error, the
 * state is set and holds from the next boot on; say so.
 */
static int unload(struct kmod_ctx *ctx, const struct arg *a, const char *name,
		  const struct opts *o)
{
	struct kmod_list *holders, *l;
	struct kmod_module *mod;
	int err, st, refcnt, ret = 0;

	err = kmod_module_new_from_name(ctx, name, &mod);
	if (err < 0) {
		errmsg(a->name, "state %s set, but cannot unload %s: %s",
		       state_name(a->state), name, strerror(-err));
		return -1;
	}
	st = kmod_module_get_initstate(mod);
	if (st == -ENOENT || st == KMOD_MODULE_BUILTIN)
		goto out;
	refcnt = kmod_module_get_refcnt(mod);
	holders = kmod_module_get_holders(mod);
	if (refcnt > 0 || holders) {
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "refcount %d", refcnt);
		if (holders) {
			buf_puts(&b, ", used by");
			kmod_list_foreach(l, holders) {
				struct kmod_module *h = kmod_module_get_module(l);

				buf_printf(&b, " %s", kmod_module_get_name(h));
				kmod_module_unref(h);
			}
			kmod_module_unref_list(holders);
		}
		report(MSG_NOTE, a->name, "%s stays loaded for now: it is in use (%s); state %s holds from the next boot on",
		       name, b.s, state_name(a->state));
		buf_free(&b);
		goto out;
	}
	if (o->dry_run) {
		printf("%s: would unload %s\n", a->name, name);
		goto out;
	}
	err = kmod_module_remove_module(mod, 0);
	if (err == -EBUSY || err == -EAGAIN) {
		report(MSG_NOTE, a->name, "%s stays loaded for now: it is in use; state %s holds from the next boot on",
		       name, state_name(a->state));
	} else if (err < 0) {
		errmsg(a->name, "state %s set, but unloading %s failed: %s",
		       state_name(a->state), name, strerror(-err));
		ret = -1;
	} else if (o->verbose) {
		printf("%s: unloaded %s\n", a->name, name);
	}
out:
	kmod_module_unref(mod);
	return ret;
}

/*
 * Have a running udrvd(8) read its configuration again: "udrvd reload".
 * Without its control socket there is nothing to tell: the rules hold
 * when it starts.  Returns -1 if the reload failed (reported).
 */
static int udrvd_reload(void)
{
	static const char *const argv[] = { "udrvd", "reload", NULL };

	if (access(MODSTUB_UDRVD_SOCKET, F_OK)) {
		report(MSG_NOTE, NULL, "udrvd is not running: its new rules hold when it starts (systemctl start udrvd)");
		return 0;
	}
	if (run_program(argv)) {
		errmsg(NULL, "the rules of udrvd changed, but \"udrvd reload\" failed");
		return -1;
	}
	return 0;
}

/* Make the new state of @a hold now on the running kernel. */
static int set_now(const struct arg *a, const struct opts *o)
{
	const struct modmeta *mm = &a->mm;
	struct kmod_ctx *ctx;
	int ret = 0;

	/* a new context: it reads the modprobe.d just written */
	ctx = open_ctx(o);
	if (!ctx) {
		errmsg(a->name, "state %s set, but libkmod cannot be used",
		       state_name(a->state));
		return -1;
	}
	switch (a->state) {
	case ST_LOADED:
		ret = load(ctx, a, mm->name, o);
		break;
	case ST_AUTO:
		ret = load(ctx, a, mm->stubmod, o);
		break;
	case ST_UNUSED:
	case ST_USER:
		/* the module depends on its stub module: first the module */
		ret = unload(ctx, a, mm->name, o);
		if (mm->stubmod[0] && unload(ctx, a, mm->stubmod, o))
			ret = -1;
		break;
	default:
		break;
	}
	kmod_unref(ctx);
	return ret;
}

/* NAME or NAME=STATE (usage errors exit) */
static void parse_arg(struct arg *a, const char *text)
{
	const char *eq = strchr(text, '=');
	size_t len = eq ? (size_t)(eq - text) : strlen(text);

	memset(a, 0, sizeof(*a));
	a->text = text;
	a->state = -1;
	if (!modname_valid(text, len)) {
		usage_error_at(text, "not a module name (letters, digits, '_' and '-', at most " STR(MODSTUB_MODNAME_MAX) ")");
	}
	modname_normalize(a->name, text, len);
	if (eq) {
		a->state = state_parse(eq + 1);
		if (a->state < 0) {
			usage_error_at(text, "unknown state (unused, static, loaded, auto or user)");
		}
	}
}

enum { OPT_VERSION = 256, OPT_ROOT };

static const struct option long_opts[] = {
	{ "root",	required_argument,	NULL, OPT_ROOT },
	{ "kernel",	required_argument,	NULL, 'k' },
	{ "dry-run",	no_argument,		NULL, 'n' },
	{ "verbose",	no_argument,		NULL, 'v' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

/* The options into @o (usage errors exit); the index of the first NAME */
static int parse_options(struct opts *o, int argc, char **argv)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hk:nv", long_opts,
				NULL)) != -1) {
		switch (c) {
		case OPT_ROOT:
			o->root = optarg;
			o->root_given = true;
			break;
		case 'k':
			o->kver = optarg;
			break;
		case 'n':
			o->dry_run = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case OPT_VERSION:
			printf("modstate %s\n", MODSTUB_VERSION);
			exit(0);
		default:
			usage_error_getopt(c, argv, NULL);
		}
	}
	if (optind == argc)
		usage_error("no module given");
	if (o->root_given && !*o->root)
		usage_error_at("--root", "empty directory name");
	if (o->kver && (!*o->kver || strchr(o->kver, '/') ||
			strcmp(o->kver, ".") == 0 || strcmp(o->kver, "..") == 0))
		usage_error_at(o->kver, "not a kernel release (-k)");
	return optind;
}

/*
 * The NAME[=STATE] arguments (usage errors exit); NULL if out of memory
 * (reported).  *@sets: how many set a state.
 */
static struct arg *parse_args(int nargs, char **argv, int *sets)
{
	struct arg *args;
	int i, j;

	args = calloc(nargs, sizeof(*args));
	if (!args) {
		errmsg(NULL, "out of memory");
		return NULL;
	}
	*sets = 0;
	for (i = 0; i < nargs; i++) {
		parse_arg(&args[i], argv[i]);
		for (j = 0; j < i; j++)
			if (strcmp(args[j].name, args[i].name) == 0 &&
			    (args[j].state >= 0 || args[i].state >= 0))
				usage_error_at(args[i].name, "given twice");
		if (args[i].state >= 0)
			(*sets)++;
	}
	return args;
}

/*
 * Which kernel, which module directory, and what the system has: fills
 * the rest of @o.  Returns 0, or the exit status after an error (reported).
 */
static int find_kernel(struct opts *o)
{
	struct utsname uts;
	int status = 1, i;
	char *dep = NULL, *it = NULL;

	if (o->root_given) {
		/* ROOT/etc/..., never ROOT//etc/... ("/" is "") */
		o->root_buf = strdup(o->root);
		if (!o->root_buf) {
			errmsg(NULL, "out of memory");
			return 1;
		}
		for (i = strlen(o->root_buf); i > 0 && o->root_buf[i - 1] == '/'; i--)
			o->root_buf[i - 1] = '\0';
		o->root = o->root_buf;
		if (!is_dir(*o->root ? o->root : "/")) {
			errmsg(NULL, "%s: not a directory", o->root);
			return 1;
		}
		if (!o->kver) {
			o->kver_buf = only_kernel(o->root, &status);
			if (!o->kver_buf)
				return status;
			o->kver = o->kver_buf;
		}
	} else if (!o->kver) {
		if (uname(&uts) < 0) {
			errmsg(NULL, "uname: %s", strerror(errno));
			return 1;
		}
		o->kver_buf = strdup(uts.release);
		if (!o->kver_buf) {
			errmsg(NULL, "out of memory");
			return 1;
		}
		o->kver = o->kver_buf;
	}
	if (!o->root_given && uname(&uts) == 0 &&
	    strcmp(o->kver, uts.release) == 0)
		o->running = true;
	status = 1;
	if (asprintf(&o->moddir, "%s/lib/modules/%s", o->root, o->kver) < 0 ||
	    asprintf(&dep, "%s/modules.dep", o->moddir) < 0 ||
	    asprintf(&it, "%s/etc/initramfs-tools", o->root) < 0) {
		errmsg(NULL, "out of memory");
		goto out;
	}
	if (!is_dir(o->moddir)) {
		errmsg(NULL, "%s: no such directory: no modules of kernel %s",
		       o->moddir, o->kver);
		goto out;
	}
	if (access(dep, R_OK) < 0) {
		errmsg(NULL, "%s: %s (run depmod%s%s %s)", dep, strerror(errno),
		       o->root_given ? " -b " : "", o->root_given ? o->root : "",
		       o->kver);
		goto out;
	}
	o->initramfs = is_dir(it);
	status = 0;
out:
	free(dep);
	free(it);
	return status;
}

int main(int argc, char **argv)
{
	struct opts o = { .root = "" };
	struct kmod_ctx *ctx = NULL;
	struct arg *args = NULL;
	int i, first, nargs, status = 1, sets = 0;

	progname = "modstate";
	first = parse_options(&o, argc, argv);
	nargs = argc - first;
	args = parse_args(nargs, argv + first, &sets);
	if (!args)
		goto out;
	status = find_kernel(&o);
	if (status)
		goto out;
	status = 1;
	ctx = open_ctx(&o);
	if (!ctx) {
		errmsg(NULL, "cannot use libkmod on %s", o.moddir);
		goto out;
	}

	/* every module checked first: on an error, nothing changes */
	status = 0;
	for (i = 0; i < nargs; i++) {
		struct arg *a = &args[i];

		if (meta_lookup(ctx, o.moddir, a->name, &a->mm)) {
			status = 1;
			continue;
		}
		a->looked_up = true;
		if (meta_find_user(&a->mm, o.root)) {
			status = 1;
			continue;
		}
		if (a->state >= 0 && check_state(a, ctx, &o))
			status = 1;
	}
	if (status)
		goto out;

	if (sets && !o.root_given && !o.running)
		report(MSG_NOTE, NULL, "kernel %s is not the one running: nothing is loaded or unloaded now",
		       o.kver);
	for (i = 0; i < nargs; i++) {
		struct arg *a = &args[i];

		if (a->state < 0) {
			if (query(a, &o))
				status = 1;
			continue;
		}
		if (set_files(a, &o)) {
			status = 1;
			continue;
		}
		if (o.running && set_now(a, &o))
			status = 1;
	}
	if (o.initramfs_changed && !o.dry_run)
		report(MSG_NOTE, NULL, "the initramfs configuration changed: rebuild the initramfs (update-initramfs -u%s)",
		       o.root_given ? ", in the image" : "");
	if (o.udrv_changed && o.running && !o.dry_run && udrvd_reload())
		status = 1;
out:
	if (args) {
		for (i = 0; i < nargs; i++)
			if (args[i].looked_up)
				meta_free(&args[i].mm);
	}
	free(args);
	if (ctx)
		kmod_unref(ctx);
	free(o.moddir);
	free(o.kver_buf);
	free(o.root_buf);
	return status;
}
