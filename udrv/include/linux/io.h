/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Register access to a BAR that VFIO mapped into the process (uncached,
 * as the kernel's ioremap()); little-endian, as x86.
 */
#ifndef UDRV_LINUX_IO_H
#define UDRV_LINUX_IO_H

#include <linux/compiler.h>
#include <linux/types.h>

#define mb()		__asm__ __volatile__("mfence" ::: "memory")
#define rmb()		__asm__ __volatile__("lfence" ::: "memory")
#define wmb()		__asm__ __volatile__("sfence" ::: "memory")
#define dma_rmb()	barrier()
#define dma_wmb()	barrier()

#define __udrv_io(bits)							\
static inline u##bits udrv_read##bits(const volatile void __iomem *a)	\
{									\
	u##bits v = *(const volatile u##bits *)a;			\
	barrier();							\
	return v;							\
}									\
static inline void udrv_write##bits(u##bits v, volatile void __iomem *a) \
{									\
	barrier();							\
	*(volatile u##bits *)a = v;					\
}
__udrv_io(8)
__udrv_io(16)
__udrv_io(32)
__udrv_io(64)

#define readb(a)	udrv_read8(a)
#define readw(a)	udrv_read16(a)
#define readl(a)	udrv_read32(a)
#define readq(a)	udrv_read64(a)
#define writeb(v, a)	udrv_write8(v, a)
#define writew(v, a)	udrv_write16(v, a)
#define writel(v, a)	udrv_write32(v, a)
#define writeq(v, a)	udrv_write64(v, a)
#define readl_relaxed(a)	readl(a)
#define writel_relaxed(v, a)	writel(v, a)
#define ioread8(a)	readb(a)
#define ioread16(a)	readw(a)
#define ioread32(a)	readl(a)
#define iowrite8(v, a)	writeb(v, a)
#define iowrite16(v, a)	writew(v, a)
#define iowrite32(v, a)	writel(v, a)

#endif
