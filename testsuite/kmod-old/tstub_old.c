// SPDX-License-Identifier: GPL-2.0
/* The older tstub: ../kmod/tstub_core.c without tstub_slow() and tstub_wslow(). */
#define TSTUB_OLD
#include "tstub_core.c"
