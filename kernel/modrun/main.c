// SPDX-License-Identifier: GPL-2.0
/*
 * modrun: the runtime of module programs (<modstub/modrun.h>).
 *
 * A program module registers its main() here when it loads.  A launcher
 * opens /dev/modrun and starts an instance of it: a kernel thread that runs
 * main(argc, argv) with the launcher's arguments, whose standard streams
 * are the open file (read() gives its output, write() feeds its input).
 * The environment of the instance, the functions the headers of
 * <modstub/libc/> declare under their C names (printf, malloc, pthread_create, ...), is
 * defined here: each finds its instance from the calling thread, and
 * tracks what it takes, so that whatever way the instance ends, all of it
 * is released.
 *
 * Threads of an instance are kernel threads made here.  An instance ends
 * when one of them calls exit() or main() returns (the atexit() handlers
 * run then, in that thread), when a signal it does not handle comes, or
 * MODRUN_STOP_MS after its launcher went away: then each of its threads
 * ends at its next call into the environment (each is a cancellation
 * point, and waits in it wake up).  A thread that never calls into the
 * environment cannot be stopped: the instance stays until it does, and
 * says so in dmesg.  The last thread to end releases what the instance
 * still holds, in reverse order of allocation, posts the exit status and
 * drops the instance's hold on the program module; if a launcher loaded
 * that module and no instance is left, modrun removes it with rmmod from
 * a workqueue (a module cannot remove itself, and the kernel exports no
 * way to delete a module but the system call).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kfifo.h>
#include <linux/kref.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/umh.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <modstub/modrun.h>

#include "env.h"

#define FIFO_SIZE	(64 * 1024)	/* each stream's buffer, bytes */
#define STUCK_SAY_MS	10000		/* a thread that does not stop */
#define WATCH_MS	250		/* how often threads are looked at */

/* The registered programs, by name; and their counts of instances */
static DEFINE_MUTEX(progs_lock);
static LIST_HEAD(progs);

/* What debugfs shows: everything instances hold, system-wide */
static atomic_long_t stat_instances = ATOMIC_LONG_INIT(0);
static atomic_long_t stat_threads = ATOMIC_LONG_INIT(0);
static atomic_long_t stat_allocs = ATOMIC_LONG_INIT(0);
static atomic_long_t stat_bytes = ATOMIC_LONG_INIT(0);
static atomic_long_t stat_started = ATOMIC_LONG_INIT(0);
static struct dentry *debugfs_dir;

/*
 * The works of modrun (stopping instances, removing programs) run here, so
 * that modrun's exit can wait for them; and the instances, for the same
 * exit to cancel their stop works.
 */
static struct workqueue_struct *modrun_wq;
static DEFINE_MUTEX(insts_lock);
static LIST_HEAD(insts);

/* A block of malloc(): its header, 16 bytes to keep the block aligned */
struct alloc_hdr {
	struct list_head node;		/* in inst->allocs */
	size_t size;
} __aligned(16);

struct atexit_fn {
	struct list_head node;		/* in inst->atexits, newest first */
	void (*fn)(void);
};

/* Programs */

static struct modrun_prog *find_prog(const char *name)
{
	struct modrun_prog *p;

	lockdep_assert_held(&progs_lock);
	list_for_each_entry(p, &progs, node)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

int modrun_register(struct modrun_prog *prog)
{
	int err = 0;

	if (!prog->main || !prog->name || !prog->owner)
		return -EINVAL;
	mutex_lock(&progs_lock);
	if (find_prog(prog->name)) {
		pr_err("%s: a program of that name is registered already\n",
		       prog->name);
		err = -EEXIST;
	} else {
		prog->instances = 0;
		prog->unload = false;
		list_add_tail(&prog->node, &progs);
	}
	mutex_unlock(&progs_lock);
	return err;
}
EXPORT_SYMBOL_GPL(modrun_register);

void modrun_unregister(struct modrun_prog *prog)
{
	mutex_lock(&progs_lock);
	/* its instances hold the module: none is left */
	WARN_ON(prog->instances);
	list_del(&prog->node);
	mutex_unlock(&progs_lock);
}
EXPORT_SYMBOL_GPL(modrun_unregister);

/* Removal of a program module a launcher loaded, once it has no instance */

struct removal {
	struct work_struct work;
	char name[MODULE_NAME_LEN];
};

static void removal_fn(struct work_struct *work)
{
	struct removal *r = container_of(work, struct removal, work);
	static char *envp[] = { "HOME=/", "PATH=/sbin:/usr/sbin:/bin:/usr/bin",
				NULL };
	char *argv[] = { "/sbin/rmmod", r->name, NULL };
	struct modrun_prog *p;
	bool idle;
	int ret;

	mutex_lock(&progs_lock);
	p = find_prog(r->name);
	idle = p && p->unload && !p->instances;
	mutex_unlock(&progs_lock);
	if (idle) {
		ret = call_usermodehelper(argv[0], argv, envp, UMH_WAIT_PROC);
		/* not if an instance started meanwhile: then it is in use */
		mutex_lock(&progs_lock);
		p = find_prog(r->name);
		idle = p && !p->instances;
		mutex_unlock(&progs_lock);
		if (ret && idle)
			pr_info("%s: not removed: rmmod exits %d\n", r->name,
				ret > 0 && !(ret & 0x7f) ? ret >> 8 : ret);
	}
	kfree(r);
}

/* progs_lock held */
static void schedule_removal(struct modrun_prog *prog)
{
	struct removal *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r) {
		pr_err("%s: out of memory: the module stays\n", prog->name);
		return;
	}
	strscpy(r->name, prog->name, sizeof(r->name));
	INIT_WORK(&r->work, removal_fn);
	queue_work(modrun_wq, &r->work);
}

