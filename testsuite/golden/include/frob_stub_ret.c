// SPDX-License-Identifier: GPL-2.0
/*
 * The custom retfunc of frob, linked into frob_stub.ko as a second object
 * (frob.modmeta names no retsource).  frob_stub.h, which modmetac writes,
 * declares it with the type of frob_query().
 */
#include <linux/errno.h>
#include "frob_stub.h"

long frob_query_failed(int unit, int what, long arg)
{
	return -EAGAIN;
}
