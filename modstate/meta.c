// SPDX-License-Identifier: GPL-2.0
/*
 * The modmeta fields of a module, read with libkmod from the .modinfo of
 * its .ko file in a module directory (ROOT/lib/modules/KVER).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libkmod.h>

#include "modstate.h"

#define X(id, name) [ST_##id] = name,
static const char *const state_names[ST_NSTATES + 2] = {
	MODMETA_STATES(X)
	[ST_UNSET]	= "unset",
	[ST_UNKNOWN]	= "unknown",
};
#undef X

#define X(id, name) [LT_##id] = name,
static const char *const loadtime_names[LT_NLOADTIMES] = {
	MODMETA_LOADTIMES(X)
};
#undef X

void report(enum msg_level level, const char *name, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	if (name)
		buf_printf(&b, "%s: ", name);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	msg(level, NULL, "%s", b.s);
	buf_free(&b);
}

const char *state_name(enum state st)
{
	if ((unsigned int)st > ST_UNKNOWN)
		return "?";
	return state_names[st];
}

const char *loadtime_name(enum loadtime lt)
{
	if ((unsigned int)lt >= LT_NLOADTIMES)
		return "?";
	return loadtime_names[lt];
}

int state_parse(const char *s)
{
	int i;

	for (i = 0; i < ST_NSTATES; i++)
		if (strcmp(s, state_names[i]) == 0)
			return i;
	return -1;
}

/*
 * The bits of the words of @s found in @names; unknown words are left out
 * (a later modmetac may know more), so that they never match.
 */
static unsigned int parse_words(const char *s, const char *const *names,
				unsigned int n)
{
	unsigned int bits = 0, i;
	size_t len;

	for (;;) {
		s += strspn(s, " \t");
		len = strcspn(s, " \t");
		if (!len)
			return bits;
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len &&
			    memcmp(s, names[i], len) == 0)
				bits |= 1u << i;
		s += len;
	}
}

const char *buf_clean(struct buf *b, const char *s, size_t max)
{
	size_t i;

	for (i = 0; s[i] && i < max; i++) {
		unsigned char c = s[i];

		buf_putc(b, c < 0x20 || c == 0x7f ? '?' : c);
	}
	if (s[i])
		buf_puts(b, "...");
	return b->s;
}

/* Copy a module name field; -1 (reported) if it is not one. */
static int name_field(const char *name, const char *key, const char *value,
		      char *buf)
{
	size_t len = strlen(value);

	if (!modname_valid(value, len)) {
		struct buf b;

		buf_init(&b);
		errmsg(name, "bad %s \"%s\" in its .modinfo: not a module name",
		       key, buf_clean(&b, value, MODSTUB_MODNAME_MAX + 1));
		buf_free(&b);
		return -1;
	}
	modname_normalize(buf, value, len);
	return 0;
}

static int set_string(char **dst, const char *value)
{
	if (*dst)
		return 0;	/* the first one counts, as for modinfo -F */
	*dst = strdup(value);
	return *dst ? 0 : -1;
}

/*
 * An alias of a PCI device table entry, pci:vVVVVVVVVdDDDDDDDDsv...: its
 * vendor and device appended to *@ids as "VVVV:DDDD\n" (once); entries
 * with a wildcard vendor or device select no ID and are left out.
 */
static int pci_alias(char **ids, const char *alias)
{
	unsigned int vendor, device;
	char id[16], *n;

	if (sscanf(alias, "pci:v%8Xd%8X", &vendor, &device) != 2 ||
	    vendor > 0xffff || device > 0xffff)
		return 0;
	snprintf(id, sizeof(id), "%04x:%04x\n", vendor, device);
	if (*ids && strstr(*ids, id))
		return 0;
	if (asprintf(&n, "%s%s", *ids ? *ids : "", id) < 0)
		return -1;
	free(*ids);
	*ids = n;
	return 0;
}

