// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_retsource, for the build test. */
#include "golden_api.h"

int grs_get(int key) { return key; }

int grs_get_alt(int key) { return -key; }

const char *grs_name(void) { return "g_retsource"; }
