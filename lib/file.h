/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a whole file, and replacing one so that no reader ever sees half
 * of it.  Functions return 0 (or what they say) or a negative errno, and
 * print nothing: the caller knows what the file is for, and says so.
 */
#ifndef LIB_FILE_H
#define LIB_FILE_H

#include <stddef.h>
#include <sys/types.h>

/* read_file() flags */
enum {
	READ_REGULAR	= 1 << 0,	/* only a regular file (-EINVAL else),
					   opened without blocking on a FIFO */
};

/*
 * Read all of @fd into a new buffer *@data of *@len bytes, followed by a
 * NUL that is not counted (free() it).  -EFBIG if it holds more than @max
 * bytes, -EISDIR for a directory.
 */
int read_fd(int fd, size_t max, char **data, size_t *len);

/*
 * read_fd() on @path, "-" being standard input; *@mode (if @mode is not
 * NULL) gets the file's permission bits.
 */
int read_file(const char *path, size_t max, unsigned int flags, char **data,
	      size_t *len, mode_t *mode);

/* write_atomic() flags */
enum {
	WRITE_MKDIR	= 1 << 0,	/* create missing directories (0755) */
	WRITE_SYNC	= 1 << 1,	/* fsync the file, and its directory
					   after the rename */
};

/*
 * Replace @path with the @len bytes of @data, with mode @mode: written to a
 * temporary file beside it (".NAME.XXXXXX") and renamed over it, so that
 * a reader sees the old file or the new one, and a failure leaves the old
 * one in place.
 */
int write_atomic(const char *path, const void *data, size_t len, mode_t mode,
		 unsigned int flags);

/*
 * write_atomic() unless @path already is a regular file holding exactly
 * @data (then it is not touched, and make sees no change).  Returns 0 if
 * unchanged, 1 if written.
 */
int write_if_changed(const char *path, const void *data, size_t len,
		     mode_t mode, unsigned int flags);

#endif /* LIB_FILE_H */
