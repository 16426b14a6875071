/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-call hold of unloadable stubs and live weak stubs: what the path
 * of their calls (modstub_slow_ustub, slowpath.S) reads and writes of
 * stubcore's state, shared by slowpath.S and core.c.  The offsets are
 * checked against the structures in core.c at compile time; the protocol
 * is described there, above calls_enter().
 */
#ifndef _STUBCORE_CALLS_H
#define _STUBCORE_CALLS_H

/* struct stub_rt (core.c): the fields the path reads */
#define RT_OFF_REAL_FUNC	0
#define RT_OFF_SM		8
/* struct stubmod (core.c) begins with its struct stub_calls */
#define CALLS_OFF_PCPU		0
#define CALLS_OFF_LIVE		8
/* struct stub_calls_pcpu */
#define PCPU_OFF_ENTERS		0
#define PCPU_OFF_EXITS		8

#ifndef __ASSEMBLY__

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/wait.h>

#include <modstub/abi.h>

/* Per CPU: the calls that began on it, and those that ended on it */
struct stub_calls_pcpu {
	unsigned long enters;
	unsigned long exits;
};

struct stub_calls {
	struct stub_calls_pcpu __percpu *pcpu;
	bool live;			/* calls may be made, and are held */
	wait_queue_head_t wq;		/* calls_wait() */
};

/* What modstub_uenter_slow() returns to modstub_slow_ustub, in %rax:%rdx */
struct modstub_ucall {
	void *func;			/* what to call */
	struct stub_calls *held;	/* the hold to drop after, or NULL */
};

/* Called by modstub_slow_ustub only, out of its per-call path */
struct modstub_ucall modstub_uenter_slow(struct modstub_ent *ent, bool counted);
void modstub_uexit_slow(struct stub_calls *calls);

#endif /* !__ASSEMBLY__ */

#endif /* _STUBCORE_CALLS_H */
