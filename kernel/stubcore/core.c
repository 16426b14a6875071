// SPDX-License-Identifier: GPL-2.0
/*
 * stubcore: the runtime of modstub's autoload stub modules.
 *
 * A stub module (NAME_stub.ko, see <modstub/modstub.h>) exports the
 * functions of a real module NAME.ko and hands its stub table to stubcore
 * when it loads.  Each stub is the exported function itself: a 5-byte jump
 * shaped like a static-call trampoline, first aimed at the stub's slow path
 * (strong stubs) or at its retfunc (weak stubs).
 *
 * Strong stub (stub): the first call enters modstub_resolve(), which loads
 * the real module with request_module(), takes a reference on it and
 * retargets the stub's jump at the real function with
 * __static_call_update().  Later calls cost one direct jump.
 *
 * Unloadable stub (ustub): every call takes the stub's per-call path, in
 * the stub module, which counts the call in flight on per-CPU counters of
 * the stub module, calls the real function through a jump stubcore aims
 * at it, and counts the call out when it returns; while the real module is
 * not there, the call goes on to modstub_slow_ustub, which loads it (in
 * modstub_uenter_slow()) and does the same.  A call writes
 * only per-CPU data: the real module's refcount, which every CPU would
 * write, is not taken.  Instead the real module's exit waits for the calls
 * in flight: its modmeta wrapper defines __modstub_real_exit_NAME
 * (MODSTUB_REAL_END()), which stubcore puts in the module's exit pointer
 * when the module comes; the kernel's rmmod then runs it, and it stops
 * the calls, waits for those in flight, and runs the module's own exit.
 * A call that finds the calls stopped waits for the module to go and
 * loads it again.
 *
 * Weak stub (wstub): never loads anything.  It jumps to its retfunc while
 * the real module is absent.  When the real module goes live by any means,
 * the module notifier retargets it at its per-call path, which counts each
 * call as for an unloadable stub (so that the module can be removed between
 * calls, never under one); when it goes, back at the retfunc.
 *
 * The real module is found at MODULE_STATE_COMING through its table of real
 * functions, __stubreal_NAME, which stubcore checks against the stub table:
 * both must be sealed by stubgen, and agree on each function's kind,
 * argnword and type fingerprint.  A mismatch refuses the real module, so
 * that no call ever reaches a function built against other types than its
 * callers were.
 *
 * Failures are reported once per stub and cause: each stub whose call gets
 * its retfunc because of an error has a line saying why, and says it again
 * only when the cause changes, so that no line is lost to a rate limit and
 * a stream of calls does not become a stream of lines.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bsearch.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/error-injection.h>
#include <linux/fs.h>
#include <linux/hashtable.h>
#include <linux/jiffies.h>
#include <linux/kmod.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/static_call.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/stringhash.h>
#include <linux/version.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <modstub/abi.h>
#include <modstub/stubcore.h>
#include <modstub/vocab.h>

#include "calls.h"

/*
 * The parameters are written through sysfs at any time, by the kernel's
 * param code (under kernel_param_lock(), which stubcore does not take), and
 * read without a lock: each read sees the old value or the new one, and a
 * call that reads autoload more than once may see both.
 */
static bool autoload = true;
module_param(autoload, bool, 0644);
MODULE_PARM_DESC(autoload,
		 "Load real modules on the first call of a strong stub (default: yes); when off, strong stubs load nothing and answer with their retfunc while the real module is absent");

static bool autoclean = true;
module_param(autoclean, bool, 0644);
MODULE_PARM_DESC(autoclean,
		 "Remove idle real modules that a stub loaded, if their .modmeta asks for it (autoclean); off: none is removed (default: yes)");

static unsigned int autoclean_growth = 16;
module_param(autoclean_growth, uint, 0644);
MODULE_PARM_DESC(autoclean_growth,
		 "The delay of a module autocleaned and loaded again soon after doubles, up to this many times its own (default 16; 1: it never grows)");

static unsigned int retry_ms = 1000;
module_param(retry_ms, uint, 0644);
MODULE_PARM_DESC(retry_ms,
		 "After a failed load, answer with the retfunc for this long before trying again (ms, default 1000)");

/*
 * A call that finds its real module going waits this long for it to go
 * before it loads it again (a call in flight that the module's exit waits
 * for may be the one making it: then it gets the retfunc after the wait).
 */
#define GOING_WAIT	(5 * HZ)
/* The module's exit says that it waits for calls after this long. */
#define CALLS_SAY_AFTER	(10 * HZ)
/*
 * A load that failed only because another load or removal of the module
 * was under way is tried again every GONE_RETRY_MS, for GONE_RETRY at most
 * (load_transient()).
 */
#define GONE_RETRY	(2 * HZ)
#define GONE_RETRY_MS	10
/* A ustub's call loads its module this many times before it gives up */
#define LOAD_TRIES	4
/* Autoclean: a modprobe -r that left the module there is given up after */
#define AUTOCLEAN_REMOVE_WAIT	(5 * HZ)

/* Room for the reason of a failure, as it goes into a line of dmesg. */
#define WHY_LEN		256
#define REFUSAL_LEN	(WHY_LEN - 32)	/* "stubcore refused it: " before it */

struct stubmod;

/*
 * The runtime state of one stub; its modstub_ent.runtime points here.
 *
 * modstub_register() publishes it there once, with WRITE_ONCE(), and the
 * slow paths read it with READ_ONCE() and no lock: they run only once the
 * stub module's init, which registered it, has returned, since no module
 * links to (nor symbol_get()s) the exports of a module that is still
 * coming (strong_try_module_get() refuses it).
 *
 * ent, sm and name are set by modstub_register() before it publishes the
 * stub in modstub_ent.runtime, and never change.  key, call_key, real_func
 * and retargeted belong to sm->lock, under which alone the stub's jumps are
 * retargeted.  Read without a lock:
 * - real_func, with READ_ONCE() (it is written with WRITE_ONCE()), by the
 *   calls that do not sleep: by modstub_slow_ustub and calls_enter() once
 *   the calls hold them, and by modstub_resolve() when it does not load,
 *   once it found sm->real_live non-NULL under rcu_read_lock().  real_func
 *   is set at MODULE_STATE_COMING, before the calls are made live and
 *   real_live is published at LIVE, and cleared at GOING, after both are
 *   gone; a call that reads NULL takes it as "no such function".  Also by the real
 *   module's own init and exit (sm->coming_task or sm->exit_task is
 *   current): real_func was set in the COMING notification of that very
 *   load and is cleared only at GOING, after the exit.
 * - last_error and said, which have no lock: report_failure() writes them
 *   from any context, so every access is a READ_ONCE() or WRITE_ONCE().
 *   Two failures at once may both print their line, and either errno may
 *   stay: they only feed dmesg and debugfs.
 * - slow_calls and failures, atomic counters.
 */
struct stub_rt {
	/* first, where slowpath.S reads them (calls.h) */
	void *real_func;		/* in the live real module, or NULL */
	struct stubmod *sm;
	struct modstub_ent *ent;
	const char *name;
	/* for __static_call_update(); func: where the stub jumps now */
	struct static_call_key key;
	/* ustub, wstub: of the jump of its per-call path's call */
	struct static_call_key call_key;
	/*
	 * aimed at real_func (stub), at its per-call or slow path (wstub),
	 * or at its slow path (ustub whose function the module lacks)
	 */
	bool retargeted;
	int last_error;			/* of the last failure, 0 after a load */
	u32 said;			/* hash of the failure last reported */
	atomic_long_t slow_calls;	/* calls that asked for a load */
	atomic_long_t failures;		/* calls answered by the retfunc on error */
};

/* Bits of stubmod.held */
enum {
	/* we hold a reference on real, taken once by hold_real(), never put */
	STUBMOD_HELD_REAL,
};

/*
 * A registered stub module and what stubcore knows of its real module.
 *
 * node and hnode belong to stubmods_lock.  owner, tab, realname, nstubs,
 * by_name and stubs[] are set by modstub_register() before it puts the
 * stubmod on stubmods, and never change (the fields of each stub_rt say how
 * they are protected).  wq and load_work synchronise themselves.
 */
struct stubmod {
	/*
	 * The stub table, first, where slowpath.S reads it (calls.h).  Its
	 * header holds the calls in flight through the ustubs and the live
	 * weak stubs (calls_enter()): tab->calls_live is set at LIVE and
	 * cleared by calls_kill() when real's exit begins (or at GOING, if
	 * real goes without its exit passing through stubcore), both under
	 * lock; calls_wait() then waits on calls_wq for the calls in flight,
	 * before that exit runs.
	 */
	struct modstub_hdr *tab;
	wait_queue_head_t calls_wq;
	struct list_head node;		/* in stubmods */
	struct hlist_node hnode;	/* in stubmods_by_real */
	struct rcu_head rcu;
	struct module *owner;		/* the stub module */
	const char *realname;

