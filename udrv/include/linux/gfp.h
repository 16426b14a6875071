/* SPDX-License-Identifier: GPL-2.0 */
/* Allocation flags: all of them may sleep here but __GFP_ZERO zeroes. */
#ifndef UDRV_LINUX_GFP_H
#define UDRV_LINUX_GFP_H

#include <linux/types.h>

#define __GFP_ZERO	0x100u
#define __GFP_NOWARN	0x200u
#define GFP_KERNEL	0x001u
#define GFP_ATOMIC	0x002u
#define GFP_NOWAIT	0x004u
#define GFP_DMA32	0x008u
#define GFP_DMA		0x010u

#endif
