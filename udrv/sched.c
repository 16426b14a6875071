// SPDX-License-Identifier: GPL-2.0
/*
 * Scheduling: the tasks of the library's threads, wait queues and
 * completions over them, jiffies and delays, timers (one thread runs
 * them all, in order of expiry) and workqueues (a thread each).
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "udrv.h"

/* Tasks */

static u64 now_ns(void);

static __thread struct task_struct self;
/* sigpending and sleeping_on of every task, the list of tasks */
static pthread_mutex_t tasks_lock = PTHREAD_MUTEX_INITIALIZER;
static struct task_struct *tasks;

struct task_struct *udrv_current(void)
{
	return &self;
}

bool signal_pending(const struct task_struct *t)
{
	return __atomic_load_n(&t->sigpending, __ATOMIC_ACQUIRE);
}

/* A signal for what @t serves: it leaves an interruptible wait. */
void udrv_task_interrupt(struct task_struct *t)
{
	struct wait_queue_head *wq;

	pthread_mutex_lock(&tasks_lock);
	__atomic_store_n(&t->sigpending, true, __ATOMIC_RELEASE);
	wq = t->sleeping_on;
	pthread_mutex_unlock(&tasks_lock);
	if (wq)
		wake_up(wq);
}

void udrv_task_clear_signal(struct task_struct *t)
{
	__atomic_store_n(&t->sigpending, false, __ATOMIC_RELEASE);
}

void udrv_task_register(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(self.name, sizeof(self.name), fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&tasks_lock);
	self.next_task = tasks;
	tasks = &self;
	pthread_mutex_unlock(&tasks_lock);
}

/* (before the thread ends: its task is thread-local) */
void udrv_task_unregister(void)
{
	struct task_struct **pp;

	pthread_mutex_lock(&tasks_lock);
	for (pp = &tasks; *pp; pp = &(*pp)->next_task) {
		if (*pp == &self) {
			*pp = self.next_task;
			break;
		}
	}
	pthread_mutex_unlock(&tasks_lock);
}

void udrv_task_busy(const char *doing)
{
	if (self.busy_depth++)
		return;
	pthread_mutex_lock(&tasks_lock);
	self.doing = doing;
	self.busy_since = now_ns();
	pthread_mutex_unlock(&tasks_lock);
}

void udrv_task_idle(void)
{
	if (--self.busy_depth)
		return;
	pthread_mutex_lock(&tasks_lock);
	self.busy_since = 0;
	pthread_mutex_unlock(&tasks_lock);
}

bool udrv_task_hung(u64 limit_ns, char *buf, size_t len)
{
	struct task_struct *t;
	bool hung = false;
	u64 now;

	/* (now, under the lock: a task's busy_since is never after it) */
	pthread_mutex_lock(&tasks_lock);
	now = now_ns();
	for (t = tasks; t && !hung; t = t->next_task) {
		if (!t->busy_since || t->sleeping_on ||
		    now - t->busy_since <= limit_ns)
			continue;
		snprintf(buf, len, "%s has run %s for %llu.%01llu s, not in an interruptible wait",
			 t->name, t->doing, (now - t->busy_since) / 1000000000,
			 (now - t->busy_since) / 100000000 % 10);
		hung = true;
	}
	pthread_mutex_unlock(&tasks_lock);
	return hung;
}

