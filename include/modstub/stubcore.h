/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface stubcore.ko offers to stub modules.
 */
#ifndef _MODSTUB_STUBCORE_H
#define _MODSTUB_STUBCORE_H

#include <modstub/abi.h>
#include <modstub/vocab.h>

struct module;

/**
 * modstub_register() - hand a stub module's table to stubcore
 * @owner: the stub module (THIS_MODULE)
 * @tab: its stub table, the start of its MODSTUB_SECTION
 *
 * Called from the stub module's init.  Checks the table and makes every
 * stub in it live.
 *
 * Return: 0, or a negative errno if the table is refused.
 */
int modstub_register(struct module *owner, struct modstub_hdr *tab);

/**
 * modstub_unregister() - take a stub module's table back
 * @tab: the table given to modstub_register()
 */
void modstub_unregister(struct modstub_hdr *tab);

/*
 * Slow paths, entered by a jump from a stub with the address of the stub's
 * struct modstub_ent in %r11 and the caller's arguments untouched.  Not
 * callable from C.
 */
void modstub_slow_strong(void);
void modstub_slow_ustub(void);

/*
 * modstub_uexit_slow() - a call through a ustub or wstub ended and found
 * its stub module's calls stopped (calls_live clear)
 * @tab: the stub module's table
 *
 * Called by the per-call path of the stub (<modstub/modstub.h>) after it
 * counted the call out: wakes the real module's exit, which waits for the
 * calls in flight.
 */
void modstub_uexit_slow(struct modstub_hdr *tab);

/* Called by the slow paths (kernel/stubcore/slowpath.S) only. */
void *modstub_resolve(struct modstub_ent *ent);

/**
 * modstub_real_exit() - the exit of a real module, made by its wrapper
 * @tab: the table of its stub module
 *
 * stubcore makes the real module's exit pointer point at the function
 * MODSTUB_REAL_END() defines, which calls this: it waits for the calls in
 * flight through the stubs, then runs the module's own exit.
 */
void modstub_real_exit(struct modstub_hdr *tab);

/*
 * A veto of autoclean: return 0 to let the module go, or nonzero after
 * writing why not into @why (@len bytes), which stubcore logs once.
 * Called from a workqueue, in process context, with no lock held.
 */
typedef int modstub_veto_fn(char *why, size_t len);

/*
 * The autoclean settings of a real module, __modstub_autoclean_NAME,
 * defined by MODSTUB_AUTOCLEAN() and read by stubcore when it comes.
 */
struct modstub_autoclean {
	unsigned int delay_ms;		/* idle this long: remove it */
	modstub_veto_fn *veto;		/* may decline, or NULL */
};

/*
 * The standard retfuncs, nomod_NAME for each X(NAME, VALUE) of
 * MODSTUB_RETFUNCS() in <modstub/vocab.h>, and nomod_void.  They ignore
 * their arguments; a stub jumps to one whatever the stubbed function's
 * prototype, so each returns a long that reads the same as an int, a long
 * or a pointer (ERR_PTR) of that value.
 */
#define __MODSTUB_DECLARE_RETFUNC(name, value) long nomod_##name(void);
MODSTUB_RETFUNCS(__MODSTUB_DECLARE_RETFUNC)
#undef __MODSTUB_DECLARE_RETFUNC
void nomod_void(void);

#endif /* _MODSTUB_STUBCORE_H */
