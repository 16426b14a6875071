/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* <ctype.h> of a module program: the kernel's */
#ifndef _MODRUN_CTYPE_H
#define _MODRUN_CTYPE_H

#include <linux/ctype.h>

#endif /* _MODRUN_CTYPE_H */
