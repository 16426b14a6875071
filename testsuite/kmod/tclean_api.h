/* SPDX-License-Identifier: GPL-2.0 */
#ifndef TCLEAN_API_H
#define TCLEAN_API_H

long tclean_get(long x);
long tclean_slow(long ms);

#endif
