/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* <stddef.h> of a module program: the kernel's */
#ifndef _MODRUN_STDDEF_H
#define _MODRUN_STDDEF_H

#include <linux/stddef.h>

#endif /* _MODRUN_STDDEF_H */
