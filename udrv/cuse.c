// SPDX-License-Identifier: GPL-2.0
/*
 * Character devices: misc_register() opens /dev/cuse and answers the
 * kernel's CUSE_INIT with the device's name, and CUSE makes /dev/NAME;
 * then a few worker threads read the requests of its open files (FUSE's
 * protocol, <linux/fuse.h>) and call the driver's file_operations, each
 * with the request's data as the only "user" memory (copy_to_user() and
 * copy_from_user()).  Ioctls are CUSE's restricted ones: the kernel moves
 * _IOC_SIZE(cmd) bytes in and out by the command's direction, so the
 * driver's argument is a buffer of that size here.  A signal to the
 * caller (FUSE_INTERRUPT) makes signal_pending() true for the thread that
 * serves it.  misc_deregister() stops the workers and closes /dev/cuse:
 * the kernel then removes /dev/NAME, and what is still open of it fails.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/uio.h>
#include <linux/fuse.h>
#include <linux/ioctl.h>
#include <linux/miscdevice.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

#include "udrv.h"

#define WORKERS		4
#define MAX_IO		(64 * 1024)	/* CUSE's max_read and max_write */
#define BUF_SIZE	(MAX_IO + 4096)	/* a request and its data */

/* An open file of the device */
struct udrv_file {
	struct file file;
	struct inode inode;
	struct udrv_file *next;		/* in the device's files */
};

struct udrv_cuse {
	struct miscdevice *misc;
	int fd;				/* of /dev/cuse */
	int stopfd;
	pthread_t workers[WORKERS];
	pthread_mutex_t lock;		/* files, and what workers serve */
	struct udrv_file *files;
	struct {
		u64 unique;		/* 0: idle */
		struct task_struct *task;
	} busy[WORKERS];
};

struct worker_arg {
	struct udrv_cuse *c;
	unsigned int slot;
};

/* "User" memory: what the request on this thread carries */

static bool user_range(const void __user *p, unsigned long n)
{
	const struct task_struct *t = current;
	uintptr_t a = (uintptr_t)p, b = (uintptr_t)t->ubuf;

	return t->ubuf && a >= b && n <= t->ulen && a - b <= t->ulen - n;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!user_range(to, n))
		return n;
	memcpy(to, from, n);
	return 0;
}

unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n)
{
	if (!user_range(from, n)) {
		memset(to, 0, n);
		return n;
	}
	memcpy(to, from, n);
	return 0;
}

static void set_user(const void *buf, size_t len)
{
	current->ubuf = buf;
	current->ulen = len;
}

loff_t noop_llseek(struct file *file, loff_t off, int whence)
{
	(void)off;
	(void)whence;
	return file->f_pos;
}

/* Replies */

static void reply(struct udrv_cuse *c, u64 unique, int error,
		  const void *data, size_t size, const void *data2,
		  size_t size2)
{
	struct fuse_out_header out = {
		.len = sizeof(out) + (error ? 0 : size + size2),
		.error = error,
		.unique = unique,
	};
	struct iovec iov[3] = {
		{ &out, sizeof(out) },
		{ (void *)data, error ? 0 : size },
		{ (void *)data2, error ? 0 : size2 },
	};

	/* ENOENT: the request was aborted meanwhile */
	if (writev(c->fd, iov, 3) < 0 && errno != ENOENT)
		udrv_err("/dev/cuse: reply: %s", strerror(errno));
}

/* FUSE takes errors of 1 to 511: the kernel's own above go as their kin */
static int fuse_error(long err)
{
	if (err == -ERESTARTSYS)
		return -EINTR;
	if (err == -ENOTSUPP)
		return -EOPNOTSUPP;
	if (err <= -512 || err > 0) {
		udrv_err("error %ld of the driver is not a user-space errno: EIO", err);
		return -EIO;
	}
	return err;
}

static void reply_err(struct udrv_cuse *c, u64 unique, long err)
{
	reply(c, unique, fuse_error(err), NULL, 0, NULL, 0);
}

/* The requests */

static struct udrv_file *file_of(u64 fh)
{
	return (struct udrv_file *)(uintptr_t)fh;
}

