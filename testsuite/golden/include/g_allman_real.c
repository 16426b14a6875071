// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_allman, for the build test. */
#include "golden_api.h"

int gal_go(void) { return 0; }
