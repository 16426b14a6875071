// SPDX-License-Identifier: GPL-2.0
/*
 * The pci_dev of the process's one PCI function, its driver's probe and
 * remove, its configuration space, BARs and coherent DMA memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "udrv.h"

struct pci_dev *udrv_pdev;

/* A buffer of coherent DMA memory, in the list of the device's by IOVA */
struct udrv_dma {
	struct udrv_dma *next;
	void *cpu;
	u64 iova, size;
};

/* Where IOVAs start: below is left unmapped, so that a device given a
 * small wrong address faults */
#define IOVA_BASE	0x100000ULL

int udrv_pci_take(const char *address)
{
	struct pci_dev *pdev;
	struct udrv_pci *p;
	u32 class_rev;
	u16 v;
	int err;

	pdev = calloc(1, sizeof(*pdev));
	p = calloc(1, sizeof(*p));
	if (!pdev || !p)
		udrv_die("out of memory");
	err = udrv_vfio_open(p, address);
	if (err) {
		free(p);
		free(pdev);
		return err;
	}
	pdev->udrv = p;
	pdev->dev.name = strdup(address);
	pdev->dev.dma_mask = pdev->dev.coherent_dma_mask = DMA_BIT_MASK(32);
	pci_read_config_word(pdev, PCI_VENDOR_ID, &v);
	pdev->vendor = v;
	pci_read_config_word(pdev, PCI_DEVICE_ID, &v);
	pdev->device = v;
	pci_read_config_word(pdev, PCI_SUBSYSTEM_VENDOR_ID, &v);
	pdev->subsystem_vendor = v;
	pci_read_config_word(pdev, PCI_SUBSYSTEM_ID, &v);
	pdev->subsystem_device = v;
	pci_read_config_dword(pdev, PCI_CLASS_REVISION, &class_rev);
	pdev->class = class_rev >> 8;
	pdev->revision = class_rev & 0xff;
	udrv_pdev = pdev;
	return 0;
}

void udrv_pci_release(void)
{
	struct pci_dev *pdev = udrv_pdev;

	if (!pdev)
		return;
	udrv_irq_release_all(pdev->udrv);
	while (pdev->udrv->dma) {
		struct udrv_dma *d = pdev->udrv->dma;

		udrv_err("%s: %llu bytes of DMA memory at IOVA 0x%llx not freed by the driver",
			 pdev->dev.name, (unsigned long long)d->size,
			 (unsigned long long)d->iova);
		dma_free_coherent(&pdev->dev, d->size, d->cpu, d->iova);
	}
	udrv_vfio_close(pdev->udrv);
	free(pdev->udrv);
	free((char *)pdev->dev.name);
	free(pdev);
	udrv_pdev = NULL;
}

static bool id_matches(const struct pci_device_id *id,
		       const struct pci_dev *pdev)
{
	return (id->vendor == PCI_ANY_ID || id->vendor == pdev->vendor) &&
	       (id->device == PCI_ANY_ID || id->device == pdev->device) &&
	       (id->subvendor == PCI_ANY_ID ||
		id->subvendor == pdev->subsystem_vendor) &&
	       (id->subdevice == PCI_ANY_ID ||
		id->subdevice == pdev->subsystem_device) &&
	       !((id->class ^ pdev->class) & id->class_mask);
}

int pci_register_driver(struct pci_driver *drv)
{
	struct pci_dev *pdev = udrv_pdev;
	const struct pci_device_id *id;
	int err;

	udrv_driver_name = drv->name;
	for (id = drv->id_table; id && (id->vendor || id->subvendor ||
					 id->class_mask); id++) {
		if (id_matches(id, pdev))
			break;
	}
	if (!id || !(id->vendor || id->subvendor || id->class_mask)) {
		udrv_err("%s: %04x:%04x is not a device of %s's table",
			 pci_name(pdev), pdev->vendor, pdev->device, drv->name);
		return -ENODEV;
	}
	pdev->driver = drv;
	pdev->dev.driver_name = drv->name;
	err = drv->probe(pdev, id);
	if (err) {
		udrv_devres_release_all(&pdev->dev);
		pdev->driver = NULL;
		udrv_err("%s: probe failed with error %d", pci_name(pdev), err);
		return err;
	}
	return 0;
}

