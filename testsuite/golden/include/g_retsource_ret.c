// SPDX-License-Identifier: GPL-2.0
/* Custom retfuncs of g_retsource, named by its retsource field. */
#include <linux/errno.h>

int grs_get_failed(int key)
{
	return -ENXIO;
}

const char *grs_no_name(void)
{
	return "(absent)";
}
