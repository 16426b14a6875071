// SPDX-License-Identifier: GPL-2.0
/*
 * bwrite: the module program of the benchmark, also built as a user-space
 * program from this source.  "bwrite N" writes N zero bytes to stdout in
 * blocks of 64 KiB and exits; "bwrite wait" sleeps until SIGINT or SIGTERM.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK	65536

static void wake(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	long n;
	char *buf;

	if (argc != 2) {
		fprintf(stderr, "usage: %s BYTES | wait\n", argv[0]);
		return 2;
	}
	if (strcmp(argv[1], "wait") == 0) {
		signal(SIGINT, wake);
		signal(SIGTERM, wake);
		puts("waiting");
		pause();
		return 0;
	}
	n = strtol(argv[1], NULL, 10);
	buf = calloc(1, BLOCK);
	if (!buf)
		return 1;
	while (n > 0) {
		size_t c = n < BLOCK ? n : BLOCK;

		if (fwrite(buf, 1, c, stdout) != c)
			return 1;
		n -= c;
	}
	free(buf);
	return 0;
}
