// SPDX-License-Identifier: GPL-2.0
/*
 * Source files and positions.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file.h"
#include "srcpos.h"
#include "util.h"

/*
 * Give @sf the @len bytes of @text, malloc'ed with room for a NUL, and
 * index its lines.
 */
static void set_text(struct srcfile *sf, const char *name, char *text,
		     size_t len)
{
	size_t nl = 0, i;

	text[len] = '\0';
	for (i = 0; i < len; i++)
		nl += text[i] == '\n';
	sf->lines = xmalloc((nl + 1) * sizeof(*sf->lines));
	sf->lines[0] = 0;
	sf->nlines = 1;
	for (i = 0; i < len; i++)
		if (text[i] == '\n' && i + 1 <= len)
			sf->lines[sf->nlines++] = i + 1;

	sf->name = name;
	sf->text = text;
	sf->len = len;
}

/* The largest input read: a .modmeta file is a few KiB. */
#define SRCFILE_MAX	(256UL << 20)

/* Read all of @name into @sf; "-" is standard input.  Returns 0 or -errno. */
int srcfile_read(struct srcfile *sf, const char *name)
{
	size_t len;
	char *text;
	int err;

	memset(sf, 0, sizeof(*sf));
	err = read_file(name, SRCFILE_MAX, 0, &text, &len, NULL);
	if (err)
		return err;
	set_text(sf, name, text, len);
	return 0;
}

void srcfile_from_memory(struct srcfile *sf, const char *name,
			 const void *data, size_t len)
{
	char *text = xmalloc(len + 1);

	memset(sf, 0, sizeof(*sf));
	if (len)
		memcpy(text, data, len);
	set_text(sf, name, text, len);
}

void srcfile_free(struct srcfile *sf)
{
	free(sf->text);
	free(sf->lines);
	memset(sf, 0, sizeof(*sf));
}

const char *srcfile_line(const struct srcfile *sf, int line, size_t *len)
{
	size_t start, end;

	if (line < 1 || (size_t)line > sf->nlines) {
		*len = 0;
		return "";
	}
	start = sf->lines[line - 1];
	end = start;
	while (end < sf->len && sf->text[end] != '\n')
		end++;
	if (end > start && sf->text[end - 1] == '\r')
		end--;
	*len = end - start;
	return sf->text + start;
}
