/* SPDX-License-Identifier: GPL-2.0 */
#ifndef TSTUB_API_H
#define TSTUB_API_H

struct inode;
struct file;

long tstub_get(long x);
int tstub_open(struct inode *inode, struct file *file);
long tstub_sum8(long a1, long a2, long a3, long a4, long a5, long a6,
		long a7, long a8);
long tstub_sum10(long a1, long a2, long a3, long a4, long a5, long a6,
		 long a7, long a8, long a9, long a10);
long tstub_slow(long ms);
long tstub_wslow(long ms);

/* exported by tuser, called by tstub's init when selfcall=1 */
long tuser_kick(long x);

#endif
