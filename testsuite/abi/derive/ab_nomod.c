// SPDX-License-Identifier: GPL-2.0
/* The retfuncs of the struct-returning functions: the retsource of ab */
#include <linux/errno.h>

struct ab_s16 ab_ret16_failed(long x)
{
	return (struct ab_s16){ -ENODEV, 0 };
}

struct ab_s32 ab_ret32_failed(long a, long b, long c, long d, long e,
			      long f)
{
	return (struct ab_s32){ -ENODEV, 0, 0, 0 };
}
