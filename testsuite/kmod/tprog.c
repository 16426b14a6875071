// SPDX-License-Identifier: GPL-2.0
/*
 * tprog: the module program of the kernel tests (program_*.sh).
 * "tprog MODE ARG...":
 *   args ...       print each argument (argv[1] on) as hex bytes, one a line
 *   exit N         return N from main
 *   abort          abort()
 *   exitthread N   a thread calls exit(N) while main waits in sleep()
 *   wait           until SIGINT or SIGTERM: print which, return 42 or 43
 *   hold BYTES     malloc BYTES, touch them, say "held", ignore SIGTERM
 *                  and sleep until stopped
 *   threads N      start N threads that sleep forever, return 7
 *   noread SECS    sleep SECS without reading stdin, return 0
 *   atexit         register two handlers that print, then return 3
 *   write BYTES    write BYTES zero bytes to stdout, 64 KiB at a time
 *   nomem          malloc() of 1 TiB: NULL and ENOMEM give 0
 *   join           pthread_join() of a bad handle, of itself, of a thread
 *                  twice: print the errors and what the thread returned
 *   crash WHERE    dereference NULL: in main (WHERE 0), or in a thread
 *                  while main and another thread sleep (WHERE 1)
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int sig_seen;	/* one instance at a time uses it: the wait test */

static void on_signal(int sig)
{
	sig_seen = sig;
}

static void *exiter(void *arg)
{
	usleep(100000);
	exit((int)(long)arg);
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		sleep(1);
	return NULL;
}

static void *returner(void *arg)
{
	return arg;
}

static void *crasher(void *arg)
{
	int *volatile p = arg;

	usleep(100000);
	return (void *)(long)*p;
}

static void first(void)
{
	puts("atexit first registered, runs last");
}

static void second(void)
{
	puts("atexit second registered, runs first");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	long n = argc > 2 ? strtol(argv[2], NULL, 0) : 0;
	int i;

	if (strcmp(mode, "args") == 0) {
		for (i = 2; i < argc; i++) {
			const unsigned char *p = (const unsigned char *)argv[i];

			for (; *p; p++)
				printf("%02x", *p);
			putchar('\n');
		}
		return 0;
	}
	if (strcmp(mode, "exit") == 0)
		return n;
	if (strcmp(mode, "abort") == 0)
		abort();
	if (strcmp(mode, "exitthread") == 0) {
		pthread_t t;

		if (pthread_create(&t, NULL, exiter, (void *)n))
			return 100;
		for (;;)
			sleep(1);
	}
	if (strcmp(mode, "wait") == 0) {
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		puts("waiting");
		while (!sig_seen)
			sleep(1);
		printf("stopped by signal %d\n", sig_seen);
		return sig_seen == SIGINT ? 42 : 43;
	}
	if (strcmp(mode, "hold") == 0) {
		char *p = malloc(n);

		if (!p)
			return 100;
		memset(p, 0x5a, n);
		signal(SIGTERM, SIG_IGN);
		puts("held");
		for (;;)
			sleep(1);
	}
	if (strcmp(mode, "threads") == 0) {
		for (i = 0; i < n; i++) {
			pthread_t t;

			if (pthread_create(&t, NULL, sleeper, NULL))
				return 100;
		}
		puts("started");
		return 7;
	}
	if (strcmp(mode, "noread") == 0) {
		sleep(n);
		return 0;
	}
	if (strcmp(mode, "write") == 0) {
		char *buf = calloc(1, 65536);

		if (!buf)
			return 100;
		while (n > 0) {
			size_t c = n < 65536 ? n : 65536;

			if (fwrite(buf, 1, c, stdout) != c)
				return 1;
			n -= c;
		}
		free(buf);
		return 0;
	}
	if (strcmp(mode, "nomem") == 0) {
		void *p = malloc((size_t)1 << 40);

		if (p)
			return 1;
		return errno == ENOMEM ? 0 : 2;
	}
	if (strcmp(mode, "atexit") == 0) {
		atexit(first);
		atexit(second);
		return 3;
	}
	if (strcmp(mode, "join") == 0) {
		pthread_t t;
		void *ret = NULL;

		printf("bad %d\n", pthread_join((pthread_t)&ret, NULL));
		printf("self %d\n", pthread_join(pthread_self(), NULL));
		if (pthread_create(&t, NULL, returner, (void *)42L))
			return 100;
		i = pthread_join(t, &ret);
		printf("first %d %ld\n", i, (long)ret);
		printf("again %d\n", pthread_join(t, NULL));
		return 0;
	}
	if (strcmp(mode, "crash") == 0) {
		int *volatile p = NULL;
		pthread_t t;

		puts("crashing");
		fflush(stdout);
		if (!n)
			return *p;
		if (pthread_create(&t, NULL, crasher, NULL) ||
		    pthread_create(&t, NULL, sleeper, NULL))
			return 100;
		for (;;)
			sleep(1);
	}
	fprintf(stderr, "%s: unknown mode '%s'\n", argv[0], mode);
	return 2;
}
