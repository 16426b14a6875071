// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include "ab_api.h"

long ab_s8(struct ab_s8 s) { return s.a; }
long ab_s16(struct ab_s16 s) { return s.a + s.b; }
long ab_s24(struct ab_s24 s) { return s.a + s.b + s.c; }
long ab_s32(struct ab_s32 s) { return s.a + s.b + s.c + s.d; }
long ab_mixed(int a, struct ab_s16 b, int c, int d, int e, struct ab_s16 f)
{
	return a + b.a + b.b + c + d + e + f.a + f.b;
}
long ab_ten(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6, u64 a7,
	    u64 a8, u64 a9, u64 a10)
{
	return a1 ^ a2 ^ a3 ^ a4 ^ a5 ^ a6 ^ a7 ^ a8 ^ a9 ^ a10;
}
struct ab_s16 ab_ret16(long x) { return (struct ab_s16){ x, x + 1 }; }
struct ab_s32 ab_ret32(long a, long b, long c, long d, long e, long f)
{
	return (struct ab_s32){ a + b, c, d, e + f };
}
long ab_wide(__int128 a, long b) { return (long)(a >> 64) + b; }
long ab_packed(struct ab_packed p) { return p.c + p.l; }
int ab_printf(const char *fmt, ...) { return 0; }
