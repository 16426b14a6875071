// SPDX-License-Identifier: GPL-2.0
/*
 * tclean: the autocleaned module of the kernel tests (tclean.modmeta).
 * veto=1 makes its veto decline the autoclean, with a reason;
 * exit_delay_ms makes its exit slow.
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/string.h>

#include <modstub/stubcore.h>

#include "tclean_api.h"

static int veto;
module_param(veto, int, 0644);
MODULE_PARM_DESC(veto, "1: decline autoclean");
static unsigned int exit_delay_ms;
module_param(exit_delay_ms, uint, 0644);
MODULE_PARM_DESC(exit_delay_ms, "sleep this long in the exit");

long tclean_get(long x)
{
	return x * 3;
}

long tclean_slow(long ms)
{
	msleep(ms);
	return ms;
}

modstub_veto_fn tclean_veto;

int tclean_veto(char *why, size_t len)
{
	if (!READ_ONCE(veto))
		return 0;
	strscpy(why, "veto=1 says to stay", len);
	return 1;
}

static int __init tclean_init(void)
{
	return 0;
}

static void __exit tclean_exit(void)
{
	if (exit_delay_ms)
		msleep(exit_delay_ms);
}

module_init(tclean_init);
module_exit(tclean_exit);
