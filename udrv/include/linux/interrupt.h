/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupts: the device's interrupt (INTx, or a vector of MSI) comes
 * from VFIO as an eventfd; a thread of the process per requested
 * interrupt runs its handler, then the thread function if the handler
 * asked for it, then unmasks INTx.  disable_irq() waits for a handler
 * that runs and holds new ones back until enable_irq(), which runs what
 * came meanwhile.
 */
#ifndef UDRV_LINUX_INTERRUPT_H
#define UDRV_LINUX_INTERRUPT_H

#include <linux/irqreturn.h>
#include <linux/kernel.h>

struct device;

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

#define IRQF_SHARED	0x00000080
#define IRQF_ONESHOT	0x00002000
#define IRQF_NO_SUSPEND	0x00004000

int request_threaded_irq(unsigned int irq, irq_handler_t handler,
			 irq_handler_t thread_fn, unsigned long flags,
			 const char *name, void *dev_id);

static inline int request_irq(unsigned int irq, irq_handler_t handler,
			      unsigned long flags, const char *name,
			      void *dev_id)
{
	return request_threaded_irq(irq, handler, NULL, flags, name, dev_id);
}

const void *free_irq(unsigned int irq, void *dev_id);
int devm_request_threaded_irq(struct device *dev, unsigned int irq,
			      irq_handler_t handler, irq_handler_t thread_fn,
			      unsigned long flags, const char *name,
			      void *dev_id);
#define devm_request_irq(dev, irq, handler, flags, name, dev_id) \
	devm_request_threaded_irq(dev, irq, handler, NULL, flags, name, dev_id)
void disable_irq(unsigned int irq);
void disable_irq_nosync(unsigned int irq);
void enable_irq(unsigned int irq);
void synchronize_irq(unsigned int irq);
/* true on the thread of an interrupt, in its handler */
bool in_interrupt(void);
#define in_irq()	in_interrupt()

#endif
