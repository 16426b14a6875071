/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * <signal.h> of a module program (see modrun_env.h): signal() for SIGINT
 * and SIGTERM.  The signal numbers and SIG_DFL, SIG_IGN and SIG_ERR are
 * the kernel's own (<linux/signal.h>), of the same values and type as the
 * C library's.
 */
#ifndef _MODRUN_SIGNAL_H
#define _MODRUN_SIGNAL_H

#include <linux/signal.h>

#include "modrun_env.h"

typedef modrun_sighandler_t sighandler_t;
typedef int sig_atomic_t;

__MODRUN_AS(signal);

#endif /* _MODRUN_SIGNAL_H */
