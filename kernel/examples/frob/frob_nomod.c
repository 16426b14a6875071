// SPDX-License-Identifier: GPL-2.0
/*
 * The custom retfunc of frob, named by "retsource" in frob.modmeta and
 * included into the generated frob_stub.c.  It stays loaded with the stub
 * module and answers frob_query() when frob cannot be loaded.
 */
#include <linux/errno.h>

long frob_query_failed(int unit, int what, long arg)
{
	return -EAGAIN;
}
