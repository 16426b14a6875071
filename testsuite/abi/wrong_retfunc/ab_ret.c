// SPDX-License-Identifier: GPL-2.0
/* A retfunc of the wrong type, that does not include ab_stub.h */
long ab_sum4_failed(long a, long b);

long ab_sum4_failed(long a, long b)
{
	return -1;
}
