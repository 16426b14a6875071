// SPDX-License-Identifier: GPL-2.0
/* The real function of g_autoclean_default, for the build test. */
#include "golden_api.h"

long g_acd_a(long x) { return x; }
