// SPDX-License-Identifier: GPL-2.0
/*
 * frob: a module whose functions other modules call through stubs.
 *
 * It does not export frob_start() and friends itself: frob_stub.ko does,
 * and stubcore routes the calls here once frob is loaded.  Its metadata
 * (description, license, version) comes from frob.modmeta.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/printk.h>

#include "frob_api.h"

static int units_started;

int frob_start(int unit)
{
	units_started++;
	pr_info("unit %d started\n", unit);
	return unit;
}

long frob_query(int unit, int what, long arg)
{
	return (long)unit * 100 + what * 10 + arg;
}

int frob_exit(void)
{
	return 1000 + units_started;
}

static int __init frob_init(void)
{
	pr_info("loaded\n");
	return 0;
}

static void __exit frob_cleanup(void)
{
	pr_info("unloaded\n");
}

module_init(frob_init);
module_exit(frob_cleanup);
