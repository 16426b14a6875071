/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Coherent DMA memory: pages of the process mapped for the device by
 * VFIO's IOMMU at an I/O virtual address below the device's mask, which
 * is the dma_addr_t the device is given.  Streaming mappings
 * (dma_map_single() and the rest) are not emulated.
 */
#ifndef UDRV_LINUX_DMA_MAPPING_H
#define UDRV_LINUX_DMA_MAPPING_H

#include <linux/gfp.h>
#include <linux/types.h>

struct device;

#define DMA_BIT_MASK(n)	(((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))

int dma_set_mask(struct device *dev, u64 mask);
int dma_set_coherent_mask(struct device *dev, u64 mask);
int dma_set_mask_and_coherent(struct device *dev, u64 mask);
void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *handle,
			 gfp_t flags);
void dma_free_coherent(struct device *dev, size_t size, void *cpu,
		       dma_addr_t handle);
void *dmam_alloc_coherent(struct device *dev, size_t size, dma_addr_t *handle,
			  gfp_t flags);

#endif
