// SPDX-License-Identifier: GPL-2.0
/* A retfunc of the wrong type, checked by the declaration of ab_stub.h */
#include "ab_stub.h"

long ab_sum4_failed(long a, long b)
{
	return -1;
}
