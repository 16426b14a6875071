/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Between the two halves of modrun: modrun.c (instances, threads, the
 * device) and env.c (the C environment of the programs, on top of it).
 */
#ifndef _MODRUN_ENV_H
#define _MODRUN_ENV_H

#include <linux/compiler.h>
#include <linux/types.h>

#include <modstub/libc/modrun_env.h>

struct modrun_inst;

/* A thread of an instance */
struct modrun_thread {
	struct modrun_inst *inst;
	struct task_struct *task;
	struct list_head node;		/* in the instance's threads */
	unsigned int id;		/* 0: the main thread */
	void *(*fn)(void *);
	void *arg;
	void *ret;			/* what it returned, once ended */
	bool ended;
	bool joined;
	int err;			/* its errno */
};

struct modrun_thread *run_self(void);
bool run_check(struct modrun_thread *t);
void __noreturn run_exit(struct modrun_thread *t, int status);
void __noreturn run_abort(struct modrun_thread *t);
struct modrun_thread *run_thread_new(struct modrun_inst *inst,
					void *(*fn)(void *), void *arg);
int run_thread_join(struct modrun_thread *t, unsigned long handle,
		       void **ret);
void __noreturn run_thread_exit(struct modrun_thread *t, void *ret);

ssize_t run_out(struct modrun_thread *t, int fd, const void *buf,
		   size_t len);
ssize_t run_in(struct modrun_thread *t, void *buf, size_t len);
bool *run_stream_flag(struct modrun_thread *t, int fd, bool err);
u64 run_sleep(struct modrun_thread *t, u64 ns);

void *run_alloc(struct modrun_thread *t, size_t size, bool zero);
size_t run_alloc_size(const void *p);
void run_free(struct modrun_thread *t, void *p);
int run_atexit(struct modrun_thread *t, void (*fn)(void));
modrun_sighandler_t run_signal(struct modrun_thread *t, int sig,
				  modrun_sighandler_t h);
bool run_stopping(struct modrun_thread *t);

#endif /* _MODRUN_ENV_H */