/* Instances */

struct modrun_inst {
	struct kref kref;	/* the file, each live thread, the works */
	struct list_head node;	/* in insts */
	struct modrun_prog *prog;
	char name[MODULE_NAME_LEN];

	/*
	 * lock protects everything below; wq is woken on every change of
	 * it that someone may wait for.
	 */
	struct mutex lock;
	wait_queue_head_t wq;
	struct kfifo out[2];		/* stdout, stderr */
	struct kfifo in;
	bool in_eof;			/* MODRUN_STDIN_EOF, or the file went */
	bool released;			/* the launcher's file is gone */
	bool ending;			/* every thread stops at its next call */
	bool exited;			/* no thread left: the status stands */
	bool exit_told;			/* the exit frame was read */
	bool stuck_said;
	int status;
	unsigned long sigpending;	/* bit N: signal N */
	modrun_sighandler_t handlers[MODRUN_NSIG];
	bool eof[3], err[3];		/* of stdin, stdout, stderr */
	struct list_head threads;
	unsigned int nthreads;		/* not ended */
	unsigned int next_id;
	struct list_head allocs;	/* newest first */
	struct list_head atexits;	/* newest first */
	bool atexit_ran;

	int argc;
	char **argv;
	char *args;
	struct modrun_thread *main;
	struct delayed_work stop_work;
	struct delayed_work watch_work;	/* for a thread that died */
};

static void inst_free(struct kref *kref)
{
	struct modrun_inst *inst = container_of(kref, struct modrun_inst, kref);
	struct modrun_thread *t, *tn;

	mutex_lock(&insts_lock);
	list_del(&inst->node);
	mutex_unlock(&insts_lock);
	list_for_each_entry_safe(t, tn, &inst->threads, node) {
		if (t->task)
			put_task_struct(t->task);
		kfree(t);
	}
	kfifo_free(&inst->out[0]);
	kfifo_free(&inst->out[1]);
	kfifo_free(&inst->in);
	kvfree(inst->args);
	kfree(inst->argv);
	kfree(inst);
	atomic_long_dec(&stat_instances);
}

static void inst_put(struct modrun_inst *inst)
{
	kref_put(&inst->kref, inst_free);
}

static int thread_fn(void *data);

/* The thread of an instance that calls, or NULL: not one of ours */
struct modrun_thread *run_self(void)
{
	if (!(current->flags & PF_KTHREAD) || kthread_func(current) != thread_fn)
		return NULL;
	return kthread_data(current);
}

/*
 * What the last thread of an instance does: release what the instance
 * still holds, post its status, and let go of the program module.
 */
static void inst_finish(struct modrun_inst *inst)
{
	struct alloc_hdr *a, *an;
	struct atexit_fn *x, *xn;
	struct modrun_prog *prog = inst->prog;

	mutex_lock(&inst->lock);
	list_for_each_entry_safe(a, an, &inst->allocs, node) {
		list_del(&a->node);
		atomic_long_dec(&stat_allocs);
		atomic_long_sub(a->size, &stat_bytes);
		kvfree(a);
	}
	list_for_each_entry_safe(x, xn, &inst->atexits, node) {
		list_del(&x->node);
		kfree(x);
	}
	inst->exited = true;
	mutex_unlock(&inst->lock);
	wake_up_all(&inst->wq);
	/* a stop asked for is done, and no thread is left to watch */
	if (cancel_delayed_work(&inst->stop_work))
		inst_put(inst);
	if (cancel_delayed_work(&inst->watch_work))
		inst_put(inst);

	mutex_lock(&progs_lock);
	if (!--prog->instances && prog->unload)
		schedule_removal(prog);
	mutex_unlock(&progs_lock);
	module_put(prog->owner);
}

/*
 * End the calling thread of @inst: the last one finishes the instance.
 * Its reference goes last, and then nothing of @t or @inst is touched.
 */