void udrv_thread(pthread_t *tid, void *(*fn)(void *), void *arg,
		 const char *what)
{
	sigset_t all, old;
	int err;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(tid, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		udrv_die("cannot start the thread of %s: %s", what, strerror(err));
}

/* Time */

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

unsigned long udrv_jiffies(void)
{
	return now_ns() / (1000000000 / HZ);
}

static struct timespec deadline(u64 ns)
{
	struct timespec ts;

	ts.tv_sec = ns / 1000000000;
	ts.tv_nsec = ns % 1000000000;
	return ts;
}

void msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

unsigned long msleep_interruptible(unsigned int ms)
{
	msleep(ms);
	return 0;
}

void usleep_range(unsigned long min, unsigned long max)
{
	struct timespec ts = { min / 1000000, (long)(min % 1000000) * 1000 };

	(void)max;
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

void ndelay(unsigned long ns)
{
	u64 end = now_ns() + ns;

	while (now_ns() < end)
		__builtin_ia32_pause();
}

void udelay(unsigned long us)
{
	ndelay(us * 1000);
}

void schedule(void)
{
	sched_yield();
}

long schedule_timeout(long timeout)
{
	msleep(jiffies_to_msecs(timeout));
	return 0;
}

/* Wait queues */

void init_waitqueue_head(wait_queue_head_t *wq)
{
	pthread_mutex_init(&wq->lock, NULL);
	pthread_cond_init(&wq->cond, NULL);
	wq->wakeups = 0;
}

void wake_up(wait_queue_head_t *wq)
{
	pthread_mutex_lock(&wq->lock);
	wq->wakeups++;
	pthread_cond_broadcast(&wq->cond);
	pthread_mutex_unlock(&wq->lock);
}

unsigned long udrv_wait_count(wait_queue_head_t *wq)
{
	unsigned long n;

	pthread_mutex_lock(&wq->lock);
	n = wq->wakeups;
	pthread_mutex_unlock(&wq->lock);
	return n;
}

long udrv_wait_sleep(wait_queue_head_t *wq, unsigned long count, long timeout,
		     bool intr)
{
	u64 end = 0;
	struct timespec ts;
	long ret = timeout < 0 ? -1 : 0;

	if (timeout >= 0)
		end = now_ns() + (u64)timeout * (1000000000 / HZ);
	ts = deadline(end);
	if (intr) {
		pthread_mutex_lock(&tasks_lock);
		self.sleeping_on = wq;
		pthread_mutex_unlock(&tasks_lock);
	}
	pthread_mutex_lock(&wq->lock);
	while (wq->wakeups == count) {
		if (intr && signal_pending(&self))
			break;
		if (timeout < 0) {
			pthread_cond_wait(&wq->cond, &wq->lock);
		} else if (pthread_cond_clockwait(&wq->cond, &wq->lock,
						  CLOCK_MONOTONIC, &ts) == ETIMEDOUT) {
			break;
		}
	}
	pthread_mutex_unlock(&wq->lock);
	if (intr) {
		pthread_mutex_lock(&tasks_lock);
		self.sleeping_on = NULL;
		pthread_mutex_unlock(&tasks_lock);
		if (signal_pending(&self))
			return -ERESTARTSYS;
	}
	if (timeout >= 0) {
		u64 t = now_ns();

		ret = t >= end ? 0 : (long)((end - t) / (1000000000 / HZ)) + 1;
	}
	return ret;
}

/* Completions */

void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

void reinit_completion(struct completion *x)
{
	pthread_mutex_lock(&x->wait.lock);
	x->done = 0;
	pthread_mutex_unlock(&x->wait.lock);
}

void complete(struct completion *x)
{
	pthread_mutex_lock(&x->wait.lock);
	if (x->done != UINT32_MAX)
		x->done++;
	x->wait.wakeups++;
	pthread_cond_broadcast(&x->wait.cond);
	pthread_mutex_unlock(&x->wait.lock);
}

void complete_all(struct completion *x)
{
	pthread_mutex_lock(&x->wait.lock);
	x->done = UINT32_MAX;
	x->wait.wakeups++;
	pthread_cond_broadcast(&x->wait.cond);
	pthread_mutex_unlock(&x->wait.lock);
}

bool try_wait_for_completion(struct completion *x)
{
	bool ret = false;

	pthread_mutex_lock(&x->wait.lock);
	if (x->done) {
		if (x->done != UINT32_MAX)
			x->done--;
		ret = true;
	}
	pthread_mutex_unlock(&x->wait.lock);
	return ret;
}

bool completion_done(struct completion *x)
{
	bool ret;

	pthread_mutex_lock(&x->wait.lock);
	ret = x->done;
	pthread_mutex_unlock(&x->wait.lock);
	return ret;
}

void wait_for_completion(struct completion *x)
{
	wait_event(x->wait, try_wait_for_completion(x));
}

unsigned long wait_for_completion_timeout(struct completion *x,
					  unsigned long timeout)
{
	return wait_event_timeout(x->wait, try_wait_for_completion(x), timeout);
}

int wait_for_completion_interruptible(struct completion *x)
{
	return wait_event_interruptible(x->wait, try_wait_for_completion(x));
}

long wait_for_completion_interruptible_timeout(struct completion *x,
					       unsigned long timeout)
{
	return wait_event_interruptible_timeout(x->wait,
						try_wait_for_completion(x),
						timeout);
}

/* Timers: a list by expiry, run by one thread; running is the timer
 * whose function runs, which del_timer_sync() waits for. */

static pthread_mutex_t timers_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t timers_cond = PTHREAD_COND_INITIALIZER;
static struct timer_list *timers, *running;
static bool timers_started;
static pthread_t timers_tid;

static void *timer_thread(void *arg)
{
	struct timer_list *t;

	(void)arg;
	udrv_task_register("the timers' thread");
	pthread_mutex_lock(&timers_lock);
	for (;;) {
		unsigned long now = jiffies;

		t = timers;
		if (!t) {
			pthread_cond_wait(&timers_cond, &timers_lock);
			continue;
		}
		if (time_before(now, t->expires)) {
			struct timespec ts = deadline((u64)t->expires *
						      (1000000000 / HZ));

			pthread_cond_clockwait(&timers_cond, &timers_lock,
					       CLOCK_MONOTONIC, &ts);
			continue;
		}
		timers = t->next;
		t->pending = false;
		running = t;
		pthread_mutex_unlock(&timers_lock);
		udrv_task_busy("a timer");
		t->function(t);
		udrv_task_idle();
		pthread_mutex_lock(&timers_lock);
		running = NULL;
		pthread_cond_broadcast(&timers_cond);
	}
	return NULL;
}

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *),
		 unsigned int flags)
{
	memset(t, 0, sizeof(*t));
	t->function = fn;
	t->flags = flags;
}

