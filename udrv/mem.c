// SPDX-License-Identifier: GPL-2.0
/*
 * Memory: kmalloc() and kin over the C library's allocator; a device's
 * managed resources (devm_*), released newest first after remove() or a
 * failed probe(); IDAs.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/slab.h>

#include "udrv.h"

void *kmalloc(size_t size, gfp_t flags)
{
	return flags & __GFP_ZERO ? calloc(1, size ? size : 1) :
				    malloc(size ? size : 1);
}

void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, flags);
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

/* (__GFP_ZERO does not zero what krealloc() adds: nor does the kernel's
 * unless the old object was zeroed to its full size) */
void *krealloc(const void *p, size_t size, gfp_t flags)
{
	(void)flags;
	if (!size) {
		free((void *)p);
		return NULL;
	}
	return realloc((void *)p, size);
}

void kfree(const void *p)
{
	free((void *)p);
}

char *kstrdup(const char *s, gfp_t flags)
{
	(void)flags;
	return s ? strdup(s) : NULL;
}

void *kmemdup(const void *p, size_t size, gfp_t flags)
{
	void *q = kmalloc(size, flags);

	if (q)
		memcpy(q, p, size);
	return q;
}

/* Managed resources: an action and its data, or memory after the header */
struct udrv_devres {
	struct udrv_devres *next;
	void (*action)(void *data);
	void *data;
	long long mem[];		/* devm_kmalloc()'s, aligned */
};

static pthread_mutex_t devres_lock = PTHREAD_MUTEX_INITIALIZER;

static void devres_add(struct device *dev, struct udrv_devres *r)
{
	pthread_mutex_lock(&devres_lock);
	r->next = dev->devres;
	dev->devres = r;
	pthread_mutex_unlock(&devres_lock);
}

void *devm_kmalloc(struct device *dev, size_t size, gfp_t flags)
{
	struct udrv_devres *r;

	if (size > SIZE_MAX - sizeof(*r))
		return NULL;
	r = kmalloc(sizeof(*r) + size, flags);
	if (!r)
		return NULL;
	r->action = NULL;
	r->data = r->mem;
	devres_add(dev, r);
	return r->mem;
}

void *devm_kzalloc(struct device *dev, size_t size, gfp_t flags)
{
	return devm_kmalloc(dev, size, flags | __GFP_ZERO);
}

void *devm_kcalloc(struct device *dev, size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return devm_kmalloc(dev, bytes, flags | __GFP_ZERO);
}

void devm_kfree(struct device *dev, const void *p)
{
	struct udrv_devres **pp, *r = NULL;

	pthread_mutex_lock(&devres_lock);
	for (pp = &dev->devres; *pp; pp = &(*pp)->next) {
		if (!(*pp)->action && (*pp)->data == p) {
			r = *pp;
			*pp = r->next;
			break;
		}
	}
	pthread_mutex_unlock(&devres_lock);
	WARN_ON(!r);			/* not a managed allocation of dev */
	free(r);
}

int devm_add_action(struct device *dev, void (*action)(void *), void *data)
{
	struct udrv_devres *r = kmalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return -ENOMEM;
	r->action = action;
	r->data = data;
	devres_add(dev, r);
	return 0;
}

int devm_add_action_or_reset(struct device *dev, void (*action)(void *),
			     void *data)
{
	int err = devm_add_action(dev, action, data);

	if (err)
		action(data);
	return err;
}

void udrv_devres_release_all(struct device *dev)
{
	struct udrv_devres *r;

	for (;;) {
		pthread_mutex_lock(&devres_lock);
		r = dev->devres;
		if (r)
			dev->devres = r->next;
		pthread_mutex_unlock(&devres_lock);
		if (!r)
			break;
		if (r->action)
			r->action(r->data);
		free(r);
	}
}

/* IDAs: a bitmap, grown as needed */
#define BITS_PER_LONG	(8 * sizeof(unsigned long))

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max,
		    gfp_t gfp)
{
	unsigned int id;
	int ret = -ENOSPC;

	(void)gfp;
	if (min < udrv_opt.instance)
		min = udrv_opt.instance;
	if (min > max || max > INT32_MAX)
		return -ENOSPC;
	pthread_mutex_lock(&ida->lock);
	for (id = min; id <= max; id++) {
		if (id >= ida->nbits) {
			unsigned int n = (id / BITS_PER_LONG + 1) * BITS_PER_LONG;
			unsigned long *bits;

			bits = realloc(ida->bits, n / 8);
			if (!bits) {
				ret = -ENOMEM;
				break;
			}
			memset((char *)bits + ida->nbits / 8, 0,
			       (n - ida->nbits) / 8);
			ida->bits = bits;
			ida->nbits = n;
		}
		if (!(ida->bits[id / BITS_PER_LONG] & (1UL << (id % BITS_PER_LONG)))) {
			ida->bits[id / BITS_PER_LONG] |= 1UL << (id % BITS_PER_LONG);
			ret = id;
			break;
		}
	}
	pthread_mutex_unlock(&ida->lock);
	return ret;
}

int ida_alloc(struct ida *ida, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, INT32_MAX, gfp);
}

void ida_free(struct ida *ida, unsigned int id)
{
	pthread_mutex_lock(&ida->lock);
	if (id < ida->nbits &&
	    (ida->bits[id / BITS_PER_LONG] & (1UL << (id % BITS_PER_LONG))))
		ida->bits[id / BITS_PER_LONG] &= ~(1UL << (id % BITS_PER_LONG));
	else
		udrv_err("ida_free: %u was not allocated", id);
	pthread_mutex_unlock(&ida->lock);
}

void ida_destroy(struct ida *ida)
{
	pthread_mutex_lock(&ida->lock);
	free(ida->bits);
	ida->bits = NULL;
	ida->nbits = 0;
	pthread_mutex_unlock(&ida->lock);
}
