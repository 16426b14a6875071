/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Files of a character device of the user-space build, served through
 * CUSE (udrv/cuse.c): the kernel's CUSE passes each open, read, write,
 * ioctl and release of /dev/NAME to the process, which calls the
 * driver's file_operations with a struct file of its own per open file.
 * The file position does not reach a CUSE server: llseek is not called,
 * and *pos is 0 at each read and write.  An operation the struct has no
 * member for (mmap, poll, ...) is a build error.
 */
#ifndef UDRV_LINUX_FS_H
#define UDRV_LINUX_FS_H

#include <fcntl.h>
#include <linux/kernel.h>
#include <linux/module.h>

typedef unsigned int fmode_t;
typedef void *fl_owner_t;

#define FMODE_READ	0x1u
#define FMODE_WRITE	0x2u

struct inode {
	dev_t i_rdev;
};

struct file {
	void *private_data;
	unsigned int f_flags;		/* O_NONBLOCK, ... */
	fmode_t f_mode;
	loff_t f_pos;
	const struct file_operations *f_op;
};

struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *file, loff_t off, int whence);
	ssize_t (*read)(struct file *file, char __user *buf, size_t count,
			loff_t *pos);
	ssize_t (*write)(struct file *file, const char __user *buf,
			 size_t count, loff_t *pos);
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd,
			       unsigned long arg);
	long (*compat_ioctl)(struct file *file, unsigned int cmd,
			     unsigned long arg);
	int (*open)(struct inode *inode, struct file *file);
	int (*flush)(struct file *file, fl_owner_t id);
	int (*release)(struct inode *inode, struct file *file);
};

static inline int nonseekable_open(struct inode *inode, struct file *file)
{
	(void)inode;
	(void)file;
	return 0;
}

#define stream_open(inode, file)	nonseekable_open(inode, file)
loff_t noop_llseek(struct file *file, loff_t off, int whence);
#define no_llseek	NULL
#define compat_ptr_ioctl	NULL

#endif
