// SPDX-License-Identifier: GPL-2.0
/*
 * The retfuncs of targs's struct-returning functions (its retsource): no
 * standard retfunc can build a struct.
 */
struct targs_s16 targs_r16_failed(u64 x, u64 y)
{
	return (struct targs_s16){ 0xdead, 16 };
}

struct targs_s32 targs_r32_failed(u64 a, u64 b, u64 c, u64 d, u64 e, u64 f)
{
	return (struct targs_s32){ 0xdead, 32, 0, 0 };
}