static void do_open(struct udrv_cuse *c, const struct fuse_in_header *in,
		    const struct fuse_open_in *arg)
{
	const struct file_operations *fops = c->misc->fops;
	struct fuse_open_out out = { .open_flags = FOPEN_DIRECT_IO |
						   FOPEN_NONSEEKABLE };
	struct udrv_file *f = calloc(1, sizeof(*f));
	int err = 0;

	if (!f) {
		reply_err(c, in->unique, -ENOMEM);
		return;
	}
	f->file.f_flags = arg->flags;
	f->file.f_mode = ((arg->flags & O_ACCMODE) != O_WRONLY ? FMODE_READ : 0) |
			 ((arg->flags & O_ACCMODE) != O_RDONLY ? FMODE_WRITE : 0);
	f->file.f_op = fops;
	f->file.private_data = c->misc;	/* as misc_open() */
	if (fops->open)
		err = fops->open(&f->inode, &f->file);
	if (err) {
		free(f);
		reply_err(c, in->unique, err);
		return;
	}
	pthread_mutex_lock(&c->lock);
	f->next = c->files;
	c->files = f;
	pthread_mutex_unlock(&c->lock);
	out.fh = (uintptr_t)f;
	reply(c, in->unique, 0, &out, sizeof(out), NULL, 0);
}

static void do_release(struct udrv_cuse *c, const struct fuse_in_header *in,
		       const struct fuse_release_in *arg)
{
	struct udrv_file *f = file_of(arg->fh), **pp;

	pthread_mutex_lock(&c->lock);
	for (pp = &c->files; *pp && *pp != f; pp = &(*pp)->next)
		;
	if (*pp)
		*pp = f->next;
	pthread_mutex_unlock(&c->lock);
	if (c->misc->fops->release)
		c->misc->fops->release(&f->inode, &f->file);
	free(f);
	reply(c, in->unique, 0, NULL, 0, NULL, 0);
}

static void do_flush(struct udrv_cuse *c, const struct fuse_in_header *in,
		     const struct fuse_flush_in *arg)
{
	struct udrv_file *f = file_of(arg->fh);
	int err = 0;

	if (c->misc->fops->flush)
		err = c->misc->fops->flush(&f->file, NULL);
	reply_err(c, in->unique, err);
}

static void do_read(struct udrv_cuse *c, const struct fuse_in_header *in,
		    const struct fuse_read_in *arg)
{
	struct udrv_file *f = file_of(arg->fh);
	size_t size = min_t(size_t, arg->size, MAX_IO);
	loff_t pos = 0;
	ssize_t n;
	char *buf;

	if (!c->misc->fops->read) {
		reply_err(c, in->unique, -EINVAL);
		return;
	}
	buf = malloc(size ? size : 1);
	if (!buf) {
		reply_err(c, in->unique, -ENOMEM);
		return;
	}
	set_user(buf, size);
	n = c->misc->fops->read(&f->file, buf, size, &pos);
	set_user(NULL, 0);
	if (n > (ssize_t)size) {
		udrv_err("read() of /dev/%s returned %zd for %zu bytes", c->misc->name,
			 n, size);
		n = -EIO;
	}
	if (n < 0)
		reply_err(c, in->unique, n);
	else
		reply(c, in->unique, 0, buf, n, NULL, 0);
	free(buf);
}

static void do_write(struct udrv_cuse *c, const struct fuse_in_header *in,
		     const struct fuse_write_in *arg, size_t len)
{
	struct udrv_file *f = file_of(arg->fh);
	struct fuse_write_out out = { 0 };
	const char *data = (const char *)(arg + 1);
	loff_t pos = 0;
	ssize_t n;

	if (len < sizeof(*arg) + arg->size) {
		reply_err(c, in->unique, -EINVAL);
		return;
	}
	if (!c->misc->fops->write) {
		reply_err(c, in->unique, -EINVAL);
		return;
	}
	set_user(data, arg->size);
	n = c->misc->fops->write(&f->file, data, arg->size, &pos);
	set_user(NULL, 0);
	if (n < 0) {
		reply_err(c, in->unique, n);
		return;
	}
	out.size = n;
	reply(c, in->unique, 0, &out, sizeof(out), NULL, 0);
}

static void do_ioctl(struct udrv_cuse *c, const struct fuse_in_header *in,
		     const struct fuse_ioctl_in *arg, size_t len)
{
	const struct file_operations *fops = c->misc->fops;
	long (*ioctl)(struct file *, unsigned int, unsigned long);
	struct udrv_file *f = file_of(arg->fh);
	struct fuse_ioctl_out out = { 0 };
	size_t size = _IOC_SIZE(arg->cmd);
	unsigned long uarg = arg->arg;
	char *buf = NULL;
	long r;

	ioctl = arg->flags & FUSE_IOCTL_COMPAT && fops->compat_ioctl ?
		fops->compat_ioctl : fops->unlocked_ioctl;
	if (!ioctl) {
		reply_err(c, in->unique, -ENOTTY);
		return;
	}
	if (len < sizeof(*arg) + arg->in_size || arg->in_size > size ||
	    arg->out_size > size) {
		reply_err(c, in->unique, -EINVAL);
		return;
	}
	if (size) {
		buf = calloc(1, size);
		if (!buf) {
			reply_err(c, in->unique, -ENOMEM);
			return;
		}
		memcpy(buf, arg + 1, arg->in_size);
		uarg = (uintptr_t)buf;
		set_user(buf, size);
	}
	r = ioctl(&f->file, arg->cmd, uarg);
	set_user(NULL, 0);
	if (r < 0) {
		reply_err(c, in->unique, r);
	} else {
		out.result = r;
		reply(c, in->unique, 0, &out, sizeof(out), buf, arg->out_size);
	}
	free(buf);
}

