/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A BUG() ends the driver's process (abort(), so that its supervisor sees
 * a crash and a core can be kept); a WARN() prints a line and goes on, as
 * in the kernel.
 */
#ifndef UDRV_LINUX_BUG_H
#define UDRV_LINUX_BUG_H

#include <linux/compiler.h>

__attribute__((noreturn)) void udrv_bug(const char *file, int line);
void udrv_warn(const char *file, int line, const char *cond);

#define BUG()		udrv_bug(__FILE__, __LINE__)
#define BUG_ON(c)	do { if (unlikely(c)) BUG(); } while (0)
#define WARN_ON(c) ({							\
	bool __c = !!(c);						\
	if (unlikely(__c))						\
		udrv_warn(__FILE__, __LINE__, #c);			\
	unlikely(__c);							\
})
#define WARN_ON_ONCE(c) ({						\
	static bool __warned;						\
	bool __c = !!(c);						\
	if (unlikely(__c) && !__warned) {				\
		__warned = true;					\
		udrv_warn(__FILE__, __LINE__, #c);			\
	}								\
	unlikely(__c);							\
})
#define WARN(c, fmt, ...)	WARN_ON(c)
#define BUILD_BUG_ON(c)		_Static_assert(!(c), "BUILD_BUG_ON(" #c ")")

#endif
