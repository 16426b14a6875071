// SPDX-License-Identifier: GPL-2.0
/*
 * edutest: exercise /dev/eduN, whichever build of the edu driver serves
 * it, and print what it saw; the same device gives the same output from
 * edu.ko and from edu-user.
 *
 *   edutest [-n ROUNDS] DEVICE
 *   edutest -b DEVICE
 *
 * Identification, liveness, the factorials 0 to 12, ROUNDS interrupt
 * round trips (each must add one interrupt to the driver's count), and
 * ROUNDS DMA round trips of patterns of EDU_IO_MAX bytes (4 KiB less the
 * byte QEMU 7.2 cannot move: edu.h), and a write of more is cut there.
 * Exit status 0 if all of it was right, 1 if not (a line says what), 2
 * for a bad command line.
 *
 * -b times the round trips instead (make bench): "BENCH NAME N NS" for N
 * of them in NS nanoseconds: ioctl (EDU_IOC_IDENT, a register read), irq
 * (EDU_IOC_IRQ: raise, handle, wake), write and read (EDU_IO_MAX bytes
 * through the DMA engine).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "edu.h"

static const char *dev;
static int failed;

static void fail(const char *what)
{
	printf("FAIL %s: %s\n", what, errno ? strerror(errno) : "wrong value");
	failed = 1;
	errno = 0;
}

static uint32_t factorial(uint32_t n)
{
	uint32_t f = 1;

	while (n > 1)
		f *= n--;
	return f;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* -b: each kind of round trip, timed; 0, or 1 after a failed one */
static int bench(int fd)
{
	static const struct {
		const char *name;
		unsigned int n;
	} rows[] = { { "ioctl", 2000 }, { "irq", 200 }, { "write", 10 },
		     { "read", 10 } };
	static unsigned char buf[EDU_IO_MAX];
	unsigned int r, i;
	uint64_t t0;
	__u64 count;
	__u32 v;
	int err = 0;

	memset(buf, 0x5a, sizeof(buf));
	for (r = 0; r < sizeof(rows) / sizeof(rows[0]) && !err; r++) {
		t0 = now_ns();
		for (i = 0; i < rows[r].n && !err; i++) {
			switch (r) {
			case 0:
				err = ioctl(fd, EDU_IOC_IDENT, &v);
				break;
			case 1:
				err = ioctl(fd, EDU_IOC_IRQ, &count);
				break;
			case 2:
				err = write(fd, buf, sizeof(buf)) != sizeof(buf);
				break;
			default:
				err = read(fd, buf, sizeof(buf)) != sizeof(buf);
				break;
			}
		}
		if (err)
			fail(rows[r].name);
		else
			printf("BENCH %s %u %llu\n", rows[r].name, rows[r].n,
			       (unsigned long long)(now_ns() - t0));
	}
	return err ? 1 : 0;
}

int main(int argc, char **argv)
{
	static unsigned char pattern[EDU_BUF_SIZE], back[EDU_BUF_SIZE];
	unsigned long rounds = 10, i, j;
	__u64 count, prev = 0;
	__u32 v, ident;
	int fd, opt, timing = 0;
	ssize_t n;

	while ((opt = getopt(argc, argv, "bn:")) != -1) {
		if (opt == 'b')
			timing = 1;
		else if (opt == 'n')
			rounds = strtoul(optarg, NULL, 10);
		else
			goto usage;
	}
	if (optind != argc - 1 || !rounds)
		goto usage;
	dev = argv[optind];
	fd = open(dev, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "edutest: %s: %s\n", dev, strerror(errno));
		return 1;
	}
	if (timing)
		return bench(fd);

	if (ioctl(fd, EDU_IOC_IDENT, &ident))
		fail("ident");
	else
		printf("ident 0x%08x: edu %u.%u\n", ident, ident >> 24,
		       (ident >> 16) & 0xff);

	for (i = 0; i < 8; i++) {
		__u32 w = 0x01234567u * (i + 1);

		v = w;
		if (ioctl(fd, EDU_IOC_LIVENESS, &v) || v != ~w) {
			fail("liveness");
			break;
		}
	}
	if (i == 8)
		printf("liveness: 8 values come back inverted\n");

	printf("factorials:");
	for (i = 0; i <= 12; i++) {
		v = i;
		if (ioctl(fd, EDU_IOC_FACTORIAL, &v)) {
			printf("\n");
			fail("factorial");
			break;
		}
		printf(" %u", v);
		if (v != factorial(i)) {
			printf("\n");
			fail("factorial");
			break;
		}
	}
	if (i > 12)
		printf("\n");

	for (i = 0; i < rounds; i++) {
		if (ioctl(fd, EDU_IOC_IRQ, &count)) {
			fail("interrupt");
			break;
		}
		if (i && count != prev + 1) {
			printf("interrupt count went from %llu to %llu\n",
			       (unsigned long long)prev, (unsigned long long)count);
			fail("interrupt");
			break;
		}
		prev = count;
	}
	if (i == rounds)
		printf("interrupts: %lu round trips, one interrupt each\n", rounds);

	for (i = 0; i < rounds; i++) {
		for (j = 0; j < sizeof(pattern); j++)
			pattern[j] = (unsigned char)(j * 7 + i * 13 + (j >> 8));
		memset(back, 0, sizeof(back));
		/* a write of the whole buffer moves what the device can */
		n = write(fd, pattern, sizeof(pattern));
		if (n != EDU_IO_MAX) {
			fail("DMA write");
			break;
		}
		n = read(fd, back, EDU_IO_MAX);
		if (n != EDU_IO_MAX || memcmp(pattern, back, EDU_IO_MAX)) {
			fail("DMA read");
			break;
		}
	}
	if (i == rounds)
		printf("DMA: %lu round trips of %d bytes, each byte back\n", rounds,
		       EDU_IO_MAX);

	if (ioctl(fd, _IO('E', 99)) == 0 || errno != ENOTTY)
		fail("unknown ioctl is not ENOTTY");
	else
		printf("unknown ioctl: ENOTTY\n");
	errno = 0;
	close(fd);
	return failed;

usage:
	fprintf(stderr, "usage: edutest [-n ROUNDS] DEVICE\n       edutest -b DEVICE\n");
	return 2;
}
