// SPDX-License-Identifier: GPL-2.0
/* calc: evaluates polynomials.  Unloadable: callers hold it per call. */
#include <linux/module.h>

#include "calc_api.h"

long calc_poly(long x, long c0, long c1, long c2, long c3, long c4, long c5,
	       long c6)
{
	long c[] = { c6, c5, c4, c3, c2, c1, c0 };
	long v = 0;
	int i;

	for (i = 0; i < ARRAY_SIZE(c); i++)
		v = v * x + c[i];
	return v;
}