/* Takes @t off the list; locked.  Whether it was pending. */
static bool timer_unlink(struct timer_list *t)
{
	struct timer_list **pp;

	if (!t->pending)
		return false;
	for (pp = &timers; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	t->pending = false;
	return true;
}

int mod_timer(struct timer_list *t, unsigned long expires)
{
	struct timer_list **pp;
	bool was;

	pthread_mutex_lock(&timers_lock);
	if (!timers_started) {
		udrv_thread(&timers_tid, timer_thread, NULL, "timers");
		timers_started = true;
	}
	was = timer_unlink(t);
	t->expires = expires;
	for (pp = &timers; *pp && !time_after((*pp)->expires, expires);
	     pp = &(*pp)->next)
		;
	t->next = *pp;
	*pp = t;
	t->pending = true;
	pthread_cond_broadcast(&timers_cond);
	pthread_mutex_unlock(&timers_lock);
	return was;
}

void add_timer(struct timer_list *t)
{
	mod_timer(t, t->expires);
}

int del_timer(struct timer_list *t)
{
	bool was;

	pthread_mutex_lock(&timers_lock);
	was = timer_unlink(t);
	pthread_mutex_unlock(&timers_lock);
	return was;
}

int del_timer_sync(struct timer_list *t)
{
	bool was;

	pthread_mutex_lock(&timers_lock);
	was = timer_unlink(t);
	while (running == t && !pthread_equal(pthread_self(), timers_tid))
		pthread_cond_wait(&timers_cond, &timers_lock);
	pthread_mutex_unlock(&timers_lock);
	return was;
}

int timer_pending(const struct timer_list *t)
{
	int p;

	pthread_mutex_lock(&timers_lock);
	p = t->pending;
	pthread_mutex_unlock(&timers_lock);
	return p;
}

/* Workqueues: each a thread running its works in order; current is the
 * work that runs, which cancel_work_sync() and flush_work() wait for. */

struct workqueue_struct {
	char name[32];
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct work_struct *head, **tail;
	struct work_struct *running;
	unsigned long done;		/* works run, for flush_workqueue() */
	unsigned long queued;
	bool started, stopping;
	pthread_t tid;
};

static struct workqueue_struct system_wq_s = {
	.name = "events",
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER,
	.tail = &system_wq_s.head,
};
struct workqueue_struct *system_wq = &system_wq_s;

static void *worker_thread(void *arg)
{
	struct workqueue_struct *wq = arg;
	struct work_struct *w;

	udrv_task_register("the thread of workqueue %s", wq->name);
	pthread_mutex_lock(&wq->lock);
	for (;;) {
		w = wq->head;
		if (!w) {
			if (wq->stopping)
				break;
			pthread_cond_wait(&wq->cond, &wq->lock);
			continue;
		}
		wq->head = w->next;
		if (!wq->head)
			wq->tail = &wq->head;
		w->pending = false;
		wq->running = w;
		pthread_mutex_unlock(&wq->lock);
		udrv_task_busy("a work");
		w->func(w);
		udrv_task_idle();
		pthread_mutex_lock(&wq->lock);
		wq->running = NULL;
		wq->done++;
		pthread_cond_broadcast(&wq->cond);
	}
	pthread_mutex_unlock(&wq->lock);
	udrv_task_unregister();
	return NULL;
}

void udrv_init_work(struct work_struct *w, work_func_t fn)
{
	memset(w, 0, sizeof(*w));
	w->func = fn;
}

static void delayed_work_timer(struct timer_list *t)
{
	struct delayed_work *dw = from_timer(dw, t, timer);

	queue_work(dw->wq, &dw->work);
}

void udrv_init_delayed_work(struct delayed_work *w, work_func_t fn)
{
	udrv_init_work(&w->work, fn);
	timer_setup(&w->timer, delayed_work_timer, 0);
	w->wq = system_wq;
}

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...)
{
	struct workqueue_struct *wq = kzalloc(sizeof(*wq), GFP_KERNEL);
	va_list ap;

	(void)flags;
	(void)max_active;
	if (!wq)
		return NULL;
	va_start(ap, max_active);
	vsnprintf(wq->name, sizeof(wq->name), fmt, ap);
	va_end(ap);
	pthread_mutex_init(&wq->lock, NULL);
	pthread_cond_init(&wq->cond, NULL);
	wq->tail = &wq->head;
	return wq;
}

