// SPDX-License-Identifier: GPL-2.0
/* benchlib: benchlib_add(), exported the usual way. */
#include <linux/module.h>

#include "bench_api.h"

noinline long benchlib_add(long a, long b)
{
	return a + b;
}
EXPORT_SYMBOL_GPL(benchlib_add);

MODULE_DESCRIPTION("modstub benchmark: a function exported the usual way");
MODULE_LICENSE("GPL");
