/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The C escapes of a string of a .modmeta file.
 */
#ifndef MODMETAC_ESCAPE_H
#define MODMETAC_ESCAPE_H

#include <stddef.h>

#include "srcpos.h"
#include "util.h"

/*
 * Resolve the escapes of the string body @s (@len bytes), whose token,
 * quotes included, is at @loc, into a string of arena @a.  An escape that
 * cannot be resolved is reported at its own column, and so is a NUL
 * (every string ends up in a C string).  Returns NULL if one was: a bad
 * string is reported once, then ignored.
 */
char *unescape(struct arena *a, const struct srcpos *loc, const char *s,
	       size_t len);

#endif /* MODMETAC_ESCAPE_H */
