/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* <time.h> of a module program (see modrun_env.h) */
#ifndef _MODRUN_TIME_H
#define _MODRUN_TIME_H

#include "modrun_env.h"

#define CLOCK_REALTIME	0
#define CLOCK_MONOTONIC	1
#define timespec	modrun_timespec

__MODRUN_AS(nanosleep);
__MODRUN_AS(clock_gettime);

#endif /* _MODRUN_TIME_H */
