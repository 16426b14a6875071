// SPDX-License-Identifier: GPL-2.0
/*
 * shmx: the facility.  Counts the exits it saw, in
 * /sys/module/shmx/parameters/exits.
 */
#include <linux/atomic.h>
#include <linux/module.h>

#include "shmx_api.h"

static atomic_t exits_seen = ATOMIC_INIT(0);

static int exits_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&exits_seen));
}

static const struct kernel_param_ops exits_ops = {
	.get = exits_get,
};
module_param_cb(exits, &exits_ops, NULL, 0444);

void shmx_exit(int client)
{
	atomic_inc(&exits_seen);
}
