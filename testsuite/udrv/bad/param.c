// SPDX-License-Identifier: GPL-2.0
/* A module parameter of the wrong type: a build error naming it. */
#include <linux/module.h>

static int crash;
module_param(crash, bool, 0444);
