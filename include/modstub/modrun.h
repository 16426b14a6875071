/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Module programs: the interface between modrun.ko (kernel/modrun/), the
 * program modules that register with it, and the launcher (modrun(1))
 * that runs them.
 *
 * A program module is a module whose .modmeta says "type program": its
 * code has an ordinary int main(int argc, char **argv), and the wrapper
 * modmetac writes for it registers that main with modrun.ko when the
 * module loads (MODRUN_PROGRAM()).  The launcher opens MODRUN_DEVICE and
 * starts an instance of a registered program with MODRUN_START; the
 * instance is tied to that open file from then on:
 *
 * - read() gives the instance's output as frames: a struct modrun_frame,
 *   then len bytes of data (stdout, stderr), or the exit frame, whose
 *   status says how the instance ended; after it, read() returns 0.  A
 *   read returns as many whole frames as fit, at least one (its buffer
 *   must hold a header and one byte), and blocks until there is one
 *   (O_NONBLOCK: -EAGAIN).  The instance's writes block while its output
 *   buffer is full: nothing is buffered without bound.
 * - write() feeds the instance's stdin, blocking while its input buffer is
 *   full; MODRUN_STDIN_EOF ends it (the instance's reads return 0 once
 *   the buffer is empty).
 * - poll(): readable when a frame is ready, writable when stdin has room.
 * - MODRUN_SIGNAL delivers SIGINT or SIGTERM to the instance as a stop
 *   request (signal() in the program's environment, <signal.h>).
 * - close, and the launcher's death by any means (SIGKILL too), stop the
 *   instance: it gets SIGTERM, and MODRUN_STOP_MS later it is stopped,
 *   each of its threads at its next call into the environment; everything
 *   it allocated through the environment is released then.  A program
 *   module that a launcher loaded (MODRUN_F_UNLOAD) is removed by modrun
 *   once it has no instance left.
 *
 * Only a process with CAP_SYS_MODULE may open the device.
 */
#ifndef _MODSTUB_MODRUN_H
#define _MODSTUB_MODRUN_H

#include <linux/ioctl.h>
#include <linux/types.h>

#include <modstub/vocab.h>

#define MODRUN_DEVICE_NAME	"modrun"
#define MODRUN_DEVICE		"/dev/" MODRUN_DEVICE_NAME

/* The most argument bytes an instance may get (each string and its NUL) */
#define MODRUN_ARGS_MAX		(1u << 20)
/* The most arguments */
#define MODRUN_ARGC_MAX		65536

/* How long a stopped instance has to end by itself after SIGTERM (ms) */
#define MODRUN_STOP_MS		1000

/* Exit statuses that are not main's: killed by signal N: 128 + N */
#define MODRUN_STATUS_SIGNAL(n)	(128 + (n))
/* the instance was stopped because its launcher went away */
#define MODRUN_STATUS_STOPPED	MODRUN_STATUS_SIGNAL(9)
/*
 * A thread of the instance died in the kernel (an oops): bit 8, which no
 * main() can return, over the exit status of a program killed by SIGSEGV
 * (139), which is what the launcher exits with.
 */
#define MODRUN_STATUS_CRASH_BIT	0x100
#define MODRUN_STATUS_CRASHED	(MODRUN_STATUS_CRASH_BIT | MODRUN_STATUS_SIGNAL(11))

/* struct modrun_start.flags */
#define MODRUN_F_UNLOAD		0x0001	/* the launcher loaded the module */
#define MODRUN_F_KNOWN		MODRUN_F_UNLOAD

struct modrun_start {
	__u32 size;		/* sizeof(struct modrun_start) */
	__u32 flags;		/* MODRUN_F_* */
	char module[MODSTUB_MODNAME_MAX + 1];	/* the program, NUL-terminated */
	__u32 argc;		/* argv[0] included */
	__u32 args_len;		/* bytes at args: argc strings, each with its NUL */
	__u64 args;		/* user pointer */
};

/* Frames of read(): modrun_frame.stream */
#define MODRUN_STDOUT		1
#define MODRUN_STDERR		2
#define MODRUN_EXIT		0x80	/* len 4: the __s32 exit status */

struct modrun_frame {
	__u8 stream;
	__u8 reserved[3];
	__u32 len;		/* bytes of data after the header */
};

/* The signals MODRUN_SIGNAL delivers (their Linux numbers) */
#define MODRUN_SIGINT		2
#define MODRUN_SIGTERM		15

#define MODRUN_IOC_MAGIC	0xb7
#define MODRUN_START		_IOW(MODRUN_IOC_MAGIC, 1, struct modrun_start)
#define MODRUN_SIGNAL		_IOW(MODRUN_IOC_MAGIC, 2, __u32)
#define MODRUN_STDIN_EOF	_IO(MODRUN_IOC_MAGIC, 3)

#ifdef __KERNEL__

struct module;

/* What MODRUN_PROGRAM() hands to modrun.ko */
struct modrun_prog {
	struct module *owner;
	const char *name;
	int (*main)(int argc, char **argv);
	/* modrun's from here */
	struct list_head node;
	unsigned int instances;
	bool unload;
};

int modrun_register(struct modrun_prog *prog);
void modrun_unregister(struct modrun_prog *prog);

/*
 * MODRUN_PROGRAM() - the init and exit of a program module
 * @module: the module's name
 *
 * Written by modmetac in the module's wrapper for "type program": the
 * module's main() is registered with modrun while the module is loaded.
 */
#define MODRUN_PROGRAM(module)						\
	int main(int argc, char **argv);				\
	static struct modrun_prog __modrun_prog = {			\
		.owner = THIS_MODULE,					\
		.name = #module,					\
		.main = main,						\
	};								\
	static int __init __modrun_init(void)				\
	{								\
		return modrun_register(&__modrun_prog);			\
	}								\
	static void __exit __modrun_exit(void)				\
	{								\
		modrun_unregister(&__modrun_prog);			\
	}								\
	module_init(__modrun_init);					\
	module_exit(__modrun_exit)

#endif /* __KERNEL__ */

#endif /* _MODSTUB_MODRUN_H */
