/* SPDX-License-Identifier: GPL-2.0 */
/* kmalloc() and its kin are the C library's malloc() and its kin. */
#ifndef UDRV_LINUX_SLAB_H
#define UDRV_LINUX_SLAB_H

#include <linux/gfp.h>
#include <linux/types.h>

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
void *kmalloc_array(size_t n, size_t size, gfp_t flags);
void *krealloc(const void *p, size_t size, gfp_t flags);
void kfree(const void *p);
char *kstrdup(const char *s, gfp_t flags);
void *kmemdup(const void *p, size_t size, gfp_t flags);
#define kvmalloc(size, flags)	kmalloc(size, flags)
#define kvzalloc(size, flags)	kzalloc(size, flags)
#define kvfree(p)		kfree(p)

#endif
