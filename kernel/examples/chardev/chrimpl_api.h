/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CHRIMPL_API_H
#define CHRIMPL_API_H

#include <linux/fs.h>

int chrimpl_open(struct inode *inode, struct file *file);
ssize_t chrimpl_read(struct file *file, char __user *buf, size_t len,
		     loff_t *ppos);
int chrimpl_release(struct inode *inode, struct file *file);

#endif
