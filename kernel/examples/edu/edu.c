// SPDX-License-Identifier: GPL-2.0
/*
 * edu: a driver for QEMU's educational PCI device (1234:11e8; QEMU's
 * docs/specs/edu.rst): /dev/eduN per device, whose read() and write()
 * move data through the device's DMA engine and whose ioctls (edu.h) read
 * its identification, test its liveness register, compute factorials and
 * raise an interrupt and wait for it.
 *
 * The same file builds as edu.ko (Kbuild) and as edu-user, a process
 * serving one device over VFIO and CUSE with modstub's emulation of the
 * kernel's interfaces (udrv/, udrv(7)); it has no #ifdef for either.
 */
#include <linux/completion.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "edu.h"

#define EDU_VENDOR		0x1234
#define EDU_DEVICE		0x11e8

/* registers of BAR 0 */
#define EDU_REG_IDENT		0x00
#define EDU_REG_LIVENESS	0x04
#define EDU_REG_FACTORIAL	0x08
#define EDU_REG_STATUS		0x20
#define EDU_REG_IRQ_STATUS	0x24
#define EDU_REG_IRQ_RAISE	0x60
#define EDU_REG_IRQ_ACK		0x64
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_COUNT	0x90
#define EDU_REG_DMA_CMD		0x98

#define EDU_IDENT_MAGIC		0xed	/* the low byte of EDU_REG_IDENT */
#define EDU_STATUS_IRQFACT	0x80	/* interrupt when a factorial is done */
#define EDU_IRQ_FACT		0x001
#define EDU_IRQ_DMA		0x100
#define EDU_IRQ_TEST		0x10000	/* what EDU_IOC_IRQ raises */
#define EDU_DMA_START		0x1
#define EDU_DMA_TO_RAM		0x2	/* else from RAM to the device */
#define EDU_DMA_IRQ		0x4
#define EDU_DMA_BUF		0x40000	/* the device's buffer, its address */
#define EDU_DMA_BITS		28	/* the device's default DMA mask */
#define EDU_TIMEOUT		(2 * HZ)

/*
 * A fault on purpose, for the tests of supervision (udrvd(8)), meant for
 * the user build, where it costs one process: "null" makes
 * EDU_IOC_FACTORIAL dereference NULL, "hang" makes it take its lock a
 * second time (a deadlock), "dma" makes read() have the device write to
 * fault_addr instead of the buffer (which the IOMMU must stop).
 */
enum edu_fault { EDU_FAULT_NONE, EDU_FAULT_NULL, EDU_FAULT_HANG, EDU_FAULT_DMA };
static const char *const edu_fault_names[] = {
	[EDU_FAULT_NONE] = "", [EDU_FAULT_NULL] = "null",
	[EDU_FAULT_HANG] = "hang", [EDU_FAULT_DMA] = "dma",
};
static char *fault = "";
module_param(fault, charp, 0444);
MODULE_PARM_DESC(fault, "a fault on purpose, for tests of the user build: null, hang or dma");
static unsigned long fault_addr;
module_param(fault_addr, ulong, 0444);
MODULE_PARM_DESC(fault_addr, "the bus address that fault=dma has the device write to");

struct edu {
	struct pci_dev *pdev;
	void __iomem *regs;
	int id;				/* N of /dev/eduN */
	char name[16];
	struct miscdevice misc;
	struct mutex lock;		/* one operation at a time */
	void *buf;			/* EDU_BUF_SIZE of coherent DMA memory */
	dma_addr_t buf_dma;
	spinlock_t irq_lock;		/* protects the two below */
	u32 irq_pending;		/* status bits taken by the handler */
	u64 irq_count;			/* interrupts handled */
	wait_queue_head_t irq_wait;
	enum edu_fault fault;
	u32 *nowhere;			/* NULL: what fault=null reads */
};

static DEFINE_IDA(edu_ida);

static irqreturn_t edu_irq(int irq, void *data)
{
	struct edu *edu = data;
	u32 status;

	status = ioread32(edu->regs + EDU_REG_IRQ_STATUS);
	if (!status)
		return IRQ_NONE;	/* a shared INTx of another device */
	iowrite32(status, edu->regs + EDU_REG_IRQ_ACK);
	spin_lock(&edu->irq_lock);
	edu->irq_pending |= status;
	edu->irq_count++;
	spin_unlock(&edu->irq_lock);
	wake_up(&edu->irq_wait);
	return IRQ_HANDLED;
}

/* Takes @bit from the pending interrupts; true if it was there. */
static bool edu_take_irq(struct edu *edu, u32 bit)
{
	bool taken;

	spin_lock_irq(&edu->irq_lock);
	taken = edu->irq_pending & bit;
	edu->irq_pending &= ~bit;
	spin_unlock_irq(&edu->irq_lock);
	return taken;
}

