/* SPDX-License-Identifier: GPL-2.0 */
/*
 * targs: functions whose arguments and return values take the paths of
 * the x86-64 calling convention that the type of a function decides: by
 * value structs of 8, 16, 24 and 32 bytes (in registers, or on the stack
 * when larger than 16 bytes or when the registers are used up), struct
 * returns in %rax:%rdx and through a hidden pointer, ten 64-bit arguments.
 * The same functions exist once per stub kind (stub, ustub, wstub), so
 * that each kind's path carries each shape.
 */
#ifndef TARGS_API_H
#define TARGS_API_H

#include <linux/types.h>

struct targs_s8 { u64 a; };
struct targs_s16 { u64 a, b; };
struct targs_s24 { u64 a, b, c; };
struct targs_s32 { u64 a, b, c, d; };

#define TARGS_DECLARE(k)						\
u64 targs_s8_##k(struct targs_s8 s, u64 x);				\
u64 targs_s16_##k(u64 x, struct targs_s16 s);				\
u64 targs_s24_##k(struct targs_s24 s, u64 x);				\
u64 targs_s32_##k(u64 x, struct targs_s32 s, u64 y);			\
struct targs_s16 targs_r16_##k(u64 x, u64 y);				\
struct targs_s32 targs_r32_##k(u64 a, u64 b, u64 c, u64 d, u64 e,	\
			       u64 f);					\
u64 targs_ten_##k(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6,	\
		  u64 a7, u64 a8, u64 a9, u64 a10);			\
u64 targs_mix_##k(u32 a, struct targs_s16 b, u8 c, u16 d, u32 e,	\
		  struct targs_s16 f, struct targs_s8 g)

TARGS_DECLARE(stub);
TARGS_DECLARE(ustub);
TARGS_DECLARE(wstub);

/*
 * What each function computes, for targs and its caller alike: a hash in
 * which every argument word counts, at its place.
 */
static inline u64 targs_mix(u64 h, u64 v)
{
	return (h ^ v) * 0x100000001b3ULL + 0x9e3779b97f4a7c15ULL;
}

#define TARGS_SEED	0xcbf29ce484222325ULL

#endif
