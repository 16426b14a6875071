/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tlayout: a function that takes a struct by pointer, the struct gaining a
 * member in a second version of the real module (TLAYOUT_V2, built in
 * ../kmod-v2) while its stub module and callers keep the first.
 */
#ifndef TLAYOUT_API_H
#define TLAYOUT_API_H

struct tl_dev {
	int unit;
	long count;
#ifdef TLAYOUT_V2
	void *extra;		/* what version 2 added */
#endif
	const char *name;
};

long tl_query(const struct tl_dev *dev);

#endif