void pci_unregister_driver(struct pci_driver *drv)
{
	struct pci_dev *pdev = udrv_pdev;

	if (!pdev || pdev->driver != drv)
		return;
	if (drv->remove)
		drv->remove(pdev);
	udrv_devres_release_all(&pdev->dev);
	pdev->driver = NULL;
	pci_set_drvdata(pdev, NULL);
}

/* Configuration space (the kernel's return 0 or a PCIBIOS_ error) */

#define PCIBIOS_BAD_REGISTER_NUMBER	0x87

int pci_read_config_byte(const struct pci_dev *pdev, int where, u8 *val)
{
	*val = 0xff;
	return udrv_vfio_config(pdev->udrv, false, where, val, 1) ?
	       PCIBIOS_BAD_REGISTER_NUMBER : 0;
}

int pci_read_config_word(const struct pci_dev *pdev, int where, u16 *val)
{
	*val = 0xffff;
	return udrv_vfio_config(pdev->udrv, false, where, val, 2) ?
	       PCIBIOS_BAD_REGISTER_NUMBER : 0;
}

int pci_read_config_dword(const struct pci_dev *pdev, int where, u32 *val)
{
	*val = 0xffffffff;
	return udrv_vfio_config(pdev->udrv, false, where, val, 4) ?
	       PCIBIOS_BAD_REGISTER_NUMBER : 0;
}

int pci_write_config_byte(const struct pci_dev *pdev, int where, u8 val)
{
	return udrv_vfio_config(pdev->udrv, true, where, &val, 1) ?
	       PCIBIOS_BAD_REGISTER_NUMBER : 0;
}

int pci_write_config_word(const struct pci_dev *pdev, int where, u16 val)
{
	return udrv_vfio_config(pdev->udrv, true, where, &val, 2) ?
	       PCIBIOS_BAD_REGISTER_NUMBER : 0;
}

int pci_write_config_dword(const struct pci_dev *pdev, int where, u32 val)
{
	return udrv_vfio_config(pdev->udrv, true, where, &val, 4) ?
	       PCIBIOS_BAD_REGISTER_NUMBER : 0;
}

/* Enabling, bus mastering */

static void command_bits(struct pci_dev *pdev, u16 set, u16 clear)
{
	u16 cmd;

	if (pci_read_config_word(pdev, PCI_COMMAND, &cmd))
		return;
	cmd = (cmd & ~clear) | set;
	pci_write_config_word(pdev, PCI_COMMAND, cmd);
}

int pci_enable_device(struct pci_dev *pdev)
{
	u16 set = 0;
	u8 pin = 0;
	int bar;

	for (bar = 0; bar < 6; bar++) {
		unsigned long f = pci_resource_flags(pdev, bar);

		set |= f & IORESOURCE_MEM ? PCI_COMMAND_MEMORY : 0;
		set |= f & IORESOURCE_IO ? PCI_COMMAND_IO : 0;
	}
	command_bits(pdev, set, 0);
	pci_read_config_byte(pdev, PCI_INTERRUPT_PIN, &pin);
	/* INTx, as the interrupt numbers of irq.c: vector 0 is 1 */
	pdev->irq = pin && pdev->udrv->irq_count[VFIO_PCI_INTX_IRQ_INDEX] ? 1 : 0;
	return 0;
}

void pci_disable_device(struct pci_dev *pdev)
{
	command_bits(pdev, 0, PCI_COMMAND_MASTER);
}

static void pcim_disable(void *data)
{
	pci_disable_device(data);
}

