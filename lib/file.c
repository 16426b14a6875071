// SPDX-License-Identifier: GPL-2.0
/*
 * Reading and replacing whole files (see file.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"

int read_fd(int fd, size_t max, char **data, size_t *len)
{
	size_t cap = 4096, done = 0;
	struct stat st;
	char *buf;

	if (fstat(fd, &st) != 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		if ((unsigned long long)st.st_size > max)
			return -EFBIG;
		/* one more byte, to see the end without a second buffer */
		cap = (size_t)st.st_size + 1;
	}
	buf = malloc(cap);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		if (done == cap) {
			char *nbuf;

			if (cap > max) {
				free(buf);
				return -EFBIG;
			}
			cap = cap > max / 2 ? max + 1 : cap * 2;
			nbuf = realloc(buf, cap);
			if (!nbuf) {
				free(buf);
				return -ENOMEM;
			}
			buf = nbuf;
		}
		n = read(fd, buf + done, cap - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;

			free(buf);
			return err;
		}
		if (n == 0)
			break;
		done += n;
	}
	if (done > max) {
		free(buf);
		return -EFBIG;
	}
	if (done == cap) {
		char *nbuf = realloc(buf, cap + 1);

		if (!nbuf) {
			free(buf);
			return -ENOMEM;
		}
		buf = nbuf;
	}
	buf[done] = '\0';
	*data = buf;
	*len = done;
	return 0;
}

int read_file(const char *path, size_t max, unsigned int flags, char **data,
	      size_t *len, mode_t *mode)
{
	struct stat st;
	int fd, err;

	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
			  (flags & READ_REGULAR ? O_NONBLOCK : 0));
		if (fd < 0)
			return -errno;
	}
	if (fstat(fd, &st) != 0) {
		err = -errno;
		goto out;
	}
	if ((flags & READ_REGULAR) && !S_ISREG(st.st_mode)) {
		err = S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
		goto out;
	}
	if (mode)
		*mode = st.st_mode & 07777;
	err = read_fd(fd, max, data, len);
out:
	if (fd != STDIN_FILENO)
		close(fd);
	return err;
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

int write_atomic(const char *path, const void *data, size_t len, mode_t mode,
		 unsigned int flags)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir, *tmp = NULL;
	int fd, dfd, err;

	if (!*base)
		return -EISDIR;
	dir = slash ? strndup(path, slash - path) : strdup(".");
	if (!dir)
		return -ENOMEM;
	if (asprintf(&tmp, "%s%s.%s.XXXXXX", slash ? dir : "",
		     slash ? "/" : "", base) < 0) {
		tmp = NULL;
		err = -ENOMEM;
		goto out;
	}
	if (flags & WRITE_MKDIR) {
		err = mkdir_p(dir);
		if (err)
			goto out;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	err = write_all(fd, data, len);
	if (!err && fchmod(fd, mode) < 0)
		err = -errno;
	if (!err && (flags & WRITE_SYNC) && fsync(fd) < 0)
		err = -errno;
	if (close(fd) < 0 && !err)
		err = -errno;
	if (!err && rename(tmp, path) < 0)
		err = -errno;
	if (err) {
		unlink(tmp);
		goto out;
	}
	if (flags & WRITE_SYNC) {
		/* make the rename itself durable */
		dfd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
out:
	free(tmp);
	free(dir);
	return err;
}

/* Is @path a regular file holding exactly @data? */
static int same_contents(const char *path, const void *data, size_t len)
{
	size_t old_len;
	char *old;
	int same;

	if (read_file(path, len, READ_REGULAR, &old, &old_len, NULL) != 0)
		return 0;
	same = old_len == len && memcmp(old, data, len) == 0;
	free(old);
	return same;
}

int write_if_changed(const char *path, const void *data, size_t len,
		     mode_t mode, unsigned int flags)
{
	int err;

	if (same_contents(path, data, len))
		return 0;
	err = write_atomic(path, data, len, mode, flags);
	return err ? err : 1;
}
