// SPDX-License-Identifier: GPL-2.0
/* g_wno_flag.modmeta has no license: the module's C sources give it. */
#include <linux/module.h>

MODULE_LICENSE("GPL");
