// SPDX-License-Identifier: GPL-2.0
/*
 * procx: the "core" that calls the exit hook for each exiting client.  A
 * client exit is simulated by writing its number to
 * /sys/module/procx/parameters/exit_client.
 */
#include <linux/kernel.h>
#include <linux/module.h>

#include "shmx_api.h"

static int exit_client_set(const char *val, const struct kernel_param *kp)
{
	int client;
	int err = kstrtoint(val, 0, &client);

	if (err)
		return err;
	shmx_exit(client);	/* a weak stub: never loads shmx */
	return 0;
}

static const struct kernel_param_ops exit_client_ops = {
	.set = exit_client_set,
};
module_param_cb(exit_client, &exit_client_ops, NULL, 0200);

MODULE_DESCRIPTION("Example: the core that calls shmx's exit hook");
MODULE_LICENSE("GPL");