void flush_workqueue(struct workqueue_struct *wq)
{
	unsigned long target;

	pthread_mutex_lock(&wq->lock);
	target = wq->queued;
	while (wq->done < target)
		pthread_cond_wait(&wq->cond, &wq->lock);
	pthread_mutex_unlock(&wq->lock);
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	pthread_mutex_lock(&wq->lock);
	wq->stopping = true;
	pthread_cond_broadcast(&wq->cond);
	pthread_mutex_unlock(&wq->lock);
	if (wq->started)
		pthread_join(wq->tid, NULL);
	if (wq != system_wq)
		kfree(wq);
}

bool queue_work(struct workqueue_struct *wq, struct work_struct *w)
{
	bool queued = false;

	pthread_mutex_lock(&wq->lock);
	if (!wq->started) {
		udrv_thread(&wq->tid, worker_thread, wq, wq->name);
		wq->started = true;
	}
	if (!w->pending) {
		w->pending = true;
		w->wq = wq;
		w->next = NULL;
		*wq->tail = w;
		wq->tail = &w->next;
		wq->queued++;
		queued = true;
		pthread_cond_broadcast(&wq->cond);
	}
	pthread_mutex_unlock(&wq->lock);
	return queued;
}

bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *w,
			unsigned long delay)
{
	if (timer_pending(&w->timer))
		return false;
	w->wq = wq;
	if (!delay)
		return queue_work(wq, &w->work);
	mod_timer(&w->timer, jiffies + delay);
	return true;
}

bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *w,
		      unsigned long delay)
{
	bool was = cancel_delayed_work(w);

	w->wq = wq;
	if (!delay)
		queue_work(wq, &w->work);
	else
		mod_timer(&w->timer, jiffies + delay);
	return was;
}

/* Takes @w off its queue; whether it was queued. */
static bool work_unqueue(struct work_struct *w)
{
	struct workqueue_struct *wq = w->wq;
	struct work_struct **pp;
	bool was = false;

	if (!wq)
		return false;
	pthread_mutex_lock(&wq->lock);
	if (w->pending) {
		for (pp = &wq->head; *pp; pp = &(*pp)->next) {
			if (*pp == w) {
				*pp = w->next;
				if (wq->tail == &w->next)
					wq->tail = pp;
				break;
			}
		}
		w->pending = false;
		wq->done++;		/* flush_workqueue() counts it */
		was = true;
	}
	pthread_mutex_unlock(&wq->lock);
	return was;
}

/* Waits for @w to stop running on its queue. */
static void work_wait(struct work_struct *w)
{
	struct workqueue_struct *wq = w->wq;

	if (!wq)
		return;
	pthread_mutex_lock(&wq->lock);
	while (wq->running == w && !pthread_equal(pthread_self(), wq->tid))
		pthread_cond_wait(&wq->cond, &wq->lock);
	pthread_mutex_unlock(&wq->lock);
}

bool cancel_work_sync(struct work_struct *w)
{
	bool was = work_unqueue(w);

	work_wait(w);
	return was;
}

bool flush_work(struct work_struct *w)
{
	struct workqueue_struct *wq = w->wq;
	bool waited = false;

	if (!wq)
		return false;
	pthread_mutex_lock(&wq->lock);
	while ((w->pending || wq->running == w) &&
	       !pthread_equal(pthread_self(), wq->tid)) {
		pthread_cond_wait(&wq->cond, &wq->lock);
		waited = true;
	}
	pthread_mutex_unlock(&wq->lock);
	return waited;
}

bool cancel_delayed_work(struct delayed_work *w)
{
	bool was = del_timer(&w->timer);

	return work_unqueue(&w->work) || was;
}

bool cancel_delayed_work_sync(struct delayed_work *w)
{
	bool was = del_timer_sync(&w->timer);

	was = work_unqueue(&w->work) || was;
	work_wait(&w->work);
	return was;
}

bool flush_delayed_work(struct delayed_work *w)
{
	if (del_timer_sync(&w->timer))
		queue_work(w->wq, &w->work);
	return flush_work(&w->work);
}
