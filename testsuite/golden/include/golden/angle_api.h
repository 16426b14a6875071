/* SPDX-License-Identifier: GPL-2.0 */
/* Found through the include path: header "<golden/angle_api.h>" */
#ifndef GOLDEN_ANGLE_API_H
#define GOLDEN_ANGLE_API_H

struct device;
int gah_probe(struct device *dev);

#endif
