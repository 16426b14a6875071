/* SPDX-License-Identifier: GPL-2.0 */
/*
 * misc_register() makes /dev/NAME with CUSE (see <linux/fs.h>); the open
 * file's private_data is the miscdevice when the driver's open() is
 * called, as misc_open() leaves it.  The minor is CUSE's.
 */
#ifndef UDRV_LINUX_MISCDEVICE_H
#define UDRV_LINUX_MISCDEVICE_H

#include <linux/fs.h>

struct udrv_cuse;

#define MISC_DYNAMIC_MINOR	255

struct miscdevice {
	int minor;
	const char *name;
	const struct file_operations *fops;
	struct device *parent;
	const char *nodename;
	unsigned short mode;
	struct udrv_cuse *udrv;		/* the library's */
};

int misc_register(struct miscdevice *misc);
void misc_deregister(struct miscdevice *misc);

#endif
