/* SPDX-License-Identifier: GPL-2.0 */
#ifndef UDRV_LINUX_STRING_H
#define UDRV_LINUX_STRING_H

#include <string.h>
#include <linux/types.h>

ssize_t strscpy(char *dst, const char *src, size_t count);

#endif
