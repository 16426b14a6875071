/* SPDX-License-Identifier: GPL-2.0 */
/* jiffies count CLOCK_MONOTONIC in ticks of 1/HZ s, HZ as Debian's kernels. */
#ifndef UDRV_LINUX_JIFFIES_H
#define UDRV_LINUX_JIFFIES_H

#include <linux/types.h>

#define HZ		250
#define MAX_JIFFY_OFFSET ((long)(~0UL >> 2))

unsigned long udrv_jiffies(void);
#define jiffies		udrv_jiffies()

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)

static inline unsigned long msecs_to_jiffies(unsigned int ms)
{
	return ((unsigned long)ms * HZ + 999) / 1000;
}

static inline unsigned long usecs_to_jiffies(unsigned int us)
{
	return ((unsigned long)us * HZ + 999999) / 1000000;
}

static inline unsigned int jiffies_to_msecs(unsigned long j)
{
	return j * (1000 / HZ);
}

#endif
