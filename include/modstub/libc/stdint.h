/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* <stdint.h> of a module program: the kernel's */
#ifndef _MODRUN_STDINT_H
#define _MODRUN_STDINT_H

#include <linux/types.h>

#endif /* _MODRUN_STDINT_H */
