/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Slow paths of the stubs.
 *
 * A stub jumps here with the address of its struct modstub_ent in %r11 and
 * the caller's arguments and return address untouched.  Kernel code passes
 * no floating-point arguments; %rax is kept for varargs callers.
 *
 * Both are exported from core.c, where genksyms can version them (see the
 * comment there).
 */
#include <linux/linkage.h>
#include <asm/nospec-branch.h>

#include <modstub/abi.h>

#include "calls.h"

	.text

/*
 * A strong stub that is not resolved yet: ask modstub_resolve() where the
 * call should go (the real function, or the retfunc), then go there with
 * the caller's registers as they were.  Once resolved, the stub jumps to
 * the real function directly and this is not entered again.
 */
SYM_FUNC_START(modstub_slow_strong)
	push	%rbp
	mov	%rsp, %rbp
	push	%rdi
	push	%rsi
	push	%rdx
	push	%rcx
	push	%r8
	push	%r9
	push	%rax
	sub	$8, %rsp			/* align the stack for the call */
	mov	%r11, %rdi
	call	modstub_resolve
	mov	%rax, %r11
	add	$8, %rsp
	pop	%rax
	pop	%r9
	pop	%r8
	pop	%rcx
	pop	%rdx
	pop	%rsi
	pop	%rdi
	pop	%rbp
	JMP_NOSPEC r11
SYM_FUNC_END(modstub_slow_strong)

/*
 * An unloadable stub, or a weak stub whose module is live, when its
 * per-call path in the stub module (<modstub/modstub.h>) cannot take the
 * call: the calls are not live (the real module is not there, or going),
 * or the stub takes stack arguments, or the real module lacks the
 * function.  Bit 0 of %r11 set means that the per-call path counted the
 * call in before it found the calls stopped.
 *
 * If the calls are live, this counts the call in, on this CPU's enters;
 * if they are still live and the real module has the function, it calls
 * it with the caller's register arguments and argnword - 6 stack
 * arguments copied from the caller's frame, then counts it out on the
 * exits of the CPU it is on by then, and the return value (%rax, %rdx)
 * goes back to the caller.  That is calls_enter() and calls_exit() of
 * core.c, where the comment above them says why it needs no lock, no
 * locked instruction and no preempt_disable(); x86 keeps the order of the
 * loads of the fast path, as smp_load_acquire() does.
 *
 * Otherwise modstub_uenter_slow() counts the call out if it was counted
 * in, then loads the module, waits for it or fails: it returns the
 * function to call in %rax and, in %rdx, the stub table whose calls hold
 * it (NULL when it holds nothing).
 */
SYM_FUNC_START(modstub_slow_ustub)
	push	%rbp
	mov	%rsp, %rbp
	push	%r11				/* -8: the entry */
	push	%rdi				/* -16 */
	push	%rsi				/* -24 */
	push	%rdx				/* -32 */
	push	%rcx				/* -40 */
	push	%r8				/* -48 */
	push	%r9				/* -56 */
	push	%rax				/* -64 */

	xor	%esi, %esi				/* not counted */
	btr	$0, %r11
	jc	.Lcounted

	/* if the calls are live, count this one in; held if still live */
	mov	MODSTUB_ENT_OFF_RUNTIME(%r11), %r10	/* struct stub_rt */
	mov	RT_OFF_SM(%r10), %rdx
	mov	SM_OFF_TAB(%rdx), %rdx			/* the stub table */
	cmpb	$0, MODSTUB_HDR_OFF_CALLS_LIVE(%rdx)
	je	.Lunheld
	mov	MODSTUB_HDR_OFF_CALLS_PCPU(%rdx), %rcx
	incq	%gs:MODSTUB_CALLS_OFF_ENTERS(%rcx)
	inc	%esi					/* counted */
	cmpb	$0, MODSTUB_HDR_OFF_CALLS_LIVE(%rdx)
	je	.Lunheld
	mov	RT_OFF_REAL_FUNC(%r10), %rax
	test	%rax, %rax
	jz	.Lunheld
.Lheld:
	push	%rdx				/* -72: the hold */
	push	%rax				/* -80: the function */

	/* copy the stack arguments, keeping %rsp 16-byte aligned */
	mov	-8(%rbp), %r11
	movzbl	MODSTUB_ENT_OFF_ARGNWORD(%r11), %ecx
	sub	$MODSTUB_REG_ARGS, %ecx
	jle	2f
	lea	1(%rcx), %eax
	and	$~1, %eax
	shl	$3, %eax
	sub	%rax, %rsp
	xor	%eax, %eax
1:	mov	16(%rbp, %rax, 8), %rdx
	mov	%rdx, (%rsp, %rax, 8)
	inc	%eax
	cmp	%ecx, %eax
	jb	1b
2:
	mov	-80(%rbp), %r11
	mov	-16(%rbp), %rdi
	mov	-24(%rbp), %rsi
	mov	-32(%rbp), %rdx
	mov	-40(%rbp), %rcx
	mov	-48(%rbp), %r8
	mov	-56(%rbp), %r9
	mov	-64(%rbp), %rax
	CALL_NOSPEC r11

	/* count it out, on the CPU it is on now; wake a waiter if stopped */
	mov	-72(%rbp), %rdi
	test	%rdi, %rdi
	jz	3f
	mov	MODSTUB_HDR_OFF_CALLS_PCPU(%rdi), %rcx
	incq	%gs:MODSTUB_CALLS_OFF_EXITS(%rcx)
	cmpb	$0, MODSTUB_HDR_OFF_CALLS_LIVE(%rdi)
	je	.Lstopped
3:	leave
	RET

.Lstopped:
	push	%rax
	push	%rdx
	call	modstub_uexit_slow		/* (tab) */
	pop	%rdx
	pop	%rax
	jmp	3b

.Lcounted:
	mov	%r11, -8(%rbp)			/* the entry, untagged */
	inc	%esi
.Lunheld:
	mov	-8(%rbp), %rdi
	call	modstub_uenter_slow		/* (ent, counted) */
	jmp	.Lheld
SYM_FUNC_END(modstub_slow_ustub)
