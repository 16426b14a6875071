/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The interface of /dev/eduN, the character device of the edu driver
 * (edu.c), whichever build serves it: edu.ko in the kernel, or edu-user
 * in user space over CUSE.
 *
 * read() and write() move up to EDU_IO_MAX bytes between the caller and
 * the device's buffer, from its start, through the device's DMA engine;
 * the file has no position.  The buffer is EDU_BUF_SIZE bytes, but QEMU
 * before 8.0 takes a transfer that reaches its last byte for one out of
 * bounds and stops the whole machine (hw_error()): the driver never
 * moves that byte.
 */
#ifndef EDU_UAPI_H
#define EDU_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define EDU_BUF_SIZE	4096
#define EDU_IO_MAX	(EDU_BUF_SIZE - 1)

/* the identification register: 0xRRrr00ed, major and minor version */
#define EDU_IOC_IDENT		_IOR('E', 0, __u32)
/* the liveness register: writes the value, reads back its complement */
#define EDU_IOC_LIVENESS	_IOWR('E', 1, __u32)
/* n in, n! out (32 bits, as the device computes it), by interrupt */
#define EDU_IOC_FACTORIAL	_IOWR('E', 2, __u32)
/* raises an interrupt, waits for it; out: interrupts handled so far */
#define EDU_IOC_IRQ		_IOR('E', 3, __u64)

#endif
