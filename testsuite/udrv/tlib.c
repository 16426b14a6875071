// SPDX-License-Identifier: GPL-2.0
/*
 * The emulation library's own services, on the host (they need no
 * device): wait queues, completions, interrupted waits, timers,
 * workqueues, IDAs, managed resources, user memory, string helpers, the
 * watchdog and the heartbeat.
 * Linked with libudrv.a without its main.o: this file gives the process's
 * globals.  Prints "ok NAME" per check, "FAIL NAME: why" for a wrong one;
 * exit status 0 if all were right.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timer.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "udrv.h"

struct udrv_options udrv_opt;
const char *udrv_progname = "tlib";
const char *udrv_driver_name;

static int failed;

#define CHECK(name, cond) do {						\
	if (cond)							\
		printf("ok %s\n", name);				\
	else {								\
		printf("FAIL %s: %s\n", name, #cond);			\
		failed = 1;						\
	}								\
} while (0)

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static DECLARE_WAIT_QUEUE_HEAD(wq);
static int flag;
static struct task_struct *waiter_task;

static void *setter(void *arg)
{
	msleep(50);
	WRITE_ONCE(flag, 1);
	wake_up(&wq);
	return arg;
}

static void *interrupter(void *arg)
{
	msleep(50);
	udrv_task_interrupt(waiter_task);
	return arg;
}

static void test_wait(void)
{
	struct timespec t0;
	pthread_t t;
	long r;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = wait_event_timeout(wq, READ_ONCE(flag), msecs_to_jiffies(100));
	CHECK("wait_event_timeout times out with 0", r == 0 && ms_since(&t0) >= 95);

	pthread_create(&t, NULL, setter, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = wait_event_timeout(wq, READ_ONCE(flag), 10 * HZ);
	pthread_join(t, NULL);
	CHECK("wait_event_timeout woken: jiffies left", r > 0 && r <= 10 * HZ &&
	      ms_since(&t0) < 5000);

	flag = 0;
	waiter_task = current;
	pthread_create(&t, NULL, interrupter, NULL);
	r = wait_event_interruptible(wq, READ_ONCE(flag));
	pthread_join(t, NULL);
	CHECK("wait_event_interruptible: -ERESTARTSYS on a signal",
	      r == -ERESTARTSYS && signal_pending(current));
	udrv_task_clear_signal(current);
	CHECK("signal cleared", !signal_pending(current));
}

static struct completion done;

static void complete_timer(struct timer_list *t)
{
	complete(&done);
}

static void test_completion(void)
{
	struct timer_list t;

	init_completion(&done);
	timer_setup(&t, complete_timer, 0);
	mod_timer(&t, jiffies + msecs_to_jiffies(30));
	CHECK("wait_for_completion_timeout: completed by a timer",
	      wait_for_completion_timeout(&done, 5 * HZ) > 0);
	CHECK("a completion is taken once", !try_wait_for_completion(&done));
	complete_all(&done);
	CHECK("complete_all lets every waiter through",
	      try_wait_for_completion(&done) && try_wait_for_completion(&done));
	reinit_completion(&done);
	CHECK("wait_for_completion_timeout: 0 when nobody completes",
	      wait_for_completion_timeout(&done, msecs_to_jiffies(20)) == 0);
}

static int order[3], norder;
static pthread_mutex_t order_lock = PTHREAD_MUTEX_INITIALIZER;

struct ttimer {
	struct timer_list t;
	int id;
	int sleep_ms;
	int *ran;
};

static void ttimer_fn(struct timer_list *t)
{
	struct ttimer *tt = from_timer(tt, t, t);

	msleep(tt->sleep_ms);
	pthread_mutex_lock(&order_lock);
	if (norder < 3)
		order[norder++] = tt->id;
	pthread_mutex_unlock(&order_lock);
	if (tt->ran)
		*tt->ran = 1;
}

static void test_timers(void)
{
	struct ttimer a = { .id = 1 }, b = { .id = 2 }, c = { .id = 3 };
	struct ttimer slow = { .id = 9, .sleep_ms = 150 }, gone = { .id = 8 };
	int ran = 0;

	timer_setup(&a.t, ttimer_fn, 0);
	timer_setup(&b.t, ttimer_fn, 0);
	timer_setup(&c.t, ttimer_fn, 0);
	timer_setup(&gone.t, ttimer_fn, 0);
	mod_timer(&c.t, jiffies + msecs_to_jiffies(90));
	mod_timer(&a.t, jiffies + msecs_to_jiffies(30));
	mod_timer(&gone.t, jiffies + msecs_to_jiffies(40));
	mod_timer(&b.t, jiffies + msecs_to_jiffies(60));
	CHECK("del_timer of a pending timer", del_timer(&gone.t) == 1 &&
	      !timer_pending(&gone.t));
	msleep(250);
	CHECK("timers run in order of expiry, a deleted one not",
	      norder == 3 && order[0] == 1 && order[1] == 2 && order[2] == 3);

	slow.ran = &ran;
	timer_setup(&slow.t, ttimer_fn, 0);
	mod_timer(&slow.t, jiffies);
	msleep(50);			/* it runs, and sleeps */
	del_timer_sync(&slow.t);
	CHECK("del_timer_sync waits for the function that runs", ran == 1);
}

