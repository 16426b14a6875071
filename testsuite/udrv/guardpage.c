// SPDX-License-Identifier: GPL-2.0
/*
 * guardpage: a page of this process's memory for a device to be kept
 * from.  It finds a page whose physical address is in [16 MiB, 4 GiB)
 * (within reach of the test machine's edu devices, whose DMA addresses
 * have 32 bits, and away from the IOVAs udrv gives its buffers), locks
 * it, fills it,
 * prints its physical address (/proc/self/pagemap: root only) and waits
 * for SIGUSR1 (60 s at most); then exits 0 if the page is as it was, 1
 * if any byte changed (or no such page was found), 2 on other errors.
 *
 * udrv_edu has edu-user with fault=dma write the device's buffer there:
 * the IOMMU must stop it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define CHUNK		(64UL << 20)
#define CHUNKS		8
#define LOW		(16ULL << 20)
#define HIGH		(4ULL << 30)
#define FILL		0x5a

int main(void)
{
	struct timespec timeout = { 60, 0 };
	long psize = sysconf(_SC_PAGESIZE);
	unsigned char *page = NULL, *chunk;
	uint64_t entry, phys = 0;
	sigset_t usr1;
	unsigned long c, off;
	int fd;
	long i;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd < 0) {
		perror("guardpage: /proc/self/pagemap");
		return 2;
	}
	for (c = 0; c < CHUNKS && !page; c++) {
		chunk = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE | MAP_LOCKED,
			     -1, 0);
		if (chunk == MAP_FAILED) {
			perror("guardpage: mmap");
			return 2;
		}
		for (off = 0; off < CHUNK; off += psize) {
			if (pread(fd, &entry, sizeof(entry),
				  ((uintptr_t)chunk + off) / psize * sizeof(entry)) !=
			    sizeof(entry)) {
				perror("guardpage: pagemap");
				return 2;
			}
			/* present, and a PFN (zero without CAP_SYS_ADMIN) */
			phys = (entry & ((1ULL << 55) - 1)) * psize;
			if ((entry >> 63) && phys >= LOW && phys + psize <= HIGH) {
				page = chunk + off;
				break;
			}
		}
	}
	close(fd);
	if (!page) {
		fprintf(stderr, "guardpage: no page of %lu MiB is below %llu MiB\n",
			CHUNKS * (CHUNK >> 20), HIGH >> 20);
		return 1;
	}
	memset(page, FILL, psize);
	printf("%#llx\n", (unsigned long long)phys);
	fflush(stdout);
	if (sigtimedwait(&usr1, NULL, &timeout) < 0)
		fprintf(stderr, "guardpage: no SIGUSR1 in %ld s\n", (long)timeout.tv_sec);
	for (i = 0; i < psize; i++) {
		if (page[i] != FILL) {
			printf("changed: byte %ld is 0x%02x\n", i, page[i]);
			return 1;
		}
	}
	printf("intact\n");
	return 0;
}
