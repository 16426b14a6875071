// SPDX-License-Identifier: GPL-2.0
/*
 * Diagnostics: the levels and counts of the checks, and the source line
 * under each message; the message itself is printed by lib/msg.c.
 */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "msg.h"

struct diag_opts diag_opts;
unsigned int diag_errors;
unsigned int diag_warnings;

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
	fprintf(msg_out ? msg_out : stderr, " %5d | %.*s\n       | %s\n",
		pos->first_line,
		(int)len, line, caret.s);
	buf_free(&caret);
}

static void PRINTF(4, 0) vreport(const struct srcpos *pos,
				  enum msg_level level, const char *check,
				  const char *fmt, va_list ap)
{
	if (pos && pos->file) {
		struct buf where;

		buf_init(&where);
		buf_printf(&where, "%s:%d:%d", pos->file->name,
			   pos->first_line, pos->first_column);
		vmsg(level, where.s, check, fmt, ap);
		buf_free(&where);
	} else {
		vmsg(level, NULL, check, fmt, ap);
	}
	if (pos)
		show_source(pos);
}

void diag(enum check_id id, const struct srcpos *pos, const char *fmt, ...)
{
	enum diag_level level = diag_opts.level[id];
	enum msg_level what;
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
			pr_note(NULL, "too many errors (%u), not reporting more",
				diag_opts.max_errors);
			capped = true;
			return;
		}
		what = MSG_ERROR;
	} else {
		if (capped)
			return;
		diag_warnings++;
		what = MSG_WARNING;
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
	vreport(pos, MSG_NOTE, NULL, fmt, ap);
	va_end(ap);
}

void diag_file_error(const char *file, const char *fmt, ...)
{
	va_list ap;

	diag_errors++;
	va_start(ap, fmt);
	vmsg(MSG_ERROR, file, NULL, fmt, ap);
	va_end(ap);
	last_shown = false;
}