	/*
	 * lock protects the fields from real to loads, and the fields of the
	 * stubs' stub_rt that say so: it serialises what stubcore knows of
	 * the real module, the loads, and the retargeting of the stubs.  It
	 * is taken after stubmods_lock, and never held across
	 * request_module() (whose modprobe comes back into the module
	 * notifier, which takes it) or a wait.  Read without it:
	 * - real_live, under rcu_read_lock(), by the calls that do not sleep:
	 *   it is written under lock with rcu_assign_pointer() at
	 *   MODULE_STATE_LIVE and with RCU_INIT_POINTER() at GOING, and the
	 *   kernel frees a module only after a grace period that follows its
	 *   GOING notification (synchronize_rcu() in free_module()), so the
	 *   module a reader finds there stays until rcu_read_unlock(); to use
	 *   it past that, the reader takes a reference with try_module_get().
	 * - loading and coming_task, with READ_ONCE(), by load_settled(), the
	 *   condition load_real() waits for: each write, with WRITE_ONCE()
	 *   under lock, that can make it true is followed by a wake_up_all()
	 *   of wq, and load_real() checks again under lock once woken.
	 * - held, a bitmap for atomic bitops: hold_real() sets
	 *   STUBMOD_HELD_REAL with test_and_set_bit(), with or without lock,
	 *   so that however many callers race only one reference is kept;
	 *   detach_real() clears it under lock.
	 * modstub_unregister() reads real and held without lock once it has
	 * taken the stubmod off stubmods: nothing else can reach it then.
	 */
	struct mutex lock;
	struct module *real;		/* coming or live, else NULL */
	struct module __rcu *real_live;	/* live, for lockless readers */
	struct task_struct *coming_task; /* running real's init */
	bool loading;			/* a request_module() is running */
	unsigned long held;		/* STUBMOD_HELD_* bits */
	bool saw_coming;		/* since the load began: real was COMING */
	bool init_failed;		/* real went from coming to going */
	/*
	 * going, exit_task and gone_at are written under lock; going and
	 * exit_task are read by load_real() with READ_ONCE(), and each write
	 * that clears going is followed by a wake_up_all() of wq.
	 */
	bool going;			/* real's exit runs: calls stopped */
	struct task_struct *exit_task;	/* running real's exit */
	bool gone;			/* real went at least once */
	unsigned long gone_at;		/* jiffies when real last went */
	void (*real_exit)(void);	/* real's own exit, or NULL */
	bool exit_taken;		/* real->exit is our __modstub_real_exit_ */

	/*
	 * Autoclean (autoclean_work_fn()), under lock; the calls' counters
	 * count the calls made.  ac is
	 * real's __modstub_autoclean_NAME while real is there (in real's
	 * memory), ac_base its delay, kept with ac_delay_ms, the delay in
	 * force, from one load of real to the next.
	 */
	const struct modstub_autoclean *ac;
	bool by_stub;			/* real was loaded by a stub's call */
	unsigned long ac_sum;		/* calls made, at the last scan */
	unsigned long ac_busy;		/* jiffies: last seen in use */
	bool ac_removing;		/* our modprobe -r was started ... */
	unsigned long ac_removing_at;	/* ... then (jiffies) */
	bool ac_cleaned;		/* real went by our modprobe -r ... */
	unsigned long ac_cleaned_at;	/* ... then (jiffies) */
	unsigned int ac_gen;		/* counts the LIVE notifications */
	unsigned int ac_base;		/* the delay of the .modmeta (ms) */
	unsigned int ac_delay_ms;	/* the delay in force */
	unsigned long autocleans;	/* times it was removed */
	unsigned long reloads;		/* times it was loaded again after */
	unsigned long kept;		/* times it stayed, idle (veto, ...) */
	u32 kept_said;			/* hash of the reason last logged */
	char kept_why[WHY_LEN];		/* the last reason it stayed, or "" */
	struct delayed_work ac_work;
	char refusal[REFUSAL_LEN];	/* why stubcore refused real, or "" */
	char cause[WHY_LEN];		/* why the last load failed */
	unsigned long retry_at;		/* no load before this (jiffies) */
	int load_error;			/* of the last failed load, or 0 */
	unsigned long loads;		/* real modules loaded by a stub */
	wait_queue_head_t wq;		/* loading or coming ended */
	struct work_struct load_work;	/* a load asked for in atomic context */

	unsigned int nstubs;
	struct stub_rt **by_name;	/* stubs sorted by name */
	struct stub_rt stubs[];
};

/* Where slowpath.S reads them (calls.h) */
static_assert(offsetof(struct stub_rt, real_func) == RT_OFF_REAL_FUNC);
static_assert(offsetof(struct stub_rt, sm) == RT_OFF_SM);
static_assert(offsetof(struct stubmod, tab) == SM_OFF_TAB);

/*
 * stubmods_lock protects:
 * 1) the list stubmods (stubmod.node), in the order of registration, and
 *    the hash table stubmods_by_real (stubmod.hnode), by the name of the
 *    real module;
 * 2) the stubmods on them, from being freed: modstub_unregister() takes a
 *    stubmod off both under stubmods_lock before it frees it, and the
 *    module notifier and debugfs, which find it there, use it under
 *    stubmods_lock.  The calls of the stubs reach their stubmod without it,
 *    through modstub_ent.runtime: they run in the stub module, which cannot
 *    be removed while they do; its load_work is cancelled before the free.
 *
 * The module notifier first looks in stubmods_by_real under
 * rcu_read_lock() only, to learn whether the module is the real module of
 * a stub module at all: most are not, and for them it takes no lock.  That
 * is why stubmods are added and removed with the _rcu hash functions and
 * freed after a grace period.  A miss is final: a real module depends on
 * its stub module (its table's header points at the stub table), and the
 * kernel loads a module only once those it depends on are live, which for
 * a stub module means registered; and a stub module cannot go before its
 * real module.
 *
 * Lock order: stubmods_lock, then stubmod.lock.  Under stubmod.lock,
 * __static_call_update() takes cpus_read_lock(), static_call_mutex and
 * text_mutex.
 */
static DEFINE_MUTEX(stubmods_lock);
static LIST_HEAD(stubmods);
#define STUBMODS_HASH_BITS	8
static DEFINE_HASHTABLE(stubmods_by_real, STUBMODS_HASH_BITS);
static struct dentry *debugfs_dir;

static const char *tab_str(const void *tab, u32 off)
{
	return (const char *)tab + off;
}

/*
 * Do the @size bytes at @p lie in one memory region of @mod?  Since 6.4 a
 * module's text, data and rodata are separate allocations: both ends in
 * the module is not enough.
 */
static bool module_range_ok(const struct module *mod, const void *p,
			    size_t size)
{
	unsigned long a = (unsigned long)p, b = a + size - 1;

	if (!size || b < a)
		return false;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	for_each_mod_mem_type(t)
		if (within_module_mem_type(a, mod, t))
			return within_module_mem_type(b, mod, t);
	return false;
#else
	return (within_module_core(a, mod) && within_module_core(b, mod)) ||
	       (within_module_init(a, mod) && within_module_init(b, mod));
#endif
}

static void *retfunc_of(const struct stub_rt *rt)
{
	return (void *)(unsigned long)rt->ent->retfunc;
}

/* The per-CPU counters of the calls through the stubs of @tab */
static __always_inline struct modstub_calls_pcpu __percpu *
calls_pcpu(const struct modstub_hdr *tab)
{
	return (struct modstub_calls_pcpu __percpu __force *)
		(unsigned long)tab->calls_pcpu;
}

/* The per-call path of a ustub or wstub, and the jump of its call */
static void *fast_path_of(const struct stub_rt *rt)
{
	return (void *)(unsigned long)(rt->ent->entry + rt->ent->fast_off);
}

static void *call_jump_of(const struct stub_rt *rt)
{
	return (void *)(unsigned long)(rt->ent->entry + rt->ent->call_off);
}

/*
 * Aim the jump of @rt's stub at @func.  Sleeps.
 *
 * Why __static_call_update() with a key of our own: the kernel's text
 * patching (text_poke_bp() and the like) is not exported, only the
 * interfaces built on it, static keys and static calls; and a static
 * call's trampoline is a 5-byte jump that __static_call_update() retargets.
 * static_call_update() is a macro around the exported
 * __static_call_update(key, tramp, func) that wants the key and trampoline
 * of a DEFINE_STATIC_CALL(); a stub is a trampoline made by hand in the
 * stub module (<modstub/modstub.h>) and its state is stubcore's, so each
 * stub_rt embeds a struct static_call_key, filled in by modstub_register().
 *
 * Why that is safe, on x86-64 (CONFIG_HAVE_STATIC_CALL_INLINE):
 * __static_call_update() takes cpus_read_lock() and static_call_mutex and
 * does nothing if key->func is @func already, so key.func must be where
 * the stub jumps: modstub_register() starts it at the target the stub is
 * assembled with, idle_target().  Else it stores @func there and calls
 * arch_static_call_transform(NULL, tramp, func, false), which checks that
 * the jump is followed by the trampoline signature (ud1 %esp, %ecx, put
 * there by the stub macros; else BUG()) and rewrites the jump under
 * text_mutex with text_poke_bp(), safe against CPUs running it.  Then it
 * patches the key's call sites: key.type = 1 sets bit 0, which says the
 * rest of the word points at them, and the rest is 0: there are none.  No
 * module's .static_call_sites names one of our keys, so the kernel's
 * static-call module notifier never gives them any.
 * (arch_static_call_transform() is exported too, but it is the arch half
 * of __static_call_update(), without the locks.)  Checked on Debian 12's
 * 6.1 and 6.12 kernels: same struct static_call_key, same
 * __static_call_update() and arch_static_call_transform().
 */
static void stub_retarget(struct stub_rt *rt, void *func)
{
	void *tramp = (void *)(unsigned long)(rt->ent->entry +
					       rt->ent->patch_off);

	lockdep_assert_held(&rt->sm->lock);
	__static_call_update(&rt->key, tramp, func);
}

/*
 * Where the calls of a ustub, or of a wstub whose module is live, go: its
 * per-call path, or its slow path if it takes arguments on the stack,
 * which only the slow path passes on.
 */
static void *held_target(const struct stub_rt *rt)
{
	if (rt->ent->argnword <= MODSTUB_REG_ARGS)
		return fast_path_of(rt);
	return (void *)(unsigned long)rt->ent->slow;
}

/* The jump target of @rt while its real function is out of reach. */
static void *idle_target(const struct stub_rt *rt)
{
	switch (rt->ent->kind) {
	case MODSTUB_KIND_WEAK:
		return retfunc_of(rt);
	case MODSTUB_KIND_USTUB:
		return held_target(rt);
	}
	return (void *)(unsigned long)rt->ent->slow;
}

/*
 * Aim the jump of the call of @rt's per-call path at @func.  Sleeps.  As
 * for stub_retarget(), with the stub's second key.
 */
