// SPDX-License-Identifier: GPL-2.0
/* A file operation CUSE cannot serve: a build error naming it. */
#include <linux/fs.h>

static int bad_mmap(struct file *file, void *vma)
{
	return 0;
}

const struct file_operations bad_fops = {
	.mmap = bad_mmap,
};
