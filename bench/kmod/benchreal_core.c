// SPDX-License-Identifier: GPL-2.0
/* benchreal: reached through a strong and a weak stub of benchreal_stub. */
#include <linux/module.h>

#include "bench_api.h"

noinline long breal_add(long a, long b)
{
	return a + b;
}

noinline long breal_wadd(long a, long b)
{
	return a + b;
}
