// SPDX-License-Identifier: GPL-2.0
/*
 * fancall: first calls into many stub modules at once (make bench).
 *
 * fanI (I < FAN_M, written by bench.sh with fan_api.h) is a real module
 * of one function, fanI_f(a) = a + I, reached through the strong stub of
 * its stub module fanI_stub.  With every fanI absent, write "T" to
 * /sys/kernel/debug/fancall/run: T kthreads start together, and thread t
 * calls each fanI_f once, beginning at I = t * FAN_M / T, so that every
 * module has T first callers, about as many at once as there are CPUs.
 * Read "fan M T NS WRONG": NS from the release to the end of the last
 * thread, WRONG the calls that did not return a + I.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

#include "fan_api.h"

#define FAN_MAX_THREADS	64

static long (*const fan_funcs[FAN_M])(long a) = { FAN_FUNCS };

static DEFINE_MUTEX(fan_lock);
static char result[64];
static struct dentry *dir;

/* A run: T threads at the start line, released together by go */
struct fan_run {
	unsigned int threads;
	atomic_t ready;			/* threads waiting for go */
	atomic_t left;			/* threads not finished */
	atomic_t wrong;			/* calls that returned a wrong result */
	struct completion go;
	struct completion done;		/* the last thread finished ... */
	u64 t_end;			/* ... then */
};

struct fan_thread {
	struct fan_run *run;
	unsigned int first;
};

static int fan_thread_fn(void *data)
{
	struct fan_thread *ft = data;
	struct fan_run *run = ft->run;
	unsigned int j;

	atomic_inc(&run->ready);
	wait_for_completion(&run->go);
	for (j = 0; j < FAN_M; j++) {
		unsigned int i = (ft->first + j) % FAN_M;
		long a = 1000 * j;

		if (fan_funcs[i](a) != a + i)
			atomic_inc(&run->wrong);
	}
	if (atomic_dec_and_test(&run->left)) {
		run->t_end = ktime_get_ns();
		complete(&run->done);
	}
	return 0;
}

static int fan_run(unsigned int threads, u64 *ns, unsigned int *wrong)
{
	struct fan_thread ft[FAN_MAX_THREADS];
	struct task_struct *task[FAN_MAX_THREADS];
	struct fan_run run = { .threads = threads };
	unsigned int t;
	u64 t0;

	atomic_set(&run.ready, 0);
	atomic_set(&run.left, threads);
	atomic_set(&run.wrong, 0);
	init_completion(&run.go);
	init_completion(&run.done);
	for (t = 0; t < threads; t++) {
		ft[t].run = &run;
		ft[t].first = t * FAN_M / threads;
		task[t] = kthread_create(fan_thread_fn, &ft[t], "fancall/%u", t);
		if (IS_ERR(task[t])) {
			int err = PTR_ERR(task[t]);

			while (t--)	/* never woken: they do not run */
				kthread_stop(task[t]);
			return err;
		}
	}
	for (t = 0; t < threads; t++)
		wake_up_process(task[t]);
	while (atomic_read(&run.ready) < threads)
		schedule_timeout_uninterruptible(1);
	t0 = ktime_get_ns();
	complete_all(&run.go);
	wait_for_completion(&run.done);
	*ns = run.t_end - t0;
	*wrong = atomic_read(&run.wrong);
	return 0;
}

static ssize_t run_write(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos)
{
	unsigned int threads, wrong;
	char buf[16];
	u64 ns;
	int err;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	err = kstrtouint(strim(buf), 10, &threads);
	if (err)
		return err;
	if (threads < 1 || threads > FAN_MAX_THREADS)
		return -EINVAL;

	mutex_lock(&fan_lock);
	err = fan_run(threads, &ns, &wrong);
	if (!err)
		snprintf(result, sizeof(result), "fan %u %u %llu %u\n", FAN_M,
			 threads, ns, wrong);
	mutex_unlock(&fan_lock);
	return err ? err : len;
}

static ssize_t run_read(struct file *file, char __user *ubuf, size_t len,
			loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&fan_lock);
	ret = simple_read_from_buffer(ubuf, len, ppos, result, strlen(result));
	mutex_unlock(&fan_lock);
	return ret;
}

static const struct file_operations run_fops = {
	.owner = THIS_MODULE,
	.write = run_write,
	.read = run_read,
};

static int __init fancall_init(void)
{
	dir = debugfs_create_dir("fancall", NULL);
	debugfs_create_file("run", 0600, dir, NULL, &run_fops);
	return 0;
}

static void __exit fancall_exit(void)
{
	debugfs_remove_recursive(dir);
}

module_init(fancall_init);
module_exit(fancall_exit);
MODULE_DESCRIPTION("modstub benchmark: first calls into many stub modules at once");
MODULE_LICENSE("GPL");