static int edu_wait_irq(struct edu *edu, u32 bit, const char *what)
{
	if (!wait_event_timeout(edu->irq_wait, edu_take_irq(edu, bit),
				EDU_TIMEOUT)) {
		dev_err(&edu->pdev->dev, "%s: no interrupt in %u ms\n", what,
			jiffies_to_msecs(EDU_TIMEOUT));
		return -ETIMEDOUT;
	}
	return 0;
}

/* Moves @count bytes between edu->buf and the device's buffer; locked. */
static int edu_dma(struct edu *edu, bool to_ram, size_t count)
{
	u32 ram = lower_32_bits(edu->buf_dma);

	if (edu->fault == EDU_FAULT_DMA && to_ram)
		ram = lower_32_bits(fault_addr);

	iowrite32(to_ram ? EDU_DMA_BUF : ram, edu->regs + EDU_REG_DMA_SRC);
	iowrite32(to_ram ? ram : EDU_DMA_BUF, edu->regs + EDU_REG_DMA_DST);
	iowrite32(count, edu->regs + EDU_REG_DMA_COUNT);
	iowrite32(EDU_DMA_START | EDU_DMA_IRQ | (to_ram ? EDU_DMA_TO_RAM : 0),
		  edu->regs + EDU_REG_DMA_CMD);
	return edu_wait_irq(edu, EDU_IRQ_DMA, "DMA");
}

static struct edu *file_edu(struct file *file)
{
	return container_of(file->private_data, struct edu, misc);
}

static int edu_open(struct inode *inode, struct file *file)
{
	return stream_open(inode, file);
}

static ssize_t edu_read(struct file *file, char __user *ubuf, size_t count,
			loff_t *pos)
{
	struct edu *edu = file_edu(file);
	int err;

	count = min_t(size_t, count, EDU_IO_MAX);
	if (!count)
		return 0;
	mutex_lock(&edu->lock);
	err = edu_dma(edu, true, count);
	if (!err && copy_to_user(ubuf, edu->buf, count))
		err = -EFAULT;
	mutex_unlock(&edu->lock);
	return err ? err : count;
}

static ssize_t edu_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *pos)
{
	struct edu *edu = file_edu(file);
	int err = 0;

	count = min_t(size_t, count, EDU_IO_MAX);
	if (!count)
		return 0;
	mutex_lock(&edu->lock);
	if (copy_from_user(edu->buf, ubuf, count))
		err = -EFAULT;
	if (!err)
		err = edu_dma(edu, false, count);
	mutex_unlock(&edu->lock);
	return err ? err : count;
}

