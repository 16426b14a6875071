/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* <errno.h> of a module program (see modrun_env.h): per thread */
#ifndef _MODRUN_ERRNO_H
#define _MODRUN_ERRNO_H

#include <linux/errno.h>

#include "modrun_env.h"

#define errno		(*modrun_errno_location())

#endif /* _MODRUN_ERRNO_H */
