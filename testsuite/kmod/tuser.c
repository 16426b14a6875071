// SPDX-License-Identifier: GPL-2.0
/*
 * tuser: the caller of the kernel tests.  It calls tstub's functions
 * through tstub_stub.ko, as commands written to /sys/kernel/debug/tuser/call:
 *
 *	get N		tstub_get(N)
 *	sum8		tstub_sum8(1, ..., 8)
 *	sum10		tstub_sum10(1, ..., 9, 1)
 *	slow MS		tstub_slow(MS)
 *	wslow MS	tstub_wslow(MS), a weak stub
 *	storm N		N kernel threads call tstub_get(i) at once; the result
 *			is how many got 2 * i back
 *	atomic N	tstub_get(N) under a spinlock
 *	timer N		tstub_get(N) from a timer callback
 *	uloop MS	2 threads call tstub_sum8() for MS ms; the result is
 *			the number of wrong answers (neither the real one
 *			nor the retfunc's); /sys/kernel/debug/tuser/uloop
 *			gives "calls real retfunc wrong"
 *
 * and reading the file gives the result of the last command.
 * /sys/kernel/debug/tuser/call2 is a second such file, for a call made
 * while one of the first is in flight: it takes get, sum8, slow and wslow,
 * the commands that keep no state of tuser.  /dev/tuser is
 * a misc device whose .open is the stub tstub_open, reached through a
 * function pointer.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/uaccess.h>

#include "tstub_api.h"

static struct dentry *tuser_dir;

/* A command file: its lock serialises its commands and protects result */
struct call_file {
	struct mutex lock;
	long result;
	bool all;		/* takes every command (call), else call2's */
};

static struct call_file call1 = {
	.lock = __MUTEX_INITIALIZER(call1.lock), .all = true,
};
static struct call_file call2 = {
	.lock = __MUTEX_INITIALIZER(call2.lock),
};
/* The commands with state of their own run one at a time. */
static DEFINE_MUTEX(state_lock);

/* storm */
static DECLARE_COMPLETION(storm_go);
static atomic_t storm_ok;
static atomic_t storm_left;
static DECLARE_COMPLETION(storm_done);

static int storm_thread(void *data)
{
	long i = (long)data;

	wait_for_completion(&storm_go);
	if (tstub_get(i) == 2 * i)
		atomic_inc(&storm_ok);
	if (atomic_dec_and_test(&storm_left))
		complete(&storm_done);
	return 0;
}

static long storm(long n)
{
	long i;

	reinit_completion(&storm_go);
	reinit_completion(&storm_done);
	atomic_set(&storm_ok, 0);
	atomic_set(&storm_left, n);
	for (i = 1; i <= n; i++) {
		struct task_struct *t = kthread_run(storm_thread, (void *)i,
						    "tuser-storm/%ld", i);

		if (IS_ERR(t)) {
			/* count it as done and failed */
			if (atomic_dec_and_test(&storm_left))
				complete(&storm_done);
		}
	}
	complete_all(&storm_go);
	wait_for_completion(&storm_done);
	return atomic_read(&storm_ok);
}

/* uloop */
static atomic_long_t uloop_calls, uloop_real, uloop_ret, uloop_wrong;
static unsigned long uloop_end;
static atomic_t uloop_left;
static DECLARE_COMPLETION(uloop_done);

static int uloop_thread(void *data)
{
	while (time_before(jiffies, uloop_end)) {
		long r = tstub_sum8(1, 2, 3, 4, 5, 6, 7, 8);

		atomic_long_inc(&uloop_calls);
		if (r == 87654321)
			atomic_long_inc(&uloop_real);
		else if (r == -1)
			atomic_long_inc(&uloop_ret);
		else
			atomic_long_inc(&uloop_wrong);
		cond_resched();
	}
	if (atomic_dec_and_test(&uloop_left))
		complete(&uloop_done);
	return 0;
}

static long uloop(long ms)
{
	int i;

	atomic_long_set(&uloop_calls, 0);
	atomic_long_set(&uloop_real, 0);
	atomic_long_set(&uloop_ret, 0);
	atomic_long_set(&uloop_wrong, 0);
	reinit_completion(&uloop_done);
	uloop_end = jiffies + msecs_to_jiffies(ms);
	atomic_set(&uloop_left, 2);
	for (i = 0; i < 2; i++) {
		if (IS_ERR(kthread_run(uloop_thread, NULL, "tuser-uloop/%d", i)) &&
		    atomic_dec_and_test(&uloop_left))
			complete(&uloop_done);
	}
	wait_for_completion(&uloop_done);
	return atomic_long_read(&uloop_wrong);
}