static void __noreturn thread_end(struct modrun_thread *t, void *ret)
{
	struct modrun_inst *inst = t->inst;
	bool last;

	mutex_lock(&inst->lock);
	t->ret = ret;
	t->ended = true;
	last = !--inst->nthreads;
	mutex_unlock(&inst->lock);
	wake_up_all(&inst->wq);
	atomic_long_dec(&stat_threads);
	if (last)
		inst_finish(inst);
	inst_put(inst);
	module_put_and_kthread_exit(0);
}

/* Make @inst end with @status (if it is not ending already).  Locked. */
static void inst_end_locked(struct modrun_inst *inst, int status)
{
	lockdep_assert_held(&inst->lock);
	if (inst->ending)
		return;
	inst->ending = true;
	inst->status = status;
	wake_up_all(&inst->wq);
}

/*
 * A cancellation point: every call into the environment passes one.  The
 * thread ends if its instance is ending; the main thread runs the
 * handlers of the signals that came, or ends the instance for one it
 * does not handle.  Returns whether a signal was handled (a wait it
 * interrupted returns early).
 */
bool run_check(struct modrun_thread *t)
{
	struct modrun_inst *inst = t->inst;
	bool handled = false;

	for (;;) {
		modrun_sighandler_t h;
		int sig;

		mutex_lock(&inst->lock);
		if (inst->ending) {
			mutex_unlock(&inst->lock);
			thread_end(t, NULL);
		}
		if (t != inst->main || !inst->sigpending) {
			mutex_unlock(&inst->lock);
			return handled;
		}
		sig = __ffs(inst->sigpending);
		__clear_bit(sig, &inst->sigpending);
		h = inst->handlers[sig];
		if (h == MODRUN_SIG_DFL)
			inst_end_locked(inst, MODRUN_STATUS_SIGNAL(sig));
		mutex_unlock(&inst->lock);
		if (h != MODRUN_SIG_DFL && h != MODRUN_SIG_IGN) {
			h(sig);
			handled = true;
		}
	}
}

/* Whether a wait of @t should end: its instance ends, or a signal came */
static bool interrupted(struct modrun_thread *t)
{
	struct modrun_inst *inst = t->inst;

	return READ_ONCE(inst->ending) ||
	       (t == inst->main && READ_ONCE(inst->sigpending));
}

/* Exit with @status, from thread @t: the atexit handlers run first, once. */
void __noreturn run_exit(struct modrun_thread *t, int status)
{
	struct modrun_inst *inst = t->inst;
	struct atexit_fn *x;

	for (;;) {
		void (*fn)(void) = NULL;

		mutex_lock(&inst->lock);
		if (!inst->ending && !list_empty(&inst->atexits)) {
			x = list_first_entry(&inst->atexits, struct atexit_fn, node);
			list_del(&x->node);
			fn = x->fn;
			kfree(x);
		}
		if (!fn) {
			inst_end_locked(inst, status & 0xff);
			mutex_unlock(&inst->lock);
			thread_end(t, NULL);
		}
		mutex_unlock(&inst->lock);
		fn();
	}
}

/* End the instance as if by SIGABRT, from thread @t: no atexit handler */
void __noreturn run_abort(struct modrun_thread *t)
{
	struct modrun_inst *inst = t->inst;

	mutex_lock(&inst->lock);
	inst_end_locked(inst, MODRUN_STATUS_SIGNAL(6));
	mutex_unlock(&inst->lock);
	thread_end(t, NULL);
}

/*
 * The environment's functions that do not return, here beside what they
 * call so that objtool sees them end (env.c has the others).
 */
void modrun_exit(int status)
{
	struct modrun_thread *t = run_self();

	if (!t)
		panic("modrun: exit() called outside a module program's thread\n");
	run_exit(t, status);
}
EXPORT_SYMBOL_GPL(modrun_exit);

/* A program that aborts ends as if killed by SIGABRT, without atexit */
void modrun_abort(void)
{
	struct modrun_thread *t = run_self();

	if (!t)
		panic("modrun: abort() called outside a module program's thread\n");
	run_abort(t);
}
EXPORT_SYMBOL_GPL(modrun_abort);

void modrun_pthread_exit(void *ret)
{
	struct modrun_thread *t = run_self();

	if (!t)
		panic("modrun: pthread_exit() called outside a module program's thread\n");
	run_thread_exit(t, ret);
}
EXPORT_SYMBOL_GPL(modrun_pthread_exit);

static int thread_fn(void *data)
{
	struct modrun_thread *t = data;
	struct modrun_inst *inst = t->inst;

	if (t == inst->main)
		run_exit(t, inst->prog->main(inst->argc, inst->argv));
	thread_end(t, t->fn(t->arg));
}

