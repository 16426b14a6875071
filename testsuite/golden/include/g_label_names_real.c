// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_label_names, for the build test. */
#include "golden_api.h"

int stubmod(void) { return 1; }

int hdr(void) { return 2; }

int count(void) { return 3; }