static long edu_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct edu *edu = file_edu(file);
	void __user *uarg = (void __user *)arg;
	long err = 0;
	u64 count;
	u32 v;

	switch (cmd) {
	case EDU_IOC_IDENT:
		v = ioread32(edu->regs + EDU_REG_IDENT);
		return put_user(v, (u32 __user *)uarg);
	case EDU_IOC_LIVENESS:
		if (get_user(v, (u32 __user *)uarg))
			return -EFAULT;
		mutex_lock(&edu->lock);
		iowrite32(v, edu->regs + EDU_REG_LIVENESS);
		v = ioread32(edu->regs + EDU_REG_LIVENESS);
		mutex_unlock(&edu->lock);
		return put_user(v, (u32 __user *)uarg);
	case EDU_IOC_FACTORIAL:
		if (get_user(v, (u32 __user *)uarg))
			return -EFAULT;
		mutex_lock(&edu->lock);
		if (edu->fault == EDU_FAULT_HANG)
			mutex_lock(&edu->lock);
		if (edu->fault == EDU_FAULT_NULL)
			v = READ_ONCE(*edu->nowhere);
		iowrite32(v, edu->regs + EDU_REG_FACTORIAL);
		err = edu_wait_irq(edu, EDU_IRQ_FACT, "factorial");
		if (!err)
			v = ioread32(edu->regs + EDU_REG_FACTORIAL);
		mutex_unlock(&edu->lock);
		return err ? err : put_user(v, (u32 __user *)uarg);
	case EDU_IOC_IRQ:
		mutex_lock(&edu->lock);
		iowrite32(EDU_IRQ_TEST, edu->regs + EDU_REG_IRQ_RAISE);
		err = edu_wait_irq(edu, EDU_IRQ_TEST, "raised interrupt");
		spin_lock_irq(&edu->irq_lock);
		count = edu->irq_count;
		spin_unlock_irq(&edu->irq_lock);
		mutex_unlock(&edu->lock);
		return err ? err : put_user(count, (u64 __user *)uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations edu_fops = {
	.owner = THIS_MODULE,
	.open = edu_open,
	.read = edu_read,
	.write = edu_write,
	.unlocked_ioctl = edu_ioctl,
	.llseek = noop_llseek,
};

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct device *dev = &pdev->dev;
	struct edu *edu;
	unsigned int i;
	u32 ident;
	int err;

	edu = devm_kzalloc(dev, sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(edu_fault_names); i++) {
		if (!strcmp(fault, edu_fault_names[i]))
			break;
	}
	if (i == ARRAY_SIZE(edu_fault_names)) {
		dev_err(dev, "fault=%s: not null, hang or dma\n", fault);
		return -EINVAL;
	}
	edu->fault = i;
	if (edu->fault)
		dev_warn(dev, "fault=%s: a fault on purpose\n", fault);
	edu->pdev = pdev;
	mutex_init(&edu->lock);
	spin_lock_init(&edu->irq_lock);
	init_waitqueue_head(&edu->irq_wait);

	err = pci_enable_device(pdev);
	if (err)
		return err;
	err = pci_request_regions(pdev, KBUILD_MODNAME);
	if (err)
		goto disable;
	edu->regs = pci_iomap(pdev, 0, 0);
	if (!edu->regs) {
		err = -ENOMEM;
		goto release;
	}
	ident = ioread32(edu->regs + EDU_REG_IDENT);
	if ((ident & 0xff) != EDU_IDENT_MAGIC) {
		dev_err(dev, "identification 0x%08x is not an edu's\n", ident);
		err = -ENODEV;
		goto unmap;
	}

	err = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(EDU_DMA_BITS));
	if (err)
		goto unmap;
	edu->buf = dma_alloc_coherent(dev, EDU_BUF_SIZE, &edu->buf_dma,
				      GFP_KERNEL);
	if (!edu->buf) {
		err = -ENOMEM;
		goto unmap;
	}
	pci_set_master(pdev);

	err = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_ALL_TYPES);
	if (err < 0)
		goto free_buf;
	err = request_irq(pci_irq_vector(pdev, 0), edu_irq, IRQF_SHARED,
			  KBUILD_MODNAME, edu);
	if (err)
		goto free_vectors;
	iowrite32(EDU_STATUS_IRQFACT, edu->regs + EDU_REG_STATUS);

	edu->id = ida_alloc(&edu_ida, GFP_KERNEL);
	if (edu->id < 0) {
		err = edu->id;
		goto free_irq;
	}
	snprintf(edu->name, sizeof(edu->name), "edu%d", edu->id);
	edu->misc.minor = MISC_DYNAMIC_MINOR;
	edu->misc.name = edu->name;
	edu->misc.fops = &edu_fops;
	edu->misc.parent = dev;
	err = misc_register(&edu->misc);
	if (err)
		goto free_id;
	pci_set_drvdata(pdev, edu);
	dev_info(dev, "/dev/%s: edu %u.%u, interrupt %d\n", edu->name,
		 ident >> 24, (ident >> 16) & 0xff, pci_irq_vector(pdev, 0));
	return 0;

free_id:
	ida_free(&edu_ida, edu->id);
free_irq:
	iowrite32(0, edu->regs + EDU_REG_STATUS);
	free_irq(pci_irq_vector(pdev, 0), edu);
free_vectors:
	pci_free_irq_vectors(pdev);
free_buf:
	pci_clear_master(pdev);
	dma_free_coherent(dev, EDU_BUF_SIZE, edu->buf, edu->buf_dma);
unmap:
	pci_iounmap(pdev, edu->regs);
release:
	pci_release_regions(pdev);
disable:
	pci_disable_device(pdev);
	return err;
}

static void edu_remove(struct pci_dev *pdev)
{
	struct edu *edu = pci_get_drvdata(pdev);

	misc_deregister(&edu->misc);
	ida_free(&edu_ida, edu->id);
	iowrite32(0, edu->regs + EDU_REG_STATUS);
	free_irq(pci_irq_vector(pdev, 0), edu);
	pci_free_irq_vectors(pdev);
	pci_clear_master(pdev);
	dma_free_coherent(&pdev->dev, EDU_BUF_SIZE, edu->buf, edu->buf_dma);
	pci_iounmap(pdev, edu->regs);
	pci_release_regions(pdev);
	pci_disable_device(pdev);
}

static const struct pci_device_id edu_ids[] = {
	{ PCI_DEVICE(EDU_VENDOR, EDU_DEVICE) },
	{ }
};
MODULE_DEVICE_TABLE(pci, edu_ids);

static struct pci_driver edu_driver = {
	.name = KBUILD_MODNAME,
	.id_table = edu_ids,
	.probe = edu_probe,
	.remove = edu_remove,
};
module_pci_driver(edu_driver);

MODULE_DESCRIPTION("QEMU's edu PCI device: DMA, interrupts and factorials");
MODULE_LICENSE("GPL");
