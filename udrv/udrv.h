/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the emulation library share (not for drivers: they
 * see only include/linux/).  One process serves one PCI function:
 *
 *   main.c    the process: options, module parameters, init, the wait
 *             for a stop, exit
 *   printk.c  printk(), dev_printk(), BUG() and WARN(), string helpers
 *   mem.c     kmalloc() and kin, managed resources (devm_*), IDAs
 *   sched.c   threads of the library, wait queues, completions, jiffies,
 *             delays, timers, workqueues
 *   vfio.c    the VFIO container, group and device of the PCI function
 *   pci.c     the pci_dev, the driver's probe and remove, configuration
 *             space, BARs, coherent DMA memory
 *   irq.c     interrupts: vectors, their threads, disable and enable
 *   cuse.c    misc_register(): /dev/NAME served with CUSE, the driver's
 *             file_operations, copy_to_user() and copy_from_user()
 *   heartbeat.c  the answers to a manager's heartbeat (udrvd(8)): the
 *             process is alive and none of its threads is hung
 */
#ifndef UDRV_UDRV_H
#define UDRV_UDRV_H

#include <pthread.h>
#include <stdarg.h>
#include <linux/types.h>
#include <linux/vfio.h>

struct device;
struct pci_dev;
struct wait_queue_head;

/* main.c: the command line */
struct udrv_options {
	const char *address;		/* of the PCI function, 0000:00:03.0 */
	unsigned int instance;		/* where IDAs start */
	bool debug;			/* print KERN_DEBUG lines */
	int heartbeat;			/* the manager's socket, or -1 */
	unsigned int hang_ms;		/* a thread busy this long is hung */
};
extern struct udrv_options udrv_opt;
extern const char *udrv_progname;
extern const char *udrv_driver_name;	/* the pci_driver's, once known */

/* printk.c */
void udrv_vlog(const char *level, const char *prefix, const char *fmt,
	       va_list ap);
__attribute__((format(printf, 1, 2))) void udrv_err(const char *fmt, ...);
__attribute__((noreturn, format(printf, 1, 2))) void udrv_die(const char *fmt, ...);

/* mem.c: the managed resources of @dev, newest first */
void udrv_devres_release_all(struct device *dev);

/*
 * sched.c: the state of a thread the library knows (the task of
 * <linux/sched.h>): whether a signal is pending for what it serves, and
 * the wait queue it sleeps on, both under the tasks' lock.
 */
struct task_struct {
	bool sigpending;
	struct wait_queue_head *sleeping_on;
	bool in_irq;
	const void *ubuf;		/* cuse.c: the user memory it serves */
	size_t ulen;
	/* for the watchdog: set by the thread, read by the heartbeat's */
	char name[64];			/* what the thread serves */
	const char *doing;		/* the driver's code it runs */
	u64 busy_since;			/* since when (ns), 0 when idle */
	unsigned int busy_depth;	/* nested entries (a replayed irq) */
	struct task_struct *next_task;	/* in the list of tasks */
};
void udrv_task_interrupt(struct task_struct *t);
void udrv_task_clear_signal(struct task_struct *t);

/*
 * The watchdog of the library's threads, the kernel's hung-task and
 * soft-lockup detectors in one: a thread that runs the driver's code
 * (a file operation, an interrupt handler, a work, a timer) registers
 * itself, and marks each call of the driver's code busy ... idle.  A
 * thread busy for longer than the limit without being in an
 * interruptible wait (where a signal would get it out) is hung: it spins,
 * or sleeps on what never comes (a deadlock).
 */
__attribute__((format(printf, 1, 2))) void udrv_task_register(const char *fmt, ...);
void udrv_task_unregister(void);
void udrv_task_busy(const char *doing);
void udrv_task_idle(void);
/* Describes the first hung task into @buf; false if there is none. */
bool udrv_task_hung(u64 limit_ns, char *buf, size_t len);

/* heartbeat.c: after the driver's init, tells the manager it is ready
 * and answers its heartbeat from a thread of its own */
void udrv_heartbeat_start(void);
/* pthread_create() with every signal blocked, or die */
void udrv_thread(pthread_t *tid, void *(*fn)(void *), void *arg,
		 const char *what);

/* vfio.c */
struct udrv_region {
	u64 offset;			/* in the device's file */
	u64 size;
	u32 flags;			/* VFIO_REGION_INFO_FLAG_* */
	void *map;			/* mmap()ed, or NULL */
};

struct udrv_pci {
	int container, group, device;	/* VFIO's files */
	unsigned int group_id;
	struct vfio_device_info info;
	struct udrv_region region[VFIO_PCI_NUM_REGIONS];
	unsigned int irq_count[VFIO_PCI_NUM_IRQS];
	int irq_index;			/* VFIO_PCI_*_IRQ_INDEX, or -1 */
	unsigned int nvec;
	struct udrv_irq *irqs;		/* irq.c: nvec of them */
	bool irq_enabled;		/* the index is set up in VFIO */
	struct udrv_dma *dma;		/* pci.c: mapped buffers, by IOVA */
};

int udrv_vfio_open(struct udrv_pci *p, const char *address);
void udrv_vfio_close(struct udrv_pci *p);
int udrv_vfio_config(struct udrv_pci *p, bool write, int where, void *val,
		     size_t size);
int udrv_vfio_map_dma(struct udrv_pci *p, void *vaddr, u64 iova, u64 size);
int udrv_vfio_unmap_dma(struct udrv_pci *p, u64 iova, u64 size);
int udrv_vfio_set_irqs(struct udrv_pci *p, unsigned int index,
		       unsigned int start, unsigned int count, const int *fds);
int udrv_vfio_unmask_intx(struct udrv_pci *p);

/* pci.c: the one device of the process */
extern struct pci_dev *udrv_pdev;
int udrv_pci_take(const char *address);
void udrv_pci_release(void);

/* irq.c */
void udrv_irq_release_all(struct udrv_pci *p);

#endif
