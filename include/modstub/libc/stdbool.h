/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* <stdbool.h> of a module program: the kernel's */
#ifndef _MODRUN_STDBOOL_H
#define _MODRUN_STDBOOL_H

#include <linux/types.h>

#endif /* _MODRUN_STDBOOL_H */
