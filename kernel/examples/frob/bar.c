// SPDX-License-Identifier: GPL-2.0
/*
 * bar: a module that calls frob's functions.
 *
 * bar is built against frob_api.h like any caller; its undefined symbols
 * frob_start, frob_query and frob_exit are resolved by frob_stub.ko, so
 * "modprobe bar" loads frob_stub (and stubcore), not frob.
 *
 * Calls are made through /sys/kernel/debug/bar/call:
 *	echo "start 5" > call		frob_start(5)
 *	echo "query 1 2 3" > call	frob_query(1, 2, 3)
 *	echo "exit" > call		frob_exit()
 *	cat call			the result of the last call
 *	cat ns				how long it took, in ns
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

#include "frob_api.h"

static struct dentry *bar_dir;
static DEFINE_MUTEX(bar_lock);	/* protects last_result */
static long last_result;
static u64 last_ns;

static ssize_t bar_call_write(struct file *file, const char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	char buf[64];
	long a, b, c;
	long ret;
	u64 t0;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';

	t0 = ktime_get_ns();
	if (sscanf(buf, "start %ld", &a) == 1)
		ret = frob_start(a);
	else if (sscanf(buf, "query %ld %ld %ld", &a, &b, &c) == 3)
		ret = frob_query(a, b, c);
	else if (strncmp(buf, "exit", 4) == 0)
		ret = frob_exit();
	else
		return -EINVAL;

	t0 = ktime_get_ns() - t0;

	mutex_lock(&bar_lock);
	last_result = ret;
	last_ns = t0;
	mutex_unlock(&bar_lock);
	return len;
}

static ssize_t bar_call_read(struct file *file, char __user *ubuf,
			     size_t len, loff_t *ppos)
{
	char buf[32];
	int n;

	mutex_lock(&bar_lock);
	n = scnprintf(buf, sizeof(buf), "%ld\n", last_result);
	mutex_unlock(&bar_lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static int bar_ns_get(void *data, u64 *val)
{
	mutex_lock(&bar_lock);
	*val = last_ns;
	mutex_unlock(&bar_lock);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(bar_ns_fops, bar_ns_get, NULL, "%llu\n");

static const struct file_operations bar_call_fops = {
	.owner = THIS_MODULE,
	.write = bar_call_write,
	.read = bar_call_read,
	.llseek = default_llseek,
};

static int __init bar_init(void)
{
	bar_dir = debugfs_create_dir("bar", NULL);
	debugfs_create_file("call", 0600, bar_dir, NULL, &bar_call_fops);
	debugfs_create_file_unsafe("ns", 0400, bar_dir, NULL, &bar_ns_fops);
	return 0;
}

static void __exit bar_exit(void)
{
	debugfs_remove_recursive(bar_dir);
}

module_init(bar_init);
module_exit(bar_exit);

MODULE_DESCRIPTION("Caller of frob's functions through frob_stub");
MODULE_LICENSE("GPL");
