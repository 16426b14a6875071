/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* <unistd.h> of a module program (see modrun_env.h) */
#ifndef _MODRUN_UNISTD_H
#define _MODRUN_UNISTD_H

#include "modrun_env.h"

#define STDIN_FILENO	0
#define STDOUT_FILENO	1
#define STDERR_FILENO	2

__MODRUN_AS(write);
__MODRUN_AS(read);
__MODRUN_AS(sleep);
__MODRUN_AS(usleep);
__MODRUN_AS(pause);

#endif /* _MODRUN_UNISTD_H */
