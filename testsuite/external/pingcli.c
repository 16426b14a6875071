// SPDX-License-Identifier: GPL-2.0
/*
 * pingcli: calls pinger.  Parameter "ping": how many pings its init sends
 * (0: none, so that loading pingcli loads only pinger's stub module).
 */
#include <linux/module.h>

#include "pinger.h"

static int ping;
module_param(ping, int, 0444);

static int __init pingcli_init(void)
{
	int i;

	pr_info("pingcli: count before %u\n", pinger_count());
	for (i = 1; i <= ping; i++)
		pr_info("pingcli: ping %d -> %d\n", i, pinger_ping(i));
	pr_info("pingcli: count after %u\n", pinger_count());
	return 0;
}

static void __exit pingcli_exit(void)
{
}

module_init(pingcli_init);
module_exit(pingcli_exit);

MODULE_DESCRIPTION("modstub test: calls pinger");
MODULE_LICENSE("GPL");
