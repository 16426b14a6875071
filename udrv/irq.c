// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts.  pci_alloc_irq_vectors() chooses MSI-X, MSI or INTx as the
 * flags allow and VFIO offers; the interrupt numbers are 1 + the vector.
 * The first request_irq() gives VFIO an eventfd for every vector, and
 * each requested vector gets a thread: it waits on its eventfd, runs the
 * handler (and the thread function if the handler asks), and for INTx,
 * which VFIO masks when it fires, unmasks it.  A handler runs with the
 * vector's lock held: disable_irq() and synchronize_irq() take it to wait
 * for a handler that runs.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <linux/interrupt.h>
#include <linux/pci.h>

#include "udrv.h"

struct udrv_irq {
	int efd;			/* VFIO's eventfd of the vector */
	int stopfd;			/* free_irq() wakes the thread */
	irq_handler_t handler, thread_fn;
	void *dev_id;
	const char *name;
	bool requested;
	pthread_t tid;
	pthread_mutex_t lock;		/* held while the handler runs */
	unsigned int depth;		/* of disable_irq() */
	bool held;			/* came while disabled */
	unsigned long count, unhandled;
};

static __thread bool in_irq_thread;

bool in_interrupt(void)
{
	return in_irq_thread;
}

int pci_alloc_irq_vectors(struct pci_dev *pdev, unsigned int min_vecs,
			  unsigned int max_vecs, unsigned int flags)
{
	struct udrv_pci *p = pdev->udrv;
	static const struct {
		unsigned int flag;
		int index;
	} types[] = {
		{ PCI_IRQ_MSIX, VFIO_PCI_MSIX_IRQ_INDEX },
		{ PCI_IRQ_MSI, VFIO_PCI_MSI_IRQ_INDEX },
		{ PCI_IRQ_INTX, VFIO_PCI_INTX_IRQ_INDEX },
	};
	unsigned int i, j, n;

	if (p->irq_index >= 0)
		return -EINVAL;		/* allocated already */
	if (!min_vecs || min_vecs > max_vecs)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		if (!(flags & types[i].flag))
			continue;
		n = min(p->irq_count[types[i].index], max_vecs);
		if (types[i].index == VFIO_PCI_INTX_IRQ_INDEX && !pdev->irq)
			n = 0;		/* no pin, or not enabled */
		if (n < min_vecs)
			continue;
		p->irqs = calloc(n, sizeof(*p->irqs));
		if (!p->irqs)
			return -ENOMEM;
		p->irq_index = types[i].index;
		p->nvec = n;
		for (j = 0; j < n; j++) {
			p->irqs[j].efd = p->irqs[j].stopfd = -1;
			pthread_mutex_init(&p->irqs[j].lock, NULL);
		}
		return n;
	}
	return -ENOSPC;
}

int pci_irq_vector(struct pci_dev *pdev, unsigned int nr)
{
	struct udrv_pci *p = pdev->udrv;

	if (p->irq_index < 0)
		return nr ? -EINVAL : (int)pdev->irq;
	return nr < p->nvec ? (int)nr + 1 : -EINVAL;
}

/* The vector of interrupt number @irq; with INTx set up on first use for a
 * driver that requests pdev->irq without pci_alloc_irq_vectors() */
static struct udrv_irq *irq_of(unsigned int irq)
{
	struct pci_dev *pdev = udrv_pdev;
	struct udrv_pci *p = pdev->udrv;

	if (p->irq_index < 0 && irq && irq == pdev->irq &&
	    pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_INTX) < 0)
		return NULL;
	if (p->irq_index < 0 || !irq || irq > p->nvec)
		return NULL;
	return &p->irqs[irq - 1];
}

static void run_handler(struct udrv_pci *p, struct udrv_irq *v, int irq)
{
	irqreturn_t r;

	in_irq_thread = true;
	udrv_task_busy("an interrupt handler");
	r = v->handler(irq, v->dev_id);
	if (r == IRQ_WAKE_THREAD && v->thread_fn)
		r = v->thread_fn(irq, v->dev_id);
	udrv_task_idle();
	in_irq_thread = false;
	v->count++;
	if (r == IRQ_NONE && ++v->unhandled == 100000)
		udrv_err("irq %d: nobody cared (100000 interrupts not handled)",
			 irq);
	if (p->irq_index == VFIO_PCI_INTX_IRQ_INDEX)
		udrv_vfio_unmask_intx(p);
}

