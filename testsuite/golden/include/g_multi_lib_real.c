// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_multi_lib, for the build test. */
#include "golden_api.h"

int gmm_compute(int x) { return 2 * x; }
