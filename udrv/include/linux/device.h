/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A device of the user-space build: the one PCI device the process
 * serves (a PCI function taken through VFIO), with its driver data and
 * its managed resources (devm_*), released in reverse order after the
 * driver's remove() or a failed probe(), as the kernel's driver core does.
 */
#ifndef UDRV_LINUX_DEVICE_H
#define UDRV_LINUX_DEVICE_H

#include <linux/kernel.h>
#include <linux/gfp.h>

struct udrv_devres;

struct device_driver {
	const char *name;
};

struct device {
	const char *name;		/* the PCI address: 0000:00:03.0 */
	const char *driver_name;
	void *driver_data;
	u64 dma_mask;
	u64 coherent_dma_mask;
	struct udrv_devres *devres;	/* newest first */
};

static inline const char *dev_name(const struct device *dev)
{
	return dev->name;
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

static inline struct device *get_device(struct device *dev)
{
	return dev;
}

static inline void put_device(struct device *dev)
{
	(void)dev;
}

__printf(3, 4) void udrv_dev_printk(const char *level, const struct device *dev,
				    const char *fmt, ...);
#define dev_emerg(dev, fmt, ...)  udrv_dev_printk(KERN_EMERG, dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...)   udrv_dev_printk(KERN_CRIT, dev, fmt, ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...)  udrv_dev_printk(KERN_ALERT, dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...)    udrv_dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)   udrv_dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) udrv_dev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)   udrv_dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)    udrv_dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)
__printf(3, 4) int dev_err_probe(const struct device *dev, int err,
				 const char *fmt, ...);

void *devm_kmalloc(struct device *dev, size_t size, gfp_t flags);
void *devm_kzalloc(struct device *dev, size_t size, gfp_t flags);
void *devm_kcalloc(struct device *dev, size_t n, size_t size, gfp_t flags);
void devm_kfree(struct device *dev, const void *p);
int devm_add_action(struct device *dev, void (*action)(void *), void *data);
int devm_add_action_or_reset(struct device *dev, void (*action)(void *),
			     void *data);

#endif
