// SPDX-License-Identifier: GPL-2.0
/*
 * hello: the module program of modstub's examples.  The same source is a
 * kernel module program (make; ./hello ...) and a user-space program
 * (cc -o hello-user hello.c): it prints its arguments, one per line, with
 * their lengths, and exits with the status its first argument gives
 * ("hello 42" exits 42; no argument: 0).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	int i, status = 0;

	printf("hello from %s, %d argument%s\n", argv[0], argc - 1,
	       argc == 2 ? "" : "s");
	for (i = 1; i < argc; i++)
		printf("argv[%d] = \"%s\" (%zu bytes)\n", i, argv[i],
		       strlen(argv[i]));
	if (argc > 1) {
		char *end;

		status = (int)strtol(argv[1], &end, 10);
		if (*end || end == argv[1]) {
			fprintf(stderr, "%s: not a status: %s\n", argv[0], argv[1]);
			return 2;
		}
	}
	return status;
}
