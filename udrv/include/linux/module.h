/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A driver's module_init() and module_exit() functions are what the
 * process runs after it has taken its device and before it lets it go
 * (udrv/main.c); the MODULE_*() tags are kept for --help and the log.
 */
#ifndef UDRV_LINUX_MODULE_H
#define UDRV_LINUX_MODULE_H

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

struct module {
	const char *name;
};

extern struct module udrv_this_module;
#define THIS_MODULE	(&udrv_this_module)
/* as Kbuild, the build gives the driver's name: -DKBUILD_MODNAME='"edu"' */
#ifndef KBUILD_MODNAME
#error "KBUILD_MODNAME is not defined: build with the rules of mk/modstub.mk"
#endif

void udrv_set_init(int (*fn)(void));
void udrv_set_exit(void (*fn)(void));
void udrv_set_info(const char *tag, const char *value);

#define module_init(fn)							\
	static void __attribute__((constructor)) __udrv_init_##fn(void)	\
	{ udrv_set_init(fn); }
#define module_exit(fn)							\
	static void __attribute__((constructor)) __udrv_exit_##fn(void)	\
	{ udrv_set_exit(fn); }
#define __UDRV_INFO(tag, value, id)					\
	static void __attribute__((constructor)) __udrv_info_##id(void)	\
	{ udrv_set_info(tag, value); }
#define __UDRV_INFO_ID(tag, value, id)	__UDRV_INFO(tag, value, id)
#define MODULE_LICENSE(s)	__UDRV_INFO_ID("license", s, __COUNTER__)
#define MODULE_AUTHOR(s)	__UDRV_INFO_ID("author", s, __COUNTER__)
#define MODULE_DESCRIPTION(s)	__UDRV_INFO_ID("description", s, __COUNTER__)
#define MODULE_VERSION(s)	__UDRV_INFO_ID("version", s, __COUNTER__)
#define MODULE_DEVICE_TABLE(type, name)
#define MODULE_IMPORT_NS(ns)

static inline bool try_module_get(struct module *m)
{
	(void)m;
	return true;
}

static inline void module_put(struct module *m)
{
	(void)m;
}

#endif
