// SPDX-License-Identifier: GPL-2.0
/*
 * targs: the real module of the argument-passing tests.  Each function
 * hashes its arguments in order (targs_mix()); the struct-returning ones
 * build their result from them.
 */
#include <linux/module.h>

#include "targs_api.h"

#define TARGS_DEFINE(k)							\
u64 targs_s8_##k(struct targs_s8 s, u64 x)				\
{									\
	return targs_mix(targs_mix(TARGS_SEED, s.a), x);		\
}									\
u64 targs_s16_##k(u64 x, struct targs_s16 s)				\
{									\
	return targs_mix(targs_mix(targs_mix(TARGS_SEED, x), s.a), s.b); \
}									\
u64 targs_s24_##k(struct targs_s24 s, u64 x)				\
{									\
	u64 h = targs_mix(TARGS_SEED, s.a);				\
									\
	h = targs_mix(targs_mix(h, s.b), s.c);				\
	return targs_mix(h, x);						\
}									\
u64 targs_s32_##k(u64 x, struct targs_s32 s, u64 y)			\
{									\
	u64 h = targs_mix(TARGS_SEED, x);				\
									\
	h = targs_mix(targs_mix(h, s.a), s.b);				\
	h = targs_mix(targs_mix(h, s.c), s.d);				\
	return targs_mix(h, y);						\
}									\
struct targs_s16 targs_r16_##k(u64 x, u64 y)				\
{									\
	return (struct targs_s16){ x * 3, y ^ x };			\
}									\
struct targs_s32 targs_r32_##k(u64 a, u64 b, u64 c, u64 d, u64 e,	\
			       u64 f)					\
{									\
	return (struct targs_s32){ a + b, c * 5, d ^ e, f - a };	\
}									\
u64 targs_ten_##k(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6,	\
		  u64 a7, u64 a8, u64 a9, u64 a10)			\
{									\
	u64 v[] = { a1, a2, a3, a4, a5, a6, a7, a8, a9, a10 };		\
	u64 h = TARGS_SEED;						\
	int i;								\
									\
	for (i = 0; i < ARRAY_SIZE(v); i++)				\
		h = targs_mix(h, v[i]);					\
	return h;							\
}									\
u64 targs_mix_##k(u32 a, struct targs_s16 b, u8 c, u16 d, u32 e,	\
		  struct targs_s16 f, struct targs_s8 g)		\
{									\
	u64 v[] = { a, b.a, b.b, c, d, e, f.a, f.b, g.a };		\
	u64 h = TARGS_SEED;						\
	int i;								\
									\
	for (i = 0; i < ARRAY_SIZE(v); i++)				\
		h = targs_mix(h, v[i]);					\
	return h;							\
}

TARGS_DEFINE(stub)
TARGS_DEFINE(ustub)
TARGS_DEFINE(wstub)
