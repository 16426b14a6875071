// SPDX-License-Identifier: GPL-2.0
/*
 * Module names (see modname.h).
 */
#include "modname.h"

bool modname_chars(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	return true;
}

bool modname_valid(const char *s, size_t len)
{
	return len > 0 && len <= MODSTUB_MODNAME_MAX && modname_chars(s, len);
}

void modname_normalize(char *buf, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = s[i] == '-' ? '_' : s[i];
	buf[len] = '\0';
}
