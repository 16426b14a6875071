// SPDX-License-Identifier: GPL-2.0
/*
 * The C environment of module programs: the functions that
 * <modstub/libc/modrun_env.h> declares, which the program's <stdio.h>,
 * <stdlib.h> and the rest name with their C names.  Each finds the
 * instance of the thread that calls it (modrun.c); called from anywhere
 * else (a program's own kernel code running in another context, say), it
 * fails, with one warning.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "env.h"

FILE modrun_std[3] = { { 0 }, { 1 }, { 2 } };
EXPORT_SYMBOL_GPL(modrun_std);

/* The calling thread, or NULL (and a warning, once) if it is none of ours */
static struct modrun_thread *self(const char *fn)
{
	struct modrun_thread *t = run_self();

	if (!t)
		pr_warn_once("%s() called outside a module program's thread\n",
			     fn);
	return t;
}

/* A result of -errno becomes -1 with errno set, as in the C library */
static long errno_ret(struct modrun_thread *t, long ret)
{
	if (ret >= 0)
		return ret;
	t->err = -ret;
	return -1;
}

static bool stream_ok(const FILE *f)
{
	return f >= &modrun_std[0] && f <= &modrun_std[2];
}

/*
 * The bytes fwrite() or fread() (@in) of @n items of @size move on @f, in
 * *@len: false if there are none to move, or (errno set) if @f is not a
 * stream of that direction or the product overflows.
 */
static bool stream_len(struct modrun_thread *t, FILE *f, bool in,
		       size_t size, size_t n, size_t *len)
{
	if (!stream_ok(f) || (f->fd == 0) != in) {
		errno_ret(t, -EBADF);
		return false;
	}
	if (check_mul_overflow(size, n, len)) {
		errno_ret(t, -EOVERFLOW);
		return false;
	}
	return *len;
}

/* <unistd.h> */

ssize_t modrun_write(int fd, const void *buf, size_t len)
{
	struct modrun_thread *t = self(__func__);

	if (!t)
		return -1;
	if (fd != 1 && fd != 2)
		return errno_ret(t, -EBADF);
	return errno_ret(t, run_out(t, fd, buf, len));
}
EXPORT_SYMBOL_GPL(modrun_write);

ssize_t modrun_read(int fd, void *buf, size_t len)
{
	struct modrun_thread *t = self(__func__);

	if (!t)
		return -1;
	if (fd != 0)
		return errno_ret(t, -EBADF);
	return errno_ret(t, run_in(t, buf, len));
}
EXPORT_SYMBOL_GPL(modrun_read);

unsigned int modrun_sleep(unsigned int seconds)
{
	struct modrun_thread *t = self(__func__);

	if (!t)
		return seconds;
	return DIV_ROUND_UP_ULL(run_sleep(t, (u64)seconds * NSEC_PER_SEC),
				NSEC_PER_SEC);
}
EXPORT_SYMBOL_GPL(modrun_sleep);

int modrun_usleep(unsigned long usec)
{
	struct modrun_thread *t = self(__func__);

	if (!t)
		return -1;
	if (run_sleep(t, (u64)usec * NSEC_PER_USEC))
		return errno_ret(t, -EINTR);
	return 0;
}
EXPORT_SYMBOL_GPL(modrun_usleep);

/* Until a signal's handler has run: then -1, EINTR */
int modrun_pause(void)
{
	struct modrun_thread *t = self(__func__);

	if (!t)
		return -1;
	while (!run_sleep(t, U64_MAX / 2))
		;
	return errno_ret(t, -EINTR);
}
EXPORT_SYMBOL_GPL(modrun_pause);

/* <stdio.h> */

int modrun_vfprintf(FILE *f, const char *fmt, va_list ap)
{
	char small[256], *buf = small;
	va_list aq;
	ssize_t n;
	int len;
	struct modrun_thread *t = self(__func__);

	if (!t)
		return -1;
	if (!stream_ok(f) || f->fd == 0)
		return errno_ret(t, -EBADF);
	va_copy(aq, ap);
	len = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (len >= (int)sizeof(small)) {
		buf = kvasprintf(GFP_KERNEL, fmt, ap);
		if (!buf)
			return errno_ret(t, -ENOMEM);
	}
	n = run_out(t, f->fd, buf, len);
	if (buf != small)
		kfree(buf);
	if (n < 0) {
		*run_stream_flag(t, f->fd, true) = true;
		return errno_ret(t, n);
	}
	return len;
}
EXPORT_SYMBOL_GPL(modrun_vfprintf);

