/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "User" memory is the buffer of the request being served on this thread
 * (the data of a write, the room for a read, an ioctl's argument as
 * _IOC_SIZE() of its command gives it): copies to or from anything else
 * copy nothing and return the whole count, as a fault does.
 */
#ifndef UDRV_LINUX_UACCESS_H
#define UDRV_LINUX_UACCESS_H

#include <linux/types.h>

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n);

#define put_user(x, ptr) ({						\
	__typeof__(*(ptr)) __pu = (x);					\
	copy_to_user(ptr, &__pu, sizeof(__pu)) ? -EFAULT : 0;		\
})
#define get_user(x, ptr) ({						\
	__typeof__(*(ptr)) __gu;					\
	int __r = copy_from_user(&__gu, ptr, sizeof(__gu)) ? -EFAULT : 0; \
	(x) = __r ? 0 : __gu;						\
	__r;								\
})

#endif
