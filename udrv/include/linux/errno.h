/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The UAPI errno values (which the C library's <errno.h> takes from the
 * same header), and the kernel's own above them.
 */
#ifndef UDRV_LINUX_ERRNO_H
#define UDRV_LINUX_ERRNO_H

#include_next <linux/errno.h>

#define ERESTARTSYS	512
#define EPROBE_DEFER	517
#define ENOTSUPP	524

#endif
