// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_weak_only, for the build test. */
#include "golden_api.h"

void gwo_notify(void) { }

int gwo_count(void) { return 1; }
