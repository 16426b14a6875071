// SPDX-License-Identifier: GPL-2.0
/*
 * tcuser: the caller of tclean, the autocleaned module of the kernel tests,
 * through tclean_stub.ko.  Commands written to /sys/kernel/debug/tcuser/call
 * (or call2, a second file for a call made while one of the first is in
 * flight):
 *
 *	get N		tclean_get(N)
 *	slow MS		tclean_slow(MS)
 *	storm N		N kernel threads call tclean_get(i) at once; the
 *			result is how many got 3 * i back
 *
 * and reading the file gives the result of its last command.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

#include "tclean_api.h"

struct call_file {
	struct mutex lock;	/* serialises its commands, protects result */
	long result;
};

static struct call_file files[2];
static struct dentry *dir;

/* storm: one at a time */
static DEFINE_MUTEX(storm_lock);
static DECLARE_COMPLETION(storm_go);
static DECLARE_COMPLETION(storm_done);
static atomic_t storm_ok, storm_left;

static int storm_thread(void *data)
{
	long i = (long)data;

	wait_for_completion(&storm_go);
	if (tclean_get(i) == 3 * i)
		atomic_inc(&storm_ok);
	if (atomic_dec_and_test(&storm_left))
		complete(&storm_done);
	return 0;
}

static long storm(long n)
{
	long i, ok;

	mutex_lock(&storm_lock);
	reinit_completion(&storm_go);
	reinit_completion(&storm_done);
	atomic_set(&storm_ok, 0);
	atomic_set(&storm_left, n);
	for (i = 1; i <= n; i++) {
		if (IS_ERR(kthread_run(storm_thread, (void *)i,
				       "tcuser-storm/%ld", i)) &&
		    atomic_dec_and_test(&storm_left))
			complete(&storm_done);
	}
	complete_all(&storm_go);
	wait_for_completion(&storm_done);
	ok = atomic_read(&storm_ok);
	mutex_unlock(&storm_lock);
	return ok;
}

static ssize_t call_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	struct call_file *cf = file->private_data;
	char buf[48];
	long n, ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';

	mutex_lock(&cf->lock);
	if (sscanf(buf, "get %ld", &n) == 1)
		ret = tclean_get(n);
	else if (sscanf(buf, "slow %ld", &n) == 1)
		ret = tclean_slow(n);
	else if (sscanf(buf, "storm %ld", &n) == 1 && n > 0 && n <= 1024)
		ret = storm(n);
	else {
		mutex_unlock(&cf->lock);
		return -EINVAL;
	}
	cf->result = ret;
	mutex_unlock(&cf->lock);
	return len;
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

static int __init tcuser_init(void)
{
	int i;

	for (i = 0; i < 2; i++)
		mutex_init(&files[i].lock);
	dir = debugfs_create_dir("tcuser", NULL);
	debugfs_create_file("call", 0600, dir, &files[0], &call_fops);
	debugfs_create_file("call2", 0600, dir, &files[1], &call_fops);
	return 0;
}

static void __exit tcuser_exit(void)
{
	debugfs_remove_recursive(dir);
}

module_init(tcuser_init);
module_exit(tcuser_exit);

MODULE_DESCRIPTION("modstub test: caller of tclean's functions");
MODULE_LICENSE("GPL");