static void stub_retarget_call(struct stub_rt *rt, void *func)
{
	lockdep_assert_held(&rt->sm->lock);
	__static_call_update(&rt->call_key, call_jump_of(rt), func);
}

/* FNV-1a of a failure, never 0 (0: nothing reported since the last load) */
static u32 failure_hash(int err, const char *why)
{
	u32 h = 2166136261u ^ (u32)err;

	for (; *why; why++)
		h = (h ^ (u8)*why) * 16777619u;
	return h | 1;
}

/*
 * A call of @rt gets its retfunc because of @err: count it, and say why
 * unless this stub said so already.  Any context.
 */
static void report_failure(struct stub_rt *rt, int err, const char *why)
{
	u32 said = failure_hash(err, why);

	WRITE_ONCE(rt->last_error, err);
	atomic_long_inc(&rt->failures);
	if (READ_ONCE(rt->said) == said)
		return;
	WRITE_ONCE(rt->said, said);
	pr_warn("%s: %s %s: cannot reach %s: %s (%d); calls return %s()\n",
		rt->sm->owner->name, modstub_kind_name(rt->ent->kind),
		rt->name, rt->sm->realname, why, err,
		tab_str(rt->sm->tab, rt->ent->retfunc_off));
}

/* Table checks */

static int check_table(struct module *owner, struct modstub_hdr *tab)
{
	const char *who = owner->name;
	struct modstub_ent *ents;
	char why[WHY_LEN];
	u64 avail;
	u32 i;

	if (!module_range_ok(owner, tab, sizeof(*tab))) {
		pr_err("%s: stub table not inside the module\n", who);
		return -ENOEXEC;
	}
	avail = module_range_ok(owner, tab, tab->size) ? tab->size :
		sizeof(*tab);
	if (modstub_check_hdr(tab, tab, avail, why, sizeof(why))) {
		pr_err("%s: malformed stub table: %s\n", who, why);
		return -ENOEXEC;
	}
	if (!(tab->flags & MODSTUB_F_SEALED)) {
		pr_err("%s: stub table not sealed: the module was not built with stubgen seal\n",
		       who);
		return -ENOEXEC;
	}

	ents = (struct modstub_ent *)((char *)tab + tab->hdr_size);
	for (i = 0; i < tab->nstubs; i++) {
		struct modstub_ent *e = &ents[i];

		if (modstub_check_ent(tab, tab, e, why, sizeof(why))) {
			pr_err("%s: malformed stub table (entry %u: %s)\n",
			       who, i, why);
			return -ENOEXEC;
		}
		if (!within_module(e->entry, owner) ||
		    !within_module(e->slow, owner) || !e->retfunc ||
		    e->runtime ||
		    (e->kind != MODSTUB_KIND_STRONG &&
		     (!within_module(e->entry + e->fast_off, owner) ||
		      !module_range_ok(owner, (void *)(unsigned long)
				       (e->entry + e->call_off), 8)))) {
			pr_err("%s: malformed stub table (entry %u, %s: addresses)\n",
			       who, i, tab_str(tab, e->name_off));
			return -ENOEXEC;
		}
	}
	return 0;
}

static int cmp_rt_name(const void *a, const void *b)
{
	const struct stub_rt *x = *(const struct stub_rt **)a;
	const struct stub_rt *y = *(const struct stub_rt **)b;

	return strcmp(x->name, y->name);
}

static int cmp_key_rt(const void *key, const void *elt)
{
	const struct stub_rt *rt = *(const struct stub_rt **)elt;

	return strcmp(key, rt->name);
}

static struct stub_rt *find_stub(struct stubmod *sm, const char *name)
{
	struct stub_rt **p = bsearch(name, sm->by_name, sm->nstubs,
				     sizeof(*sm->by_name), cmp_key_rt);

	return p ? *p : NULL;
}

static u32 name_hash(const char *name)
{
	return full_name_hash(NULL, name, strlen(name));
}

/*
 * The stubmod whose real module is @name, under stubmods_lock; or, under
 * rcu_read_lock() alone, whether there is one (see stubmods_lock).
 */
static struct stubmod *find_stubmod(const char *name)
{
	struct stubmod *sm;

	hash_for_each_possible_rcu(stubmods_by_real, sm, hnode,
				   name_hash(name),
				   lockdep_is_held(&stubmods_lock))
		if (strcmp(sm->realname, name) == 0)
			return sm;
	return NULL;
}

/* What modstub_register() allocated: stubmods of any size are vmalloc'ed */
static void stubmod_free(struct stubmod *sm)
{
	free_percpu(calls_pcpu(sm->tab));
	kvfree(sm->by_name);
	kvfree(sm);
}

/*
 * The per-call hold: the calls of a stub module, in its table's header
 * (<modstub/abi.h>).  Two counters per CPU, of the calls that began and of
 * those that ended there, and a flag, calls_live ("live" below).  A call
 * that finds live set increments this CPU's enters, then reads live again:
 * if it is still set, the call is held, and it increments the exits of its
 * CPU when the function it called returns; if not, it counts itself out at
 * once and takes the slow path, as a call that found live clear does at
 * once, without touching the counters (so that calls made while the waiter
 * waits cannot keep the sums apart for as long as they come).  The stub
 * module's per-call path (__MODSTUB_FAST() of <modstub/modstub.h>) and
 * modstub_slow_ustub do it in assembler, calls_enter() and calls_exit() in
 * C, the same way.  None disables preemption or uses a locked instruction:
 * each increment is one instruction on %gs:, which no interrupt or
 * migration can split, and a call that migrates between its enter and its
 * exit leaves the sums right.  So the path of a call writes only the stack
 * and per-CPU data, which bench/hotpath.sh checks on the built modules.
 *
 * calls_kill() clears live; calls_wait() waits for one RCU grace period,
 * then until the exits add up to the enters.  The grace period stands for
 * the barrier the call path does not have between its increment and its
 * read of live (as membarrier() and srcu_read_lock_lite() use it): each
 * CPU passes a quiescent state in it, with a full barrier, after the flag
 * was cleared.  A call whose read of live saw it set read it before its
 * CPU's quiescent state, so its enter, before that read in program order,
 * is visible once synchronize_rcu() returns, and is waited for; a call that
 * reads live after that quiescent state sees it clear.  The waiter reads
 * the sum of the exits before that of the enters, with a barrier between:
 * every exit it counts has its enter counted, so the two are equal only
 * when none of the calls it waits for is in flight.  The counters only
 * grow, and are compared modulo 2^64.  A call that ends (or counts itself
 * out) and finds live clear wakes the waiter: by the same argument, one
 * that still finds it set has its exit counted by the first sum after the
 * grace period.  The counters may be off by the calls that read live
 * before it was cleared and count themselves in after the grace period:
 * one per task at most, each counted out at once.
 *
 * A held call reaches the real function through the jump of its per-call
 * path, which stubcore aims at it when the real module comes, before live
 * is set, and at the slow path again when it goes, after the wait: a call
 * that reads live set finds the jump aimed (text_poke_bp() has made every
 * CPU serialise after the write), and none runs it after the wait.
 *
 * Not from NMI context: RCU must be watching the CPU, and a call that ends
 * after the calls were stopped takes the wait queue's lock to wake the
 * waiter.
 */
static __always_inline void calls_exit(struct modstub_hdr *tab)
{
	this_cpu_inc(calls_pcpu(tab)->exits);
	barrier();	/* the exit, then the read of live (see above) */
	if (unlikely(!READ_ONCE(tab->calls_live)))
		modstub_uexit_slow(tab);
}

/* Hold a call of @tab's stubs, if their calls are live (see above). */
static __always_inline bool calls_enter(struct modstub_hdr *tab)
{
	if (!READ_ONCE(tab->calls_live))
		return false;
	this_cpu_inc(calls_pcpu(tab)->enters);
	barrier();	/* the enter, then the read of live */
	if (likely(smp_load_acquire(&tab->calls_live)))
		return true;
	calls_exit(tab);
	return false;
}

/* A call ended and found its calls stopped: wake calls_wait(). */
notrace void modstub_uexit_slow(struct modstub_hdr *tab)
{
	struct stubmod *sm = (void *)(unsigned long)READ_ONCE(tab->runtime);

	wake_up(&sm->calls_wq);
}
EXPORT_SYMBOL_GPL(modstub_uexit_slow);

/* The sum of the per-CPU counters @count, read while they change */
static u64 percpu_sum(u64 __percpu *count)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(*per_cpu_ptr(count, cpu));
	return sum;
}

/*
 * Have all the calls of @sm ended?  Exact after calls_kill() and a grace
 * period; while the calls are live, a call that has just begun on another
 * CPU may be missed.  *@begun, if @begun is not NULL, gets the calls begun,
 * ever (the sum wraps).
 */
static bool calls_ended(struct stubmod *sm, unsigned long *begun)
{
	struct modstub_calls_pcpu __percpu *pcpu = calls_pcpu(sm->tab);
	u64 exits = percpu_sum(&pcpu->exits);
	u64 enters;

	smp_mb();	/* the exits, then the enters (see calls_exit()) */
	enters = percpu_sum(&pcpu->enters);
	if (begun)
		*begun = enters;
	return enters == exits;
}

/*
 * Stop the calls of @sm: no new call is held.  Returns whether they were
 * live, and then the caller must calls_wait(), without sm->lock, for those
 * in flight.
 */
static bool calls_kill(struct stubmod *sm)
{
	lockdep_assert_held(&sm->lock);
	WRITE_ONCE(sm->going, true);
	if (!sm->tab->calls_live)
		return false;
	WRITE_ONCE(sm->tab->calls_live, 0);
	return true;
}

/* Wait for the calls in flight of @sm after calls_kill().  Sleeps. */
static void calls_wait(struct stubmod *sm)
{
	synchronize_rcu();
	if (wait_event_timeout(sm->calls_wq, calls_ended(sm, NULL),
			       CALLS_SAY_AFTER))
		return;
	pr_info("%s: removal waits for calls in flight through %s\n",
		sm->realname, sm->owner->name);
	wait_event(sm->calls_wq, calls_ended(sm, NULL));
	pr_info("%s: calls in flight done; removal goes on\n", sm->realname);
}

