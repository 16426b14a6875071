// SPDX-License-Identifier: GPL-2.0
/*
 * chrdev: registers /dev/stubchr, whose file operations are chrimpl's
 * stubs.  Loading chrdev does not load chrimpl; opening the device does.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include "chrimpl_api.h"

static const struct file_operations stubchr_fops = {
	.owner = THIS_MODULE,
	.open = chrimpl_open,
	.read = chrimpl_read,
	.release = chrimpl_release,
	.llseek = noop_llseek,
};

static struct miscdevice stubchr = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "stubchr",
	.fops = &stubchr_fops,
};

static int __init chrdev_init(void)
{
	return misc_register(&stubchr);
}

static void __exit chrdev_exit(void)
{
	misc_deregister(&stubchr);
}

module_init(chrdev_init);
module_exit(chrdev_exit);

MODULE_DESCRIPTION("Example: a character device whose file operations are stubs");
MODULE_LICENSE("GPL");