static char trace[16];
static pthread_mutex_t trace_lock = PTHREAD_MUTEX_INITIALIZER;

struct twork {
	struct work_struct w;
	char c;
	int sleep_ms;
};

static void twork_fn(struct work_struct *w)
{
	struct twork *t = container_of(w, struct twork, w);

	msleep(t->sleep_ms);
	pthread_mutex_lock(&trace_lock);
	trace[strlen(trace)] = t->c;
	pthread_mutex_unlock(&trace_lock);
}

static void dwork_fn(struct work_struct *w)
{
	pthread_mutex_lock(&trace_lock);
	trace[strlen(trace)] = 'D';
	pthread_mutex_unlock(&trace_lock);
}

static void test_workqueues(void)
{
	struct twork a = { .c = 'a', .sleep_ms = 60 }, b = { .c = 'b' },
		     c = { .c = 'c' };
	struct workqueue_struct *wq2 = alloc_workqueue("t%d", 0, 1, 2);
	struct delayed_work d, never;
	struct timespec t0;

	INIT_WORK(&a.w, twork_fn);
	INIT_WORK(&b.w, twork_fn);
	INIT_WORK(&c.w, twork_fn);
	CHECK("queue_work", queue_work(wq2, &a.w));
	CHECK("queue_work of a queued work is false", queue_work(wq2, &b.w) &&
	      !queue_work(wq2, &b.w));
	queue_work(wq2, &c.w);
	CHECK("cancel_work_sync of a queued work", cancel_work_sync(&c.w));
	flush_workqueue(wq2);
	CHECK("works run in order, a cancelled one not", !strcmp(trace, "ab"));

	memset(trace, 0, sizeof(trace));
	INIT_DELAYED_WORK(&d, dwork_fn);
	INIT_DELAYED_WORK(&never, dwork_fn);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	schedule_delayed_work(&d, 60 * HZ);
	schedule_delayed_work(&never, msecs_to_jiffies(50));
	CHECK("cancel_delayed_work_sync of a pending one",
	      cancel_delayed_work_sync(&never));
	flush_delayed_work(&d);
	CHECK("flush_delayed_work runs it now",
	      !strcmp(trace, "D") && ms_since(&t0) < 30000);
	destroy_workqueue(wq2);
}

/* The watchdog: a work blocked on a mutex is hung, one in an
 * interruptible wait is not; the heartbeat says so */
static DEFINE_MUTEX(stuck_lock);
static DECLARE_WAIT_QUEUE_HEAD(nap_wq);
static int nap_over;

static void stuck_fn(struct work_struct *w)
{
	mutex_lock(&stuck_lock);
	mutex_unlock(&stuck_lock);
}

static void nap_fn(struct work_struct *w)
{
	wait_event_interruptible(nap_wq, READ_ONCE(nap_over));
}

/* a thread in and out of the driver's code as fast as it can */
static int churn_stop;

static void *churn(void *arg)
{
	udrv_task_register("the churning thread");
	while (!READ_ONCE(churn_stop)) {
		udrv_task_busy("a churn");
		udrv_task_idle();
	}
	udrv_task_unregister();
	return NULL;
}