/* Registration */

static void load_work_fn(struct work_struct *work);
static void autoclean_work_fn(struct work_struct *work);

int modstub_register(struct module *owner, struct modstub_hdr *tab)
{
	struct modstub_ent *ents;
	struct stubmod *sm;
	unsigned int i;
	int err;

	err = check_table(owner, tab);
	if (err)
		return err;

	/*
	 * A stub module may have as many stubs as it can export: its state
	 * need not be physically contiguous (80 bytes a stub, 8 MB for
	 * 100,000).
	 */
	sm = kvzalloc(struct_size(sm, stubs, tab->nstubs), GFP_KERNEL);
	if (!sm)
		return -ENOMEM;
	sm->by_name = kvcalloc(tab->nstubs, sizeof(*sm->by_name), GFP_KERNEL);
	if (!sm->by_name) {
		kvfree(sm);
		return -ENOMEM;
	}
	sm->owner = owner;
	sm->tab = tab;
	sm->realname = tab_str(tab, tab->module_off);
	sm->nstubs = tab->nstubs;
	/* not live until the real module is */
	WRITE_ONCE(tab->calls_live, 0);
	tab->calls_pcpu = (u64)(__force unsigned long)
		alloc_percpu(struct modstub_calls_pcpu);
	if (!tab->calls_pcpu) {
		err = -ENOMEM;
		goto free;
	}
	init_waitqueue_head(&sm->calls_wq);
	mutex_init(&sm->lock);
	init_waitqueue_head(&sm->wq);
	INIT_WORK(&sm->load_work, load_work_fn);
	INIT_DELAYED_WORK(&sm->ac_work, autoclean_work_fn);

	ents = (struct modstub_ent *)((char *)tab + tab->hdr_size);
	for (i = 0; i < sm->nstubs; i++) {
		struct stub_rt *rt = &sm->stubs[i];

		rt->ent = &ents[i];
		rt->sm = sm;
		rt->name = tab_str(tab, ents[i].name_off);
		/* where the stub macros aim the jumps */
		rt->key.func = rt->ent->kind == MODSTUB_KIND_USTUB ?
			fast_path_of(rt) : idle_target(rt);
		rt->key.type = 1;	/* no call sites (stub_retarget()) */
		rt->call_key.func = (void *)(unsigned long)rt->ent->slow;
		rt->call_key.type = 1;
		atomic_long_set(&rt->slow_calls, 0);
		atomic_long_set(&rt->failures, 0);
		sm->by_name[i] = rt;
	}
	sort(sm->by_name, sm->nstubs, sizeof(*sm->by_name), cmp_rt_name, NULL);
	for (i = 1; i < sm->nstubs; i++) {
		if (strcmp(sm->by_name[i - 1]->name, sm->by_name[i]->name) == 0) {
			pr_err("%s: malformed stub table (%s stubbed twice)\n",
			       owner->name, sm->by_name[i]->name);
			err = -ENOEXEC;
			goto free;
		}
	}

	/* a ustub with stack arguments takes its slow path */
	mutex_lock(&sm->lock);
	for (i = 0; i < sm->nstubs; i++)
		if (sm->stubs[i].ent->kind == MODSTUB_KIND_USTUB)
			stub_retarget(&sm->stubs[i], idle_target(&sm->stubs[i]));
	mutex_unlock(&sm->lock);

	mutex_lock(&stubmods_lock);
	if (find_stubmod(sm->realname)) {
		mutex_unlock(&stubmods_lock);
		pr_err("%s: module %s already has a stub module\n",
		       owner->name, sm->realname);
		err = -EEXIST;
		goto free;
	}
	for (i = 0; i < sm->nstubs; i++)
		WRITE_ONCE(sm->stubs[i].ent->runtime,
			   (u64)(unsigned long)&sm->stubs[i]);
	/* for modstub_real_exit(), which the real module's exit calls */
	WRITE_ONCE(tab->runtime, (u64)(unsigned long)sm);
	list_add_tail(&sm->node, &stubmods);
	hash_add_rcu(stubmods_by_real, &sm->hnode, name_hash(sm->realname));
	mutex_unlock(&stubmods_lock);

	pr_debug("%s: %u stubs for module %s\n", owner->name, sm->nstubs,
		 sm->realname);
	return 0;

free:
	stubmod_free(sm);
	return err;
}
EXPORT_SYMBOL_GPL(modstub_register);
ALLOW_ERROR_INJECTION(modstub_register, ERRNO);

void modstub_unregister(struct modstub_hdr *tab)
{
	struct stubmod *found;

	mutex_lock(&stubmods_lock);
	found = find_stubmod(tab_str(tab, tab->module_off));
	if (found && found->tab == tab) {
		list_del(&found->node);
		hash_del_rcu(&found->hnode);
	} else {
		found = NULL;	/* its registration failed */
	}
	mutex_unlock(&stubmods_lock);
	if (!found)
		return;

	/*
	 * The real module depends on its stub module, so it is gone, and
	 * nobody calls the stubs: the stub module is being removed.
	 */
	cancel_work_sync(&found->load_work);
	cancel_delayed_work_sync(&found->ac_work);
	WARN_ON(found->real || tab->calls_live ||
		test_bit(STUBMOD_HELD_REAL, &found->held));
	free_percpu(calls_pcpu(tab));
	kvfree(found->by_name);
	/* after the notifier's lockless lookups that may have seen it */
	kvfree_rcu(found, rcu);
}
EXPORT_SYMBOL_GPL(modstub_unregister);

/* The real module: found, checked and tracked by the module notifier */

/*
 * The address of symbol @name defined in @mod, or 0.
 *
 * Why a walk of mod->kallsyms: the module notifier looks up the real
 * module's __stubreal_NAME at MODULE_STATE_COMING, and no exported
 * interface finds a symbol of a module that is coming.
 * kallsyms_lookup_name(), module_kallsyms_lookup_name() and
 * find_kallsyms_symbol_value() (the kernel's version of this loop) are not
 * exported, and __symbol_get() fails on a COMING module
 * (strong_try_module_get() returns -EBUSY), besides taking a reference.
 *
 * Why that is safe: this is how kernel/module/kallsyms.c reads it.
 * mod->kallsyms is an RCU-sched pointer to a struct mod_kallsyms (symtab,
 * num_symtab, strtab): until the module's init returns it is the full
 * table, in init memory; do_init_module() then switches it to the core
 * copy with rcu_assign_pointer() and frees the init memory only after a
 * grace period.  So it is read with rcu_dereference_sched() with
 * preemption disabled, as the kernel's own readers do.  A defined symbol
 * (st_shndx != SHN_UNDEF) has its relocated address in st_value (what
 * kallsyms_symbol_value() returns on x86).  @mod is coming, so it is not
 * freed under us.  This needs CONFIG_KALLSYMS, without which
 * mod->kallsyms does not exist.  Checked on Debian 12's 6.1 and 6.12
 * kernels: same struct mod_kallsyms, same protocol.
 */
static unsigned long module_symbol(struct module *mod, const char *name)
{
	struct mod_kallsyms *ks;
	unsigned long value = 0;
	unsigned int i;

	preempt_disable();
	ks = rcu_dereference_sched(mod->kallsyms);
	for (i = 0; ks && i < ks->num_symtab; i++) {
		const Elf_Sym *sym = &ks->symtab[i];

		if (sym->st_shndx != SHN_UNDEF &&
		    strcmp(ks->strtab + sym->st_name, name) == 0) {
			value = sym->st_value;
			break;
		}
	}
	preempt_enable();
	return value;
}

/*
 * Refuse @mod, the real module of @sm: say why in dmesg and keep the
 * reason for the failure line of the load.
 */
static __printf(3, 4) int refuse_real(struct stubmod *sm, struct module *mod,
				      const char *fmt, ...)
{
	char why[WHY_LEN];
	va_list ap;

	lockdep_assert_held(&sm->lock);
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	pr_err("%s: refused: %s\n", mod->name, why);
	if (!sm->refusal[0])
		strscpy(sm->refusal, why, sizeof(sm->refusal));
	return -ENOEXEC;
}

/*
 * Does real function entry @re agree with the stub @rt of @sm?  Says why
 * not, with both sides' values, and returns false.
 */
static bool real_matches(struct stubmod *sm, struct module *mod,
			 struct stub_rt *rt,
			 const struct modstub_real_ent *re)
{
	const struct modstub_ent *e = rt->ent;

	if (e->kind != re->kind) {
		refuse_real(sm, mod, "%s is a %s in %s but a %s in %s",
			    rt->name, modstub_kind_name(e->kind),
			    sm->owner->name, modstub_kind_name(re->kind),
			    mod->name);
		return false;
	}
	if (e->argnword != re->argnword) {
		refuse_real(sm, mod, "%s takes %u argument words in %s but %u in %s",
			    rt->name, e->argnword, sm->owner->name,
			    re->argnword, mod->name);
		return false;
	}
	if (e->fingerprint != re->fingerprint) {
		refuse_real(sm, mod,
			    "type of %s differs: fingerprint %016llx in %s, %016llx in %s (rebuild them together; stubgen verify says what differs)",
			    rt->name, (unsigned long long)e->fingerprint,
			    sm->owner->name,
			    (unsigned long long)re->fingerprint, mod->name);
		return false;
	}
	return true;
}

/*
 * @mod, the real module of @sm, is coming: find its table of real functions
 * and check it against the stub table; every problem gets its line.
 */
