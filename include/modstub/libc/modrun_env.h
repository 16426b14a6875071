/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The C environment of a module program, as modrun.ko defines it: each
 * function under its own name (modrun_printf, ...), and the types they
 * use.  The standard headers beside this one (<stdio.h>, <stdlib.h>, ...)
 * declare the same functions under their C names, with the types declared
 * here, for the program's sources; modpost then resolves them against
 * modrun.ko's exports.  Kernel build only: a program's user-space build
 * uses the C library's headers instead.
 *
 * What differs from the C library is said in modrun(7); in short: no
 * floating point, printf has the kernel's vsnprintf() formats (%p prints a
 * hashed pointer), stdout and stderr are not buffered in the program (its
 * output is buffered, bounded, by modrun), and every call is a point where
 * the thread stops if its instance is ending.
 */
#ifndef _MODRUN_ENV_PUBLIC_H
#define _MODRUN_ENV_PUBLIC_H

#ifndef __KERNEL__
#error "<modstub/libc/...> is the environment of the kernel build of a module program"
#endif

#include <linux/compiler.h>
#include <linux/stdarg.h>
#include <linux/stddef.h>
#include <linux/types.h>

/* Its C name: one more name of modrun_NAME, of its type */
#define __MODRUN_AS(name)						\
	extern __typeof__(modrun_##name) name __asm__("modrun_" #name)

/*
 * The C name of modrun_NAME, a function that does not return: an inline
 * function that calls it through a declaration that does not say so, and
 * traps after, so that objtool, which cannot know that modrun_NAME does
 * not return, sees the path end (a ud2) instead of running off the end of
 * the caller.
 */
#define __MODRUN_NORETURN(name, params, args)				\
	__MODRUN_NORETURN_AS(name, modrun_##name, params, args)
#define __MODRUN_NORETURN_AS(name, sym, params, args)			\
	extern void __modrun_call_##name params __asm__(#sym);		\
	static inline void __noreturn name params			\
	{								\
		__modrun_call_##name args;				\
		__builtin_trap();					\
	}

#define MODRUN_EOF		(-1)

struct modrun_file {
	int fd;
};
typedef struct modrun_file FILE;
extern FILE modrun_std[3];

/* as the kernel's __sighandler_t, and its SIG_DFL, SIG_IGN, SIG_ERR */
typedef void (*modrun_sighandler_t)(int);
#define MODRUN_SIG_DFL		((modrun_sighandler_t)0)
#define MODRUN_SIG_IGN		((modrun_sighandler_t)1)
#define MODRUN_SIG_ERR		((modrun_sighandler_t)-1)
#define MODRUN_NSIG		32

struct modrun_timespec {
	long tv_sec;
	long tv_nsec;
};

typedef unsigned long modrun_pthread_t;
typedef struct { int unused; } modrun_pthread_attr_t;

/* <unistd.h> */
ssize_t modrun_write(int fd, const void *buf, size_t len);
ssize_t modrun_read(int fd, void *buf, size_t len);
unsigned int modrun_sleep(unsigned int seconds);
int modrun_usleep(unsigned long usec);
int modrun_pause(void);

/* <stdio.h> */
__printf(1, 0) int modrun_vprintf(const char *fmt, va_list ap);
__printf(2, 0) int modrun_vfprintf(FILE *f, const char *fmt, va_list ap);
__printf(1, 2) int modrun_printf(const char *fmt, ...);
__printf(2, 3) int modrun_fprintf(FILE *f, const char *fmt, ...);
int modrun_puts(const char *s);
int modrun_fputs(const char *s, FILE *f);
int modrun_putchar(int c);
int modrun_fputc(int c, FILE *f);
size_t modrun_fwrite(const void *p, size_t size, size_t n, FILE *f);
int modrun_fflush(FILE *f);
int modrun_getchar(void);
int modrun_fgetc(FILE *f);
char *modrun_fgets(char *s, int size, FILE *f);
size_t modrun_fread(void *p, size_t size, size_t n, FILE *f);
int modrun_feof(FILE *f);
int modrun_ferror(FILE *f);
void modrun_clearerr(FILE *f);

/* <stdlib.h> */
void *modrun_malloc(size_t size);
void *modrun_calloc(size_t n, size_t size);
void *modrun_realloc(void *p, size_t size);
void modrun_free(void *p);
void __noreturn modrun_exit(int status);
int modrun_atexit(void (*fn)(void));
void __noreturn modrun_abort(void);
long modrun_strtol(const char *s, char **end, int base);
unsigned long modrun_strtoul(const char *s, char **end, int base);
long long modrun_strtoll(const char *s, char **end, int base);
unsigned long long modrun_strtoull(const char *s, char **end, int base);
int modrun_atoi(const char *s);

/* <signal.h> */
modrun_sighandler_t modrun_signal(int sig, modrun_sighandler_t h);

/* <time.h> */
int modrun_nanosleep(const struct modrun_timespec *req,
		     struct modrun_timespec *rem);
int modrun_clock_gettime(int clock, struct modrun_timespec *ts);

/* <pthread.h> */
int modrun_pthread_create(modrun_pthread_t *thread,
			  const modrun_pthread_attr_t *attr,
			  void *(*fn)(void *), void *arg);
int modrun_pthread_join(modrun_pthread_t thread, void **ret);
void __noreturn modrun_pthread_exit(void *ret);
modrun_pthread_t modrun_pthread_self(void);

/* <errno.h> */
int *modrun_errno_location(void);

/*
 * Not C: whether the instance was asked to stop (a signal came, or it is
 * ending), for a loop that polls instead of installing a handler.
 */
bool modrun_stopping(void);

#endif /* _MODRUN_ENV_PUBLIC_H */
