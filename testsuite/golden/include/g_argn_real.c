// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_argn, for the build test. */
#include "golden_api.h"

long gan_pair(struct gan_pair p, int x) { return p.a + p.b + x; }

long gan_wide(long a1, long a2, long a3, long a4, long a5, struct gan_pair p)
{
	return a1 + a5 + p.b;
}

long gan_given(long a1, long a2, long a3, long a4, long a5, long a6,
	       long a7, long a8)
{
	return a1 + a8;
}
