/* SPDX-License-Identifier: GPL-2.0 */
/* Functions whose argument words only their types tell */
#ifndef AB_API_H
#define AB_API_H

#include <linux/types.h>

struct ab_s8 { long a; };
struct ab_s16 { long a, b; };
struct ab_s24 { long a, b, c; };
struct ab_s32 { long a, b, c, d; };
struct ab_packed { char c; long l; } __attribute__((packed));

long ab_s8(struct ab_s8 s);
long ab_s16(struct ab_s16 s);
long ab_s24(struct ab_s24 s);
long ab_s32(struct ab_s32 s);
long ab_mixed(int a, struct ab_s16 b, int c, int d, int e, struct ab_s16 f);
long ab_ten(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6, u64 a7,
	    u64 a8, u64 a9, u64 a10);
struct ab_s16 ab_ret16(long x);
struct ab_s32 ab_ret32(long a, long b, long c, long d, long e, long f);
long ab_wide(__int128 a, long b);
long ab_packed(struct ab_packed p);
int ab_printf(const char *fmt, ...);

#endif
