/* SPDX-License-Identifier: GPL-2.0 */
#ifndef UDRV_LINUX_MOD_DEVICETABLE_H
#define UDRV_LINUX_MOD_DEVICETABLE_H

#include <linux/types.h>

typedef unsigned long kernel_ulong_t;

#define PCI_ANY_ID	(~0u)

struct pci_device_id {
	__u32 vendor, device;
	__u32 subvendor, subdevice;
	__u32 class, class_mask;
	kernel_ulong_t driver_data;
	__u32 override_only;
};

#endif
