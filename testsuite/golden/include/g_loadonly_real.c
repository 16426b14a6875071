// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_loadonly, for the build test. */
#include "golden_api.h"

int glo_start(void) { return 0; }