struct irq_arg {
	struct udrv_irq *v;
	int irq;
};

static void *irq_thread(void *arg)
{
	struct irq_arg a = *(struct irq_arg *)arg;
	struct udrv_pci *p = udrv_pdev->udrv;
	struct udrv_irq *v = a.v;
	struct pollfd fds[2] = {
		{ .fd = v->efd, .events = POLLIN },
		{ .fd = v->stopfd, .events = POLLIN },
	};
	u64 n;

	free(arg);
	udrv_task_register("the thread of irq %d", a.irq);
	for (;;) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			udrv_die("irq %d: poll: %s", a.irq, strerror(errno));
		}
		if (fds[1].revents)
			break;
		if (read(v->efd, &n, sizeof(n)) != sizeof(n))
			continue;
		pthread_mutex_lock(&v->lock);
		if (__atomic_load_n(&v->depth, __ATOMIC_SEQ_CST))
			__atomic_store_n(&v->held, true, __ATOMIC_SEQ_CST);
		else
			run_handler(p, v, a.irq);
		pthread_mutex_unlock(&v->lock);
	}
	udrv_task_unregister();
	return NULL;
}

/* Gives VFIO the eventfds of every vector, once */
static int irq_enable_index(struct udrv_pci *p)
{
	int *fds, err;
	unsigned int i;

	if (p->irq_enabled)
		return 0;
	fds = calloc(p->nvec, sizeof(*fds));
	if (!fds)
		return -ENOMEM;
	for (i = 0; i < p->nvec; i++) {
		p->irqs[i].efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		if (p->irqs[i].efd < 0)
			udrv_die("eventfd: %s", strerror(errno));
		fds[i] = p->irqs[i].efd;
	}
	err = udrv_vfio_set_irqs(p, p->irq_index, 0, p->nvec, fds);
	free(fds);
	if (err) {
		udrv_err("%s: VFIO cannot set up the interrupts: %s",
			 udrv_pdev->dev.name, strerror(-err));
		for (i = 0; i < p->nvec; i++) {
			close(p->irqs[i].efd);
			p->irqs[i].efd = -1;
		}
		return err;
	}
	p->irq_enabled = true;
	return 0;
}

int request_threaded_irq(unsigned int irq, irq_handler_t handler,
			 irq_handler_t thread_fn, unsigned long flags,
			 const char *name, void *dev_id)
{
	struct udrv_pci *p = udrv_pdev->udrv;
	struct udrv_irq *v = irq_of(irq);
	struct irq_arg *a;
	int err;

	(void)flags;
	if (!v)
		return -EINVAL;
	if (v->requested)
		return -EBUSY;		/* no sharing within a process */
	if (!handler && !thread_fn)
		return -EINVAL;
	err = irq_enable_index(p);
	if (err)
		return err;
	v->handler = handler ? handler : thread_fn;
	v->thread_fn = handler ? thread_fn : NULL;
	v->dev_id = dev_id;
	v->name = name;
	v->stopfd = eventfd(0, EFD_CLOEXEC);
	a = malloc(sizeof(*a));
	if (v->stopfd < 0 || !a)
		udrv_die("out of memory or of files");
	a->v = v;
	a->irq = irq;
	v->requested = true;
	udrv_thread(&v->tid, irq_thread, a, name);
	return 0;
}

