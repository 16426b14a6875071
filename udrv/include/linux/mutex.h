/* SPDX-License-Identifier: GPL-2.0 */
#ifndef UDRV_LINUX_MUTEX_H
#define UDRV_LINUX_MUTEX_H

#include <pthread.h>
#include <linux/types.h>

struct mutex {
	pthread_mutex_t m;
};

#define DEFINE_MUTEX(name)	struct mutex name = { PTHREAD_MUTEX_INITIALIZER }

static inline void mutex_init(struct mutex *l)
{
	pthread_mutex_init(&l->m, NULL);
}

static inline void mutex_destroy(struct mutex *l)
{
	pthread_mutex_destroy(&l->m);
}

static inline void mutex_lock(struct mutex *l)
{
	pthread_mutex_lock(&l->m);
}

static inline void mutex_unlock(struct mutex *l)
{
	pthread_mutex_unlock(&l->m);
}

static inline int mutex_trylock(struct mutex *l)
{
	return pthread_mutex_trylock(&l->m) == 0;
}

/* a lock held across a request is not given up for a signal here */
static inline int mutex_lock_interruptible(struct mutex *l)
{
	mutex_lock(l);
	return 0;
}

#define mutex_lock_killable(l)	mutex_lock_interruptible(l)

#endif
