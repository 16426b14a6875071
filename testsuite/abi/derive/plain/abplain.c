// SPDX-License-Identifier: GPL-2.0
/* ab's functions, exported as a module without modstub would */
#include "../ab_core.c"

EXPORT_SYMBOL(ab_s8);
EXPORT_SYMBOL(ab_s16);
EXPORT_SYMBOL(ab_s24);
EXPORT_SYMBOL(ab_s32);
EXPORT_SYMBOL(ab_mixed);
EXPORT_SYMBOL(ab_ten);
EXPORT_SYMBOL(ab_ret16);
EXPORT_SYMBOL(ab_ret32);
EXPORT_SYMBOL(ab_wide);
EXPORT_SYMBOL(ab_packed);
EXPORT_SYMBOL(ab_printf);
MODULE_LICENSE("GPL");
