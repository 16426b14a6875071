// SPDX-License-Identifier: GPL-2.0
/* A driver calling what the emulation does not have: a build error. */
#include <linux/pci.h>

static int bad_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return pci_enable_msix_range(pdev, NULL, 1, 1);
}

static const struct pci_device_id bad_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },
	{ }
};

static struct pci_driver bad_driver = {
	.name = KBUILD_MODNAME,
	.id_table = bad_ids,
	.probe = bad_probe,
};
module_pci_driver(bad_driver);
MODULE_LICENSE("GPL");
