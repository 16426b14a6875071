/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* <limits.h> of a module program: the kernel's */
#ifndef _MODRUN_LIMITS_H
#define _MODRUN_LIMITS_H

#include <linux/limits.h>

#endif /* _MODRUN_LIMITS_H */
