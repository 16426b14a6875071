// SPDX-License-Identifier: GPL-2.0
/*
 * kcat: copies standard input to standard output, as cat(1) with no
 * argument, in blocks; exits 1 if a read or a write fails.  The same
 * source builds as a module program and as a user-space program.
 */
#include <stdio.h>
#include <stdlib.h>

#define BLOCK	65536

int main(int argc, char **argv)
{
	/* not static: the instances of a module program share its data */
	char *buf = malloc(BLOCK);
	size_t n;

	(void)argc;
	if (!buf) {
		fprintf(stderr, "%s: out of memory\n", argv[0]);
		return 1;
	}
	while ((n = fread(buf, 1, BLOCK, stdin)) > 0) {
		if (fwrite(buf, 1, n, stdout) != n) {
			fprintf(stderr, "%s: write error\n", argv[0]);
			return 1;
		}
	}
	if (ferror(stdin)) {
		fprintf(stderr, "%s: read error\n", argv[0]);
		return 1;
	}
	free(buf);
	return 0;
}
