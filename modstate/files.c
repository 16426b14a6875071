// SPDX-License-Identifier: GPL-2.0
/*
 * The files modstate owns, what it writes in them for each state, and how
 * it writes them: whole, atomically, and only when they change.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "modstate.h"

/* Larger files of ours have been changed by hand: read as different. */
#define FILE_MAX	65536

/* ROOT, then this, then NAME, then a suffix */
static const struct {
	const char *dir, *suffix;
} file_names[MF_COUNT] = {
	[MF_LOAD]	= { "/etc/modules-load.d/modstub-", ".conf" },
	[MF_PROBE]	= { "/etc/modprobe.d/modstub-", ".conf" },
	[MF_HOOK]	= { "/etc/initramfs-tools/hooks/modstub-", "" },
	[MF_UDRV]	= { MODSTUB_UDRV_CONFIG_DIR "/modstub-", ".conf" },
};

int fileset_init(struct fileset *fs, const char *root, const char *name)
{
	int i;

	memset(fs, 0, sizeof(*fs));
	for (i = 0; i < MF_COUNT; i++) {
		if (asprintf(&fs->path[i], "%s%s%s%s", root, file_names[i].dir,
			     name, file_names[i].suffix) < 0) {
			fs->path[i] = NULL;
			fileset_free(fs);
			errmsg(name, "out of memory");
			return -1;
		}
	}
	return 0;
}

void fileset_free(struct fileset *fs)
{
	int i;

	for (i = 0; i < MF_COUNT; i++) {
		free(fs->path[i]);
		free(fs->text[i]);
		fs->path[i] = NULL;
		fs->text[i] = NULL;
	}
}

#define HEADER \
	"# Managed by modstate(8): %s is in state %s.\n" \
	"# Do not edit: run \"modstate %s=STATE\" to change it.\n"

/*
 * The initramfs-tools hook: the initramfs of a kernel that has the module
 * loads @load early (force_load: copied in with its dependencies and
 * listed in conf/modules) and holds @extra, which a stub module loads on
 * first use, without loading it.
 */
#define HOOK \
	"#!/bin/sh\n" \
	HEADER \
	"# %s may be loaded from the initramfs (early_boot_load).\n" \
	"PREREQ=\"\"\n" \
	"prereqs()\n" \
	"{\n" \
	"\techo \"$PREREQ\"\n" \
	"}\n" \
	"case \"$1\" in\n" \
	"prereqs)\n" \
	"\tprereqs\n" \
	"\texit 0\n" \
	"\t;;\n" \
	"esac\n" \
	"\n" \
	". /usr/share/initramfs-tools/hook-functions\n" \
	"\n" \
	"# only for the kernels that have the module\n" \
	"modinfo -k \"${version}\" %s > /dev/null 2>&1 || exit 0\n" \
	"force_load %s\n" \
	"%s%s%s" \
	"exit 0\n"

/*
 * State user: the kernel's build is not loaded for its devices, udrvd(8)
 * runs the user-space build for each of its PCI IDs instead.
 */
static int want_user(struct fileset *fs, const struct modmeta *mm)
{
	const char *name = mm->name, *sn = state_name(ST_USER), *id, *nl;
	struct buf b;

	if (asprintf(&fs->text[MF_PROBE], HEADER
		     "# udrvd(8) runs %s in user space for its devices: the kernel's\n"
		     "# build is not loaded for them.\n"
		     "blacklist %s\n", name, sn, name, name, name) < 0) {
		fs->text[MF_PROBE] = NULL;
		goto nomem;
	}
	buf_init(&b);
	buf_printf(&b, HEADER "# udrv.conf(5): each PCI ID of %s's device table.\n",
		   name, sn, name, name);
	for (id = mm->pci_ids; id && *id; id = nl + 1) {
		nl = strchrnul(id, '\n');
		buf_printf(&b, "driver %.*s %s\n", (int)(nl - id), id,
			   mm->udrv_program);
		if (!*nl)
			break;
	}
	fs->text[MF_UDRV] = strdup(b.s);
	buf_free(&b);
	if (!fs->text[MF_UDRV])
		goto nomem;
	return 0;
nomem:
	errmsg(name, "out of memory");
	return -1;
}

int fileset_want(struct fileset *fs, const struct modmeta *mm,
		 enum state st, bool initramfs)
{
	const char *name = mm->name, *sn = state_name(st), *boot;
	int i, n = 0;

	for (i = 0; i < MF_COUNT; i++) {
		free(fs->text[i]);
		fs->text[i] = NULL;
		fs->mode[i] = i == MF_HOOK ? 0755 : 0644;
	}
	switch (st) {
	case ST_UNUSED:
		n = asprintf(&fs->text[MF_PROBE], HEADER
			     "# Refuse to load %s, also on a call through its stub module.\n"
			     "install %s /bin/false\n",
			     name, sn, name, name, name);
		if (n < 0) {
			fs->text[MF_PROBE] = NULL;
			goto nomem;
		}
		return 0;
	case ST_USER:
		return want_user(fs, mm);
	case ST_LOADED:
		boot = name;
		break;
	case ST_AUTO:
		boot = mm->stubmod;
		break;
	default:
		return 0;
	}
	n = asprintf(&fs->text[MF_LOAD], HEADER "%s\n", name, sn, name, boot);
	if (n < 0) {
		fs->text[MF_LOAD] = NULL;
		goto nomem;
	}
	if (initramfs && (mm->loadtimes & (1u << LT_EARLY_BOOT))) {
		bool extra = st == ST_AUTO;

		n = asprintf(&fs->text[MF_HOOK], HOOK, name, sn, name, name,
			     boot, boot, extra ? "manual_add_modules " : "",
			     extra ? name : "", extra ? "\n" : "");
		if (n < 0) {
			fs->text[MF_HOOK] = NULL;
			goto nomem;
		}
	}
	return 0;
nomem:
	errmsg(name, "out of memory");
	return -1;
}

/* Read @path into a new string; -ENOENT if absent, -EFBIG if too large. */
static int read_text(const char *path, char **text, mode_t *mode)
{
	size_t len;
	int err;

	*text = NULL;
	err = read_file(path, FILE_MAX, READ_REGULAR, text, &len, mode);
	if (err)
		return err;
	/* a NUL byte inside makes it differ from anything we write */
	if (strlen(*text) != len)
		(*text)[strlen(*text)] = '\x01';
	return 0;
}

int fileset_read(struct fileset *fs, const char *name)
{
	int i, err;

	for (i = 0; i < MF_COUNT; i++) {
		free(fs->text[i]);
		fs->mode[i] = 0;
		err = read_text(fs->path[i], &fs->text[i], &fs->mode[i]);
		if (err == -ENOENT) {
			continue;
		} else if (err == -EFBIG) {
			/* present, and surely not ours as it is */
			fs->text[i] = strdup("");
			if (!fs->text[i]) {
				errmsg(name, "out of memory");
				return -1;
			}
		} else if (err) {
			errmsg(name, "cannot read %s: %s", fs->path[i],
			       strerror(-err));
			return -1;
		}
	}
	return 0;
}

bool fileset_same(const struct fileset *a, const struct fileset *b,
		  enum mfile i)
{
	if (!a->text[i] || !b->text[i])
		return !a->text[i] && !b->text[i];
	return strcmp(a->text[i], b->text[i]) == 0 && a->mode[i] == b->mode[i];
}

int remove_file(const char *path)
{
	if (unlink(path) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}