int modrun_vprintf(const char *fmt, va_list ap)
{
	return modrun_vfprintf(&modrun_std[1], fmt, ap);
}
EXPORT_SYMBOL_GPL(modrun_vprintf);

int modrun_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = modrun_vfprintf(&modrun_std[1], fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL_GPL(modrun_printf);

int modrun_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = modrun_vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL_GPL(modrun_fprintf);

size_t modrun_fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	size_t len;
	ssize_t done;
	struct modrun_thread *t = self(__func__);

	if (!t)
		return 0;
	if (!stream_len(t, f, false, size, n, &len))
		return 0;
	done = run_out(t, f->fd, p, len);
	if (done < 0) {
		*run_stream_flag(t, f->fd, true) = true;
		errno_ret(t, done);
		return 0;
	}
	return done / size;
}
EXPORT_SYMBOL_GPL(modrun_fwrite);

int modrun_fputs(const char *s, FILE *f)
{
	size_t len = strlen(s);

	return modrun_fwrite(s, 1, len, f) == len ? 0 : MODRUN_EOF;
}
EXPORT_SYMBOL_GPL(modrun_fputs);

int modrun_puts(const char *s)
{
	if (modrun_fputs(s, &modrun_std[1]) == MODRUN_EOF ||
	    modrun_fwrite("\n", 1, 1, &modrun_std[1]) != 1)
		return MODRUN_EOF;
	return 0;
}
EXPORT_SYMBOL_GPL(modrun_puts);

int modrun_fputc(int c, FILE *f)
{
	unsigned char b = c;

	return modrun_fwrite(&b, 1, 1, f) == 1 ? b : MODRUN_EOF;
}
EXPORT_SYMBOL_GPL(modrun_fputc);

int modrun_putchar(int c)
{
	return modrun_fputc(c, &modrun_std[1]);
}
EXPORT_SYMBOL_GPL(modrun_putchar);

/* Nothing is buffered in the program: its output is in modrun's buffer */
int modrun_fflush(FILE *f)
{
	struct modrun_thread *t = self(__func__);

	if (!t)
		return MODRUN_EOF;
	if (f && !stream_ok(f))
		return errno_ret(t, -EBADF);
	return 0;
}
EXPORT_SYMBOL_GPL(modrun_fflush);

size_t modrun_fread(void *p, size_t size, size_t n, FILE *f)
{
	size_t len, done = 0;
	struct modrun_thread *t = self(__func__);

	if (!t)
		return 0;
	if (!stream_len(t, f, true, size, n, &len))
		return 0;
	/* fread() fills what it can: reads until len, end of file or error */
	while (done < len) {
		ssize_t r = run_in(t, (u8 *)p + done, len - done);

		if (r == -EINTR)
			continue;
		if (r < 0) {
			*run_stream_flag(t, 0, true) = true;
			errno_ret(t, r);
			break;
		}
		if (!r)
			break;
		done += r;
	}
	return done / size;
}
EXPORT_SYMBOL_GPL(modrun_fread);

int modrun_fgetc(FILE *f)
{
	unsigned char c;

	return modrun_fread(&c, 1, 1, f) == 1 ? c : MODRUN_EOF;
}
EXPORT_SYMBOL_GPL(modrun_fgetc);

int modrun_getchar(void)
{
	return modrun_fgetc(&modrun_std[0]);
}
EXPORT_SYMBOL_GPL(modrun_getchar);

char *modrun_fgets(char *s, int size, FILE *f)
{
	int i = 0, c = 0;

	if (size <= 0)
		return NULL;
	while (i < size - 1) {
		c = modrun_fgetc(f);
		if (c == MODRUN_EOF)
			break;
		s[i++] = c;
		if (c == '\n')
			break;
	}
	if (!i)
		return NULL;
	s[i] = '\0';
	return s;
}
EXPORT_SYMBOL_GPL(modrun_fgets);

/* The end-of-file (@err false) or error flag of @f */
static int stream_flag(FILE *f, bool err)
{
	struct modrun_thread *t = self(err ? "ferror" : "feof");

	if (!t)
		return 0;
	return stream_ok(f) && *run_stream_flag(t, f->fd, err);
}