/* A new thread of @inst, running @fn(@arg), or the main one if !@fn */
struct modrun_thread *run_thread_new(struct modrun_inst *inst,
					void *(*fn)(void *), void *arg)
{
	struct modrun_thread *t = kzalloc(sizeof(*t), GFP_KERNEL);
	struct task_struct *task;
	unsigned int id;

	if (!t)
		return ERR_PTR(-ENOMEM);
	t->inst = inst;
	t->fn = fn;
	t->arg = arg;
	mutex_lock(&inst->lock);
	if (inst->ending) {
		mutex_unlock(&inst->lock);
		kfree(t);
		return ERR_PTR(-ESRCH);
	}
	id = inst->next_id++;
	t->id = id;
	list_add_tail(&t->node, &inst->threads);
	inst->nthreads++;
	if (!fn)
		inst->main = t;
	mutex_unlock(&inst->lock);
	kref_get(&inst->kref);
	__module_get(THIS_MODULE);	/* put by module_put_and_kthread_exit() */
	atomic_long_inc(&stat_threads);

	task = id ? kthread_create(thread_fn, t, "%s/%u", inst->name, id) :
		kthread_create(thread_fn, t, "%s", inst->name);
	if (IS_ERR(task)) {
		mutex_lock(&inst->lock);
		list_del(&t->node);
		inst->nthreads--;
		if (inst->main == t)
			inst->main = NULL;
		mutex_unlock(&inst->lock);
		atomic_long_dec(&stat_threads);
		module_put(THIS_MODULE);
		kref_put(&inst->kref, inst_free);	/* the caller holds one */
		kfree(t);
		return ERR_CAST(task);
	}
	get_task_struct(task);		/* for watch_fn(), put by inst_free() */
	mutex_lock(&inst->lock);
	t->task = task;
	mutex_unlock(&inst->lock);
	wake_up_process(task);
	return t;
}

/*
 * Wait for the thread @handle names, of @t's instance, to end; returns what
 * it returned.  @handle comes from the program: it is looked up among the
 * instance's threads (they stay listed until the instance is freed), never
 * followed as it stands.
 */
int run_thread_join(struct modrun_thread *t, unsigned long handle,
		       void **ret)
{
	struct modrun_inst *inst = t->inst;
	struct modrun_thread *w = NULL, *i;

	mutex_lock(&inst->lock);
	list_for_each_entry(i, &inst->threads, node) {
		if ((unsigned long)i == handle) {
			w = i;
			break;
		}
	}
	if (!w || w == t || w->joined) {
		mutex_unlock(&inst->lock);
		return !w ? -ESRCH : w == t ? -EDEADLK : -EINVAL;
	}
	w->joined = true;
	mutex_unlock(&inst->lock);
	for (;;) {
		wait_event(inst->wq, READ_ONCE(w->ended) || interrupted(t));
		run_check(t);
		if (READ_ONCE(w->ended))
			break;
	}
	if (ret)
		*ret = w->ret;
	return 0;
}

void __noreturn run_thread_exit(struct modrun_thread *t, void *ret)
{
	if (t == t->inst->main)
		run_exit(t, 0);
	thread_end(t, ret);
}

/* Streams, from the instance's side */

ssize_t run_out(struct modrun_thread *t, int fd, const void *buf,
		   size_t len)
{
	struct modrun_inst *inst = t->inst;
	struct kfifo *f = &inst->out[fd - 1];
	size_t done = 0;

	run_check(t);
	while (done < len) {
		unsigned int n;

		mutex_lock(&inst->lock);
		if (inst->released) {
			inst->err[fd] = true;
			mutex_unlock(&inst->lock);
			return done ? done : -EPIPE;
		}
		n = kfifo_in(f, (const u8 *)buf + done,
			     min_t(size_t, len - done, FIFO_SIZE));
		mutex_unlock(&inst->lock);
		if (n) {
			done += n;
			wake_up_all(&inst->wq);
			continue;
		}
		wait_event(inst->wq, kfifo_avail(f) || READ_ONCE(inst->released) ||
			   interrupted(t));
		run_check(t);
	}
	return done;
}

ssize_t run_in(struct modrun_thread *t, void *buf, size_t len)
{
	struct modrun_inst *inst = t->inst;
	unsigned int n;

	run_check(t);
	if (!len)
		return 0;
	for (;;) {
		mutex_lock(&inst->lock);
		n = kfifo_out(&inst->in, buf, min_t(size_t, len, FIFO_SIZE));
		if (n || inst->in_eof) {
			if (!n)
				inst->eof[0] = true;
			mutex_unlock(&inst->lock);
			if (n)
				wake_up_all(&inst->wq);
			return n;
		}
		mutex_unlock(&inst->lock);
		wait_event(inst->wq, !kfifo_is_empty(&inst->in) ||
			   READ_ONCE(inst->in_eof) || interrupted(t));
		if (run_check(t))
			return -EINTR;
	}
}

/* The flags feof() and ferror() read */
bool *run_stream_flag(struct modrun_thread *t, int fd, bool err)
{
	return err ? &t->inst->err[fd] : &t->inst->eof[fd];
}

