/* SPDX-License-Identifier: GPL-2.0 */
/* Work items: each workqueue is a thread of the process, in order. */
#ifndef UDRV_LINUX_WORKQUEUE_H
#define UDRV_LINUX_WORKQUEUE_H

#include <linux/kernel.h>
#include <linux/timer.h>

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	work_func_t func;
	struct work_struct *next;	/* in its queue */
	struct workqueue_struct *wq;	/* where it is queued or runs */
	bool pending;
};

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *wq;
};

struct workqueue_struct;
extern struct workqueue_struct *system_wq;

#define INIT_WORK(w, fn)	udrv_init_work(w, fn)
#define INIT_DELAYED_WORK(w, fn) udrv_init_delayed_work(w, fn)
#define to_delayed_work(w)	container_of(w, struct delayed_work, work)

void udrv_init_work(struct work_struct *w, work_func_t fn);
void udrv_init_delayed_work(struct delayed_work *w, work_func_t fn);
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...);
#define alloc_ordered_workqueue(fmt, flags, ...) \
	alloc_workqueue(fmt, flags, 1, ##__VA_ARGS__)
#define create_singlethread_workqueue(name) alloc_workqueue("%s", 0, 1, name)
void destroy_workqueue(struct workqueue_struct *wq);
void flush_workqueue(struct workqueue_struct *wq);
bool queue_work(struct workqueue_struct *wq, struct work_struct *w);
bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *w,
			unsigned long delay);
bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *w,
		      unsigned long delay);
bool cancel_work_sync(struct work_struct *w);
bool cancel_delayed_work(struct delayed_work *w);
bool cancel_delayed_work_sync(struct delayed_work *w);
bool flush_work(struct work_struct *w);
bool flush_delayed_work(struct delayed_work *w);

#define schedule_work(w)		queue_work(system_wq, w)
#define schedule_delayed_work(w, d)	queue_delayed_work(system_wq, w, d)
#define WQ_UNBOUND		0x2
#define WQ_FREEZABLE		0x4
#define WQ_MEM_RECLAIM		0x8
#define WQ_HIGHPRI		0x10

#endif
