// SPDX-License-Identifier: GPL-2.0
/*
 * pinger: a module of one source file whose functions another module
 * calls.  Before modstub it exported them itself; now pinger_stub.ko
 * exports them, and pinger.ko is loaded on the first call.
 */
#include <linux/atomic.h>
#include <linux/module.h>

#include "pinger.h"

static atomic_t pings = ATOMIC_INIT(0);

int pinger_ping(int n)
{
	atomic_inc(&pings);
	return PINGER_STEP * n + 1;
}

unsigned int pinger_count(void)
{
	return atomic_read(&pings);
}

static int __init pinger_init(void)
{
	pr_info("pinger: loaded\n");
	return 0;
}

static void __exit pinger_exit(void)
{
	pr_info("pinger: unloaded after %u pings\n", pinger_count());
}

module_init(pinger_init);
module_exit(pinger_exit);
