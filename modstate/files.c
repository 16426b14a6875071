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

#include "modstate.h"

/* Larger files of ours have been changed by hand: read as different. */
#define FILE_MAX	65536

static const char *const file_fmt[MF_COUNT] = {
	[MF_LOAD]	= "%s/etc/modules-load.d/modstub-%s.conf",
	[MF_PROBE]	= "%s/etc/modprobe.d/modstub-%s.conf",
	[MF_HOOK]	= "%s/etc/initramfs-tools/hooks/modstub-%s",
};

int fileset_init(struct fileset *fs, const char *root, const char *name)
{
	int i;

	memset(fs, 0, sizeof(*fs));
	for (i = 0; i < MF_COUNT; i++) {
		if (asprintf(&fs->path[i], file_fmt[i], root, name) < 0) {
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
	struct stat st;
	char *buf = NULL;
	size_t len = 0;
	ssize_t n;
	int fd, err;

	*text = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		err = -errno;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		err = S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
		goto fail;
	}
	*mode = st.st_mode & 07777;
	buf = malloc(FILE_MAX + 1);
	if (!buf) {
		err = -ENOMEM;
		goto fail;
	}
	for (;;) {
		n = read(fd, buf + len, FILE_MAX + 1 - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			goto fail;
		}
		if (n == 0)
			break;
		len += n;
		if (len > FILE_MAX) {
			err = -EFBIG;
			goto fail;
		}
	}
	close(fd);
	buf[len] = '\0';
	/* a NUL byte inside makes it differ from anything we write */
	if (strlen(buf) != len)
		buf[strlen(buf)] = '\x01';
	*text = buf;
	return 0;
fail:
	free(buf);
	close(fd);
	return err;
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

/* mkdir -p @dir (a writable copy) with mode 0755 */
static int mkdir_p(char *dir)
{
	struct stat st;
	char *p = dir, c;
	int err;

	for (;;) {
		p += strspn(p, "/");
		p += strcspn(p, "/");
		if (p == dir)
			return 0;
		c = *p;
		*p = '\0';
		err = 0;
		if (mkdir(dir, 0755) < 0) {
			if (errno != EEXIST)
				err = -errno;
			else if (stat(dir, &st) < 0)
				err = -errno;
			else if (!S_ISDIR(st.st_mode))
				err = -ENOTDIR;
		}
		*p = c;
		if (err || !c)
			return err;
	}
}

static int write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		s += n;
		len -= n;
	}
	return 0;
}

int write_atomic(const char *path, const char *text, mode_t mode)
{
	const char *slash = strrchr(path, '/');
	char *dir = NULL, *tmp = NULL;
	int fd = -1, dfd, err;

	if (!slash)
		return -EINVAL;
	dir = strndup(path, slash - path);
	if (!dir || asprintf(&tmp, "%s/.%s.XXXXXX", dir, slash + 1) < 0) {
		tmp = NULL;
		err = -ENOMEM;
		goto out;
	}
	err = mkdir_p(dir);
	if (err)
		goto out;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	err = write_all(fd, text, strlen(text));
	if (!err && fchmod(fd, mode) < 0)
		err = -errno;
	if (!err && fsync(fd) < 0)
		err = -errno;
	if (close(fd) < 0 && !err)
		err = -errno;
	if (!err && rename(tmp, path) < 0)
		err = -errno;
	if (err) {
		unlink(tmp);
		goto out;
	}
	/* make the rename itself durable */
	dfd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
out:
	free(tmp);
	free(dir);
	return err;
}

int remove_file(const char *path)
{
	if (unlink(path) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}
