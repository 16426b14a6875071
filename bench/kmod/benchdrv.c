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
 * /sys/kernel/debug/benchdrv/now: ktime_get_ns(), for timing from a shell.
 * /sys/kernel/debug/benchdrv/code: the first bytes of the strong stub's
 * entry and where its jump goes.
 */
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/kmod.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

#include "bench_api.h"

/* At most this many calls per run: under a second even for symbol_get */
#define BENCH_MAX_CALLS	(1UL << 21)

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

static ssize_t run_write(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos)
{
	char buf[48], name[24];
	unsigned long n;
	unsigned int row;
	u64 ns;
	int err;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%23s %lu", name, &n) != 2 || !n || n > BENCH_MAX_CALLS)
		return -EINVAL;
	for (row = 0; row < ARRAY_SIZE(row_names); row++)
		if (!strcmp(name, row_names[row]))
			break;
	if (row == ARRAY_SIZE(row_names))
		return -EINVAL;
	if (row == ROW_FIRST || row == ROW_REQUEST_MODULE)
		n = 1;

	mutex_lock(&bench_lock);
	err = run_row(row, n, &ns);
	if (!err)
		snprintf(result, sizeof(result), "%s %lu %llu\n", name, n, ns);
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
