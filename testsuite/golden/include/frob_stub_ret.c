// SPDX-License-Identifier: GPL-2.0
/*
 * The custom retfunc of frob, linked into frob_stub.ko as a second object
 * (frob.modmeta names no retsource).
 */
#include <linux/errno.h>
#include "frob_api.h"

long frob_query_failed(int unit, int what, long arg);

long frob_query_failed(int unit, int what, long arg)
{
	return -EAGAIN;
}
