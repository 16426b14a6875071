// SPDX-License-Identifier: GPL-2.0
/* The older tstub: everything but tstub_slow(). */
#include <linux/module.h>

#include "tstub_api.h"

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
