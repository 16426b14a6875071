// SPDX-License-Identifier: GPL-2.0
/*
 * kupper: copies standard input to standard output with ASCII letters in
 * upper case, a line at a time.  The same source builds as a module
 * program and as a user-space program.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#define LINE	4096

int main(int argc, char **argv)
{
	/* from malloc(): a kernel thread's stack is 16 KiB in all */
	char *line = malloc(LINE);
	int status = 0;

	(void)argc;
	if (!line) {
		fprintf(stderr, "%s: out of memory\n", argv[0]);
		return 1;
	}
	while (fgets(line, LINE, stdin)) {
		char *p;

		for (p = line; *p; p++)
			*p = toupper((unsigned char)*p);
		if (fputs(line, stdout) == EOF) {
			status = 1;
			break;
		}
	}
	free(line);
	return status;
}
