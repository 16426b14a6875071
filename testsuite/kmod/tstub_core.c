// SPDX-License-Identifier: GPL-2.0
/*
 * tstub: the real module of the kernel tests.  Its parameters make it
 * misbehave on purpose: fail_init, init_delay_ms.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/module.h>

#include "tstub_api.h"

static int fail_init;
module_param(fail_init, int, 0444);
static unsigned int init_delay_ms;
module_param(init_delay_ms, uint, 0444);
static int selfcall;
module_param(selfcall, int, 0444);

long tstub_get(long x)
{
	return x * 2;
}

int tstub_open(struct inode *inode, struct file *file)
{
	return 0;
}

long tstub_sum8(long a1, long a2, long a3, long a4, long a5, long a6,
		long a7, long a8)
{
	return a1 + 10 * a2 + 100 * a3 + 1000 * a4 + 10000 * a5 +
	       100000 * a6 + 1000000 * a7 + 10000000 * a8;
}

long tstub_sum10(long a1, long a2, long a3, long a4, long a5, long a6,
		 long a7, long a8, long a9, long a10)
{
	return a1 + 10 * a2 + 100 * a3 + 1000 * a4 + 10000 * a5 +
	       100000 * a6 + 1000000 * a7 + 10000000 * a8 +
	       100000000L * a9 + 1000000000L * a10;
}

#ifndef TSTUB_OLD	/* ../kmod-old: an older tstub, without these two */
long tstub_slow(long ms)
{
	msleep(ms);
	return ms;
}

long tstub_wslow(long ms)
{
	msleep(ms);
	return ms;
}
#endif

static int __init tstub_init(void)
{
	if (init_delay_ms)
		msleep(init_delay_ms);
	if (fail_init)
		return -EIO;
	/*
	 * Call our own function back through tstub_stub, from our init.
	 * symbol_get(): no link-time dependency of tstub on tuser.
	 */
	if (selfcall) {
		long (*kick)(long x) = symbol_get(tuser_kick);
		long ret;

		if (!kick)
			return -ENOENT;
		ret = kick(21);
		symbol_put(tuser_kick);
		if (ret != 42) {
			pr_err("selfcall: tuser_kick(21) = %ld, not 42\n", ret);
			return -EIO;
		}
	}
	return 0;
}

static void __exit tstub_exit(void)
{
}

module_init(tstub_init);
module_exit(tstub_exit);
