/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* <stdlib.h> of a module program (see modrun_env.h) */
#ifndef _MODRUN_STDLIB_H
#define _MODRUN_STDLIB_H

#include "modrun_env.h"

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1

__MODRUN_AS(malloc);
__MODRUN_AS(calloc);
__MODRUN_AS(realloc);
__MODRUN_AS(free);
__MODRUN_NORETURN(exit, (int status), (status))
__MODRUN_AS(atexit);
/* the kernel declares an abort() of its own (6.9 on): ours is a macro */
__MODRUN_NORETURN_AS(__modrun_abort, modrun_abort, (void), ())
#define abort		__modrun_abort
__MODRUN_AS(strtol);
__MODRUN_AS(strtoul);
__MODRUN_AS(strtoll);
__MODRUN_AS(strtoull);
__MODRUN_AS(atoi);

#endif /* _MODRUN_STDLIB_H */
