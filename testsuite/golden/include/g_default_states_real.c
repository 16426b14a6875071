// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_default_states, for the build test. */
#include "golden_api.h"

int gds_run(void) { return 0; }
