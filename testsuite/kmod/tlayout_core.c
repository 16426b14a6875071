// SPDX-License-Identifier: GPL-2.0
/*
 * tlayout: reads the struct its callers pass.  Built with TLAYOUT_V2 (in
 * ../kmod-v2), it reads name where the callers of version 1 put nothing:
 * called by them, it would dereference what lies beyond their struct.
 */
#include <linux/module.h>
#include <linux/string.h>

#include "tlayout_api.h"

long tl_query(const struct tl_dev *dev)
{
	return dev->unit * 1000 + dev->count + strlen(dev->name);
}
