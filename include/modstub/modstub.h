/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Macros for stub modules and for the real modules they stand in for.
 *
 * A stub module is written (by hand, or by modmetac) as:
 *
 *	#include <modstub/modstub.h>
 *	#include "frob_api.h"
 *
 *	MODSTUB_MODULE(frob, frob_stub, MODSTUB_F_UNLOADABLE);
 *	MODSTUB_STUB(frob_start, nomod_einval);
 *	MODSTUB_USTUB(frob_query, frob_query_failed);
 *	MODSTUB_WSTUB(frob_exit, nomod_zero);
 *	MODSTUB_END(frob);
 *
 * and the real module links in a wrapper written as:
 *
 *	MODSTUB_REAL_BEGIN(frob);
 *	MODSTUB_REAL(frob_start, MODSTUB_KIND_STRONG);
 *	...
 *	MODSTUB_REAL_END(frob);
 *
 * Both tables are finished by "stubgen seal" on the linked module objects,
 * which derives each function's type fingerprint and argnword from the
 * debug information of the anchors the macros leave (__MODSTUB_PROTO()),
 * checks them, and marks the table sealed; stubcore takes only sealed
 * tables, and compares the fingerprints of the two when the real module
 * comes.
 *
 * Each macro is one top-level asm statement (plus C declarations); GCC
 * emits top-level asm statements in source order, which is what lets a
 * table be built from a sequence of them, as illumos builds its stub tables
 * from the MODULE/STUB/END assembler macros.  Only one stub table and one
 * real table may be defined per translation unit.
 *
 * The layout of the tables is described in <modstub/abi.h>.
 *
 * Each stub's entry is the exported function itself:
 *
 *	fn:	endbr64			(IBT kernels only)
 *		jmp	<target>	5 bytes, patched by stubcore
 *		ud1	%esp, %ecx	static-call trampoline signature
 *
 * which has the shape of an x86 static-call trampoline, so that stubcore
 * can retarget it with __static_call_update(): once resolved, a call
 * through the stub costs one direct jump.  The initial target of a strong
 * stub is its slow path, which passes the address of the stub's table
 * entry to stubcore in %r11.  A ustub or wstub also has a per-call path,
 * __modstub_fast_fn (__MODSTUB_FAST()), which counts the call and calls
 * the real function through a second jump of the same shape,
 * __modstub_call_fn; the initial target of an unloadable stub is that
 * path, that of a weak stub its retfunc (stubcore aims it at the path
 * while the real module is live).  Both take the slow path of an
 * unloadable stub when they cannot hold the call.
 */
#ifndef _MODSTUB_MODSTUB_H
#define _MODSTUB_MODSTUB_H

#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/linkage.h>
#include <linux/module.h>
#include <linux/stringify.h>
#include <asm/ibt.h>

#include <modstub/abi.h>
#include <modstub/stubcore.h>

#define __MODSTUB_STR(x)	__stringify(x)

/* The string pool of a table is subsection 1 of its section. */
#define __MODSTUB_STRING(label, str)					\
	".subsection 1\n"						\
	label ": .asciz \"" str "\"\n"					\
	".subsection 0\n"

/*
 * The next field written after @base lands at offset @off of its
 * structure, as <modstub/abi.h> lays it out: checked by the assembler.
 */
#define __MODSTUB_AT(base, off)						\
	".if . - " base " != " __MODSTUB_STR(off) "\n"			\
	".error \"modstub: table field not at offset " __MODSTUB_STR(off) " of " base "\"\n" \
	".endif\n"

