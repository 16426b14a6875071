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
 *	MODSTUB_USTUB(frob_query, frob_query_failed, 3);
 *	MODSTUB_WSTUB(frob_exit, nomod_zero);
 *	MODSTUB_END(frob);
 *
 * and the real module links in a wrapper written as:
 *
 *	MODSTUB_REAL_BEGIN(frob);
 *	MODSTUB_REAL(frob_start, MODSTUB_KIND_STRONG, 0);
 *	...
 *	MODSTUB_REAL_END(frob);
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
 * or unloadable stub is its slow path, which passes the address of the
 * stub's table entry to stubcore in %r11; that of a weak stub is its
 * retfunc, and its slow path (taken while the real module is live) is that
 * of an unloadable stub.
 */
#ifndef _MODSTUB_MODSTUB_H
#define _MODSTUB_MODSTUB_H

#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/export.h>
#include <linux/init.h>
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
	    ".short " __MODSTUB_STR(MODSTUB_ABI_VERSION) "\n"		\
	    ".short .Lmodstub_ent0 - .Lmodstub_hdr\n"			\
	    ".short " __MODSTUB_STR(__MODSTUB_ENT_SIZE) "\n"		\
	    ".short " __MODSTUB_STR(flags) "\n"				\
	    ".long .Lmodstub_nstubs\n"					\
	    ".long .Lmodstub_pool_end - .Lmodstub_hdr\n"		\
	    ".long .Lmodstub_h_module - .Lmodstub_hdr\n"		\
	    ".long .Lmodstub_h_stubmod - .Lmodstub_hdr\n"		\
	    ".long 0\n"							\
	    ".quad 0\n"							\
	    ".Lmodstub_ent0:\n"						\
	    __MODSTUB_STRING(".Lmodstub_h_module", #realmod)		\
	    __MODSTUB_STRING(".Lmodstub_h_stubmod", #stubmod)		\
	    ".set .Lmodstub_count, 0\n"					\
	    ".popsection\n");						\
	EXPORT_SYMBOL_GPL(__stubtab_##realmod)

/*
 * The prototype of @fn as this object saw it, for "stubgen verify": a
 * pointer of type typeof(fn) * whose only purpose is its debug information.
 * Its section is discarded when the module is linked, so it costs nothing
 * at run time; the DWARF type stays and can be compared with the real
 * module's definition of @fn.
 */
#define __MODSTUB_PROTO(fn)						\
	static typeof(fn) *__modstub_proto_##fn __used			\
		__section(".discard.modstub_proto")

/* sizeof(struct modstub_ent), checked against the C type in MODSTUB_END */
#define __MODSTUB_ENT_SIZE	48

/*
 * One stub: its table entry, its entry code (the exported function) and its
 * slow path.  @init is the first target of the entry's jump, @slow the
 * stubcore routine the slow path enters.
 */
#define __MODSTUB(fn, retfunc, kind, argnword, eflags, init, slow)	\
	asm(".pushsection " MODSTUB_SECTION ", \"aw\"\n"		\
	    ".balign 8\n"						\
	    ".Lmodstub_ent_" #fn ":\n"					\
	    ".long .Lmodstub_s_" #fn " - .Lmodstub_hdr\n"		\
	    ".long .Lmodstub_r_" #fn " - .Lmodstub_hdr\n"		\
	    ".byte " __MODSTUB_STR(kind) "\n"				\
	    ".byte " __MODSTUB_STR(argnword) "\n"			\
	    ".byte .Lmodstub_patch_" #fn " - " #fn "\n"			\
	    ".byte 0\n"							\
	    ".short " __MODSTUB_STR(eflags) "\n"			\
	    ".short 0\n"						\
	    ".quad " #fn "\n"						\
	    ".quad __modstub_slow_" #fn "\n"				\
	    ".quad " #retfunc "\n"					\
	    ".quad 0\n"							\
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

/**
 * MODSTUB_STUB() - a strong, load-only stub
 * @fn: the stubbed function, declared by the real module's API header
 * @retfunc: what a call returns when the real module cannot be loaded
 */
#define MODSTUB_STUB(fn, retfunc)					\
	__MODSTUB(fn, retfunc, MODSTUB_KIND_STRONG, 0, 0,			\
		  "__modstub_slow_" #fn, modstub_slow_strong)

/**
 * MODSTUB_USTUB() - a strong stub of an unloadable module
 * @fn: the stubbed function
 * @retfunc: what a call returns when the real module cannot be loaded
 * @argnword: number of argument words the real function takes
 */
#define MODSTUB_USTUB(fn, retfunc, argnword)				\
	static_assert((argnword) >= 0 &&				\
		      (argnword) <= MODSTUB_MAX_ARGNWORD,		\
		      "argnword of " #fn " out of range");		\
	__MODSTUB(fn, retfunc, MODSTUB_KIND_USTUB, argnword, 0,		\
		  "__modstub_slow_" #fn, modstub_slow_ustub)

/**
 * MODSTUB_WSTUB() - a weak stub: never loads the real module
 * @fn: the stubbed function, with at most six argument words
 * @retfunc: what a call returns while the real module is absent
 *
 * While the real module is live, each call holds it for its duration, as
 * an unloadable stub does, so that the module can go between calls.
 */
#define MODSTUB_WSTUB(fn, retfunc)					\
	MODSTUB_WSTUB_ARGS(fn, retfunc, 0)

/**
 * MODSTUB_WSTUB_ARGS() - a weak stub of a function with stack arguments
 * @fn: the stubbed function
 * @retfunc: what a call returns while the real module is absent
 * @argnword: number of argument words the function takes
 */
#define MODSTUB_WSTUB_ARGS(fn, retfunc, argnword)			\
	static_assert((argnword) >= 0 &&				\
		      (argnword) <= MODSTUB_MAX_ARGNWORD,		\
		      "argnword of " #fn " out of range");		\
	__MODSTUB(fn, retfunc, MODSTUB_KIND_WEAK, argnword, 0, #retfunc, \
		  modstub_slow_ustub)

/**
 * MODSTUB_RETFUNC() - declare a custom retfunc
 * @fn: the stubbed function
 * @retfunc: its retfunc, defined in another source file of the stub module
 *
 * A retfunc is entered by a jump from the stub, with the caller's arguments:
 * it must have the type of the function it stands in for.  Declaring it with
 * that type makes any other declaration of it (in the API header, say) a
 * compile error.
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
 */
#define MODSTUB_END(realmod)						\
	static_assert(sizeof(struct modstub_hdr) == 40 &&		\
		      sizeof(struct modstub_ent) == __MODSTUB_ENT_SIZE); \
	asm(".pushsection " MODSTUB_SECTION ", \"aw\"\n"		\
	    ".set .Lmodstub_nstubs, .Lmodstub_count\n"			\
	    ".subsection 1\n"						\
	    ".Lmodstub_pool_end:\n"					\
	    ".subsection 0\n"						\
	    ".size __stubtab_" #realmod ", .Lmodstub_pool_end - .Lmodstub_hdr\n" \
	    ".popsection\n");						\
	static int __init modstub_init_##realmod(void)			\
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
#define __MODSTUB_REAL_ENT_SIZE	16

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
	    ".short " __MODSTUB_STR(MODSTUB_ABI_VERSION) "\n"		\
	    ".short .Lmodstub_real_ent0 - .Lmodstub_real_hdr\n"	\
	    ".short " __MODSTUB_STR(__MODSTUB_REAL_ENT_SIZE) "\n"	\
	    ".short 0\n"						\
	    ".long .Lmodstub_real_nfuncs\n"				\
	    ".long .Lmodstub_real_pool_end - .Lmodstub_real_hdr\n"	\
	    ".long .Lmodstub_real_h_module - .Lmodstub_real_hdr\n"	\
	    ".quad __stubtab_" #realmod "\n"			\
	    ".Lmodstub_real_ent0:\n"					\
	    __MODSTUB_STRING(".Lmodstub_real_h_module", #realmod)	\
	    ".set .Lmodstub_real_count, 0\n"				\
	    ".popsection\n");						\
	EXPORT_SYMBOL_GPL(__stubreal_##realmod)

/**
 * MODSTUB_REAL() - one real function reached through a stub
 * @fn: the function, defined in this module and declared by its API header
 * @kind: enum modstub_kind of its stub
 * @argnword: argnword of its stub (0 unless MODSTUB_USTUB)
 */
#define MODSTUB_REAL(fn, kind, argnword)				\
	asm(".pushsection " MODSTUB_REAL_SECTION ", \"a\"\n"		\
	    ".balign 8\n"						\
	    ".long .Lmodstub_real_s_" #fn " - .Lmodstub_real_hdr\n"	\
	    ".byte " __MODSTUB_STR(kind) "\n"				\
	    ".byte " __MODSTUB_STR(argnword) "\n"			\
	    ".short 0\n"						\
	    ".quad " #fn "\n"						\
	    __MODSTUB_STRING(".Lmodstub_real_s_" #fn, #fn)	\
	    ".set .Lmodstub_real_count, .Lmodstub_real_count + 1\n"	\
	    ".popsection\n");						\
	__MODSTUB_PROTO(fn)

/**
 * MODSTUB_REAL_END() - end the real-function table
 * @realmod: name of this module
 */
#define MODSTUB_REAL_END(realmod)					\
	static_assert(sizeof(struct modstub_real_hdr) == 32 &&		\
		      sizeof(struct modstub_real_ent) ==		\
		      __MODSTUB_REAL_ENT_SIZE);				\
	asm(".pushsection " MODSTUB_REAL_SECTION ", \"a\"\n"		\
	    ".set .Lmodstub_real_nfuncs, .Lmodstub_real_count\n"	\
	    ".subsection 1\n"						\
	    ".Lmodstub_real_pool_end:\n"				\
	    ".subsection 0\n"						\
	    ".size __stubreal_" #realmod ", .Lmodstub_real_pool_end - .Lmodstub_real_hdr\n" \
	    ".popsection\n")

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
