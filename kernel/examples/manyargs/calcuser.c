// SPDX-License-Identifier: GPL-2.0
/*
 * calcuser: calls calc_poly() through its ustub.  Writing "x c0 ... c6" to
 * /sys/module/calcuser/parameters/poly evaluates; reading gives the last
 * result.
 */
#include <linux/kernel.h>
#include <linux/module.h>

#include "calc_api.h"

static long last;

static int poly_set(const char *val, const struct kernel_param *kp)
{
	long a[8];

	if (sscanf(val, "%ld %ld %ld %ld %ld %ld %ld %ld", &a[0], &a[1], &a[2],
		   &a[3], &a[4], &a[5], &a[6], &a[7]) != 8)
		return -EINVAL;
	last = calc_poly(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
	return 0;
}

static int poly_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%ld\n", last);
}

static const struct kernel_param_ops poly_ops = {
	.set = poly_set,
	.get = poly_get,
};
module_param_cb(poly, &poly_ops, NULL, 0600);

MODULE_DESCRIPTION("Example: caller of calc_poly() through a ustub");
MODULE_LICENSE("GPL");
