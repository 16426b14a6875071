// SPDX-License-Identifier: GPL-2.0
/* chrimpl: what /dev/stubchr does.  Reading it gives a greeting. */
#include <linux/fs.h>
#include <linux/module.h>

#include "chrimpl_api.h"

static const char greeting[] = "hello from chrimpl\n";

int chrimpl_open(struct inode *inode, struct file *file)
{
	return 0;
}

ssize_t chrimpl_read(struct file *file, char __user *buf, size_t len,
		     loff_t *ppos)
{
	return simple_read_from_buffer(buf, len, ppos, greeting,
				       sizeof(greeting) - 1);
}

int chrimpl_release(struct inode *inode, struct file *file)
{
	return 0;
}
