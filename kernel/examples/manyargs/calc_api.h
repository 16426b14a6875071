/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CALC_API_H
#define CALC_API_H

/* c0 + c1*x + ... + c6*x^6 */
long calc_poly(long x, long c0, long c1, long c2, long c3, long c4, long c5,
	       long c6);

#endif
