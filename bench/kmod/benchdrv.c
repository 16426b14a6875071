// SPDX-License-Identifier: GPL-2.0
/*
 * benchdrv: times calls through each kind of stub against the ways a
 * module calls another without modstub.
 *
 * /sys/kernel/debug/benchdrv/run: write "ROW N" to make N calls of ROW,
 * read "ROW N NS" (total nanoseconds).  Rows:
 *   direct        benchlib_add(), a function exported the usual way
 *   strong        breal_add() through its (patched) strong stub
 *   weak_present  breal_wadd() through its weak stub, benchreal live
 *   weak_absent   bu_wadd() through its weak stub, benchu absent
 *   retfunc       bu_wadd_absent(), that weak stub's retfunc, called directly
 *   ustub         bu_add() through its unloadable stub, benchu live
 *   symbol_get    symbol_get(benchlib_add), the call, symbol_put(), each call
 *   cached        benchlib_add() through a pointer from one symbol_get()
 *   first         one call of bu_add() (N is ignored): with benchu absent,
 *                 the latency of a call that loads it
 *   request_module  request_module("benchu") (N is ignored): the same load
 *                 the kernel's way, without a stub
 * Write "par ROW N CPUS" to make N calls of ROW (direct, strong,
 * weak_present or ustub) on each of the first CPUS online CPUs at once,
 * one kthread bound to each, all released together; read
 * "par_ROW_CPUS N NS", NS the time from the release to the end of the
 * last of them.  Against CPUS = 1 it says whether the calls of one CPU
 * slow down those of another: a line they all write bounces between them.
 * /sys/kernel/debug/benchdrv/now: ktime_get_ns(), for timing from a shell.
 * /sys/kernel/debug/benchdrv/code: the first bytes of the strong stub's
 * entry and where its jump goes.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/kmod.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

#include "bench_api.h"

/* At most this many calls per run: under a second even for symbol_get */
#define BENCH_MAX_CALLS	(1UL << 21)
/* The most CPUs of a "par" run */
#define BENCH_MAX_CPUS	8

static DEFINE_MUTEX(bench_lock);
static char result[96];
static long sink;
static long (*cached)(long a, long b);
static struct dentry *dir;

enum row {
	ROW_DIRECT, ROW_STRONG, ROW_WEAK_PRESENT, ROW_WEAK_ABSENT,
	ROW_RETFUNC, ROW_USTUB, ROW_SYMBOL_GET, ROW_CACHED, ROW_FIRST,
	ROW_REQUEST_MODULE,
};

static const char * const row_names[] = {
	[ROW_DIRECT] = "direct",
	[ROW_STRONG] = "strong",
	[ROW_WEAK_PRESENT] = "weak_present",
	[ROW_WEAK_ABSENT] = "weak_absent",
	[ROW_RETFUNC] = "retfunc",
	[ROW_USTUB] = "ustub",
	[ROW_SYMBOL_GET] = "symbol_get",
	[ROW_CACHED] = "cached",
	[ROW_FIRST] = "first",
	[ROW_REQUEST_MODULE] = "request_module",
};

/* One loop per row, so that each loop's body is the call alone. */
static int run_row(enum row row, unsigned long n, u64 *ns)
{
	unsigned long i;
	long acc = 0;
	u64 t0;

	t0 = ktime_get_ns();
	switch (row) {
	case ROW_DIRECT:
		for (i = 0; i < n; i++)
			acc += benchlib_add(i, 1);
		break;
	case ROW_STRONG:
		for (i = 0; i < n; i++)
			acc += breal_add(i, 1);
		break;
	case ROW_WEAK_PRESENT:
		for (i = 0; i < n; i++)
			acc += breal_wadd(i, 1);
		break;
	case ROW_WEAK_ABSENT:
		for (i = 0; i < n; i++)
			acc += bu_wadd(i, 1);
		break;
	case ROW_RETFUNC:
		for (i = 0; i < n; i++)
			acc += bu_wadd_absent(i, 1);
		break;
	case ROW_USTUB:
		for (i = 0; i < n; i++)
			acc += bu_add(i, 1);
		break;
	case ROW_SYMBOL_GET:
		for (i = 0; i < n; i++) {
			long (*f)(long a, long b) = symbol_get(benchlib_add);

			if (!f)
				return -ENOENT;
			acc += f(i, 1);
			symbol_put(benchlib_add);
		}
		break;
	case ROW_CACHED:
		for (i = 0; i < n; i++)
			acc += cached(i, 1);
		break;
	case ROW_FIRST:
		acc = bu_add(20, 22);
		if (acc != 42)
			return -EIO;	/* not loaded: the retfunc answered */
		break;
	case ROW_REQUEST_MODULE:
		if (request_module("benchu"))
			return -EIO;
		break;
	}
	*ns = ktime_get_ns() - t0;
	WRITE_ONCE(sink, acc);
	return 0;
}

/*
 * A "par" run: one kthread per CPU, each waiting for the release, then
 * making its calls and counting itself out; the last one out stamps the
 * end.
 */
struct par_run {
	enum row row;
	unsigned long n;
	atomic_t ready;			/* threads at the start line */
	atomic_t running;		/* threads not finished */
	bool go;			/* the release (READ_ONCE) */
	u64 end;
	int err;
	struct completion done;
};

static int par_fn(void *data)
{
	struct par_run *pr = data;
	u64 ns;
	int err;

	atomic_inc(&pr->ready);
	while (!READ_ONCE(pr->go))
		cond_resched();	/* the releasing thread may share this CPU */
	err = run_row(pr->row, pr->n, &ns);
	if (err)
		WRITE_ONCE(pr->err, err);
	if (atomic_dec_and_test(&pr->running)) {
		pr->end = ktime_get_ns();
		complete(&pr->done);
	}
	return 0;
}

