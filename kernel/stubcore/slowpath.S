/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Slow paths of the stubs.  A stub jumps here with the address of its
 * struct modstub_ent in %r11 and the caller's arguments untouched.
 */
#include <linux/linkage.h>
#include <asm/nospec-branch.h>

/* offsetof(struct modstub_ent, retfunc), checked in core.c */
#define MODSTUB_ENT_RETFUNC	32

	.text

/*
 * Until stubcore resolves stubs, every slow path ends in the stub's
 * retfunc, with the caller's arguments and return address intact.
 */
SYM_FUNC_START(modstub_slow_strong)
	movq	MODSTUB_ENT_RETFUNC(%r11), %r11
	JMP_NOSPEC r11
SYM_FUNC_END(modstub_slow_strong)

SYM_FUNC_START(modstub_slow_ustub)
	movq	MODSTUB_ENT_RETFUNC(%r11), %r11
	JMP_NOSPEC r11
SYM_FUNC_END(modstub_slow_ustub)
