/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-call hold of unloadable stubs and live weak stubs: what the slow
 * path of their calls (modstub_slow_ustub, slowpath.S) reads of stubcore's
 * state, shared by slowpath.S and core.c.  The calls' flag and counters
 * are in the stub table's header (<modstub/abi.h>), where the stub
 * module's own per-call path reads them too.  The offsets are checked
 * against the structures in core.c at compile time; the protocol is
 * described there, above calls_enter().
 */
#ifndef _STUBCORE_CALLS_H
#define _STUBCORE_CALLS_H

/* struct stub_rt (core.c): the fields the path reads */
#define RT_OFF_REAL_FUNC	0
#define RT_OFF_SM		8
/* struct stubmod (core.c) begins with its stub table */
#define SM_OFF_TAB		0

#ifndef __ASSEMBLY__

#include <linux/compiler.h>
#include <linux/types.h>

#include <modstub/abi.h>

/* What modstub_uenter_slow() returns to modstub_slow_ustub, in %rax:%rdx */
struct modstub_ucall {
	void *func;			/* what to call */
	struct modstub_hdr *held;	/* whose calls to count it out of, or NULL */
};

/* Called by modstub_slow_ustub only, out of its per-call path */
struct modstub_ucall modstub_uenter_slow(struct modstub_ent *ent, bool counted);

#endif /* !__ASSEMBLY__ */

#endif /* _STUBCORE_CALLS_H */