/* An optional argnword: MODSTUB_ARGNWORD_AUTO if none is given. */
#define __MODSTUB_ARGN(...)	__MODSTUB_ARGN_(0, ##__VA_ARGS__, MODSTUB_ARGNWORD_AUTO)
#define __MODSTUB_ARGN_(zero, n, ...)	n
#define __MODSTUB_ARGN_CHECK(fn, n)					\
	static_assert((n) <= MODSTUB_MAX_ARGNWORD ||			\
		      (n) == MODSTUB_ARGNWORD_AUTO,			\
		      "argnword of " #fn " out of range")

/**
 * MODSTUB_MODULE() - start the stub table of a stub module
 * @realmod: name of the real module, loaded on demand
 * @stubmod: name of this stub module
 * @flags: MODSTUB_F_* flags (MODSTUB_F_UNLOADABLE for class unloadable)
 *
 * Defines the table header, exported (GPL) as __stubtab_<realmod> for
 * the real module's wrapper to reference: that reference makes the real
 * module depend on its stub module.
 */
#define MODSTUB_MODULE(realmod, stubmod, flags)				\
	extern struct modstub_hdr __stubtab_##realmod;		\
	asm(".pushsection " MODSTUB_SECTION ", \"aw\"\n"		\
	    ".balign 8\n"						\
	    ".globl __stubtab_" #realmod "\n"			\
	    ".type __stubtab_" #realmod ", @object\n"		\
	    "__stubtab_" #realmod ":\n"				\
	    ".Lmodstub_hdr:\n"						\
	    ".long " __MODSTUB_STR(MODSTUB_MAGIC) "\n"			\
	    __MODSTUB_AT(".Lmodstub_hdr", MODSTUB_HDR_OFF_VERSION)	\
	    ".short " __MODSTUB_STR(MODSTUB_ABI_VERSION) "\n"		\
	    ".short .Lmodstub_ent0 - .Lmodstub_hdr\n"			\
	    ".short " __MODSTUB_STR(MODSTUB_ENT_SIZE) "\n"		\
	    __MODSTUB_AT(".Lmodstub_hdr", MODSTUB_HDR_OFF_FLAGS)	\
	    ".short " __MODSTUB_STR(flags) "\n"				\
	    __MODSTUB_AT(".Lmodstub_hdr", MODSTUB_HDR_OFF_NSTUBS)	\
	    ".long .Lmodstub_nstubs\n"					\
	    ".long .Lmodstub_pool_end - .Lmodstub_hdr\n"		\
	    __MODSTUB_AT(".Lmodstub_hdr", MODSTUB_HDR_OFF_MODULE_OFF)	\
	    ".long .Lmodstub_h_module - .Lmodstub_hdr\n"		\
	    ".long .Lmodstub_h_stubmod - .Lmodstub_hdr\n"		\
	    __MODSTUB_AT(".Lmodstub_hdr", MODSTUB_HDR_OFF_CALLS_LIVE)	\
	    ".byte 0, 0\n"						\
	    __MODSTUB_AT(".Lmodstub_hdr", MODSTUB_HDR_OFF_RESERVED1)	\
	    ".short 0\n"						\
	    __MODSTUB_AT(".Lmodstub_hdr", MODSTUB_HDR_OFF_RUNTIME)	\
	    ".quad 0\n"							\
	    __MODSTUB_AT(".Lmodstub_hdr", MODSTUB_HDR_OFF_CALLS_PCPU)	\
	    ".quad 0\n"							\
	    __MODSTUB_AT(".Lmodstub_hdr", MODSTUB_HDR_SIZE)		\
	    ".Lmodstub_ent0:\n"						\
	    __MODSTUB_STRING(".Lmodstub_h_module", #realmod)		\
	    __MODSTUB_STRING(".Lmodstub_h_stubmod", #stubmod)		\
	    ".set .Lmodstub_count, 0\n"					\
	    ".popsection\n");						\
	EXPORT_SYMBOL_GPL(__stubtab_##realmod)

/*
 * The prototype of @fn as this object saw it, from which "stubgen seal"
 * takes the type fingerprint and the argnword: a pointer of type
 * typeof(fn) * whose only purpose is its debug information.  Its section
 * is discarded when the module is linked, so it costs nothing at run time;
 * the DWARF type stays.
 */
#define __MODSTUB_PROTO(fn)						\
	static typeof(fn) *__modstub_proto_##fn __used			\
		__section(".discard.modstub_proto")

/*
 * The per-call path of a ustub or wstub (see <modstub/abi.h>), entered
 * by the jump of its entry with the caller's arguments in their registers;
 * used only while the stub takes no stack arguments (argnword <= 6), so
 * that its own call of the real function can pass them on as they are.
 * The call goes through __modstub_call_@fn, a jump shaped as the entry's
 * that stubcore aims at the real function while the real module is there
 * (else at the slow path).  %r10 and %r11 are free at a function's entry;
 * the real function's return value (%rax, %rdx) goes back as it is.  A call
 * that counted itself in and then found the calls stopped hands itself to
 * stubcore's slow path counted (bit 0 of its entry's address set), where
 * it is counted out.  The two reads of calls_live are ordered after the
 * increment by stubcore's grace period, not by a barrier here (core.c).
 */
#define __MODSTUB_CALLS_LIVE	".Lmodstub_hdr+" __MODSTUB_STR(MODSTUB_HDR_OFF_CALLS_LIVE) "(%rip)"
#define __MODSTUB_CALLS_PCPU	".Lmodstub_hdr+" __MODSTUB_STR(MODSTUB_HDR_OFF_CALLS_PCPU) "(%rip)"
#define __MODSTUB_FAST(fn)						\
	".type __modstub_fast_" #fn ", @function\n"			\
	"__modstub_fast_" #fn ":\n"					\
	"cmpb $0, " __MODSTUB_CALLS_LIVE "\n"				\
	"je __modstub_slow_" #fn "\n"					\
	"movq " __MODSTUB_CALLS_PCPU ", %r10\n"				\
	"incq %gs:" __MODSTUB_STR(MODSTUB_CALLS_OFF_ENTERS) "(%r10)\n"	\
	"cmpb $0, " __MODSTUB_CALLS_LIVE "\n"				\
	"je .Lmodstub_undo_" #fn "\n"					\
	"push %rbp\n"							\
	"mov %rsp, %rbp\n"						\
	"call __modstub_call_" #fn "\n"					\
	"movq " __MODSTUB_CALLS_PCPU ", %r10\n"				\
	"incq %gs:" __MODSTUB_STR(MODSTUB_CALLS_OFF_EXITS) "(%r10)\n"	\
	"cmpb $0, " __MODSTUB_CALLS_LIVE "\n"				\
	"je .Lmodstub_stopped_" #fn "\n"				\
	"pop %rbp\n"							\
	ASM_RET "\n"							\
	".Lmodstub_stopped_" #fn ":\n"					\
	"push %rax\n"							\
	"push %rdx\n"							\
	"leaq .Lmodstub_hdr(%rip), %rdi\n"				\
	"call modstub_uexit_slow\n"					\
	"pop %rdx\n"							\
	"pop %rax\n"							\
	"pop %rbp\n"							\
	ASM_RET "\n"							\
	".Lmodstub_undo_" #fn ":\n"					\
	"leaq .Lmodstub_ent_" #fn "+1(%rip), %r11\n"			\
	"jmp modstub_slow_ustub\n"					\
	".size __modstub_fast_" #fn ", . - __modstub_fast_" #fn "\n"	\
	".type __modstub_call_" #fn ", @function\n"			\
	"__modstub_call_" #fn ":\n"					\
	".byte 0xe9\n"							\
	".long __modstub_slow_" #fn " - . - 4\n"			\
	".size __modstub_call_" #fn ", 5\n"				\
	".globl __SCT__modstub_call_" #fn "\n"				\
	".type __SCT__modstub_call_" #fn ", @function\n"		\
	"__SCT__modstub_call_" #fn ":\n"				\
	".byte 0x0f, 0xb9, 0xcc\n"					\
	".size __SCT__modstub_call_" #fn ", 3\n"

/*
 * One stub: its table entry, its entry code (the exported function), its
 * per-call path @fast (none for a strong stub: @fast_off and @call_off 0)
 * and its slow path.  @init is the first target of the entry's jump, @slow
 * the stubcore routine the slow path enters.
 */
#define __MODSTUB(fn, retfunc, kind, argnword, init, slow, fast_off,	\
		  call_off, fast)					\
	__MODSTUB_ARGN_CHECK(fn, argnword);				\
	asm(".pushsection " MODSTUB_SECTION ", \"aw\"\n"		\
	    ".balign 8\n"						\
	    ".Lmodstub_ent_" #fn ":\n"					\
	    ".long .Lmodstub_s_" #fn " - .Lmodstub_hdr\n"		\
	    __MODSTUB_AT(".Lmodstub_ent_" #fn, MODSTUB_ENT_OFF_RETFUNC_OFF) \
	    ".long .Lmodstub_r_" #fn " - .Lmodstub_hdr\n"		\
	    __MODSTUB_AT(".Lmodstub_ent_" #fn, MODSTUB_ENT_OFF_KIND)	\
	    ".byte " __MODSTUB_STR(kind) "\n"				\
	    __MODSTUB_AT(".Lmodstub_ent_" #fn, MODSTUB_ENT_OFF_ARGNWORD) \
	    ".byte " __MODSTUB_STR(argnword) "\n"			\
	    __MODSTUB_AT(".Lmodstub_ent_" #fn, MODSTUB_ENT_OFF_PATCH_OFF) \
	    ".byte .Lmodstub_patch_" #fn " - " #fn "\n"			\
	    __MODSTUB_AT(".Lmodstub_ent_" #fn, MODSTUB_ENT_OFF_FAST_OFF) \
	    ".byte " fast_off "\n"					\
	    __MODSTUB_AT(".Lmodstub_ent_" #fn, MODSTUB_ENT_OFF_FLAGS)	\
	    ".short 0\n"						\
	    __MODSTUB_AT(".Lmodstub_ent_" #fn, MODSTUB_ENT_OFF_CALL_OFF) \
	    ".short " call_off "\n"					\
	    __MODSTUB_AT(".Lmodstub_ent_" #fn, MODSTUB_ENT_OFF_FINGERPRINT) \
	    ".quad 0\n"							\
	    __MODSTUB_AT(".Lmodstub_ent_" #fn, MODSTUB_ENT_OFF_ENTRY)	\
	    ".quad " #fn "\n"						\
	    __MODSTUB_AT(".Lmodstub_ent_" #fn, MODSTUB_ENT_OFF_SLOW)	\
	    ".quad __modstub_slow_" #fn "\n"				\
	    __MODSTUB_AT(".Lmodstub_ent_" #fn, MODSTUB_ENT_OFF_RETFUNC)	\
	    ".quad " #retfunc "\n"					\
	    __MODSTUB_AT(".Lmodstub_ent_" #fn, MODSTUB_ENT_OFF_RUNTIME)	\
	    ".quad 0\n"							\
	    __MODSTUB_AT(".Lmodstub_ent_" #fn, MODSTUB_ENT_SIZE)	\
	    __MODSTUB_STRING(".Lmodstub_s_" #fn, #fn)			\
	    __MODSTUB_STRING(".Lmodstub_r_" #fn, #retfunc)		\
	    ".set .Lmodstub_count, .Lmodstub_count + 1\n"		\
	    ".popsection\n"						\
	    ".pushsection .text, \"ax\"\n"				\
	    ".balign 16\n"						\
	    ".globl " #fn "\n"						\
	    ".type " #fn ", @function\n"				\
	    #fn ":\n"							\
	    ASM_ENDBR "\n"						\
	    ".Lmodstub_patch_" #fn ":\n"				\
	    ".byte 0xe9\n"						\
	    ".long " init " - . - 4\n"					\
	    ".size " #fn ", . - " #fn "\n"				\
	    ".globl __SCT__modstub_" #fn "\n"				\
	    ".type __SCT__modstub_" #fn ", @function\n"		\
	    "__SCT__modstub_" #fn ":\n"				\
	    ".byte 0x0f, 0xb9, 0xcc\n"					\
	    ".size __SCT__modstub_" #fn ", 3\n"			\
	    fast							\
	    ".balign 16\n"						\
	    ".type __modstub_slow_" #fn ", @function\n"		\
	    "__modstub_slow_" #fn ":\n"					\
	    ASM_ENDBR "\n"						\
	    "leaq .Lmodstub_ent_" #fn "(%rip), %r11\n"			\
	    "jmp " #slow "\n"						\
	    ".size __modstub_slow_" #fn ", . - __modstub_slow_" #fn "\n" \
	    ".popsection\n");						\
	__MODSTUB_PROTO(fn);						\
	EXPORT_SYMBOL(fn)

/* A ustub's or wstub's: the offsets of its per-call path and call jump */
#define __MODSTUB_FAST_OFF(fn)	"__modstub_fast_" #fn " - " #fn
#define __MODSTUB_CALL_OFF(fn)	"__modstub_call_" #fn " - " #fn

/**
 * MODSTUB_STUB() - a strong, load-only stub
 * @fn: the stubbed function, declared by the real module's API header
 * @retfunc: what a call returns when the real module cannot be loaded
 *
 * Its calls pass through to the real function by a jump: any prototype
 * works, variadic ones too.
 */
#define MODSTUB_STUB(fn, retfunc)					\
	__MODSTUB(fn, retfunc, MODSTUB_KIND_STRONG,			\
		  MODSTUB_ARGNWORD_AUTO, "__modstub_slow_" #fn,		\
		  modstub_slow_strong, "0", "0", "")

/**
 * MODSTUB_USTUB() - a strong stub of an unloadable module
 * @fn: the stubbed function
 * @retfunc: what a call returns when the real module cannot be loaded
 * @...: optionally, the argnword of @fn; "stubgen seal" derives it from the
 *	prototype, and refuses one given here that differs
 */
#define MODSTUB_USTUB(fn, retfunc, ...)					\
	__MODSTUB(fn, retfunc, MODSTUB_KIND_USTUB,			\
		  __MODSTUB_ARGN(__VA_ARGS__), "__modstub_fast_" #fn,	\
		  modstub_slow_ustub, __MODSTUB_FAST_OFF(fn),		\
		  __MODSTUB_CALL_OFF(fn), __MODSTUB_FAST(fn))

/**
 * MODSTUB_WSTUB() - a weak stub: never loads the real module
 * @fn: the stubbed function
 * @retfunc: what a call returns while the real module is absent
 * @...: optionally, the argnword of @fn, as for MODSTUB_USTUB()
 *
 * While the real module is live, each call holds it for its duration, as
 * an unloadable stub does, so that the module can go between calls.
 */
#define MODSTUB_WSTUB(fn, retfunc, ...)					\
	__MODSTUB(fn, retfunc, MODSTUB_KIND_WEAK,			\
		  __MODSTUB_ARGN(__VA_ARGS__), #retfunc,		\
		  modstub_slow_ustub, __MODSTUB_FAST_OFF(fn),		\
		  __MODSTUB_CALL_OFF(fn), __MODSTUB_FAST(fn))

/**
 * MODSTUB_RETFUNC() - declare a custom retfunc
 * @fn: the stubbed function
 * @retfunc: its retfunc, defined in a source file of the stub module
 *
 * A retfunc is entered by a jump from the stub, with the caller's arguments:
 * it must have the type of the function it stands in for, and must not be
 * static.  Declaring it with that type makes a definition or another
 * declaration of another type a compile error; "stubgen seal" checks the
 * definitions of other objects of the stub module from their debug
 * information.
 */
#define MODSTUB_RETFUNC(fn, retfunc)					\
	extern typeof(fn) retfunc

/**
 * MODSTUB_RETFUNC_TYPE() - check that a custom retfunc matches its stub
 * @fn: the stubbed function
 * @retfunc: its retfunc, already declared
 */
#define MODSTUB_RETFUNC_TYPE(fn, retfunc)				\
	static_assert(__same_type(&(retfunc), &(fn)),			\
		      "retfunc " #retfunc " must have the type of " #fn)

/**
 * MODSTUB_END() - end the stub table; register it while the module lives
 * @realmod: name of the real module, as given to MODSTUB_MODULE()
 *
 * The init function is notrace: it would be the only function of the stub
 * module that ftrace records, and when the kernel frees the init section
 * of a module whose ftrace page that empties, ftrace_free_mem() waits for
 * a grace period (synchronize_rcu()) inside do_init_module(): about 18 ms
 * of every load of a stub module, under QEMU, for nothing.
 */
#define MODSTUB_END(realmod)						\
	asm(".pushsection " MODSTUB_SECTION ", \"aw\"\n"		\
	    ".set .Lmodstub_nstubs, .Lmodstub_count\n"			\
	    ".subsection 1\n"						\
	    ".Lmodstub_pool_end:\n"					\
	    ".subsection 0\n"						\
	    ".size __stubtab_" #realmod ", .Lmodstub_pool_end - .Lmodstub_hdr\n" \
	    ".popsection\n");						\
	static int __init notrace modstub_init_##realmod(void)		\
	{								\
		return modstub_register(THIS_MODULE,			\
					&__stubtab_##realmod);	\
	}								\
	static void __exit modstub_exit_##realmod(void)			\
	{								\
		modstub_unregister(&__stubtab_##realmod);		\
	}								\
	module_init(modstub_init_##realmod);				\
	module_exit(modstub_exit_##realmod)

/*
 * The real module's side: the table of real functions, exported (GPL) as
 * __stubreal_<realmod>.  Its header holds the address of the stub
 * table, which makes the real module depend on its stub module.
 */

/**
 * MODSTUB_REAL_BEGIN() - start the real-function table of a real module
 * @realmod: name of this module
 */
#define MODSTUB_REAL_BEGIN(realmod)					\
	extern struct modstub_hdr __stubtab_##realmod;		\
	extern struct modstub_real_hdr __stubreal_##realmod;	\
	asm(".pushsection " MODSTUB_REAL_SECTION ", \"a\"\n"		\
	    ".balign 8\n"						\
	    ".globl __stubreal_" #realmod "\n"			\
	    ".type __stubreal_" #realmod ", @object\n"		\
	    "__stubreal_" #realmod ":\n"				\
	    ".Lmodstub_real_hdr:\n"					\
	    ".long " __MODSTUB_STR(MODSTUB_REAL_MAGIC) "\n"		\
	    __MODSTUB_AT(".Lmodstub_real_hdr", MODSTUB_REAL_HDR_OFF_VERSION) \
	    ".short " __MODSTUB_STR(MODSTUB_ABI_VERSION) "\n"		\
	    ".short .Lmodstub_real_ent0 - .Lmodstub_real_hdr\n"	\
	    ".short " __MODSTUB_STR(MODSTUB_REAL_ENT_SIZE) "\n"		\
	    __MODSTUB_AT(".Lmodstub_real_hdr", MODSTUB_REAL_HDR_OFF_FLAGS) \
	    ".short 0\n"						\
	    __MODSTUB_AT(".Lmodstub_real_hdr", MODSTUB_REAL_HDR_OFF_NFUNCS) \
	    ".long .Lmodstub_real_nfuncs\n"				\
	    ".long .Lmodstub_real_pool_end - .Lmodstub_real_hdr\n"	\
	    __MODSTUB_AT(".Lmodstub_real_hdr", MODSTUB_REAL_HDR_OFF_MODULE_OFF) \
	    ".long .Lmodstub_real_h_module - .Lmodstub_real_hdr\n"	\
	    __MODSTUB_AT(".Lmodstub_real_hdr", MODSTUB_REAL_HDR_OFF_STUBTAB) \
	    ".quad __stubtab_" #realmod "\n"			\
	    __MODSTUB_AT(".Lmodstub_real_hdr", MODSTUB_REAL_HDR_SIZE)	\
	    ".Lmodstub_real_ent0:\n"					\
	    __MODSTUB_STRING(".Lmodstub_real_h_module", #realmod)	\
	    ".set .Lmodstub_real_count, 0\n"				\
	    ".popsection\n");						\
	EXPORT_SYMBOL_GPL(__stubreal_##realmod)

/**
 * MODSTUB_REAL() - one real function reached through a stub
 * @fn: the function, defined in this module and declared by its API header
 * @kind: MODSTUB_KIND_* of its stub
 * @...: optionally, its argnword, as given to the stub's macro
 */
#define MODSTUB_REAL(fn, kind, ...)					\
	__MODSTUB_ARGN_CHECK(fn, __MODSTUB_ARGN(__VA_ARGS__));		\
	asm(".pushsection " MODSTUB_REAL_SECTION ", \"a\"\n"		\
	    ".balign 8\n"						\
	    ".Lmodstub_real_ent_" #fn ":\n"				\
	    ".long .Lmodstub_real_s_" #fn " - .Lmodstub_real_hdr\n"	\
	    __MODSTUB_AT(".Lmodstub_real_ent_" #fn, MODSTUB_REAL_ENT_OFF_KIND) \
	    ".byte " __MODSTUB_STR(kind) "\n"				\
	    __MODSTUB_AT(".Lmodstub_real_ent_" #fn, MODSTUB_REAL_ENT_OFF_ARGNWORD) \
	    ".byte " __MODSTUB_STR(__MODSTUB_ARGN(__VA_ARGS__)) "\n"	\
	    __MODSTUB_AT(".Lmodstub_real_ent_" #fn, MODSTUB_REAL_ENT_OFF_FLAGS) \
	    ".short 0\n"						\
	    __MODSTUB_AT(".Lmodstub_real_ent_" #fn, MODSTUB_REAL_ENT_OFF_FINGERPRINT) \
	    ".quad 0\n"							\
	    __MODSTUB_AT(".Lmodstub_real_ent_" #fn, MODSTUB_REAL_ENT_OFF_FUNC) \
	    ".quad " #fn "\n"						\
	    __MODSTUB_AT(".Lmodstub_real_ent_" #fn, MODSTUB_REAL_ENT_SIZE) \
	    __MODSTUB_STRING(".Lmodstub_real_s_" #fn, #fn)	\
	    ".set .Lmodstub_real_count, .Lmodstub_real_count + 1\n"	\
	    ".popsection\n");						\
	__MODSTUB_PROTO(fn)

/**
 * MODSTUB_REAL_END() - end the real-function table
 * @realmod: name of this module
 *
 * Also defines the module's way out, __modstub_real_exit_<realmod>, which
 * stubcore puts in the module's exit pointer when it comes: when the
 * module is removed, it waits for the calls in flight through the stubs,
 * then runs the module's own exit (see modstub_real_exit()).
 */
#define MODSTUB_REAL_END(realmod)					\
	void __modstub_real_exit_##realmod(void);			\
	void __modstub_real_exit_##realmod(void)			\
	{								\
		modstub_real_exit(&__stubtab_##realmod);		\
	}								\
	asm(".pushsection " MODSTUB_REAL_SECTION ", \"a\"\n"		\
	    ".set .Lmodstub_real_nfuncs, .Lmodstub_real_count\n"	\
	    ".subsection 1\n"						\
	    ".Lmodstub_real_pool_end:\n"				\
	    ".subsection 0\n"						\
	    ".size __stubreal_" #realmod ", .Lmodstub_real_pool_end - .Lmodstub_real_hdr\n" \
	    ".popsection\n")

/**
 * MODSTUB_AUTOCLEAN() - let stubcore remove the real module when idle
 * @realmod: name of this module
 * @ms: the delay: no call for this long (and none in flight)
 * @vetofn: a modstub_veto_fn of this module that may decline (declared
 *	as one before), or NULL
 *
 * Only a module that a stub loaded is removed, with modprobe -r.
 */
#define MODSTUB_AUTOCLEAN(realmod, ms, vetofn)				\
	extern const struct modstub_autoclean __modstub_autoclean_##realmod; \
	const struct modstub_autoclean __modstub_autoclean_##realmod = { \
		.delay_ms = (ms),					\
		.veto = (vetofn),					\
	}

/**
 * MODMETA() - the metadata of a module, in section MODMETA_SECTION
 * @name: the module's name
 * @strings: a string literal of NUL-terminated "key=value" strings
 *
 * The same fields as the module's modinfo, in a section of its own with a
 * versioned header, so that tools read a module's metadata from the .ko
 * file without loading it.
 */
#define MODMETA(name, strings)						\
	static const struct {						\
		struct modmeta_hdr hdr;					\
		char data[sizeof(strings)];				\
	} __modmeta_##name __used __section(MODMETA_SECTION)		\
	__aligned(8) = {						\
		.hdr = {						\
			.magic = MODMETA_MAGIC,				\
			.version = MODSTUB_ABI_VERSION,			\
			.hdr_size = sizeof(struct modmeta_hdr),		\
			.size = sizeof(struct modmeta_hdr) +		\
				sizeof(strings),			\
		},							\
		.data = strings,					\
	}

#endif /* _MODSTUB_MODSTUB_H */
