// SPDX-License-Identifier: GPL-2.0
/*
 * The PCI function's VFIO files: a container with the type 1 IOMMU, the
 * function's IOMMU group, the device.  Everything privileged the driver
 * does goes through them; when the process ends, however it ends, the
 * kernel closes them, and vfio-pci turns bus mastering off, disables the
 * interrupts, resets the function if it can and unmaps its DMA.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/kernel.h>

#include "udrv.h"

static const char *region_names[VFIO_PCI_NUM_REGIONS] = {
	"BAR 0", "BAR 1", "BAR 2", "BAR 3", "BAR 4", "BAR 5", "ROM",
	"configuration space", "VGA",
};

/* The driver the function is bound to, or "" */
static void bound_driver(const char *address, char *name, size_t size)
{
	char path[PATH_MAX], link[PATH_MAX];
	const char *base;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver", address);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0) {
		name[0] = '\0';
		return;
	}
	link[n] = '\0';
	base = strrchr(link, '/') ? strrchr(link, '/') + 1 : link;
	if (strlen(base) >= size)
		base = "?";
	strcpy(name, base);
}

int udrv_vfio_open(struct udrv_pci *p, const char *address)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	char path[PATH_MAX], link[PATH_MAX], driver[64];
	unsigned int i;
	ssize_t n;

	p->container = p->group = p->device = -1;
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s", address);
	if (access(path, F_OK)) {
		udrv_err("%s: no such PCI device", address);
		return -ENODEV;
	}
	bound_driver(address, driver, sizeof(driver));
	if (strcmp(driver, "vfio-pci")) {
		udrv_err("%s: bound to %s, not to vfio-pci (echo vfio-pci > %s/driver_override, unbind it, echo %s > /sys/bus/pci/drivers_probe)",
			 address, driver[0] ? driver : "no driver", path, address);
		return -EBUSY;
	}
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group",
		 address);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0) {
		udrv_err("%s: in no IOMMU group (is the IOMMU on? intel_iommu=on)",
			 address);
		return -ENODEV;
	}
	link[n] = '\0';
	p->group_id = strtoul(strrchr(link, '/') + 1, NULL, 10);

	p->container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	if (p->container < 0) {
		udrv_err("/dev/vfio/vfio: %s (modprobe vfio-pci)", strerror(errno));
		goto fail;
	}
	if (ioctl(p->container, VFIO_GET_API_VERSION) != VFIO_API_VERSION) {
		udrv_err("/dev/vfio/vfio: not VFIO's API %d", VFIO_API_VERSION);
		errno = ENOTSUP;
		goto fail;
	}
	if (ioctl(p->container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) <= 0) {
		udrv_err("/dev/vfio/vfio: no type 1 v2 IOMMU (modprobe vfio_iommu_type1)");
		errno = ENOTSUP;
		goto fail;
	}
	snprintf(path, sizeof(path), "/dev/vfio/%u", p->group_id);
	p->group = open(path, O_RDWR | O_CLOEXEC);
	if (p->group < 0) {
		/* EBUSY: another process has it */
		udrv_err("%s: %s", path, strerror(errno));
		goto fail;
	}
	if (ioctl(p->group, VFIO_GROUP_GET_STATUS, &status) ||
	    !(status.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		udrv_err("%s: IOMMU group %u is not viable: every device in /sys/kernel/iommu_groups/%u/devices must be bound to vfio-pci or to no driver",
			 address, p->group_id, p->group_id);
		errno = EBUSY;
		goto fail;
	}
	if (ioctl(p->group, VFIO_GROUP_SET_CONTAINER, &p->container) ||
	    ioctl(p->container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU)) {
		udrv_err("%s: cannot set up the IOMMU of group %u: %s", address,
			 p->group_id, strerror(errno));
		goto fail;
	}
	p->device = ioctl(p->group, VFIO_GROUP_GET_DEVICE_FD, address);
	if (p->device < 0) {
		udrv_err("%s: cannot open the device: %s", address, strerror(errno));
		goto fail;
	}
	p->info.argsz = sizeof(p->info);
	if (ioctl(p->device, VFIO_DEVICE_GET_INFO, &p->info) ||
	    !(p->info.flags & VFIO_DEVICE_FLAGS_PCI)) {
		udrv_err("%s: not a PCI device of VFIO", address);
		errno = ENODEV;
		goto fail;
	}
	for (i = 0; i < VFIO_PCI_NUM_REGIONS && i < p->info.num_regions; i++) {
		struct vfio_region_info r = { .argsz = sizeof(r), .index = i };

		if (ioctl(p->device, VFIO_DEVICE_GET_REGION_INFO, &r))
			continue;
		p->region[i].offset = r.offset;
		p->region[i].size = r.size;
		p->region[i].flags = r.flags;
	}
	if (!p->region[VFIO_PCI_CONFIG_REGION_INDEX].size) {
		udrv_err("%s: no %s", address,
			 region_names[VFIO_PCI_CONFIG_REGION_INDEX]);
		errno = ENODEV;
		goto fail;
	}
	for (i = 0; i < VFIO_PCI_NUM_IRQS && i < p->info.num_irqs; i++) {
		struct vfio_irq_info irq = { .argsz = sizeof(irq), .index = i };

		if (!ioctl(p->device, VFIO_DEVICE_GET_IRQ_INFO, &irq))
			p->irq_count[i] = irq.count;
	}
	p->irq_index = -1;
	return 0;

fail:
	n = -errno;
	udrv_vfio_close(p);
	return n ? n : -EIO;
}

