// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_weak_only, for the build test. */
#include "golden_api.h"

void gwo_notify(void) { }

int gwo_count(void) { return 1; }

long gwo_many(long a1, long a2, long a3, long a4, long a5, long a6,
	      long a7, long a8)
{
	return a1 + a8;
}