/* Sleep for @ns; returns the time left if a handled signal cut it short */
u64 run_sleep(struct modrun_thread *t, u64 ns)
{
	struct modrun_inst *inst = t->inst;
	u64 end = ktime_get_ns() + ns, now;

	run_check(t);
	for (;;) {
		long left;

		now = ktime_get_ns();
		if (now >= end)
			return 0;
		left = min_t(u64, nsecs_to_jiffies64(end - now),
			     MAX_SCHEDULE_TIMEOUT - 1);
		wait_event_timeout(inst->wq, interrupted(t), max(left, 1L));
		if (run_check(t))
			return end > ktime_get_ns() ? end - ktime_get_ns() : 0;
	}
}

/* Memory */

void *run_alloc(struct modrun_thread *t, size_t size, bool zero)
{
	struct modrun_inst *inst = t->inst;
	struct alloc_hdr *a;

	run_check(t);
	if (size > SIZE_MAX - sizeof(*a))
		return NULL;
	/* a failure is malloc()'s NULL, not a warning in the kernel log */
	a = kvmalloc(sizeof(*a) + size, GFP_KERNEL | __GFP_NOWARN |
		     (zero ? __GFP_ZERO : 0));
	if (!a)
		return NULL;
	a->size = size;
	mutex_lock(&inst->lock);
	list_add(&a->node, &inst->allocs);
	mutex_unlock(&inst->lock);
	atomic_long_inc(&stat_allocs);
	atomic_long_add(size, &stat_bytes);
	return a + 1;
}

size_t run_alloc_size(const void *p)
{
	return ((const struct alloc_hdr *)p - 1)->size;
}

void run_free(struct modrun_thread *t, void *p)
{
	struct modrun_inst *inst = t->inst;
	struct alloc_hdr *a;

	if (!p)
		return;
	a = (struct alloc_hdr *)p - 1;
	mutex_lock(&inst->lock);
	list_del(&a->node);
	mutex_unlock(&inst->lock);
	atomic_long_dec(&stat_allocs);
	atomic_long_sub(a->size, &stat_bytes);
	kvfree(a);
}

int run_atexit(struct modrun_thread *t, void (*fn)(void))
{
	struct atexit_fn *x = kmalloc(sizeof(*x), GFP_KERNEL);

	if (!x)
		return -ENOMEM;
	x->fn = fn;
	mutex_lock(&t->inst->lock);
	list_add(&x->node, &t->inst->atexits);
	mutex_unlock(&t->inst->lock);
	return 0;
}

modrun_sighandler_t run_signal(struct modrun_thread *t, int sig,
				  modrun_sighandler_t h)
{
	struct modrun_inst *inst = t->inst;
	modrun_sighandler_t old;

	if (sig <= 0 || sig >= MODRUN_NSIG)
		return MODRUN_SIG_ERR;
	mutex_lock(&inst->lock);
	old = inst->handlers[sig];
	inst->handlers[sig] = h;
	mutex_unlock(&inst->lock);
	return old;
}

bool run_stopping(struct modrun_thread *t)
{
	return READ_ONCE(t->inst->ending) || READ_ONCE(t->inst->sigpending);
}

/* The launcher's side: /dev/modrun */

static void stop_fn(struct work_struct *work)
{
	struct modrun_inst *inst = container_of(to_delayed_work(work),
						struct modrun_inst, stop_work);

	mutex_lock(&inst->lock);
	inst_end_locked(inst, MODRUN_STATUS_STOPPED);
	if (!inst->exited && !inst->stuck_said && inst->nthreads) {
		/* look again later, to say it once if it does not stop */
		mutex_unlock(&inst->lock);
		if (wait_event_timeout(inst->wq, READ_ONCE(inst->exited),
				       msecs_to_jiffies(STUCK_SAY_MS)))
			goto out;
		mutex_lock(&inst->lock);
		if (!inst->exited) {
			inst->stuck_said = true;
			pr_warn("%s: an instance does not stop: %u of its threads make no call into the environment\n",
				inst->name, inst->nthreads);
		}
	}
	mutex_unlock(&inst->lock);
out:
	inst_put(inst);
}

/*
 * A thread that dies without ending (an oops in the program's code kills
 * it in do_exit(), with none of thread_end() run) is found here: the work
 * looks at the instance's threads every WATCH_MS while any runs, does for
 * each dead one what thread_end() would have done, and ends the instance
 * with MODRUN_STATUS_CRASHED.  What the dead thread held of its own (a lock
 * of the program's, say) stays held: the instance ends, the kernel may not
 * recover.
 */