int meta_find_user(struct modmeta *mm, const char *root)
{
	static const char *const dirs[] = { UDRV_PROGRAM_DIR,
					    UDRV_PROGRAM_DIR_LOCAL };
	unsigned int i;
	char *path;

	for (i = 0; i < ARRAY_SIZE(dirs) && !mm->udrv_program; i++) {
		if (asprintf(&path, "%s%s/%s-user", root, dirs[i], mm->name) < 0) {
			errmsg(mm->name, "out of memory");
			return -1;
		}
		if (!access(path, X_OK)) {
			mm->udrv_program = strdup(path + strlen(root));
			if (!mm->udrv_program) {
				free(path);
				errmsg(mm->name, "out of memory");
				return -1;
			}
		}
		free(path);
	}
	return 0;
}

int meta_lookup(struct kmod_ctx *ctx, const char *moddir, const char *name,
		struct modmeta *mm)
{
	struct kmod_module *mod = NULL;
	struct kmod_list *info = NULL, *l;
	int err, ret = -1;

	memset(mm, 0, sizeof(*mm));
	snprintf(mm->name, sizeof(mm->name), "%s", name);

	err = kmod_module_new_from_name_lookup(ctx, name, &mod);
	if (err < 0 || !mod) {
		errmsg(name, "no such module in %s", moddir);
		goto out;
	}
	if (!kmod_module_get_path(mod)) {
		errmsg(name, "built into the kernel: its state is static and cannot be changed");
		goto out;
	}
	err = kmod_module_get_info(mod, &info);
	if (err < 0) {
		errmsg(name, "cannot read %s: %s", kmod_module_get_path(mod),
		       strerror(-err));
		goto out;
	}
	kmod_list_foreach(l, info) {
		const char *key = kmod_module_info_get_key(l);
		const char *value = kmod_module_info_get_value(l);

		if (!key)
			continue;
		if (!value)
			value = "";
		if (strcmp(key, MODINFO_STATES) == 0) {
			if (set_string(&mm->states_str, value))
				goto nomem;
		} else if (strcmp(key, MODINFO_LOADTIMES) == 0) {
			if (set_string(&mm->loadtimes_str, value))
				goto nomem;
		} else if (strcmp(key, MODINFO_STUBMODULE) == 0) {
			if (!mm->stubmod[0] &&
			    name_field(name, key, value, mm->stubmod))
				goto out;
		} else if (strcmp(key, MODINFO_AUTOCLEAN) == 0) {
			if (set_string(&mm->autoclean_str, value))
				goto nomem;
		} else if (strcmp(key, MODINFO_AUTOCLEAN_VETO) == 0) {
			if (set_string(&mm->autoclean_veto, value))
				goto nomem;
		} else if (strcmp(key, "alias") == 0) {
			if (pci_alias(&mm->pci_ids, value))
				goto nomem;
		} else if (strcmp(key, MODINFO_REALMODULE) == 0) {
			if (!mm->realmod[0] &&
			    name_field(name, key, value, mm->realmod))
				goto out;
		}
	}
	if (!mm->states_str) {
		errmsg(name, "no modmeta metadata (no modmeta_states in %s): not a module built with modmetac, modstate does not manage it",
		       kmod_module_get_path(mod));
		goto out;
	}
	if (strcmp(mm->stubmod, name) == 0 || strcmp(mm->realmod, name) == 0) {
		errmsg(name, "bad modmeta metadata: the module is its own stub or real module");
		goto out;
	}
	mm->states = parse_words(mm->states_str, state_names, ST_NSTATES);
	/* the default of modmeta(5) */
	mm->loadtimes = 1u << LT_RUN;
	if (mm->loadtimes_str)
		mm->loadtimes = parse_words(mm->loadtimes_str, loadtime_names,
					    LT_NLOADTIMES);
	ret = 0;
	goto out;
nomem:
	errmsg(name, "out of memory");
out:
	if (info)
		kmod_module_info_free_list(info);
	if (mod)
		kmod_module_unref(mod);
	if (ret)
		meta_free(mm);
	return ret;
}

void meta_free(struct modmeta *mm)
{
	free(mm->states_str);
	free(mm->autoclean_str);
	free(mm->autoclean_veto);
	free(mm->loadtimes_str);
	free(mm->pci_ids);
	free(mm->udrv_program);
	mm->states_str = NULL;
	mm->loadtimes_str = NULL;
	mm->autoclean_str = NULL;
	mm->autoclean_veto = NULL;
	mm->pci_ids = NULL;
	mm->udrv_program = NULL;
}
