/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Wait queues.  A wake_up() advances the queue's count of wake-ups; a
 * waiter reads the count, tests its condition, and sleeps only while the
 * count has not moved, so that no wake-up between the test and the sleep
 * is lost.  The _interruptible forms return -ERESTARTSYS when
 * signal_pending(current) (see <linux/sched.h>).
 */
#ifndef UDRV_LINUX_WAIT_H
#define UDRV_LINUX_WAIT_H

#include <pthread.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

typedef struct wait_queue_head {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	unsigned long wakeups;
} wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0 }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

void init_waitqueue_head(wait_queue_head_t *wq);
void wake_up(wait_queue_head_t *wq);
#define wake_up_all(wq)			wake_up(wq)
#define wake_up_interruptible(wq)	wake_up(wq)
#define wake_up_interruptible_all(wq)	wake_up(wq)

unsigned long udrv_wait_count(wait_queue_head_t *wq);
/*
 * Sleep until wq's count moves from @count, @timeout jiffies pass (< 0:
 * no limit) or, if @intr, signal_pending(current); returns the jiffies
 * left (at least 1), 0 on a timeout, -ERESTARTSYS on a signal.
 */
long udrv_wait_sleep(wait_queue_head_t *wq, unsigned long count, long timeout,
		     bool intr);

#define __udrv_wait_event(wq, cond, timeout, intr) ({			\
	long __left = (timeout), __r = 0;				\
	for (;;) {							\
		unsigned long __n = udrv_wait_count(&(wq));		\
		if (cond) {						\
			__r = __left < 1 ? 1 : __left;			\
			break;						\
		}							\
		__left = udrv_wait_sleep(&(wq), __n, __left, intr);	\
		if (__left == -ERESTARTSYS) {				\
			__r = __left;					\
			break;						\
		}							\
		if (__left == 0) {					\
			__r = (cond) ? 1 : 0;				\
			break;						\
		}							\
	}								\
	__r;								\
})

#define wait_event(wq, cond)	((void)__udrv_wait_event(wq, cond, -1, false))
#define wait_event_timeout(wq, cond, timeout) \
	__udrv_wait_event(wq, cond, (long)(timeout), false)
#define wait_event_interruptible(wq, cond) ({				\
	long __w = __udrv_wait_event(wq, cond, -1, true);		\
	(int)(__w < 0 ? __w : 0);					\
})
#define wait_event_killable(wq, cond)	wait_event_interruptible(wq, cond)
#define wait_event_interruptible_timeout(wq, cond, timeout) \
	__udrv_wait_event(wq, cond, (long)(timeout), true)

#endif