int pcim_enable_device(struct pci_dev *pdev)
{
	int err = pci_enable_device(pdev);

	return err ? err : devm_add_action_or_reset(&pdev->dev, pcim_disable,
						    pdev);
}

void pci_set_master(struct pci_dev *pdev)
{
	command_bits(pdev, PCI_COMMAND_MASTER, 0);
}

void pci_clear_master(struct pci_dev *pdev)
{
	command_bits(pdev, 0, PCI_COMMAND_MASTER);
}

/* VFIO has the function to itself: there is no one to share regions with */
int pci_request_regions(struct pci_dev *pdev, const char *name)
{
	(void)pdev;
	(void)name;
	return 0;
}

void pci_release_regions(struct pci_dev *pdev)
{
	(void)pdev;
}

/* BARs */

static u32 bar_register(struct pci_dev *pdev, int bar)
{
	u32 v = 0;

	pci_read_config_dword(pdev, PCI_BASE_ADDRESS_0 + 4 * bar, &v);
	return v;
}

resource_size_t pci_resource_start(struct pci_dev *pdev, int bar)
{
	u32 lo;
	u64 addr;

	if (bar < 0 || bar > 5 || !pdev->udrv->region[bar].size)
		return 0;
	lo = bar_register(pdev, bar);
	if (lo & PCI_BASE_ADDRESS_SPACE_IO)
		return lo & PCI_BASE_ADDRESS_IO_MASK;
	addr = lo & PCI_BASE_ADDRESS_MEM_MASK;
	if ((lo & PCI_BASE_ADDRESS_MEM_TYPE_MASK) == PCI_BASE_ADDRESS_MEM_TYPE_64 &&
	    bar < 5)
		addr |= (u64)bar_register(pdev, bar + 1) << 32;
	return addr;
}

resource_size_t pci_resource_len(struct pci_dev *pdev, int bar)
{
	return bar < 0 || bar > 5 ? 0 : pdev->udrv->region[bar].size;
}

unsigned long pci_resource_flags(struct pci_dev *pdev, int bar)
{
	u32 lo;

	if (!pci_resource_len(pdev, bar))
		return 0;
	lo = bar_register(pdev, bar);
	if (lo & PCI_BASE_ADDRESS_SPACE_IO)
		return IORESOURCE_IO;
	return IORESOURCE_MEM |
	       (lo & PCI_BASE_ADDRESS_MEM_PREFETCH ? IORESOURCE_PREFETCH : 0);
}

void __iomem *pci_iomap(struct pci_dev *pdev, int bar, unsigned long maxlen)
{
	struct udrv_region *r;
	void *map;

	(void)maxlen;			/* the whole BAR is mapped */
	if (bar < 0 || bar > 5 || !pdev->udrv->region[bar].size)
		return NULL;
	r = &pdev->udrv->region[bar];
	if (r->map)
		return r->map;
	if (!(r->flags & VFIO_REGION_INFO_FLAG_MMAP)) {
		dev_err(&pdev->dev, "pci_iomap: BAR %d cannot be mapped (an I/O port BAR?): not supported in user space",
			bar);
		return NULL;
	}
	map = mmap(NULL, r->size, PROT_READ | PROT_WRITE, MAP_SHARED,
		   pdev->udrv->device, r->offset);
	if (map == MAP_FAILED) {
		dev_err(&pdev->dev, "pci_iomap: BAR %d: %s", bar, strerror(errno));
		return NULL;
	}
	r->map = map;
	return map;
}

void pci_iounmap(struct pci_dev *pdev, void __iomem *addr)
{
	int bar;

	for (bar = 0; bar < 6; bar++) {
		struct udrv_region *r = &pdev->udrv->region[bar];

		if (r->map && r->map == addr) {
			munmap(r->map, r->size);
			r->map = NULL;
			return;
		}
	}
	WARN_ON(addr);			/* not a mapping of pci_iomap() */
}

static void pcim_iounmap(void *data)
{
	pci_iounmap(udrv_pdev, data);
}