void udrv_vfio_close(struct udrv_pci *p)
{
	unsigned int i;

	for (i = 0; i < VFIO_PCI_NUM_REGIONS; i++) {
		if (p->region[i].map)
			munmap(p->region[i].map, p->region[i].size);
		p->region[i].map = NULL;
	}
	if (p->device >= 0)
		close(p->device);
	if (p->group >= 0)
		close(p->group);
	if (p->container >= 0)
		close(p->container);
	p->device = p->group = p->container = -1;
}

int udrv_vfio_config(struct udrv_pci *p, bool write, int where, void *val,
		     size_t size)
{
	struct udrv_region *r = &p->region[VFIO_PCI_CONFIG_REGION_INDEX];
	ssize_t n;

	if (where < 0 || (u64)where + size > r->size)
		return -EINVAL;
	if (write)
		n = pwrite(p->device, val, size, r->offset + where);
	else
		n = pread(p->device, val, size, r->offset + where);
	return n == (ssize_t)size ? 0 : -EIO;
}

int udrv_vfio_map_dma(struct udrv_pci *p, void *vaddr, u64 iova, u64 size)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = (uintptr_t)vaddr,
		.iova = iova,
		.size = size,
	};

	return ioctl(p->container, VFIO_IOMMU_MAP_DMA, &map) ? -errno : 0;
}

int udrv_vfio_unmap_dma(struct udrv_pci *p, u64 iova, u64 size)
{
	struct vfio_iommu_type1_dma_unmap unmap = {
		.argsz = sizeof(unmap),
		.iova = iova,
		.size = size,
	};

	return ioctl(p->container, VFIO_IOMMU_UNMAP_DMA, &unmap) ? -errno : 0;
}

/* The eventfds @fds of vectors start.. of @index; no @fds: disable. */
int udrv_vfio_set_irqs(struct udrv_pci *p, unsigned int index,
		       unsigned int start, unsigned int count, const int *fds)
{
	size_t size = sizeof(struct vfio_irq_set) + count * sizeof(int);
	struct vfio_irq_set *set = calloc(1, size);
	int err;

	if (!set)
		return -ENOMEM;
	set->argsz = size;
	set->index = index;
	set->start = start;
	set->count = fds ? count : 0;
	set->flags = VFIO_IRQ_SET_ACTION_TRIGGER |
		     (fds ? VFIO_IRQ_SET_DATA_EVENTFD : VFIO_IRQ_SET_DATA_NONE);
	if (fds)
		memcpy(set->data, fds, count * sizeof(int));
	else
		set->argsz = sizeof(*set);
	err = ioctl(p->device, VFIO_DEVICE_SET_IRQS, set) ? -errno : 0;
	free(set);
	return err;
}

int udrv_vfio_unmask_intx(struct udrv_pci *p)
{
	struct vfio_irq_set set = {
		.argsz = sizeof(set),
		.flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_UNMASK,
		.index = VFIO_PCI_INTX_IRQ_INDEX,
		.start = 0,
		.count = 1,
	};

	return ioctl(p->device, VFIO_DEVICE_SET_IRQS, &set) ? -errno : 0;
}
