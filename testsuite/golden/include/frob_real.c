// SPDX-License-Identifier: GPL-2.0
/* The real functions of frob, for the build test. */
#include "frob_api.h"

int frob_start(int unit) { return unit; }

long frob_query(int unit, int what, long arg) { return unit + what + arg; }

void frob_exit(void) { }
