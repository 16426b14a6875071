/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IDAs.  A process serves one device, where the kernel's build serves all
 * of them from one IDA: ida_alloc() here starts at the instance number
 * the process was given (--instance, udrv(7)), so that the first number a
 * driver takes is the one its supervisor chose for the device.
 */
#ifndef UDRV_LINUX_IDR_H
#define UDRV_LINUX_IDR_H

#include <pthread.h>
#include <linux/gfp.h>

struct ida {
	pthread_mutex_t lock;
	unsigned long *bits;
	unsigned int nbits;
};

#define DEFINE_IDA(name)	struct ida name = { PTHREAD_MUTEX_INITIALIZER, NULL, 0 }

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max,
		    gfp_t gfp);
int ida_alloc(struct ida *ida, gfp_t gfp);
#define ida_alloc_max(ida, max, gfp)	ida_alloc_range(ida, 0, max, gfp)
#define ida_alloc_min(ida, min, gfp)	ida_alloc_range(ida, min, ~0u >> 1, gfp)
void ida_free(struct ida *ida, unsigned int id);
void ida_destroy(struct ida *ida);

#endif
