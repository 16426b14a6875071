// SPDX-License-Identifier: GPL-2.0
/* ../kmod/tuser.c, built against the plain tstub's exports. */
#include "tuser.c"
