/* SPDX-License-Identifier: GPL-2.0 */
/* Timers: their functions run on the process's timer thread. */
#ifndef UDRV_LINUX_TIMER_H
#define UDRV_LINUX_TIMER_H

#include <linux/jiffies.h>
#include <linux/kernel.h>

struct timer_list {
	unsigned long expires;
	void (*function)(struct timer_list *t);
	unsigned int flags;
	struct timer_list *next;	/* in the pending list, by expiry */
	bool pending;
};

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *),
		 unsigned int flags);
int mod_timer(struct timer_list *t, unsigned long expires);
void add_timer(struct timer_list *t);
int del_timer(struct timer_list *t);
int del_timer_sync(struct timer_list *t);
int timer_pending(const struct timer_list *t);
#define timer_delete(t)		del_timer(t)
#define timer_delete_sync(t)	del_timer_sync(t)
#define timer_shutdown_sync(t)	del_timer_sync(t)
#define from_timer(var, t, field) container_of(t, __typeof__(*var), field)

#endif