static noinline int attach_real(struct stubmod *sm, struct module *mod)
{
	const struct modstub_real_hdr *rh;
	const struct modstub_real_ent *re;
	char sym[MODULE_NAME_LEN + sizeof(MODSTUB_REAL_PREFIX)];
	char why[WHY_LEN];
	unsigned int i, bad = 0;
	u64 avail;

	lockdep_assert_held(&sm->lock);
	snprintf(sym, sizeof(sym), MODSTUB_REAL_PREFIX "%s", mod->name);
	rh = (const void *)module_symbol(mod, sym);
	if (!rh)
		return refuse_real(sm, mod,
				   "it has no %s: it was not built with its modmeta wrapper",
				   sym);
	if (!module_range_ok(mod, rh, sizeof(*rh)))
		return refuse_real(sm, mod, "its %s is not inside it", sym);
	avail = module_range_ok(mod, rh, rh->size) ? rh->size : sizeof(*rh);
	if (modstub_check_real_hdr(rh, rh, avail, why, sizeof(why)))
		return refuse_real(sm, mod,
				   "its table of real functions is malformed: %s",
				   why);
	if (!(rh->flags & MODSTUB_F_SEALED))
		return refuse_real(sm, mod,
				   "its table of real functions is not sealed: it was not built with stubgen seal (mk/modstub.mk)");
	if (rh->stubtab != (u64)(unsigned long)sm->tab)
		return refuse_real(sm, mod, "it was built for another stub module than %s",
				   sm->owner->name);

	re = (const void *)((const char *)rh + rh->hdr_size);
	for (i = 0; i < rh->nfuncs; i++) {
		const char *name;
		struct stub_rt *rt;

		if (modstub_check_real_ent(rh, rh, &re[i], why, sizeof(why)))
			return refuse_real(sm, mod,
					   "its table of real functions is malformed (entry %u: %s)",
					   i, why);
		name = tab_str(rh, re[i].name_off);
		if (!within_module(re[i].func, mod)) {
			refuse_real(sm, mod,
				    "it does not define %s (its table points outside it, at %s's export): rebuild it with the function",
				    name, sm->owner->name);
			bad++;
			continue;
		}
		rt = find_stub(sm, name);
		if (rt && !real_matches(sm, mod, rt, &re[i]))
			bad++;
		/* not stubbed: a newer module with more functions */
	}
	if (bad)
		return -ENOEXEC;
	/* Checked: now record the functions. */
	for (i = 0; i < rh->nfuncs; i++) {
		struct stub_rt *rt = find_stub(sm, tab_str(rh, re[i].name_off));

		if (rt)
			WRITE_ONCE(rt->real_func,
				   (void *)(unsigned long)re[i].func);
	}
	return 0;
}

/* fail_function may fail it: nothing is recorded before it succeeds */
ALLOW_ERROR_INJECTION(attach_real, ERRNO);

/*
 * The real module of @sm is coming and taken, its functions recorded: aim
 * the calls of the per-call paths at them, before the calls are live.  A
 * ustub whose function the module lacks takes its slow path, which says
 * so, until the module goes (detach_real()).
 */
static void aim_calls(struct stubmod *sm)
{
	unsigned int i;

	lockdep_assert_held(&sm->lock);
	for (i = 0; i < sm->nstubs; i++) {
		struct stub_rt *rt = &sm->stubs[i];

		if (rt->ent->kind == MODSTUB_KIND_STRONG)
			continue;
		if (rt->real_func) {
			stub_retarget_call(rt, rt->real_func);
		} else if (rt->ent->kind == MODSTUB_KIND_USTUB) {
			stub_retarget(rt, (void *)(unsigned long)rt->ent->slow);
			rt->retargeted = true;
		}
	}
}

/*
 * @mod, the real module of @sm, is coming and attached: make its removal
 * pass through modstub_real_exit(), which waits for the calls in flight
 * before the module's own exit runs.  The module's wrapper defines the
 * function that does it, __modstub_real_exit_NAME (MODSTUB_REAL_END()):
 * it must be code of the module, since the kernel calls mod->exit without
 * an argument, and it lives as long as the module.
 *
 * Why writing mod->exit is safe: the kernel reads it only in
 * delete_module(), which cannot run before the module is live, and in
 * its "has an init but no exit" check there, whose answer this keeps: a
 * module with an init and no exit stays one that only a forced rmmod
 * removes (then the GOING notification stops the calls).  struct module is
 * in the module's writable data, and this runs before its init.
 */
static int take_exit(struct stubmod *sm, struct module *mod)
{
	char sym[MODULE_NAME_LEN + sizeof(MODSTUB_REAL_EXIT_PREFIX)];
	unsigned long fn;

	lockdep_assert_held(&sm->lock);
	snprintf(sym, sizeof(sym), MODSTUB_REAL_EXIT_PREFIX "%s", mod->name);
	fn = module_symbol(mod, sym);
	if (!fn || !within_module_core(fn, mod))
		return refuse_real(sm, mod,
				   "it has no %s: its modmeta wrapper is older than this stubcore (rebuild it)",
				   sym);
	sm->real_exit = mod->exit;
	sm->exit_taken = mod->exit || !mod->init;
	if (sm->exit_taken)
		mod->exit = (void (*)(void))fn;
	return 0;
}

/*
 * @mod, the real module of @sm, is coming: read its autoclean settings,
 * if its .modmeta has any, and whether a stub's call is loading it (only
 * then may it be autocleaned: a module loaded by modprobe or modstate
 * stays).  A request_module() of a stub and a modprobe from elsewhere at
 * the same moment cannot be told apart: the module then counts as loaded
 * by the stub.
 */
static int take_autoclean(struct stubmod *sm, struct module *mod)
{
	char sym[MODULE_NAME_LEN + sizeof(MODSTUB_AUTOCLEAN_PREFIX)];
	const struct modstub_autoclean *ac;

	lockdep_assert_held(&sm->lock);
	sm->ac = NULL;
	sm->by_stub = READ_ONCE(sm->loading);
	snprintf(sym, sizeof(sym), MODSTUB_AUTOCLEAN_PREFIX "%s", mod->name);
	ac = (const void *)module_symbol(mod, sym);
	if (!ac)
		return 0;
	/* read after init: not in its init memory */
	if (!within_module_core((unsigned long)ac, mod) ||
	    !within_module_core((unsigned long)(ac + 1) - 1, mod) ||
	    !module_range_ok(mod, ac, sizeof(*ac)))
		return refuse_real(sm, mod, "its %s is not inside its core", sym);
	if (ac->veto && !within_module_core((unsigned long)ac->veto, mod))
		return refuse_real(sm, mod,
				   "the autoclean veto of its %s is not a function of it",
				   sym);
	if (!ac->delay_ms)
		return refuse_real(sm, mod, "its %s has a delay of 0", sym);
	sm->ac = ac;
	return 0;
}

/*
 * Double the delay in force of @sm, up to autoclean_growth times the
 * delay of its .modmeta.
 */
static void autoclean_grow(struct stubmod *sm)
{
	u64 most = (u64)sm->ac_base * max(READ_ONCE(autoclean_growth), 1U);

	lockdep_assert_held(&sm->lock);
	sm->ac_delay_ms = min_t(u64, (u64)sm->ac_delay_ms * 2,
				min_t(u64, most, U32_MAX));
}

/*
 * The real module of @sm is live and has autoclean: start watching it if
 * a stub loaded it, and make the delay in force grow if it comes back
 * soon after an autoclean (it is used in bursts: thrash less), up to
 * autoclean_growth times its delay; it falls back to that delay when the
 * module stayed away for longer than the delay in force.
 */
static void autoclean_live(struct stubmod *sm)
{
	unsigned int base = sm->ac->delay_ms;

	lockdep_assert_held(&sm->lock);
	if (sm->ac_base != base) {
		sm->ac_base = base;
		sm->ac_delay_ms = base;
	}
	sm->ac_gen++;
	if (sm->ac_cleaned && sm->by_stub) {
		sm->reloads++;
		if (time_before(jiffies, sm->ac_cleaned_at +
					 msecs_to_jiffies(sm->ac_delay_ms)))
			autoclean_grow(sm);
		else
			sm->ac_delay_ms = base;
	}
	sm->ac_cleaned = false;
	sm->ac_removing = false;
	/* a module with an init and no exit can only be forced out */
	if (!sm->by_stub || !sm->exit_taken)
		return;
	sm->ac_busy = jiffies;
	sm->ac_sum = 0;
	mod_delayed_work(system_wq, &sm->ac_work, 0);
}

static void detach_real(struct stubmod *sm)
{
	unsigned int i;

	lockdep_assert_held(&sm->lock);
	for (i = 0; i < sm->nstubs; i++) {
		struct stub_rt *rt = &sm->stubs[i];

		if (rt->retargeted)
			stub_retarget(rt, idle_target(rt));
		rt->retargeted = false;
		if (rt->ent->kind != MODSTUB_KIND_STRONG && rt->real_func)
			stub_retarget_call(rt, (void *)(unsigned long)rt->ent->slow);
		WRITE_ONCE(rt->real_func, NULL);
	}
	sm->real = NULL;
	RCU_INIT_POINTER(sm->real_live, NULL);
	WRITE_ONCE(sm->coming_task, NULL);
	WRITE_ONCE(sm->exit_task, NULL);
	WRITE_ONCE(sm->going, false);
	sm->real_exit = NULL;
	sm->exit_taken = false;
	sm->gone = true;
	sm->gone_at = jiffies;
	if (sm->ac_removing) {			/* our modprobe -r did it */
		sm->ac_cleaned = true;
		sm->ac_cleaned_at = jiffies;
		sm->autocleans++;
		pr_info("%s: autocleaned: no call through %s for %u ms\n",
			sm->realname, sm->owner->name, sm->ac_delay_ms);
	}
	sm->ac_removing = false;
	sm->ac = NULL;
	clear_bit(STUBMOD_HELD_REAL, &sm->held);
}

/*
 * The exit of a real module, through its __modstub_real_exit_NAME (see
 * take_exit()): stop the calls through the stubs of @tab, wait for those
 * in flight, then run the module's own exit.  Calls made meanwhile wait
 * for the module to go and load it again (load_real()); those the exit
 * makes itself reach it directly.
 */