static int run_par(enum row row, unsigned long n, unsigned int ncpus, u64 *ns)
{
	struct task_struct *tasks[BENCH_MAX_CPUS];
	struct par_run pr = { .row = row, .n = n };
	unsigned int i = 0, cpu;
	u64 t0;

	if (!ncpus || ncpus > BENCH_MAX_CPUS || ncpus > num_online_cpus())
		return -EINVAL;
	atomic_set(&pr.ready, 0);
	atomic_set(&pr.running, ncpus);
	init_completion(&pr.done);
	for_each_online_cpu(cpu) {
		if (i == ncpus)
			break;
		tasks[i] = kthread_create(par_fn, &pr, "benchpar/%u", cpu);
		if (IS_ERR(tasks[i])) {
			int err = PTR_ERR(tasks[i]);

			while (i--)	/* never woken: they do not run */
				kthread_stop(tasks[i]);
			return err;
		}
		kthread_bind(tasks[i], cpu);
		i++;
	}
	for (i = 0; i < ncpus; i++)
		wake_up_process(tasks[i]);
	while (atomic_read(&pr.ready) < ncpus)
		cond_resched();
	t0 = ktime_get_ns();
	WRITE_ONCE(pr.go, true);
	wait_for_completion(&pr.done);
	*ns = pr.end - t0;
	return pr.err;
}

static ssize_t run_write(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos)
{
	char buf[48], name[24];
	unsigned int row, ncpus = 0;
	unsigned long n;
	bool par;
	u64 ns;
	int err;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	par = strncmp(buf, "par ", 4) == 0;
	if (par ? sscanf(buf + 4, "%23s %lu %u", name, &n, &ncpus) != 3 :
		  sscanf(buf, "%23s %lu", name, &n) != 2)
		return -EINVAL;
	if (!n || n > BENCH_MAX_CALLS)
		return -EINVAL;
	for (row = 0; row < ARRAY_SIZE(row_names); row++)
		if (!strcmp(name, row_names[row]))
			break;
	if (row == ARRAY_SIZE(row_names))
		return -EINVAL;
	if (par && row != ROW_DIRECT && row != ROW_STRONG &&
	    row != ROW_WEAK_PRESENT && row != ROW_USTUB)
		return -EINVAL;
	if (row == ROW_FIRST || row == ROW_REQUEST_MODULE)
		n = 1;

	mutex_lock(&bench_lock);
	if (par) {
		err = run_par(row, n, ncpus, &ns);
		if (!err)
			snprintf(result, sizeof(result), "par_%s_%u %lu %llu\n",
				 name, ncpus, n, ns);
	} else {
		err = run_row(row, n, &ns);
		if (!err)
			snprintf(result, sizeof(result), "%s %lu %llu\n",
				 name, n, ns);
	}
	mutex_unlock(&bench_lock);
	return err ? err : len;
}

static ssize_t run_read(struct file *file, char __user *ubuf, size_t len,
			loff_t *ppos)
{
	char buf[sizeof(result)];

	mutex_lock(&bench_lock);
	memcpy(buf, result, sizeof(buf));
	mutex_unlock(&bench_lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, strlen(buf));
}

static const struct file_operations run_fops = {
	.owner = THIS_MODULE,
	.write = run_write,
	.read = run_read,
	.llseek = default_llseek,
};

static ssize_t now_read(struct file *file, char __user *ubuf, size_t len,
			loff_t *ppos)
{
	char buf[24];
	int n = scnprintf(buf, sizeof(buf), "%llu\n", ktime_get_ns());

	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static const struct file_operations now_fops = {
	.owner = THIS_MODULE,
	.read = now_read,
	.llseek = default_llseek,
};

/*
 * The entry of the strong stub: endbr64 (IBT kernels) and a jmp rel32.
 * Once resolved, the jump goes to breal_add in benchreal.
 */
static ssize_t code_read(struct file *file, char __user *ubuf, size_t len,
			 loff_t *ppos)
{
	const u8 *p = (const u8 *)breal_add;
	char buf[160];
	unsigned int off = 0;
	int n;
	s32 rel;

	if (p[0] == 0xf3 && p[1] == 0x0f && p[2] == 0x1e && p[3] == 0xfa)
		off = 4;	/* endbr64 */
	if (p[off] == 0xe9) {
		memcpy(&rel, p + off + 1, sizeof(rel));
		n = scnprintf(buf, sizeof(buf), "%*ph: %sjmp %pS\n",
			      off + 5, p, off ? "endbr64; " : "",
			      p + off + 5 + rel);
	} else {
		n = scnprintf(buf, sizeof(buf), "%*ph: not a jmp\n", 8, p);
	}
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static const struct file_operations code_fops = {
	.owner = THIS_MODULE,
	.read = code_read,
	.llseek = default_llseek,
};

static int __init benchdrv_init(void)
{
	cached = symbol_get(benchlib_add);
	if (!cached)
		return -ENOENT;
	dir = debugfs_create_dir("benchdrv", NULL);
	debugfs_create_file("run", 0600, dir, NULL, &run_fops);
	debugfs_create_file("now", 0400, dir, NULL, &now_fops);
	debugfs_create_file("code", 0400, dir, NULL, &code_fops);
	return 0;
}

static void __exit benchdrv_exit(void)
{
	debugfs_remove_recursive(dir);
	symbol_put(benchlib_add);
}

module_init(benchdrv_init);
module_exit(benchdrv_exit);

MODULE_DESCRIPTION("modstub benchmark driver");
MODULE_LICENSE("GPL");
