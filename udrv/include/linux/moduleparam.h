/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module parameters are NAME=VALUE arguments of the driver's process, as
 * of insmod; types bool, int, uint, long, ulong, charp.
 */
#ifndef UDRV_LINUX_MODULEPARAM_H
#define UDRV_LINUX_MODULEPARAM_H

#include <linux/types.h>

enum udrv_param_type {
	UDRV_PARAM_bool, UDRV_PARAM_int, UDRV_PARAM_uint, UDRV_PARAM_long,
	UDRV_PARAM_ulong, UDRV_PARAM_charp,
};

typedef bool udrv_param_bool;
typedef int udrv_param_int;
typedef unsigned int udrv_param_uint;
typedef long udrv_param_long;
typedef unsigned long udrv_param_ulong;
typedef char *udrv_param_charp;

void udrv_add_param(const char *name, enum udrv_param_type type, void *var);
void udrv_param_desc(const char *name, const char *desc);

#define module_param(name, type, perm)					\
	_Static_assert(__builtin_types_compatible_p(__typeof__(name),	\
						    udrv_param_##type),	\
		       "module_param(" #name "): not of type " #type);	\
	static void __attribute__((constructor)) __udrv_param_##name(void) \
	{ udrv_add_param(#name, UDRV_PARAM_##type, &(name)); }
#define MODULE_PARM_DESC(name, desc)					\
	static void __attribute__((constructor)) __udrv_pdesc_##name(void) \
	{ udrv_param_desc(#name, desc); }

#endif