static int uloop_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%ld %ld %ld %ld\n", atomic_long_read(&uloop_calls),
		   atomic_long_read(&uloop_real), atomic_long_read(&uloop_ret),
		   atomic_long_read(&uloop_wrong));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(uloop);

static DEFINE_SPINLOCK(atomic_lock);

static long call_atomic(long n)
{
	long ret;

	spin_lock(&atomic_lock);
	ret = tstub_get(n);
	spin_unlock(&atomic_lock);
	return ret;
}

struct timer_call {
	struct timer_list timer;
	long arg;
	long ret;
	struct completion done;
};

static void timer_fn(struct timer_list *t)
{
	struct timer_call *tc = from_timer(tc, t, timer);

	tc->ret = tstub_get(tc->arg);
	complete(&tc->done);
}

static long call_timer(long n)
{
	struct timer_call tc = { .arg = n };

	init_completion(&tc.done);
	timer_setup_on_stack(&tc.timer, timer_fn, 0);
	mod_timer(&tc.timer, jiffies + 1);
	wait_for_completion(&tc.done);
	del_timer_sync(&tc.timer);
	destroy_timer_on_stack(&tc.timer);
	return tc.ret;
}

/* The commands of call2, which keep no state: into *ret, or false */
static bool run_plain(const char *buf, long *ret)
{
	long n;

	if (sscanf(buf, "get %ld", &n) == 1)
		*ret = tstub_get(n);
	else if (strncmp(buf, "sum8", 4) == 0)
		*ret = tstub_sum8(1, 2, 3, 4, 5, 6, 7, 8);
	else if (sscanf(buf, "slow %ld", &n) == 1)
		*ret = tstub_slow(n);
	else if (sscanf(buf, "wslow %ld", &n) == 1)
		*ret = tstub_wslow(n);
	else
		return false;
	return true;
}

/* The other commands of call, under state_lock */
static bool run_stateful(const char *buf, long *ret)
{
	long n;

	if (strncmp(buf, "sum10", 5) == 0)
		*ret = tstub_sum10(1, 2, 3, 4, 5, 6, 7, 8, 9, 1);
	else if (sscanf(buf, "storm %ld", &n) == 1 && n > 0 && n <= 1024)
		*ret = storm(n);
	else if (sscanf(buf, "atomic %ld", &n) == 1)
		*ret = call_atomic(n);
	else if (sscanf(buf, "timer %ld", &n) == 1)
		*ret = call_timer(n);
	else if (sscanf(buf, "uloop %ld", &n) == 1 && n > 0 && n <= 600000)
		*ret = uloop(n);
	else
		return false;
	return true;
}

static ssize_t call_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	struct call_file *cf = file->private_data;
	char buf[64];
	bool ok;
	long ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';

	mutex_lock(&cf->lock);
	ok = run_plain(buf, &ret);
	if (!ok && cf->all) {
		mutex_lock(&state_lock);
		ok = run_stateful(buf, &ret);
		mutex_unlock(&state_lock);
	}
	if (ok)
		cf->result = ret;
	mutex_unlock(&cf->lock);
	return ok ? len : -EINVAL;
}

static ssize_t call_read(struct file *file, char __user *ubuf, size_t len,
			 loff_t *ppos)
{
	struct call_file *cf = file->private_data;
	char buf[32];
	int n;

	mutex_lock(&cf->lock);
	n = scnprintf(buf, sizeof(buf), "%ld\n", cf->result);
	mutex_unlock(&cf->lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static const struct file_operations call_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = call_write,
	.read = call_read,
	.llseek = default_llseek,
};

/* The "switch table" case: the stub is reached through .open. */
static const struct file_operations dev_fops = {
	.owner = THIS_MODULE,
	.open = tstub_open,
	.llseek = noop_llseek,
};

static struct miscdevice tuser_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tuser",
	.fops = &dev_fops,
};

/* Called by tstub's init (selfcall=1): calls back through tstub's stub. */
long tuser_kick(long x)
{
	return tstub_get(x);
}
EXPORT_SYMBOL_GPL(tuser_kick);

static int __init tuser_init(void)
{
	int err = misc_register(&tuser_dev);

	if (err)
		return err;
	tuser_dir = debugfs_create_dir("tuser", NULL);
	debugfs_create_file("call", 0600, tuser_dir, &call1, &call_fops);
	debugfs_create_file("call2", 0600, tuser_dir, &call2, &call_fops);
	debugfs_create_file("uloop", 0400, tuser_dir, NULL, &uloop_fops);
	return 0;
}

static void __exit tuser_exit(void)
{
	debugfs_remove_recursive(tuser_dir);
	misc_deregister(&tuser_dev);
}

module_init(tuser_init);
module_exit(tuser_exit);

MODULE_DESCRIPTION("modstub test: caller of tstub's functions");
MODULE_LICENSE("GPL");
