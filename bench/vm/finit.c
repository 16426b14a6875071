// SPDX-License-Identifier: GPL-2.0
/*
 * finit MODULE.ko: load MODULE.ko with finit_module(2) and print how many
 * nanoseconds the system call took (CLOCK_MONOTONIC): the kernel's side of
 * a modprobe, without modprobe and without a tracer, for the load-time
 * rows of bench/vm/bench.sh.  Built static by bench/bench.sh.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec a, b;
	long ret;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: finit MODULE.ko\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	ret = syscall(SYS_finit_module, fd, "", 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (ret) {
		perror("finit_module");
		return 1;
	}
	printf("%lld\n", (long long)(b.tv_sec - a.tv_sec) * 1000000000LL +
	       (b.tv_nsec - a.tv_nsec));
	return 0;
}
