/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Messages of the tools, all in one format, GCC's:
 *
 *	WHERE: LEVEL: MESSAGE [TAG]
 *
 * WHERE is a position (file:line:col), a file, or the name of the program
 * when there is nothing more precise; LEVEL is error, warning or note; TAG,
 * when given, is the name of the check that raised the message.  Every
 * tool prints what it has to say about its input through these functions,
 * and usage errors through usage_error().
 */
#ifndef LIB_MSG_H
#define LIB_MSG_H

#include <stdarg.h>
#include <stdio.h>

#include "util.h"

enum msg_level {
	MSG_ERROR,
	MSG_WARNING,
	MSG_NOTE,
};

/* The program's name, set by its main() before any message. */
extern const char *progname;
/* Where messages go: standard error unless changed. */
extern FILE *msg_out;

/* Print one message; @where NULL means progname, @tag NULL means none. */
void vmsg(enum msg_level level, const char *where, const char *tag,
	  const char *fmt, va_list ap) PRINTF(4, 0);
void msg(enum msg_level level, const char *where, const char *fmt, ...)
	PRINTF(3, 4);

#define pr_error(where, ...)	msg(MSG_ERROR, where, __VA_ARGS__)
#define pr_warning(where, ...)	msg(MSG_WARNING, where, __VA_ARGS__)
#define pr_note(where, ...)	msg(MSG_NOTE, where, __VA_ARGS__)

/*
 * A bad command line: "PROG: error: MESSAGE" and a pointer to --help, then
 * exit status 2.
 */
void NORETURN usage_error(const char *fmt, ...) PRINTF(1, 2);

/*
 * The usage error for what getopt_long() stopped at when it returned @c,
 * ':' (a missing argument: the option string starts with ':') or '?',
 * with opterr 0; @cmd, if not NULL, is a command that the message names.
 */
void NORETURN usage_error_getopt(int c, char **argv, const char *cmd);

#endif /* LIB_MSG_H */