void modstub_real_exit(struct modstub_hdr *tab)
{
	struct stubmod *sm = (void *)(unsigned long)READ_ONCE(tab->runtime);
	void (*exit)(void);
	bool killed;

	if (WARN_ON_ONCE(!sm))
		return;
	mutex_lock(&sm->lock);
	if (!sm->real || !sm->exit_taken) {
		mutex_unlock(&sm->lock);
		pr_err("%s: %s called out of its module's exit\n",
		       sm->realname, __func__);
		return;
	}
	WRITE_ONCE(sm->exit_task, current);
	killed = calls_kill(sm);
	exit = sm->real_exit;
	mutex_unlock(&sm->lock);
	if (killed)
		calls_wait(sm);
	if (exit)
		exit();
}
EXPORT_SYMBOL_GPL(modstub_real_exit);

static int stubcore_module_notify(struct notifier_block *nb,
				  unsigned long action, void *data)
{
	struct module *mod = data;
	struct stubmod *sm;
	unsigned int i;
	int err = 0;

	/* most modules are no stub module's real module: no lock for them */
	rcu_read_lock();
	sm = find_stubmod(mod->name);
	rcu_read_unlock();
	if (!sm)
		return NOTIFY_DONE;

	mutex_lock(&stubmods_lock);
	sm = find_stubmod(mod->name);
	if (!sm || mod == sm->owner) {
		mutex_unlock(&stubmods_lock);
		return NOTIFY_DONE;
	}

	mutex_lock(&sm->lock);
	switch (action) {
	case MODULE_STATE_COMING:
		sm->saw_coming = true;
		err = attach_real(sm, mod);
		if (!err)
			err = take_exit(sm, mod);
		if (!err)
			err = take_autoclean(sm, mod);
		if (err) {
			for (i = 0; i < sm->nstubs; i++)
				WRITE_ONCE(sm->stubs[i].real_func, NULL);
			break;
		}
		aim_calls(sm);
		sm->real = mod;
		WRITE_ONCE(sm->coming_task, current);
		sm->init_failed = false;
		break;
	case MODULE_STATE_LIVE:
		if (sm->real != mod)
			break;
		WRITE_ONCE(sm->coming_task, NULL);
		/*
		 * A forced rmmod can run the exit before this notification
		 * (the module is LIVE for the kernel already): then its
		 * calls stay stopped until GOING.
		 */
		if (sm->going)
			break;
		/* after real_func, which the calls read once held */
		smp_store_release(&sm->tab->calls_live, 1);
		rcu_assign_pointer(sm->real_live, mod);
		if (sm->ac)
			autoclean_live(sm);
		for (i = 0; i < sm->nstubs; i++) {
			struct stub_rt *rt = &sm->stubs[i];

			/* a new module: failures are news again */
			WRITE_ONCE(rt->last_error, 0);
			WRITE_ONCE(rt->said, 0);
			/* weak stubs reach the real module while it is there */
			if (rt->ent->kind == MODSTUB_KIND_WEAK && rt->real_func) {
				stub_retarget(rt, held_target(rt));
				rt->retargeted = true;
			}
		}
		break;
	case MODULE_STATE_GOING:
		if (sm->real != mod)
			break;
		if (!rcu_access_pointer(sm->real_live))
			sm->init_failed = true;
		if (calls_kill(sm)) {
			/*
			 * Removed without its exit passing through stubcore
			 * (forced): wait for the calls here, before the
			 * module is freed.  sm stays: the real module depends
			 * on its stub module until it is freed.
			 */
			mutex_unlock(&sm->lock);
			mutex_unlock(&stubmods_lock);
			calls_wait(sm);
			mutex_lock(&stubmods_lock);
			mutex_lock(&sm->lock);
		}
		detach_real(sm);
		break;
	}
	mutex_unlock(&sm->lock);
	/*
	 * Wake the waiters of load_settled() while stubmods_lock keeps sm:
	 * past it, modstub_unregister() may take sm off stubmods and free it.
	 */
	if (action != MODULE_STATE_COMING)
		wake_up_all(&sm->wq);
	mutex_unlock(&stubmods_lock);
	return notifier_from_errno(err);
}

static struct notifier_block stubcore_module_nb = {
	.notifier_call = stubcore_module_notify,
};

/* Loading */

/* No load running: the condition load_real() waits for, without sm->lock */
static bool load_settled(struct stubmod *sm)
{
	return !READ_ONCE(sm->loading) && !READ_ONCE(sm->coming_task);
}

/*
 * Why the load that request_module() answered with @ret did not make the
 * real module of @sm live, into sm->cause; returns the errno of the
 * failure.
 */
static int load_cause(struct stubmod *sm, int ret)
{
	const char *name = sm->realname;
	char *c = sm->cause;
	size_t n = sizeof(sm->cause);

	lockdep_assert_held(&sm->lock);
	if (sm->refusal[0]) {
		snprintf(c, n, "stubcore refused it: %s", sm->refusal);
		return -ENOEXEC;
	}
	if (sm->init_failed) {
		snprintf(c, n, "its init failed");
		return -EIO;
	}
	if (ret == -ENOENT) {
		snprintf(c, n, "request_module() found no modprobe (see /proc/sys/kernel/modprobe)");
		return ret;
	}
	if (ret < 0) {
		snprintf(c, n, "request_module() failed");
		return ret;
	}
	if (ret == 0) {
		snprintf(c, n, "modprobe %s succeeded, but %s is not loaded (an install command or a blacklist in modprobe.d?)",
			 name, name);
		return -ENOENT;
	}
	/* a wait status */
	if (ret & 0x7f)
		snprintf(c, n, "modprobe %s was killed by signal %d", name,
			 ret & 0x7f);
	else if (sm->saw_coming)
		snprintf(c, n, "modprobe %s exited with status %d", name,
			 (ret >> 8) & 0xff);
	else
		snprintf(c, n, "modprobe %s exited with status %d before %s's init: no such module, loading disabled, or refused by the kernel (which then logs why, before this line)",
			 name, (ret >> 8) & 0xff, name);
	return -ENOENT;
}

/*
 * Did the load of the real module of @sm that request_module() answered
 * with @ret fail only because another load or removal of it was under
 * way?  Then load_real() tries again, for GONE_RETRY from @started:
 * - after the GOING notification, the old module stays on the kernel's
 *   list until it is freed, and a load of the same name is answered
 *   -EEXIST (6.1: modprobe takes it for "already loaded" and exits 0) or
 *   -EBUSY (6.12: modprobe exits 1);
 * - a load from elsewhere made the module COMING meanwhile (and it went
 *   again, or made ours fail with -EBUSY).
 * Not a refusal by stubcore, a failed init, a modprobe killed or not run:
 * those are answers.
 */
static bool load_transient(struct stubmod *sm, int ret, unsigned long started)
{
	lockdep_assert_held(&sm->lock);
	if (sm->refusal[0] || sm->init_failed || ret < 0 || (ret & 0x7f))
		return false;
	if (time_after(jiffies, started + GONE_RETRY))
		return false;
	return sm->saw_coming ||
	       (sm->gone && time_before(jiffies, sm->gone_at + GONE_RETRY));
}

/* request_module() of the real module of @sm; fail_function may fail it */
static noinline int request_real(struct stubmod *sm)
{
	return request_module("%s", sm->realname);
}
ALLOW_ERROR_INJECTION(request_real, ERRNO);

/*
 * Make sure the real module of @sm is live, loading it if needed.  Sleeps.
 * Only one request_module() runs per stub module; the other callers wait
 * for it.  A module being removed is waited for (GOING_WAIT at most), then
 * loaded again.  After a failure, calls fail fast for retry_ms, with the
 * same cause.
 *
 * Return: 0, -EDEADLK if called from the real module's own init or exit,
 * -EBUSY if the module is still going after GOING_WAIT, or the error of
 * the load; then @why (WHY_LEN bytes) says what went wrong.
 */
static int load_real(struct stubmod *sm, char *why)
{
	unsigned long started = 0;
	bool tried = false;
	int ret;

	for (;;) {
		mutex_lock(&sm->lock);
		if (sm->coming_task == current || sm->exit_task == current) {
			mutex_unlock(&sm->lock);
			return -EDEADLK;
		}
		if (sm->going) {
			mutex_unlock(&sm->lock);
			if (!wait_event_timeout(sm->wq, !READ_ONCE(sm->going),
						GOING_WAIT)) {
				strscpy(why, "it is being removed, and its exit waits for calls in flight",
					WHY_LEN);
				return -EBUSY;
			}
			continue;
		}
		if (rcu_access_pointer(sm->real_live)) {
			mutex_unlock(&sm->lock);
			return 0;
		}
		if (!load_settled(sm)) {
			mutex_unlock(&sm->lock);
			wait_event(sm->wq, load_settled(sm));
			continue;
		}
		if (sm->load_error && time_before(jiffies, sm->retry_at)) {
			ret = sm->load_error;
			strscpy(why, sm->cause, WHY_LEN);
			mutex_unlock(&sm->lock);
			return ret;
		}
		if (!tried) {
			tried = true;
			started = jiffies;
		}
		WRITE_ONCE(sm->loading, true);
		sm->saw_coming = false;
		sm->init_failed = false;
		sm->refusal[0] = '\0';
		mutex_unlock(&sm->lock);

		ret = request_real(sm);

		mutex_lock(&sm->lock);
		WRITE_ONCE(sm->loading, false);
		if (!rcu_access_pointer(sm->real_live) &&
		    load_transient(sm, ret, started)) {
			mutex_unlock(&sm->lock);
			wake_up_all(&sm->wq);
			msleep(GONE_RETRY_MS);
			continue;
		}
		if (rcu_access_pointer(sm->real_live)) {
			sm->load_error = 0;
			sm->loads++;
			ret = 0;
		} else {
			ret = load_cause(sm, ret);
			strscpy(why, sm->cause, WHY_LEN);
			sm->load_error = ret;
			sm->retry_at = jiffies + msecs_to_jiffies(READ_ONCE(retry_ms));
		}
		mutex_unlock(&sm->lock);
		wake_up_all(&sm->wq);
		return ret;
	}
}

