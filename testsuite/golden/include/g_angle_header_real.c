// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_angle_header, for the build test. */
#include <golden/angle_api.h>

int gah_probe(struct device *dev) { return 0; }
