/* SPDX-License-Identifier: GPL-2.0 */
#ifndef AB_API_H
#define AB_API_H

struct ab_pair { long x, y; };
struct ab_big { long v[4]; };

int ab_open(int minor);
long ab_sum4(long a, long b, long c, long d);
int ab_log(const char *fmt, ...);
struct ab_pair ab_pair_of(long x);
struct ab_big ab_big_of(long x);
const char *ab_name(int id);

#endif