void __iomem *pcim_iomap(struct pci_dev *pdev, int bar, unsigned long maxlen)
{
	void __iomem *addr = pci_iomap(pdev, bar, maxlen);

	if (addr && devm_add_action_or_reset(&pdev->dev, pcim_iounmap, addr))
		return NULL;
	return addr;
}

/* DMA: coherent buffers, mapped by the IOMMU at the lowest IOVA that fits
 * below the device's coherent mask */

int dma_set_mask(struct device *dev, u64 mask)
{
	if (mask < DMA_BIT_MASK(24))
		return -EIO;
	dev->dma_mask = mask;
	return 0;
}

int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	if (mask < DMA_BIT_MASK(24))
		return -EIO;
	dev->coherent_dma_mask = mask;
	return 0;
}

int dma_set_mask_and_coherent(struct device *dev, u64 mask)
{
	int err = dma_set_mask(dev, mask);

	return err ? err : dma_set_coherent_mask(dev, mask);
}

void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *handle,
			 gfp_t flags)
{
	struct udrv_pci *p = to_pci_dev(dev)->udrv;
	long page = sysconf(_SC_PAGESIZE);
	struct udrv_dma *d, **pp;
	u64 iova = IOVA_BASE, len;
	int err;

	(void)flags;
	if (!size)
		return NULL;
	len = (size + page - 1) & ~(u64)(page - 1);
	for (pp = &p->dma; *pp; pp = &(*pp)->next) {
		if (iova + len <= (*pp)->iova)
			break;
		iova = (*pp)->iova + (*pp)->size;
	}
	if (iova + len - 1 > dev->coherent_dma_mask) {
		dev_err(dev, "dma_alloc_coherent: no room for %zu bytes below the mask 0x%llx",
			size, (unsigned long long)dev->coherent_dma_mask);
		return NULL;
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->cpu = mmap(NULL, len, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (d->cpu == MAP_FAILED) {
		free(d);
		return NULL;
	}
	err = udrv_vfio_map_dma(p, d->cpu, iova, len);
	if (err) {
		dev_err(dev, "dma_alloc_coherent: IOMMU map of %llu bytes at 0x%llx: %s",
			(unsigned long long)len, (unsigned long long)iova,
			strerror(-err));
		munmap(d->cpu, len);
		free(d);
		return NULL;
	}
	d->iova = iova;
	d->size = len;
	d->next = *pp;
	*pp = d;
	*handle = iova;
	return d->cpu;
}

void dma_free_coherent(struct device *dev, size_t size, void *cpu,
		       dma_addr_t handle)
{
	struct udrv_pci *p = to_pci_dev(dev)->udrv;
	struct udrv_dma **pp, *d;

	(void)size;
	for (pp = &p->dma; *pp; pp = &(*pp)->next) {
		d = *pp;
		if (d->iova == handle && d->cpu == cpu) {
			*pp = d->next;
			udrv_vfio_unmap_dma(p, d->iova, d->size);
			munmap(d->cpu, d->size);
			free(d);
			return;
		}
	}
	dev_err(dev, "dma_free_coherent: %p at 0x%llx was not allocated",
		cpu, (unsigned long long)handle);
	WARN_ON(1);
}

struct dmam {
	struct device *dev;
	size_t size;
	void *cpu;
	dma_addr_t handle;
};

static void dmam_free(void *data)
{
	struct dmam *m = data;

	dma_free_coherent(m->dev, m->size, m->cpu, m->handle);
	free(m);
}

void *dmam_alloc_coherent(struct device *dev, size_t size, dma_addr_t *handle,
			  gfp_t flags)
{
	struct dmam *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->cpu = dma_alloc_coherent(dev, size, &m->handle, flags);
	if (!m->cpu) {
		free(m);
		return NULL;
	}
	m->dev = dev;
	m->size = size;
	if (devm_add_action_or_reset(dev, dmam_free, m))
		return NULL;
	*handle = m->handle;
	return m->cpu;
}
