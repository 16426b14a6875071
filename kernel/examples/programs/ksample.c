// SPDX-License-Identifier: GPL-2.0
/*
 * ksample: samples a value of the kernel at a fixed interval, in the
 * data-acquisition style: a thread takes a sample every INTERVAL ms and
 * writes a line "SEQ MS VALUE" to stdout, until COUNT samples (0: no
 * limit) or until SIGINT or SIGTERM, then main prints "N samples" and
 * exits 0.  The value is the memory available, in KiB: si_mem_available()
 * in the module program, sysconf() in the user-space build (the one part
 * that differs).
 *
 *	ksample [INTERVAL_MS [COUNT]]	(defaults: 100, 0)
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#ifdef __KERNEL__
#include <linux/mm.h>

static long available_kib(void)
{
	return si_mem_available() * (PAGE_SIZE / 1024);
}
#else
static long available_kib(void)
{
	return sysconf(_SC_AVPHYS_PAGES) * (sysconf(_SC_PAGESIZE) / 1024);
}
#endif

/*
 * What main and the sampling thread share: per instance, in main's frame.
 * stop is set once by main; the thread reads it again after each call it
 * makes (usleep(), printf()), which the compiler cannot see through.
 */
struct sampler {
	long interval_ms;
	long count;
	int stop;
	long taken;
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *sample(void *arg)
{
	struct sampler *s = arg;
	long t0 = now_ms(), next = t0;

	while (!s->stop && (!s->count || s->taken < s->count)) {
		long now = now_ms();

		if (now < next) {
			usleep((next - now) * 1000);
			continue;
		}
		printf("%ld %ld %ld\n", s->taken, now - t0, available_kib());
		s->taken++;
		next += s->interval_ms;
	}
	return NULL;
}

/* A signal only wakes main's pause(): the handler needs no state */
static void wake(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	struct sampler s = { 100, 0, 0, 0 };
	pthread_t t;

	if (argc > 1)
		s.interval_ms = strtol(argv[1], NULL, 10);
	if (argc > 2)
		s.count = strtol(argv[2], NULL, 10);
	if (s.interval_ms <= 0 || s.count < 0) {
		fprintf(stderr, "usage: %s [INTERVAL_MS [COUNT]]\n", argv[0]);
		return 2;
	}
	signal(SIGINT, wake);
	signal(SIGTERM, wake);
	if (pthread_create(&t, NULL, sample, &s)) {
		fprintf(stderr, "%s: cannot start the sampling thread\n", argv[0]);
		return 1;
	}
	if (s.count) {
		pthread_join(t, NULL);
	} else {
		pause();
		s.stop = 1;
		pthread_join(t, NULL);
	}
	fprintf(stderr, "%ld samples\n", s.taken);
	return 0;
}
