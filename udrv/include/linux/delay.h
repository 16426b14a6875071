/* SPDX-License-Identifier: GPL-2.0 */
/* Delays: the short ones spin on the clock, the long ones sleep. */
#ifndef UDRV_LINUX_DELAY_H
#define UDRV_LINUX_DELAY_H

#include <linux/types.h>

void msleep(unsigned int ms);
unsigned long msleep_interruptible(unsigned int ms);
void usleep_range(unsigned long min, unsigned long max);
void udelay(unsigned long us);
void ndelay(unsigned long ns);
#define mdelay(ms)	udelay((ms) * 1000UL)
#define ssleep(s)	msleep((s) * 1000)
#define fsleep(us)	usleep_range(us, us)

#endif
