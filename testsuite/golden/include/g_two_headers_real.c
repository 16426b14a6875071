// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_two_headers, for the build test. */
#include "golden_api.h"
#include "golden_more.h"

int gth_first(void) { return 1; }

long gth_second(void) { return 2; }