const void *free_irq(unsigned int irq, void *dev_id)
{
	struct udrv_pci *p = udrv_pdev->udrv;
	struct udrv_irq *v = irq_of(irq);
	const char *name;
	u64 one = 1;
	unsigned int i;

	if (!v || !v->requested || v->dev_id != dev_id) {
		udrv_err("free_irq: irq %u is not requested with that dev_id", irq);
		WARN_ON(1);
		return NULL;
	}
	if (write(v->stopfd, &one, sizeof(one)) != sizeof(one))
		udrv_die("free_irq: eventfd: %s", strerror(errno));
	pthread_join(v->tid, NULL);
	close(v->stopfd);
	v->stopfd = -1;
	v->requested = false;
	name = v->name;
	for (i = 0; i < p->nvec && !p->irqs[i].requested; i++)
		;
	if (i == p->nvec && p->irq_enabled) {
		/* the last one: VFIO disables the index */
		udrv_vfio_set_irqs(p, p->irq_index, 0, p->nvec, NULL);
		for (i = 0; i < p->nvec; i++) {
			close(p->irqs[i].efd);
			p->irqs[i].efd = -1;
		}
		p->irq_enabled = false;
	}
	return name;
}

void pci_free_irq_vectors(struct pci_dev *pdev)
{
	struct udrv_pci *p = pdev->udrv;
	unsigned int i;

	if (p->irq_index < 0)
		return;
	for (i = 0; i < p->nvec; i++) {
		if (p->irqs[i].requested) {
			udrv_err("pci_free_irq_vectors: irq %u is still requested", i + 1);
			WARN_ON(1);
			return;
		}
	}
	free(p->irqs);
	p->irqs = NULL;
	p->nvec = 0;
	p->irq_index = -1;
}

struct devm_irq {
	unsigned int irq;
	void *dev_id;
};

static void devm_irq_free(void *data)
{
	struct devm_irq *d = data;

	free_irq(d->irq, d->dev_id);
	free(d);
}

int devm_request_threaded_irq(struct device *dev, unsigned int irq,
			      irq_handler_t handler, irq_handler_t thread_fn,
			      unsigned long flags, const char *name,
			      void *dev_id)
{
	struct devm_irq *d = malloc(sizeof(*d));
	int err;

	if (!d)
		return -ENOMEM;
	err = request_threaded_irq(irq, handler, thread_fn, flags, name, dev_id);
	if (err) {
		free(d);
		return err;
	}
	d->irq = irq;
	d->dev_id = dev_id;
	return devm_add_action_or_reset(dev, devm_irq_free, d);
}

void disable_irq_nosync(unsigned int irq)
{
	struct udrv_irq *v = irq_of(irq);

	if (v)
		__atomic_add_fetch(&v->depth, 1, __ATOMIC_SEQ_CST);
}

void disable_irq(unsigned int irq)
{
	struct udrv_irq *v = irq_of(irq);

	if (!v)
		return;
	disable_irq_nosync(irq);
	if (!in_irq_thread)
		synchronize_irq(irq);
}

void enable_irq(unsigned int irq)
{
	struct udrv_irq *v = irq_of(irq);
	u64 one = 1;
	bool replay;

	if (!v)
		return;
	if (WARN_ON(!__atomic_load_n(&v->depth, __ATOMIC_SEQ_CST)))
		return;			/* unbalanced, as the kernel says */
	replay = __atomic_sub_fetch(&v->depth, 1, __ATOMIC_SEQ_CST) == 0 &&
		 __atomic_exchange_n(&v->held, false, __ATOMIC_SEQ_CST);
	/* what came while it was disabled runs on its thread */
	if (replay && v->efd >= 0 &&
	    write(v->efd, &one, sizeof(one)) != sizeof(one))
		udrv_err("enable_irq: eventfd: %s", strerror(errno));
}

void synchronize_irq(unsigned int irq)
{
	struct udrv_irq *v = irq_of(irq);

	if (v && !in_irq_thread) {
		pthread_mutex_lock(&v->lock);
		pthread_mutex_unlock(&v->lock);
	}
}

void udrv_irq_release_all(struct udrv_pci *p)
{
	unsigned int i;

	for (i = 0; i < p->nvec; i++) {
		if (p->irqs[i].requested) {
			udrv_err("irq %u still requested at exit: freed", i + 1);
			free_irq(i + 1, p->irqs[i].dev_id);
		}
	}
	pci_free_irq_vectors(udrv_pdev);
}
