// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_ustub_args, for the build test. */
#include "golden_api.h"

long gua_none(void) { return 0; }

long gua_eight(long a1, long a2, long a3, long a4, long a5, long a6,
	       long a7, long a8)
{
	return a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8;
}

long gua_many(long a1, long a2, long a3, long a4, long a5, long a6,
	      long a7, long a8, long a9, long a10, long a11, long a12,
	      long a13, long a14, long a15, long a16)
{
	return a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 +
	       a13 + a14 + a15 + a16;
}
