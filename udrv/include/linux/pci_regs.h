/* SPDX-License-Identifier: GPL-2.0 */
/* The UAPI header of PCI's registers, as the kernel's <linux/pci_regs.h>. */
#ifndef UDRV_LINUX_PCI_REGS_H
#define UDRV_LINUX_PCI_REGS_H

#include_next <linux/pci_regs.h>

#endif
