/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <linux/types.h> of the user-space build of a driver (udrv(7)): the UAPI
 * header of the same name, and the kernel's own types over it.
 */
#ifndef UDRV_LINUX_TYPES_H
#define UDRV_LINUX_TYPES_H

#include_next <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8 s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;

typedef u64 dma_addr_t;
typedef u64 phys_addr_t;
typedef u64 resource_size_t;
typedef unsigned int gfp_t;

#define __user
#define __iomem
#define __force
#define __rcu
#define __must_check	__attribute__((warn_unused_result))
#define __always_unused	__attribute__((unused))
#define __maybe_unused	__attribute__((unused))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __init
#define __exit
#define __initdata
#define __exitdata
#define __read_mostly

#endif
