/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A spinlock is a mutex of the process: its holder may be preempted, and
 * spinning on it would waste the CPU the holder needs.  The _irq and
 * _irqsave forms exclude the driver's interrupt handlers because those
 * take the same lock on their own thread; there is no CPU-local interrupt
 * state to save (flags is set to 0).
 */
#ifndef UDRV_LINUX_SPINLOCK_H
#define UDRV_LINUX_SPINLOCK_H

#include <pthread.h>
#include <linux/types.h>

typedef struct spinlock {
	pthread_mutex_t m;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name)	{ PTHREAD_MUTEX_INITIALIZER }
#define DEFINE_SPINLOCK(name)	spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

static inline void spin_lock_init(spinlock_t *l)
{
	pthread_mutex_init(&l->m, NULL);
}

static inline void spin_lock(spinlock_t *l)
{
	pthread_mutex_lock(&l->m);
}

static inline void spin_unlock(spinlock_t *l)
{
	pthread_mutex_unlock(&l->m);
}

static inline int spin_trylock(spinlock_t *l)
{
	return pthread_mutex_trylock(&l->m) == 0;
}

#define spin_lock_irq(l)		spin_lock(l)
#define spin_unlock_irq(l)		spin_unlock(l)
#define spin_lock_bh(l)			spin_lock(l)
#define spin_unlock_bh(l)		spin_unlock(l)
#define spin_lock_irqsave(l, flags)	do { (flags) = 0; spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) do { (void)(flags); spin_unlock(l); } while (0)

#endif
