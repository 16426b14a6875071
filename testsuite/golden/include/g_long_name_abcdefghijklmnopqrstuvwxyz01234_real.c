// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_long_name_abcdefghijklmnopqrstuvwxyz01234, for the build test. */
#include "golden_api.h"

int gln_call(void) { return 0; }
