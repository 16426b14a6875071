/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The words modstub's parts agree on: the .modinfo keys of a modmeta
 * module, its states, load times and autoload classes, the standard
 * retfuncs of stubcore and the kernel's limits on names.  Each is written
 * here once: modmetac writes them, stubgen and modstate read them, and
 * stubcore defines the retfuncs from the same list.  modmeta(5) is the
 * reference for what they mean.
 *
 * Lists are X-macros: MODMETA_STATES(X) expands to X(UNUSED, "unused")
 * and so on, in the order that gives each its number (STATES in bit order,
 * as in struct module and modstate's enum state).  Plain macros only, so
 * that the header serves C in and out of the kernel alike.
 */
#ifndef _MODSTUB_VOCAB_H
#define _MODSTUB_VOCAB_H

/*
 * The longest module name: the kernel's MODULE_NAME_LEN (64 - sizeof(long)
 * on 64-bit) less its NUL.  A versioned symbol (one with a modversions
 * CRC) has the same limit: struct modversion_info holds its name in as
 * many bytes.
 */
#define MODSTUB_MODNAME_MAX	55
#define MODSTUB_VERSIONED_MAX	55

/* A stub module is its real module's name and this */
#define MODSTUB_STUBMOD_SUFFIX	"_stub"

/* The .modinfo keys written by the modmeta wrapper (MODULE_INFO) */
#define MODINFO_TYPE		"modmeta_type"
#define MODINFO_STATES		"modmeta_states"
#define MODINFO_LOADTIMES	"modmeta_loadtimes"
#define MODINFO_UNLOADABLE	"modmeta_unloadable"
#define MODINFO_STUBMODULE	"modmeta_stubmodule"
#define MODINFO_REALMODULE	"modmeta_realmodule"
/* autoclean: the delay in ms, and the veto function if there is one */
#define MODINFO_AUTOCLEAN	"modmeta_autoclean"
#define MODINFO_AUTOCLEAN_VETO	"modmeta_autoclean_veto"

/*
 * The user-space drivers' manager, udrvd(8): its configuration (the
 * directory is where modstate writes the rules of a module in state
 * user) and its control socket
 */
#define MODSTUB_UDRV_CONFIG	"/etc/modstub/udrv.conf"
#define MODSTUB_UDRV_CONFIG_DIR	"/etc/modstub/udrv.d"
#define MODSTUB_UDRVD_SOCKET	"/run/modstub/udrvd.sock"

/* The states of a module, in bit order */
#define MODMETA_STATES(X)						\
	X(UNUSED, "unused")						\
	X(STATIC, "static")						\
	X(LOADED, "loaded")						\
	X(AUTO, "auto")							\
	X(USER, "user")

/* When a module in state loaded is loaded, in bit order */
#define MODMETA_LOADTIMES(X)						\
	X(EARLY_BOOT, "early_boot_load")				\
	X(BOOT, "boot_load")						\
	X(RUN, "run_load")

/* The autoload classes, numbered in this order */
#define MODMETA_CLASSES(X)						\
	X(LOADONLY, "loadonly")						\
	X(UNLOADABLE, "unloadable")

/*
 * The standard retfuncs of stubcore: X(NAME, VALUE) for those that return
 * long VALUE; nomod_void returns nothing.  stubcore defines and exports
 * each nomod_NAME; <modstub/stubcore.h> declares them.
 */
#define MODSTUB_RETFUNCS(X)						\
	X(zero, 0)							\
	X(minus_one, -1)						\
	X(einval, -EINVAL)						\
	X(enosys, -ENOSYS)						\
	X(enodev, -ENODEV)						\
	X(enoent, -ENOENT)
#define MODSTUB_RETFUNC_PREFIX	"nomod_"
#define MODSTUB_RETFUNC_VOID	"nomod_void"

/* The retfuncs by name, for the tools: "nomod_zero", ..., "nomod_void" */
#define __MODSTUB_RETFUNC_NAME(name, value) MODSTUB_RETFUNC_PREFIX #name,
#define MODSTUB_STD_RETFUNCS						\
	MODSTUB_RETFUNCS(__MODSTUB_RETFUNC_NAME) MODSTUB_RETFUNC_VOID

#endif /* _MODSTUB_VOCAB_H */
