// SPDX-License-Identifier: GPL-2.0
/* The real functions of g_autoclean, and its veto, for the build test. */
#include <linux/string.h>

#include "golden_api.h"

long g_ac_a(long x) { return x; }

int g_ac_b(int x) { return x; }

int g_autoclean_veto(char *why, size_t len);

int g_autoclean_veto(char *why, size_t len)
{
	strscpy(why, "never", len);
	return 1;
}