static void load_work_fn(struct work_struct *work)
{
	struct stubmod *sm = container_of(work, struct stubmod, load_work);
	char why[WHY_LEN];

	load_real(sm, why);
}

/* Autoclean */

/*
 * Are calls in flight through the stubs of @sm?  Stopped calls (real
 * going) count as busy.  The counters are read without stopping the
 * calls: a call that has just begun on another CPU may be missed, which
 * only makes the removal wait for it (modstub_real_exit()).  *@begun gets
 * the calls begun through them, ever.
 */
static bool calls_in_flight(struct stubmod *sm, unsigned long *begun)
{
	bool ended = calls_ended(sm, begun);

	return !READ_ONCE(sm->tab->calls_live) || !ended;
}

/* How often the module of @sm is looked at: a quarter of its delay */
static unsigned long autoclean_period(struct stubmod *sm)
{
	return clamp(msecs_to_jiffies(sm->ac_delay_ms) / 4, 1UL,
		     (unsigned long)HZ);
}

/* The modprobe of request_module(), from /proc/sys/kernel/modprobe */
static int modprobe_path_of(char *path, size_t len)
{
	struct file *f = filp_open("/proc/sys/kernel/modprobe", O_RDONLY, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, path, len - 1, &pos);
	filp_close(f, NULL);
	if (n < 0)
		return n;
	path[n] = '\0';
	strim(path);
	return path[0] ? 0 : -ENOENT;
}

/*
 * Remove the real module of @sm with modprobe -r, as an administrator
 * would, so that modprobe.d's remove commands, the module's own exit and
 * the use counts of other modules decide.  The helper is not waited for:
 * modprobe -r also removes the module's unused dependencies, which may be
 * its stub module, whose removal waits for this work.  The GOING
 * notification tells that it worked; autoclean_work_fn() that it did not.
 */
static int autoclean_remove(struct stubmod *sm)
{
	static char *envp[] = {
		"HOME=/", "TERM=linux", "PATH=/sbin:/usr/sbin:/bin:/usr/bin",
		NULL
	};
	char path[KMOD_PATH_LEN], name[MODULE_NAME_LEN];
	char *argv[] = { path, "-q", "-r", "--", name, NULL };
	int err;

	err = modprobe_path_of(path, sizeof(path));
	if (err)
		return err;
	strscpy(name, sm->realname, sizeof(name));
	return call_usermodehelper(path, argv, envp, UMH_WAIT_EXEC);
}

/* Idle @sm was kept, because @why: say so once per reason */
static void autoclean_kept(struct stubmod *sm, const char *why)
{
	u32 said = failure_hash(0, why);

	lockdep_assert_held(&sm->lock);
	sm->kept++;
	strscpy(sm->kept_why, why, sizeof(sm->kept_why));
	if (sm->kept_said == said)
		return;
	sm->kept_said = said;
	pr_info("%s: autoclean kept it: %s\n", sm->realname, why);
}

/*
 * Autoclean: every quarter of the delay in force (a second at most), look
 * at the real module of @sm; once no call was made through its stubs and
 * none was in flight for the delay, ask its veto, then remove it.  Only a
 * module a stub loaded is watched, and none that a strong stub holds
 * (the call never comes back through stubcore: it cannot be counted).
 */
static void autoclean_work_fn(struct work_struct *work)
{
	struct stubmod *sm = container_of(to_delayed_work(work),
					  struct stubmod, ac_work);
	char why[WHY_LEN] = "";
	modstub_veto_fn *veto;
	struct module *mod;
	unsigned long sum;
	unsigned int gen;
	bool busy;
	int err;

	mutex_lock(&sm->lock);
	mod = rcu_access_pointer(sm->real_live);
	if (!mod || !sm->ac || !sm->by_stub || !sm->exit_taken || sm->going ||
	    test_bit(STUBMOD_HELD_REAL, &sm->held))
		goto out;
	busy = calls_in_flight(sm, &sum);
	if (busy || sum != sm->ac_sum) {
		sm->ac_sum = sum;
		sm->ac_busy = jiffies;
		sm->ac_removing = false;
	}
	if (sm->ac_removing) {
		if (time_before(jiffies, sm->ac_removing_at + AUTOCLEAN_REMOVE_WAIT))
			goto again;
		/*
		 * Still there: in use, or a remove rule kept it.  Wait
		 * twice as long before the next try, as after a quick
		 * reload, so that modprobe -r is not run every delay for
		 * good.
		 */
		sm->ac_removing = false;
		sm->ac_busy = jiffies;
		autoclean_grow(sm);
		autoclean_kept(sm, "modprobe -r left it loaded (in use by another module, or a remove command of modprobe.d)");
		goto again;
	}
	if (!READ_ONCE(autoclean) ||
	    time_before(jiffies, sm->ac_busy + msecs_to_jiffies(sm->ac_delay_ms)))
		goto again;

	veto = sm->ac->veto;
	gen = sm->ac_gen;
	if (veto) {
		/* the module stays while its function runs */
		if (!try_module_get(mod))
			goto out;
		mutex_unlock(&sm->lock);
		err = veto(why, sizeof(why));
		module_put(mod);
		mutex_lock(&sm->lock);
		/* the same load of the module as before the veto? */
		if (!rcu_access_pointer(sm->real_live) || sm->ac_gen != gen ||
		    !sm->ac)
			goto out;
		if (err) {
			char said[WHY_LEN];

			snprintf(said, sizeof(said), "its veto %ps: %s", veto,
				 why[0] ? why : "(no reason given)");
			sm->ac_busy = jiffies;
			autoclean_kept(sm, said);
			goto again;
		}
	}
	sm->ac_removing = true;
	sm->ac_removing_at = jiffies;
	mutex_unlock(&sm->lock);
	err = autoclean_remove(sm);
	mutex_lock(&sm->lock);
	if (err && rcu_access_pointer(sm->real_live) && sm->ac_gen == gen) {
		snprintf(why, sizeof(why), "modprobe -r could not be run (%d)", err);
		sm->ac_removing = false;
		sm->ac_busy = jiffies;
		autoclean_kept(sm, why);
	}
again:
	if (rcu_access_pointer(sm->real_live))
		queue_delayed_work(system_wq, &sm->ac_work, autoclean_period(sm));
out:
	mutex_unlock(&sm->lock);
}

/*
 * A strong stub holds its real module from its first call on: take that
 * reference once per stub module.  Does not sleep.
 */
static bool hold_real(struct stubmod *sm, struct module *mod)
{
	if (test_bit(STUBMOD_HELD_REAL, &sm->held))
		return true;
	if (!try_module_get(mod))
		return false;
	if (test_and_set_bit(STUBMOD_HELD_REAL, &sm->held))
		module_put(mod);	/* another caller was first */
	return true;
}

/* Could this context sleep to load a module? */
static bool can_load(void)
{
	return preemptible() && !in_interrupt();
}

/*
 * Strong stubs: called by modstub_slow_strong with the stub's entry.
 * Returns where the call goes.
 */
void *modstub_resolve(struct modstub_ent *ent)
{
	struct stub_rt *rt = (void *)(unsigned long)READ_ONCE(ent->runtime);
	struct stubmod *sm = rt->sm;
	const char *why = "autoload is off";
	char cause[WHY_LEN];
	void *func;
	int err;

	atomic_long_inc(&rt->slow_calls);

	if (!READ_ONCE(autoload) || !can_load()) {
		struct module *mod;

		/*
		 * Reach the real function if it is there, holding the module
		 * as any strong stub does: the call jumps to it and does not
		 * come back through stubcore, so nothing could drop a
		 * reference taken for the call alone.  With autoload on (a
		 * call that cannot sleep), the stub is retargeted by the
		 * next call that can sleep; with autoload off it stays on
		 * the slow path, and behaves as a weak stub while the real
		 * module is absent.
		 */
		rcu_read_lock();
		mod = rcu_dereference(sm->real_live);
		func = mod ? READ_ONCE(rt->real_func) : NULL;
		if (func && !hold_real(sm, mod))
			func = NULL;
		rcu_read_unlock();
		if (func)
			return func;
		if (READ_ONCE(autoload)) {
			/* atomic context: load later, answer now */
			schedule_work(&sm->load_work);
			return retfunc_of(rt);
		}
		err = -EPERM;
		goto fail;
	}

	err = load_real(sm, cause);
	why = cause;
	if (err == -EDEADLK) {
		/* the real module's init calls through its own stub */
		func = READ_ONCE(rt->real_func);
		if (func)
			return func;
		why = "the real module has no such function";
		err = -ENOENT;
	}
	if (err)
		goto fail;

	mutex_lock(&sm->lock);
	if (rt->retargeted) {
		func = rt->real_func;
		mutex_unlock(&sm->lock);
		return func;
	}
	if (!sm->real || !rcu_access_pointer(sm->real_live)) {
		mutex_unlock(&sm->lock);
		why = "it went away while being resolved";
		err = -EAGAIN;
		goto fail;
	}
	if (!rt->real_func) {
		mutex_unlock(&sm->lock);
		why = "it has no such function";
		err = -ENOENT;
		goto fail;
	}
	/* A strong stub holds the real module from its first call on. */
	if (!hold_real(sm, sm->real)) {
		mutex_unlock(&sm->lock);
		why = "it is being removed";
		err = -EAGAIN;
		goto fail;
	}
	stub_retarget(rt, rt->real_func);
	rt->retargeted = true;
	WRITE_ONCE(rt->last_error, 0);
	func = rt->real_func;
	mutex_unlock(&sm->lock);
	return func;

fail:
	report_failure(rt, err, why);
	return retfunc_of(rt);
}

/*
 * Count a call of @rt in flight, if its real module is live, and return
 * what it calls in @uc.  Does not sleep.
 *
 * Return: 0, -EAGAIN if the module is not live (or going), or -ENOENT if
 * it lacks the function (then nothing is held).
 */
