/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GOLDEN_MORE_H
#define GOLDEN_MORE_H

long gth_second(void);

#endif
