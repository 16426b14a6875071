/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How a function is called, by the x86-64 SysV ABI, from its DWARF type.
 */
#ifndef STUBGEN_FNABI_H
#define STUBGEN_FNABI_H

#include <stdbool.h>

#include "proto.h"

/* How a function returns its value */
enum fnabi_ret {
	RET_VOID,
	RET_BOOL,		/* _Bool, in %al */
	RET_INT,		/* an integer or enum of up to 8 bytes, %rax */
	RET_POINTER,		/* %rax */
	RET_INT128,		/* %rax:%rdx */
	RET_AGGREGATE,		/* a struct or union of up to 16 bytes, %rax:%rdx */
	RET_MEMORY,		/* a struct or union through a hidden pointer */
	RET_FLOAT,		/* floating point: not in kernel code */
};

struct fn_abi {
	unsigned int reg_words;		/* argument registers, the hidden
					 * pointer of RET_MEMORY included */
	unsigned int stack_words;	/* 8-byte stack slots, padding included */
	unsigned int argnword;		/* as <modstub/abi.h> defines it */
	bool variadic;
	const char *unsupported;	/* an argument no stub can pass, why */
	enum fnabi_ret ret;
	unsigned int ret_size;
	bool ret_signed;
};

/**
 * fnabi_get() - how a function is called
 * @pf: the file
 * @fn: the function
 * @src: where to take its type from
 * @out: filled in
 *
 * Classifies the parameters and the return value of @fn as the x86-64
 * SysV ABI does for kernel code (no SSE registers): integers, enums and
 * pointers take an argument register each, __int128 two; a struct or
 * union of up to 16 bytes whose members are all at aligned offsets takes
 * one register per eightbyte if that many are left, else goes on the
 * stack whole; a larger one always goes on the stack, in as many 8-byte
 * slots as it needs, aligned as it is; a struct or union returned by
 * value that is larger than 16 bytes is written through a hidden pointer,
 * passed in the first register.  A floating-point or vector value, or an
 * argument aligned beyond 16 bytes, sets ->unsupported.
 *
 * Return: as proto_get().
 */
int fnabi_get(struct proto_file *pf, const char *fn, enum proto_source src,
	      struct fn_abi *out);

/* "void", "_Bool", "an integer", ... for messages */
const char *fnabi_ret_name(enum fnabi_ret ret);

#endif /* STUBGEN_FNABI_H */
