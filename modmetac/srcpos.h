/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Source files and positions.
 */
#ifndef MODMETAC_SRCPOS_H
#define MODMETAC_SRCPOS_H

#include <stddef.h>

/* A source file, read whole into memory. */
struct srcfile {
	const char *name;	/* as given on the command line */
	char *text;		/* contents, NUL-terminated */
	size_t len;		/* length without the terminating NUL */
	size_t *lines;		/* offset of the start of each line */
	size_t nlines;
};

/*
 * A range of a source file; lines and columns count from 1, columns in
 * bytes.  This is the parser's YYLTYPE.
 */
struct srcpos {
	int first_line;
	int first_column;
	int last_line;
	int last_column;
	const struct srcfile *file;
};

int srcfile_read(struct srcfile *sf, const char *name);
/* A copy of the @len bytes at @data, as if read from a file @name. */
void srcfile_from_memory(struct srcfile *sf, const char *name,
			 const void *data, size_t len);
void srcfile_free(struct srcfile *sf);

/* Line @line (from 1) of @sf, without its newline, and its length. */
const char *srcfile_line(const struct srcfile *sf, int line, size_t *len);

#endif /* MODMETAC_SRCPOS_H */