/* A signal to a caller: the thread serving its request sees it; if none
 * does yet, the kernel is asked to send it again */
static void do_interrupt(struct udrv_cuse *c, const struct fuse_in_header *in,
			 const struct fuse_interrupt_in *arg)
{
	struct task_struct *t = NULL;
	unsigned int i;

	pthread_mutex_lock(&c->lock);
	for (i = 0; i < WORKERS; i++) {
		if (c->busy[i].unique == arg->unique)
			t = c->busy[i].task;
	}
	if (t)
		udrv_task_interrupt(t);
	pthread_mutex_unlock(&c->lock);
	if (!t)
		reply_err(c, in->unique, -EAGAIN);
}

static void dispatch(struct udrv_cuse *c, unsigned int slot, const char *buf,
		     size_t len)
{
	const struct fuse_in_header *in = (const void *)buf;
	const void *arg = in + 1;
	size_t alen = len - sizeof(*in);
	static const size_t need[] = {
		[FUSE_OPEN] = sizeof(struct fuse_open_in),
		[FUSE_RELEASE] = sizeof(struct fuse_release_in),
		[FUSE_FLUSH] = sizeof(struct fuse_flush_in),
		[FUSE_READ] = sizeof(struct fuse_read_in),
		[FUSE_WRITE] = sizeof(struct fuse_write_in),
		[FUSE_IOCTL] = sizeof(struct fuse_ioctl_in),
		[FUSE_INTERRUPT] = sizeof(struct fuse_interrupt_in),
	};
	static const char *const doing[] = {
		[FUSE_OPEN] = "an open", [FUSE_RELEASE] = "a release",
		[FUSE_FLUSH] = "a flush", [FUSE_READ] = "a read",
		[FUSE_WRITE] = "a write", [FUSE_IOCTL] = "an ioctl",
	};

	if (len < sizeof(*in) || in->len != len) {
		udrv_err("/dev/cuse: a request of %zu bytes: ignored", len);
		return;
	}
	if (in->opcode < ARRAY_SIZE(need) && alen < need[in->opcode]) {
		reply_err(c, in->unique, -EINVAL);
		return;
	}
	if (in->opcode == FUSE_INTERRUPT) {
		do_interrupt(c, in, arg);
		return;
	}
	pthread_mutex_lock(&c->lock);
	c->busy[slot].unique = in->unique;
	pthread_mutex_unlock(&c->lock);
	udrv_task_busy(in->opcode < ARRAY_SIZE(doing) && doing[in->opcode] ?
		       doing[in->opcode] : "a request");
	switch (in->opcode) {
	case FUSE_OPEN:
		do_open(c, in, arg);
		break;
	case FUSE_RELEASE:
		do_release(c, in, arg);
		break;
	case FUSE_FLUSH:
		do_flush(c, in, arg);
		break;
	case FUSE_READ:
		do_read(c, in, arg);
		break;
	case FUSE_WRITE:
		do_write(c, in, arg, alen);
		break;
	case FUSE_IOCTL:
		do_ioctl(c, in, arg, alen);
		break;
	default:			/* poll, fsync, ...: not emulated */
		reply_err(c, in->unique, -ENOSYS);
		break;
	}
	udrv_task_idle();
	pthread_mutex_lock(&c->lock);
	c->busy[slot].unique = 0;
	udrv_task_clear_signal(c->busy[slot].task);
	pthread_mutex_unlock(&c->lock);
}

static void *worker(void *varg)
{
	struct worker_arg a = *(struct worker_arg *)varg;
	struct udrv_cuse *c = a.c;
	struct pollfd fds[2] = {
		{ .fd = c->fd, .events = POLLIN },
		{ .fd = c->stopfd, .events = POLLIN },
	};
	char *buf = malloc(BUF_SIZE);
	ssize_t n;

	free(varg);
	if (!buf)
		udrv_die("out of memory");
	pthread_mutex_lock(&c->lock);
	c->busy[a.slot].task = current;
	pthread_mutex_unlock(&c->lock);
	udrv_task_register("the worker %u of /dev/%s", a.slot, c->misc->name);
	for (;;) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			udrv_die("/dev/cuse: poll: %s", strerror(errno));
		if (fds[1].revents)
			break;
		n = read(c->fd, buf, BUF_SIZE);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR || errno == ENOENT)
				continue;
			/* ENODEV: the connection was aborted */
			udrv_err("/dev/%s: %s: no more requests", c->misc->name,
				 strerror(errno));
			break;
		}
		dispatch(c, a.slot, buf, n);
	}
	udrv_task_unregister();
	free(buf);
	return NULL;
}

