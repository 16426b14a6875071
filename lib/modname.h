/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a kernel module name is, as the tools check it: letters, digits,
 * '_' and '-', 1 to MODSTUB_MODNAME_MAX characters; kmod reads '-' as '_'.
 */
#ifndef LIB_MODNAME_H
#define LIB_MODNAME_H

#include <stdbool.h>
#include <stddef.h>

#include <modstub/vocab.h>

/* Are the @len characters at @s made of module-name characters only? */
bool modname_chars(const char *s, size_t len);
/* Is @s (@len characters) a module name: the characters and the length? */
bool modname_valid(const char *s, size_t len);
/* Copy the module name @s (@len characters) to @buf, '-' replaced by '_'. */
void modname_normalize(char *buf, const char *s, size_t len);

#endif /* LIB_MODNAME_H */
