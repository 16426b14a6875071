/* SPDX-License-Identifier: GPL-2.0 */
/*
 * current is the calling thread of the process.  signal_pending(current)
 * is true while the thread serves a request of a file whose caller was
 * interrupted by a signal (FUSE_INTERRUPT), or when the process stops.
 */
#ifndef UDRV_LINUX_SCHED_H
#define UDRV_LINUX_SCHED_H

#include <linux/jiffies.h>
#include <linux/types.h>

struct task_struct;

struct task_struct *udrv_current(void);
#define current		udrv_current()
bool signal_pending(const struct task_struct *t);
#define fatal_signal_pending(t)	signal_pending(t)

void schedule(void);
long schedule_timeout(long timeout);
#define schedule_timeout_interruptible(t)	schedule_timeout(t)
#define schedule_timeout_uninterruptible(t)	schedule_timeout(t)
#define cond_resched()	do { } while (0)

#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define set_current_state(s)	do { } while (0)
#define __set_current_state(s)	do { } while (0)

#endif