static int hold_for_call(struct stub_rt *rt, struct modstub_ucall *uc)
{
	struct modstub_hdr *tab = rt->sm->tab;
	void *func;

	if (!calls_enter(tab))
		return -EAGAIN;
	func = READ_ONCE(rt->real_func);
	if (unlikely(!func)) {
		calls_exit(tab);
		return -ENOENT;
	}
	uc->func = func;
	uc->held = tab;
	return 0;
}

/*
 * Unloadable stubs, and weak stubs while their real module is live: the
 * slow path of modstub_slow_ustub, entered when its per-call path (the
 * same as hold_for_call()) could not hold the call, @counted if it had
 * counted it in: load the module, wait for it or fail.  Sleeps.
 */
struct modstub_ucall modstub_uenter_slow(struct modstub_ent *ent,
					 bool counted)
{
	struct stub_rt *rt = (void *)(unsigned long)READ_ONCE(ent->runtime);
	struct stubmod *sm = rt->sm;
	const char *why = "autoload is off";
	struct modstub_ucall uc;
	char cause[WHY_LEN];
	void *func;
	int tries;
	int err;

	/* modstub_slow_ustub counted the call in but did not hold it */
	if (counted)
		calls_exit(sm->tab);

	if (rt->ent->kind == MODSTUB_KIND_WEAK) {
		/* never loads: the real function if live, else the retfunc */
		if (hold_for_call(rt, &uc) == 0)
			return uc;
		return (struct modstub_ucall){ retfunc_of(rt), NULL };
	}

	/* a module removed again right after its load is loaded again */
	for (tries = 0; tries <= LOAD_TRIES; tries++) {
		err = hold_for_call(rt, &uc);
		if (!err)
			return uc;
		if (err == -ENOENT) {
			why = "it has no such function";
			goto fail;
		}
		if (tries == LOAD_TRIES)
			break;

		atomic_long_inc(&rt->slow_calls);
		if (!READ_ONCE(autoload)) {
			err = -EPERM;
			goto fail;
		}
		if (!can_load()) {
			schedule_work(&sm->load_work);
			return (struct modstub_ucall){ retfunc_of(rt), NULL };
		}
		err = load_real(sm, cause);
		why = cause;
		if (err == -EDEADLK) {
			/* its init or exit: the module stays under it */
			func = READ_ONCE(rt->real_func);
			if (func)
				return (struct modstub_ucall){ func, NULL };
			why = "it has no such function";
			err = -ENOENT;
		}
		if (err)
			goto fail;
	}
	why = "it was removed again after each of its loads";
	err = -EAGAIN;
fail:
	report_failure(rt, err, why);
	return (struct modstub_ucall){ retfunc_of(rt), NULL };
}

/* debugfs: /sys/kernel/debug/stubcore/stubs (see README.md) */

/*
 * Where the calls of @rt go now: a stub is "patched" once it jumps to the
 * real function; a ustub or wstub is "live" while its real module is and
 * has the function; either is "failed" while its last error stands, else
 * "unresolved" (stub) or "absent".
 */
static const char *stub_state(const struct stub_rt *rt)
{
	bool live;

	lockdep_assert_held(&rt->sm->lock);
	live = rcu_access_pointer(rt->sm->real_live) && rt->real_func;
	if (rt->ent->kind == MODSTUB_KIND_STRONG) {
		if (rt->retargeted)
			return "patched";
	} else if (live) {
		return "live";
	}
	if (READ_ONCE(rt->last_error))
		return "failed";
	return rt->ent->kind == MODSTUB_KIND_STRONG ? "unresolved" : "absent";
}

/*
 * The debugfs file "stubs": a header, then one line a stub.  It is read
 * record by record: stubmods_lock is held from start to stop, that is for
 * one buffer of the reader, and each record takes its stubmod's lock.
 * Between two reads the stubmods may change: like /proc/modules, the file
 * is then a view of each moment, not of one.
 */
struct stubs_pos {
	struct stubmod *sm;
	unsigned int i;
};

/* Stub @n (from 0) of the stubmods from @sm on, into @p; false if none */
static bool stubs_seek(struct stubs_pos *p, struct stubmod *sm, loff_t n)
{
	lockdep_assert_held(&stubmods_lock);
	list_for_each_entry_from(sm, &stubmods, node) {
		if (n < sm->nstubs) {
			p->sm = sm;
			p->i = n;
			return true;
		}
		n -= sm->nstubs;
	}
	return false;
}

static void *stubs_start(struct seq_file *m, loff_t *pos)
{
	struct stubs_pos *p = m->private;

	mutex_lock(&stubmods_lock);
	if (!*pos)
		return SEQ_START_TOKEN;
	if (!stubs_seek(p, list_first_entry(&stubmods, struct stubmod, node),
			*pos - 1))
		return NULL;
	return p;
}

static void *stubs_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct stubs_pos *p = m->private;

	++*pos;
	if (v == SEQ_START_TOKEN)
		return stubs_seek(p, list_first_entry(&stubmods, struct stubmod,
						      node), 0) ? p : NULL;
	if (++p->i < p->sm->nstubs)
		return p;
	if (list_is_last(&p->sm->node, &stubmods))
		return NULL;
	return stubs_seek(p, list_next_entry(p->sm, node), 0) ? p : NULL;
}

static void stubs_stop(struct seq_file *m, void *v)
{
	mutex_unlock(&stubmods_lock);
}

static int stubs_show(struct seq_file *m, void *v)
{
	struct stubs_pos *p = v;
	struct stub_rt *rt;
	struct stubmod *sm;

	if (v == SEQ_START_TOKEN) {
		seq_puts(m, "# stubmodule module function kind state slow_calls loads failures last_error\n");
		return 0;
	}
	sm = p->sm;
	rt = &sm->stubs[p->i];
	mutex_lock(&sm->lock);
	seq_printf(m, "%s %s %s %s %s %ld %lu %ld %d\n",
		   sm->owner->name, sm->realname, rt->name,
		   modstub_kind_name(rt->ent->kind), stub_state(rt),
		   atomic_long_read(&rt->slow_calls), sm->loads,
		   atomic_long_read(&rt->failures), READ_ONCE(rt->last_error));
	mutex_unlock(&sm->lock);
	return 0;
}

static const struct seq_operations stubs_sops = {
	.start	= stubs_start,
	.next	= stubs_next,
	.stop	= stubs_stop,
	.show	= stubs_show,
};

static int stubs_open(struct inode *inode, struct file *file)
{
	return seq_open_private(file, &stubs_sops, sizeof(struct stubs_pos));
}

/*
 * The debugfs file "autoclean": a line per stub module whose real module
 * has autoclean (or had, at its last load).
 */
static int autoclean_show(struct seq_file *m, void *v)
{
	struct stubmod *sm;

	seq_puts(m, "# module delay_ms in_force_ms idle_ms autocleans reloads kept last_kept_why\n");
	mutex_lock(&stubmods_lock);
	list_for_each_entry(sm, &stubmods, node) {
		mutex_lock(&sm->lock);
		if (sm->ac_base) {
			seq_printf(m, "%s %u %u ", sm->realname, sm->ac_base,
				   sm->ac_delay_ms);
			if (rcu_access_pointer(sm->real_live) && sm->by_stub)
				seq_printf(m, "%u", jiffies_to_msecs(jiffies - sm->ac_busy));
			else
				seq_putc(m, '-');
			seq_printf(m, " %lu %lu %lu %s\n", sm->autocleans,
				   sm->reloads, sm->kept,
				   sm->kept_why[0] ? sm->kept_why : "-");
		}
		mutex_unlock(&sm->lock);
	}
	mutex_unlock(&stubmods_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(autoclean);

static const struct file_operations stubs_fops = {
	.owner		= THIS_MODULE,
	.open		= stubs_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= seq_release_private,
};

/* The standard retfuncs, from the one list of <modstub/vocab.h> */

#define DEFINE_RETFUNC(name, value)					\
	long nomod_##name(void)						\
	{								\
		return value;						\
	}								\
	EXPORT_SYMBOL_GPL(nomod_##name);

MODSTUB_RETFUNCS(DEFINE_RETFUNC)

void nomod_void(void)
{
}
EXPORT_SYMBOL_GPL(nomod_void);

/*
 * The exports of the slow paths, which are defined in slowpath.S.
 *
 * They are made here, in C, for their CRCs.  With CONFIG_MODVERSIONS,
 * genksyms versions an export made in assembly only from a declaration in
 * <asm/asm-prototypes.h>, which a module built out of tree cannot extend:
 * exported in slowpath.S, they build, but modpost warns "version
 * generation failed" and Module.symvers gets 0x00000000 for them (6.1 and
 * 6.12 alike).  Here genksyms sees their declarations in
 * <modstub/stubcore.h>.  (Passing it that header with CFLAGS_slowpath.o
 * would work too, but only through an internal of Kbuild's
 * cmd_gensymtypes_S.)
 */
EXPORT_SYMBOL_GPL(modstub_slow_strong);
EXPORT_SYMBOL_GPL(modstub_slow_ustub);

static int __init stubcore_init(void)
{
	int err;

	err = register_module_notifier(&stubcore_module_nb);
	if (err)
		return err;
	debugfs_dir = debugfs_create_dir("stubcore", NULL);
	debugfs_create_file("stubs", 0400, debugfs_dir, NULL, &stubs_fops);
	debugfs_create_file("autoclean", 0400, debugfs_dir, NULL,
			    &autoclean_fops);
	return 0;
}

static void __exit stubcore_exit(void)
{
	debugfs_remove_recursive(debugfs_dir);
	unregister_module_notifier(&stubcore_module_nb);
}

module_init(stubcore_init);
module_exit(stubcore_exit);

MODULE_DESCRIPTION("Runtime of modstub autoload stub modules");
MODULE_LICENSE("GPL");