static void watch_fn(struct work_struct *work)
{
	struct modrun_inst *inst = container_of(to_delayed_work(work),
						struct modrun_inst, watch_work);
	struct modrun_thread *t;
	unsigned int died = 0, i;
	bool last = false;

	mutex_lock(&inst->lock);
	list_for_each_entry(t, &inst->threads, node) {
		if (t->ended || !t->task || !(READ_ONCE(t->task->flags) & PF_EXITING))
			continue;
		t->ended = true;
		died++;
		pr_err("%s: thread %u of an instance died in the kernel (an oops): the instance ends as crashed\n",
		       inst->name, t->id);
	}
	if (died) {
		inst_end_locked(inst, MODRUN_STATUS_CRASHED);
		/* a crash says more than the status it was ending with */
		inst->status = MODRUN_STATUS_CRASHED;
		inst->nthreads -= died;
		last = !inst->nthreads;
	}
	mutex_unlock(&inst->lock);
	if (died)
		wake_up_all(&inst->wq);
	for (i = 0; i < died; i++) {
		atomic_long_dec(&stat_threads);
		kref_put(&inst->kref, inst_free);	/* ours stays */
		module_put(THIS_MODULE);	/* their kthread_exit's */
	}
	if (last)
		inst_finish(inst);

	mutex_lock(&inst->lock);
	if (!inst->exited) {
		queue_delayed_work(modrun_wq, &inst->watch_work,
				   msecs_to_jiffies(WATCH_MS));
		mutex_unlock(&inst->lock);
		return;
	}
	mutex_unlock(&inst->lock);
	inst_put(inst);
}

static int dev_open(struct inode *inode, struct file *file)
{
	if (!capable(CAP_SYS_MODULE))
		return -EPERM;
	file->private_data = NULL;
	return stream_open(inode, file);
}

/* Split @args (@len bytes) into @argc strings; 0 if they are that many */
static int split_args(struct modrun_inst *inst, u32 argc, u32 len)
{
	u32 i, n = 0;
	char *p = inst->args;

	if (!argc || !len || inst->args[len - 1])
		return -EINVAL;
	inst->argv = kcalloc(argc + 1, sizeof(*inst->argv), GFP_KERNEL);
	if (!inst->argv)
		return -ENOMEM;
	for (i = 0; i < len; i++) {
		if (inst->args[i])
			continue;
		if (n == argc)
			return -EINVAL;
		inst->argv[n++] = p;
		p = inst->args + i + 1;
	}
	if (n != argc)
		return -EINVAL;
	inst->argc = argc;
	return 0;
}

static long dev_start(struct file *file, void __user *uarg)
{
	struct modrun_start st;
	struct modrun_inst *inst;
	struct modrun_prog *prog;
	struct modrun_thread *t;
	int err, i;

	if (copy_from_user(&st, uarg, sizeof(st)))
		return -EFAULT;
	if (st.size != sizeof(st) || st.flags & ~MODRUN_F_KNOWN ||
	    !memchr(st.module, 0, sizeof(st.module)) ||
	    !st.argc || st.argc > MODRUN_ARGC_MAX ||
	    !st.args_len || st.args_len > MODRUN_ARGS_MAX)
		return -EINVAL;
	if (file->private_data)
		return -EBUSY;

	inst = kzalloc(sizeof(*inst), GFP_KERNEL);
	if (!inst)
		return -ENOMEM;
	atomic_long_inc(&stat_instances);
	kref_init(&inst->kref);
	mutex_lock(&insts_lock);
	list_add(&inst->node, &insts);
	mutex_unlock(&insts_lock);
	mutex_init(&inst->lock);
	init_waitqueue_head(&inst->wq);
	INIT_LIST_HEAD(&inst->threads);
	INIT_LIST_HEAD(&inst->allocs);
	INIT_LIST_HEAD(&inst->atexits);
	INIT_DELAYED_WORK(&inst->stop_work, stop_fn);
	INIT_DELAYED_WORK(&inst->watch_work, watch_fn);
	strscpy(inst->name, st.module, sizeof(inst->name));
	for (i = 0; i < MODRUN_NSIG; i++)
		inst->handlers[i] = MODRUN_SIG_DFL;
	err = -ENOMEM;
	if (kfifo_alloc(&inst->out[0], FIFO_SIZE, GFP_KERNEL) ||
	    kfifo_alloc(&inst->out[1], FIFO_SIZE, GFP_KERNEL) ||
	    kfifo_alloc(&inst->in, FIFO_SIZE, GFP_KERNEL))
		goto put;
	inst->args = kvmalloc(st.args_len, GFP_KERNEL);
	if (!inst->args)
		goto put;
	err = -EFAULT;
	if (copy_from_user(inst->args, u64_to_user_ptr(st.args), st.args_len))
		goto put;
	err = split_args(inst, st.argc, st.args_len);
	if (err)
		goto put;

	mutex_lock(&progs_lock);
	prog = find_prog(inst->name);
	if (!prog || !try_module_get(prog->owner)) {
		mutex_unlock(&progs_lock);
		err = -ENOENT;
		goto put;
	}
	prog->instances++;
	if (st.flags & MODRUN_F_UNLOAD)
		prog->unload = true;
	mutex_unlock(&progs_lock);
	inst->prog = prog;

	t = run_thread_new(inst, NULL, NULL);
	if (IS_ERR(t)) {
		mutex_lock(&progs_lock);
		if (!--prog->instances && prog->unload)
			schedule_removal(prog);
		mutex_unlock(&progs_lock);
		module_put(prog->owner);
		err = PTR_ERR(t);
		goto put;
	}
	kref_get(&inst->kref);		/* the watch work's */
	queue_delayed_work(modrun_wq, &inst->watch_work,
			   msecs_to_jiffies(WATCH_MS));
	atomic_long_inc(&stat_started);
	file->private_data = inst;	/* the file's reference */
	return 0;
put:
	inst_put(inst);
	return err;
}