/* the heartbeat's answer to one ping, into @buf */
static void ping(int fd, char *buf, size_t len)
{
	ssize_t n = -1;

	if (send(fd, "ping", 4, 0) == 4)
		n = recv(fd, buf, len - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
}

static void test_watchdog(void)
{
	struct workqueue_struct *stuck = alloc_workqueue("tstuck", 0, 1);
	struct workqueue_struct *nap = alloc_workqueue("tnap", 0, 1);
	struct work_struct s, n;
	char msg[256] = "";
	int sv[2];

	INIT_WORK(&s, stuck_fn);
	INIT_WORK(&n, nap_fn);
	mutex_lock(&stuck_lock);
	queue_work(stuck, &s);
	queue_work(nap, &n);
	msleep(300);
	CHECK("watchdog: no thread busy longer than 10 s",
	      !udrv_task_hung(10000000000ULL, msg, sizeof(msg)));
	CHECK("watchdog: a work blocked on a mutex for 0.3 s is hung",
	      udrv_task_hung(200000000, msg, sizeof(msg)) &&
	      !strncmp(msg, "the thread of workqueue tstuck has run a work for 0.", 52) &&
	      strstr(msg, " s, not in an interruptible wait"));

	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv)) {
		CHECK("socketpair", false);
		return;
	}
	udrv_opt.heartbeat = sv[1];
	udrv_opt.hang_ms = 200;
	udrv_heartbeat_start();
	msg[recv(sv[0], msg, sizeof(msg) - 1, 0) > 0 ? 5 : 0] = '\0';
	CHECK("heartbeat: ready first", !strcmp(msg, "ready"));
	ping(sv[0], msg, sizeof(msg));
	CHECK("heartbeat: hung, and what", !strncmp(msg, "hung the thread of workqueue tstuck ", 36));
	mutex_unlock(&stuck_lock);
	flush_workqueue(stuck);
	ping(sv[0], msg, sizeof(msg));
	CHECK("heartbeat: ok, an interruptible wait is not a hang", !strcmp(msg, "ok"));
	close(sv[0]);

	WRITE_ONCE(nap_over, 1);
	wake_up(&nap_wq);
	flush_workqueue(nap);
	destroy_workqueue(stuck);
	destroy_workqueue(nap);
	CHECK("watchdog: nothing busy at the end", !udrv_task_hung(0, msg, sizeof(msg)));

	/* a look while a thread marks itself busy is no hang (once, the
	 * look's clock was read before the mark's: minus a little was 584
	 * years) */
	{
		pthread_t t;
		bool hung = false;
		int i;

		pthread_create(&t, NULL, churn, NULL);
		for (i = 0; i < 300000 && !hung; i++)
			hung = udrv_task_hung(10000000000ULL, msg, sizeof(msg));
		WRITE_ONCE(churn_stop, 1);
		pthread_join(t, NULL);
		CHECK("watchdog: a thread in and out of the driver is never hung", !hung);
	}
}

static void test_ida(void)
{
	DEFINE_IDA(ida);
	int a, b, c;

	udrv_opt.instance = 3;
	a = ida_alloc(&ida, GFP_KERNEL);
	b = ida_alloc(&ida, GFP_KERNEL);
	ida_free(&ida, a);
	c = ida_alloc(&ida, GFP_KERNEL);
	CHECK("ida_alloc starts at the instance number", a == 3 && b == 4 && c == 3);
	CHECK("ida_alloc_range", ida_alloc_range(&ida, 100, 100, GFP_KERNEL) == 100 &&
	      ida_alloc_range(&ida, 100, 100, GFP_KERNEL) == -ENOSPC);
	ida_destroy(&ida);
	udrv_opt.instance = 0;
}

static char seq[8];

static void action(void *data)
{
	seq[strlen(seq)] = *(char *)data;
}

static void test_devres(void)
{
	struct device dev = { .name = "test" };
	char x = 'x', y = 'y', z = 'z';
	void *p;

	devm_add_action(&dev, action, &x);
	p = devm_kzalloc(&dev, 100, GFP_KERNEL);
	devm_add_action(&dev, action, &y);
	devm_add_action(&dev, action, &z);
	CHECK("devm_kzalloc zeroes", p && !((char *)p)[99]);
	udrv_devres_release_all(&dev);
	CHECK("managed resources go newest first", !strcmp(seq, "zyx") &&
	      !dev.devres);
}

static void test_user(void)
{
	char buf[16], mine[16] = "0123456789abcdef";

	current->ubuf = buf;
	current->ulen = sizeof(buf);
	CHECK("copy_to_user inside the request's memory",
	      copy_to_user(buf + 8, mine, 8) == 0 && !memcmp(buf + 8, mine, 8));
	CHECK("copy_to_user past it fails whole",
	      copy_to_user(buf + 9, mine, 8) == 8);
	CHECK("copy_from_user of other memory fails and zeroes",
	      copy_from_user(buf, mine, 4) == 4 && !buf[0] && !buf[3]);
	current->ubuf = NULL;
	current->ulen = 0;
	CHECK("copy_to_user outside a request fails", copy_to_user(buf, mine, 1) == 1);
}

static void test_strings(void)
{
	char b[4];

	CHECK("strscpy truncates with -E2BIG", strscpy(b, "hello", sizeof(b)) == -E2BIG &&
	      !strcmp(b, "hel"));
	CHECK("strscpy copies", strscpy(b, "hi", sizeof(b)) == 2 && !strcmp(b, "hi"));
	CHECK("scnprintf counts what it wrote", scnprintf(b, sizeof(b), "%d", 12345) == 3);
}

int main(void)
{
	test_wait();
	test_completion();
	test_timers();
	test_workqueues();
	test_watchdog();
	test_ida();
	test_devres();
	test_user();
	test_strings();
	return failed;
}
