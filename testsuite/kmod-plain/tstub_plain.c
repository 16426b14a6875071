// SPDX-License-Identifier: GPL-2.0
/* ../kmod/tstub_core.c as a plain module: no .modmeta, EXPORT_SYMBOL. */
#include "tstub_core.c"

EXPORT_SYMBOL(tstub_get);
EXPORT_SYMBOL(tstub_open);
EXPORT_SYMBOL(tstub_sum8);
EXPORT_SYMBOL(tstub_sum10);
EXPORT_SYMBOL(tstub_slow);
EXPORT_SYMBOL(tstub_wslow);

MODULE_DESCRIPTION("modstub test: the real module before it had a stub");
MODULE_LICENSE("GPL");
