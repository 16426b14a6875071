/* SPDX-License-Identifier: GPL-2.0 */
#ifndef UDRV_LINUX_INIT_H
#define UDRV_LINUX_INIT_H

#include <linux/types.h>

#endif
