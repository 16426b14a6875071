// SPDX-License-Identifier: GPL-2.0
/*
 * Diagnostics.
 */
#include <stdio.h>
#include <string.h>

#include "diag.h"

struct diag_opts diag_opts;
unsigned int diag_errors;
unsigned int diag_warnings;
FILE *diag_out;

/* Whether the last diagnostic was printed, for diag_note(). */
static bool last_shown;
/* Whether the "too many errors" line has been printed. */
static bool capped;

void diag_init(void)
{
	int i;

	for (i = 0; i < NR_CHECKS; i++)
		diag_opts.level[i] = check_info[i].level;
	diag_opts.max_errors = 100;
	diag_errors = diag_warnings = 0;
	diag_out = stderr;
	last_shown = capped = false;
}

enum check_id diag_lookup(const char *name)
{
	int i;

	for (i = 0; i < NR_CHECKS; i++)
		if (strcmp(check_info[i].name, name) == 0)
			return i;
	return NR_CHECKS;
}

bool diag_set(const char *name, enum diag_level level)
{
	enum check_id id = diag_lookup(name);

	if (id == NR_CHECKS)
		return false;
	/* Errors make the input invalid: they cannot be lowered. */
	if (check_info[id].level == DIAG_ERROR)
		return level == DIAG_ERROR;
	diag_opts.level[id] = level;
	return true;
}

/* Print the source line of @pos and a caret under the range. */
static void show_source(const struct srcpos *pos)
{
	size_t len, i;
	const char *line;
	struct buf caret;
	int end;

	if (!pos->file || pos->first_line < 1)
		return;
	line = srcfile_line(pos->file, pos->first_line, &len);
	buf_init(&caret);
	/* Keep tabs so that the caret lines up in any terminal. */
	for (i = 0; i + 1 < (size_t)pos->first_column && i < len; i++)
		buf_putc(&caret, line[i] == '\t' ? '\t' : ' ');
	buf_putc(&caret, '^');
	end = pos->last_line == pos->first_line ? pos->last_column :
		(int)len;
	for (i = pos->first_column; (int)i < end && i < len; i++)
		buf_putc(&caret, line[i] == '\t' ? '\t' : '~');
	fprintf(diag_out, " %5d | %.*s\n       | %s\n", pos->first_line,
		(int)len, line, caret.s);
	buf_free(&caret);
}

static void vreport(const struct srcpos *pos, const char *what,
		    const char *check, const char *fmt, va_list ap)
{
	if (pos && pos->file)
		fprintf(diag_out, "%s:%d:%d: ", pos->file->name,
			pos->first_line, pos->first_column);
	else
		fprintf(diag_out, "%s: ", progname);
	fprintf(diag_out, "%s: ", what);
	vfprintf(diag_out, fmt, ap);
	if (check)
		fprintf(diag_out, " [%s]", check);
	fputc('\n', diag_out);
	if (pos)
		show_source(pos);
}

void diag(enum check_id id, const struct srcpos *pos, const char *fmt, ...)
{
	enum diag_level level = diag_opts.level[id];
	const char *what;
	va_list ap;

	last_shown = false;
	if (level == DIAG_OFF)
		return;
	if (level == DIAG_WARNING && diag_opts.werror)
		level = DIAG_ERROR;
	if (level == DIAG_ERROR) {
		diag_errors++;
		if (capped)
			return;
		if (diag_opts.max_errors && diag_errors > diag_opts.max_errors) {
			fprintf(diag_out, "%s: too many errors (%u), not reporting more\n",
				progname, diag_opts.max_errors);
			capped = true;
			return;
		}
		what = "error";
	} else {
		if (capped)
			return;
		diag_warnings++;
		what = "warning";
	}

	va_start(ap, fmt);
	vreport(pos, what, check_info[id].name, fmt, ap);
	va_end(ap);
	last_shown = true;
}

void diag_note(const struct srcpos *pos, const char *fmt, ...)
{
	va_list ap;

	if (!last_shown)
		return;
	va_start(ap, fmt);
	vreport(pos, "note", NULL, fmt, ap);
	va_end(ap);
}

void diag_file_error(const char *file, const char *fmt, ...)
{
	va_list ap;

	diag_errors++;
	fprintf(diag_out, "%s: error: ", file ? file : progname);
	va_start(ap, fmt);
	vfprintf(diag_out, fmt, ap);
	va_end(ap);
	fputc('\n', diag_out);
	last_shown = false;
}