int modrun_feof(FILE *f)
{
	return stream_flag(f, false);
}
EXPORT_SYMBOL_GPL(modrun_feof);

int modrun_ferror(FILE *f)
{
	return stream_flag(f, true);
}
EXPORT_SYMBOL_GPL(modrun_ferror);

void modrun_clearerr(FILE *f)
{
	struct modrun_thread *t = self(__func__);

	if (!t)
		return;
	if (stream_ok(f)) {
		*run_stream_flag(t, f->fd, false) = false;
		*run_stream_flag(t, f->fd, true) = false;
	}
}
EXPORT_SYMBOL_GPL(modrun_clearerr);

/* <stdlib.h> */

void *modrun_malloc(size_t size)
{
	void *p;
	struct modrun_thread *t = self(__func__);

	if (!t)
		return NULL;
	p = run_alloc(t, size, false);
	if (!p)
		errno_ret(t, -ENOMEM);
	return p;
}
EXPORT_SYMBOL_GPL(modrun_malloc);

void *modrun_calloc(size_t n, size_t size)
{
	size_t len;
	void *p;
	struct modrun_thread *t = self(__func__);

	if (!t)
		return NULL;
	if (check_mul_overflow(n, size, &len)) {
		errno_ret(t, -ENOMEM);
		return NULL;
	}
	p = run_alloc(t, len, true);
	if (!p)
		errno_ret(t, -ENOMEM);
	return p;
}
EXPORT_SYMBOL_GPL(modrun_calloc);

void *modrun_realloc(void *old, size_t size)
{
	void *p;
	struct modrun_thread *t = self(__func__);

	if (!t)
		return NULL;
	if (!old)
		return modrun_malloc(size);
	if (!size) {
		run_free(t, old);
		return NULL;
	}
	p = run_alloc(t, size, false);
	if (!p) {
		errno_ret(t, -ENOMEM);
		return NULL;
	}
	memcpy(p, old, min(size, run_alloc_size(old)));
	run_free(t, old);
	return p;
}
EXPORT_SYMBOL_GPL(modrun_realloc);

void modrun_free(void *p)
{
	struct modrun_thread *t = self(__func__);

	if (!t)
		return;
	run_free(t, p);
}
EXPORT_SYMBOL_GPL(modrun_free);

int modrun_atexit(void (*fn)(void))
{
	struct modrun_thread *t = self(__func__);

	if (!t)
		return -1;
	return run_atexit(t, fn) ? -1 : 0;
}
EXPORT_SYMBOL_GPL(modrun_atexit);

/*
 * The conversions of C: leading space, a sign, a base prefix for base 0
 * or 16 (0x) and 0 (octal), as many digits as there are; on overflow the
 * extreme value and ERANGE.  *@end gets where the digits stop (@s if
 * there were none).
 */
