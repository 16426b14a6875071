/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* <string.h> of a module program: the kernel's */
#ifndef _MODRUN_STRING_H
#define _MODRUN_STRING_H

#include <linux/string.h>

#endif /* _MODRUN_STRING_H */
