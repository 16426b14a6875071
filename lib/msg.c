// SPDX-License-Identifier: GPL-2.0
/*
 * Messages: the one printer of the tools (see msg.h).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

const char *progname = "modstub";
FILE *msg_out;

static const char *const level_names[] = {
	[MSG_ERROR]	= "error",
	[MSG_WARNING]	= "warning",
	[MSG_NOTE]	= "note",
};

void vmsg(enum msg_level level, const char *where, const char *tag,
	  const char *fmt, va_list ap)
{
	FILE *f = msg_out ? msg_out : stderr;
	char *text;

	/* one line, one write on an unbuffered stream: the lines of
	 * processes that share it (a daemon's and its children's) do not
	 * mix */
	if (vasprintf(&text, fmt, ap) < 0) {
		fprintf(f, "%s: %s: (out of memory)\n", where ? where : progname,
			level_names[level]);
		return;
	}
	fprintf(f, "%s: %s: %s%s%s%s\n", where ? where : progname,
		level_names[level], text, tag ? " [" : "", tag ? tag : "",
		tag ? "]" : "");
	free(text);
}

void msg(enum msg_level level, const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(level, where, NULL, fmt, ap);
	va_end(ap);
}

void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(MSG_ERROR, NULL, NULL, fmt, ap);
	va_end(ap);
	fprintf(msg_out ? msg_out : stderr,
		"Try '%s --help' for more information.\n", progname);
	exit(2);
}

void usage_error_getopt(int c, char **argv, const char *cmd)
{
	const char *arg = argv[optind - 1];
	const char *sep = cmd ? ": " : "";
	char opt[3] = { '-', (char)optopt, '\0' };

	cmd = cmd ? cmd : "";
	/* a short option, alone or in a cluster: name the letter */
	if (strncmp(arg, "--", 2) != 0 && optopt > 0 && optopt < 128)
		arg = opt;
	if (c == ':')
		usage_error("%s%soption '%s' needs an argument", cmd, sep, arg);
	if (strncmp(arg, "--", 2) == 0 && optopt)
		usage_error("%s%soption '%s' takes no argument", cmd, sep, arg);
	usage_error("%s%sunknown option '%s'", cmd, sep, arg);
}