static unsigned long long strto(const char *s, char **end, int base,
				bool *neg, bool *over)
{
	const char *p = s, *digits;
	unsigned long long v = 0;

	*neg = *over = false;
	while (isspace(*p))
		p++;
	if (*p == '-' || *p == '+')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && tolower(p[1]) == 'x' &&
	    isxdigit(p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	digits = p;
	if (base >= 2 && base <= 36) {
		for (;; p++) {
			int d = isdigit(*p) ? *p - '0' :
				isalpha(*p) ? tolower(*p) - 'a' + 10 : 99;

			if (d >= base)
				break;
			if (v > (ULLONG_MAX - d) / base)
				*over = true;
			else
				v = v * base + d;
		}
	}
	if (end)
		*end = (char *)(p == digits ? s : p);
	return v;
}

long long modrun_strtoll(const char *s, char **end, int base)
{
	bool neg, over;
	unsigned long long v = strto(s, end, base, &neg, &over);

	if (over || v > (unsigned long long)LLONG_MAX + neg) {
		*modrun_errno_location() = ERANGE;
		return neg ? LLONG_MIN : LLONG_MAX;
	}
	return neg ? (long long)(0 - v) : (long long)v;
}
EXPORT_SYMBOL_GPL(modrun_strtoll);

unsigned long long modrun_strtoull(const char *s, char **end, int base)
{
	bool neg, over;
	unsigned long long v = strto(s, end, base, &neg, &over);

	if (over) {
		*modrun_errno_location() = ERANGE;
		return ULLONG_MAX;
	}
	return neg ? -v : v;
}
EXPORT_SYMBOL_GPL(modrun_strtoull);

long modrun_strtol(const char *s, char **end, int base)
{
	return modrun_strtoll(s, end, base);
}
EXPORT_SYMBOL_GPL(modrun_strtol);

unsigned long modrun_strtoul(const char *s, char **end, int base)
{
	return modrun_strtoull(s, end, base);
}
EXPORT_SYMBOL_GPL(modrun_strtoul);

int modrun_atoi(const char *s)
{
	return modrun_strtol(s, NULL, 10);
}
EXPORT_SYMBOL_GPL(modrun_atoi);

/* <signal.h> */

modrun_sighandler_t modrun_signal(int sig, modrun_sighandler_t h)
{
	modrun_sighandler_t old;
	struct modrun_thread *t = self(__func__);

	if (!t)
		return MODRUN_SIG_ERR;
	old = run_signal(t, sig, h);
	if (old == MODRUN_SIG_ERR)
		errno_ret(t, -EINVAL);
	return old;
}
EXPORT_SYMBOL_GPL(modrun_signal);

/* <time.h> */

int modrun_nanosleep(const struct modrun_timespec *req,
		     struct modrun_timespec *rem)
{
	u64 left;
	struct modrun_thread *t = self(__func__);

	if (!t)
		return -1;
	if (req->tv_sec < 0 || req->tv_nsec < 0 || req->tv_nsec >= NSEC_PER_SEC)
		return errno_ret(t, -EINVAL);
	left = run_sleep(t, (u64)req->tv_sec * NSEC_PER_SEC + req->tv_nsec);
	if (!left)
		return 0;
	if (rem) {
		rem->tv_sec = div_u64(left, NSEC_PER_SEC);
		rem->tv_nsec = left - (u64)rem->tv_sec * NSEC_PER_SEC;
	}
	return errno_ret(t, -EINTR);
}
EXPORT_SYMBOL_GPL(modrun_nanosleep);

int modrun_clock_gettime(int clock, struct modrun_timespec *ts)
{
	struct timespec64 now;
	struct modrun_thread *t = self(__func__);

	if (!t)
		return -1;
	run_check(t);
	switch (clock) {
	case 0:			/* CLOCK_REALTIME */
		ktime_get_real_ts64(&now);
		break;
	case 1:			/* CLOCK_MONOTONIC */
		ktime_get_ts64(&now);
		break;
	default:
		return errno_ret(t, -EINVAL);
	}
	ts->tv_sec = now.tv_sec;
	ts->tv_nsec = now.tv_nsec;
	return 0;
}
EXPORT_SYMBOL_GPL(modrun_clock_gettime);

/* <pthread.h>: a pthread_t is the address of the thread's modrun_thread */

int modrun_pthread_create(modrun_pthread_t *thread,
			  const modrun_pthread_attr_t *attr,
			  void *(*fn)(void *), void *arg)
{
	struct modrun_thread *n;
	struct modrun_thread *t = self(__func__);

	if (!t)
		return EPERM;
	run_check(t);
	if (attr)
		return EINVAL;
	n = run_thread_new(t->inst, fn, arg);
	if (IS_ERR(n))
		return PTR_ERR(n) == -ENOMEM ? EAGAIN : -PTR_ERR(n);
	*thread = (unsigned long)n;
	return 0;
}
EXPORT_SYMBOL_GPL(modrun_pthread_create);

int modrun_pthread_join(modrun_pthread_t thread, void **ret)
{
	struct modrun_thread *t = self(__func__);

	if (!t)
		return EPERM;
	return -run_thread_join(t, thread, ret);
}
EXPORT_SYMBOL_GPL(modrun_pthread_join);

modrun_pthread_t modrun_pthread_self(void)
{
	return (unsigned long)run_self();
}
EXPORT_SYMBOL_GPL(modrun_pthread_self);

/* <errno.h> */

int *modrun_errno_location(void)
{
	static int nowhere;
	struct modrun_thread *t = self(__func__);

	return t ? &t->err : &nowhere;
}
EXPORT_SYMBOL_GPL(modrun_errno_location);

bool modrun_stopping(void)
{
	struct modrun_thread *t = self(__func__);

	if (!t)
		return true;
	return run_stopping(t);
}
EXPORT_SYMBOL_GPL(modrun_stopping);
