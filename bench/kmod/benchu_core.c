// SPDX-License-Identifier: GPL-2.0
/* benchu: reached through an unloadable and a weak stub of benchu_stub. */
#include <linux/module.h>

#include "bench_api.h"

noinline long bu_add(long a, long b)
{
	return a + b;
}

noinline long bu_wadd(long a, long b)
{
	return a + b;
}