static long dev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct modrun_inst *inst = file->private_data;
	u32 sig;

	if (cmd == MODRUN_START)
		return dev_start(file, (void __user *)arg);
	if (!inst)
		return cmd == MODRUN_SIGNAL || cmd == MODRUN_STDIN_EOF ?
			-ESRCH : -ENOTTY;
	switch (cmd) {
	case MODRUN_SIGNAL:
		if (get_user(sig, (u32 __user *)arg))
			return -EFAULT;
		if (sig != MODRUN_SIGINT && sig != MODRUN_SIGTERM)
			return -EINVAL;
		mutex_lock(&inst->lock);
		__set_bit(sig, &inst->sigpending);
		mutex_unlock(&inst->lock);
		wake_up_all(&inst->wq);
		return 0;
	case MODRUN_STDIN_EOF:
		mutex_lock(&inst->lock);
		inst->in_eof = true;
		mutex_unlock(&inst->lock);
		wake_up_all(&inst->wq);
		return 0;
	}
	return -ENOTTY;
}

/* Is there a frame for read()?  Locked. */
static bool frame_ready(struct modrun_inst *inst)
{
	return !kfifo_is_empty(&inst->out[0]) || !kfifo_is_empty(&inst->out[1]) ||
	       (inst->exited && !inst->exit_told);
}

static ssize_t dev_read(struct file *file, char __user *buf, size_t len,
			loff_t *ppos)
{
	struct modrun_inst *inst = file->private_data;
	struct modrun_frame h = {};
	size_t done = 0;
	int s, err;

	if (!inst)
		return -ESRCH;
	if (len < sizeof(h) + 1)
		return -EINVAL;
	for (;;) {
		mutex_lock(&inst->lock);
		if (frame_ready(inst) || inst->exit_told)
			break;
		mutex_unlock(&inst->lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(inst->wq, frame_ready(inst)))
			return -ERESTARTSYS;
	}
	for (s = 0; s < 2; s++) {
		unsigned int avail = kfifo_len(&inst->out[s]), copied;

		if (!avail || len - done <= sizeof(h))
			continue;
		h.stream = s ? MODRUN_STDERR : MODRUN_STDOUT;
		h.len = min_t(size_t, avail, len - done - sizeof(h));
		err = -EFAULT;
		if (copy_to_user(buf + done, &h, sizeof(h)))
			goto out;
		err = kfifo_to_user(&inst->out[s], buf + done + sizeof(h), h.len,
				    &copied);
		if (err)
			goto out;
		done += sizeof(h) + copied;
	}
	if (kfifo_is_empty(&inst->out[0]) && kfifo_is_empty(&inst->out[1]) &&
	    inst->exited && !inst->exit_told && len - done >= sizeof(h) + 4) {
		s32 status = inst->status;

		h.stream = MODRUN_EXIT;
		h.len = sizeof(status);
		err = -EFAULT;
		if (copy_to_user(buf + done, &h, sizeof(h)) ||
		    copy_to_user(buf + done + sizeof(h), &status, sizeof(status)))
			goto out;
		done += sizeof(h) + sizeof(status);
		inst->exit_told = true;
	}
	err = 0;
out:
	mutex_unlock(&inst->lock);
	if (done)
		wake_up_all(&inst->wq);
	return done ? done : err;
}

static ssize_t dev_write(struct file *file, const char __user *buf,
			 size_t len, loff_t *ppos)
{
	struct modrun_inst *inst = file->private_data;
	unsigned int copied;
	int err;

	if (!inst)
		return -ESRCH;
	if (!len)
		return 0;
	for (;;) {
		mutex_lock(&inst->lock);
		if (inst->ending || inst->exited || inst->in_eof) {
			mutex_unlock(&inst->lock);
			return -EPIPE;
		}
		if (kfifo_avail(&inst->in))
			break;
		mutex_unlock(&inst->lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(inst->wq, kfifo_avail(&inst->in) ||
					     READ_ONCE(inst->ending)))
			return -ERESTARTSYS;
	}
	err = kfifo_from_user(&inst->in, buf, min_t(size_t, len, FIFO_SIZE),
			      &copied);
	mutex_unlock(&inst->lock);
	if (copied)
		wake_up_all(&inst->wq);
	return copied ? copied : err;
}