/* CUSE's handshake: CUSE_INIT in, the device's name out */
static int cuse_init(struct udrv_cuse *c, const char *name)
{
	struct {
		struct fuse_in_header h;
		struct cuse_init_in i;
	} *in;
	struct cuse_init_out out = {
		.major = FUSE_KERNEL_VERSION,
		.max_read = MAX_IO,
		.max_write = MAX_IO,
	};
	char info[128], path[300];
	int len;
	ssize_t n;

	in = malloc(BUF_SIZE);
	if (!in)
		return -ENOMEM;
	n = read(c->fd, in, BUF_SIZE);
	if (n < (ssize_t)sizeof(*in) || in->h.opcode != CUSE_INIT ||
	    in->i.major != FUSE_KERNEL_VERSION) {
		udrv_err("misc_register: /dev/cuse: no CUSE_INIT of FUSE %d",
			 FUSE_KERNEL_VERSION);
		free(in);
		return -EPROTO;
	}
	/* the older of the two protocols */
	out.minor = min_t(u32, in->i.minor, FUSE_KERNEL_MINOR_VERSION);
	len = snprintf(info, sizeof(info), "DEVNAME=%s", name) + 1;
	reply(c, in->h.unique, 0, &out, sizeof(out), info, len);
	free(in);
	/* the kernel made the device as it took the reply, or failed to */
	snprintf(path, sizeof(path), "/sys/class/cuse/%s/dev", name);
	if (access(path, F_OK)) {
		udrv_err("misc_register: CUSE did not make /dev/%s (is the name taken?)",
			 name);
		return -EBUSY;
	}
	return 0;
}

int misc_register(struct miscdevice *misc)
{
	struct udrv_cuse *c;
	unsigned int i;
	int err;

	if (!misc->name || !misc->fops || strchr(misc->name, '/') ||
	    strlen(misc->name) > 64)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->misc = misc;
	pthread_mutex_init(&c->lock, NULL);
	c->stopfd = -1;
	c->fd = open("/dev/cuse", O_RDWR | O_CLOEXEC);
	if (c->fd < 0) {
		err = -errno;
		udrv_err("misc_register: /dev/cuse: %s (modprobe cuse)",
			 strerror(errno));
		goto fail;
	}
	err = cuse_init(c, misc->name);
	if (err)
		goto fail;
	c->stopfd = eventfd(0, EFD_CLOEXEC);
	if (c->stopfd < 0 || fcntl(c->fd, F_SETFL, O_NONBLOCK)) {
		err = -errno;
		goto fail;
	}
	misc->udrv = c;
	for (i = 0; i < WORKERS; i++) {
		struct worker_arg *a = malloc(sizeof(*a));

		if (!a)
			udrv_die("out of memory");
		a->c = c;
		a->slot = i;
		udrv_thread(&c->workers[i], worker, a, misc->name);
	}
	return 0;

fail:
	if (c->stopfd >= 0)
		close(c->stopfd);
	if (c->fd >= 0)
		close(c->fd);
	free(c);
	return err;
}

void misc_deregister(struct miscdevice *misc)
{
	struct udrv_cuse *c = misc->udrv;
	struct udrv_file *f;
	unsigned int i;
	u64 one = 1;

	if (!c)
		return;
	/* what the workers serve ends: their waits are interrupted */
	pthread_mutex_lock(&c->lock);
	for (i = 0; i < WORKERS; i++) {
		if (c->busy[i].unique && c->busy[i].task)
			udrv_task_interrupt(c->busy[i].task);
	}
	pthread_mutex_unlock(&c->lock);
	if (write(c->stopfd, &one, sizeof(one)) != sizeof(one))
		udrv_die("misc_deregister: eventfd: %s", strerror(errno));
	for (i = 0; i < WORKERS; i++)
		pthread_join(c->workers[i], NULL);
	close(c->fd);			/* the kernel removes /dev/NAME */
	close(c->stopfd);
	/* files still open: the kernel fails what is done with them now */
	while ((f = c->files)) {
		c->files = f->next;
		free(f);
	}
	free(c);
	misc->udrv = NULL;
}