static __poll_t dev_poll(struct file *file, poll_table *pt)
{
	struct modrun_inst *inst = file->private_data;
	__poll_t mask = 0;

	if (!inst)
		return EPOLLERR;
	poll_wait(file, &inst->wq, pt);
	mutex_lock(&inst->lock);
	if (frame_ready(inst) || inst->exit_told)
		mask |= EPOLLIN | EPOLLRDNORM;
	/* a write would not block: there is room, or it would fail */
	if (inst->ending || inst->exited || inst->in_eof ||
	    kfifo_avail(&inst->in))
		mask |= EPOLLOUT | EPOLLWRNORM;
	mutex_unlock(&inst->lock);
	return mask;
}

/*
 * The launcher closed the file, or died: the instance gets SIGTERM, and
 * is stopped MODRUN_STOP_MS later if it has not ended by then.
 */
static int dev_release(struct inode *inode, struct file *file)
{
	struct modrun_inst *inst = file->private_data;

	if (!inst)
		return 0;
	mutex_lock(&inst->lock);
	inst->released = true;
	inst->in_eof = true;
	if (!inst->exited) {
		__set_bit(MODRUN_SIGTERM, &inst->sigpending);
		kref_get(&inst->kref);		/* the stop work's */
		queue_delayed_work(modrun_wq, &inst->stop_work,
				   msecs_to_jiffies(MODRUN_STOP_MS));
	}
	mutex_unlock(&inst->lock);
	wake_up_all(&inst->wq);
	inst_put(inst);			/* the file's */
	return 0;
}

static const struct file_operations modrun_fops = {
	.owner = THIS_MODULE,
	.open = dev_open,
	.release = dev_release,
	.read = dev_read,
	.write = dev_write,
	.poll = dev_poll,
	.unlocked_ioctl = dev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice modrun_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = MODRUN_DEVICE_NAME,
	.fops = &modrun_fops,
	.mode = 0600,
};

/* debugfs: /sys/kernel/debug/modrun/stats */
static int stats_show(struct seq_file *m, void *v)
{
	struct modrun_prog *p;

	seq_printf(m, "instances %ld\nthreads %ld\nallocations %ld\nbytes %ld\nstarted %ld\n",
		   atomic_long_read(&stat_instances),
		   atomic_long_read(&stat_threads),
		   atomic_long_read(&stat_allocs),
		   atomic_long_read(&stat_bytes),
		   atomic_long_read(&stat_started));
	mutex_lock(&progs_lock);
	list_for_each_entry(p, &progs, node)
		seq_printf(m, "program %s instances %u%s\n", p->name,
			   p->instances, p->unload ? " unload" : "");
	mutex_unlock(&progs_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static int __init modrun_mod_init(void)
{
	int err;

	modrun_wq = alloc_workqueue("modrun", WQ_UNBOUND, 0);
	if (!modrun_wq)
		return -ENOMEM;
	err = misc_register(&modrun_dev);
	if (err) {
		destroy_workqueue(modrun_wq);
		return err;
	}
	debugfs_dir = debugfs_create_dir("modrun", NULL);
	debugfs_create_file("stats", 0400, debugfs_dir, NULL, &stats_fops);
	return 0;
}

/*
 * Nothing holds modrun: no file is open, no thread of an instance runs
 * (each holds it), so no program module is loaded.  What may be left are
 * the works of instances that ended, and removals.
 */
static void __exit modrun_mod_exit(void)
{
	struct modrun_inst *inst;

	misc_deregister(&modrun_dev);
	mutex_lock(&insts_lock);
	while ((inst = list_first_entry_or_null(&insts, struct modrun_inst,
						node))) {
		if (!kref_get_unless_zero(&inst->kref)) {
			/* being freed: inst_free() takes it off the list */
			mutex_unlock(&insts_lock);
			usleep_range(1000, 2000);
			mutex_lock(&insts_lock);
			continue;
		}
		mutex_unlock(&insts_lock);
		if (cancel_delayed_work_sync(&inst->stop_work))
			inst_put(inst);		/* the work's */
		if (cancel_delayed_work_sync(&inst->watch_work))
			inst_put(inst);
		inst_put(inst);
		mutex_lock(&insts_lock);
	}
	mutex_unlock(&insts_lock);
	destroy_workqueue(modrun_wq);
	debugfs_remove_recursive(debugfs_dir);
}

module_init(modrun_mod_init);
module_exit(modrun_mod_exit);

MODULE_DESCRIPTION("modrun: the runtime of module programs");
MODULE_AUTHOR("modstub");
MODULE_LICENSE("GPL");
