/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Semantic checks: turn the fields of each module into its model.
 */
#ifndef MODMETAC_CHECK_H
#define MODMETAC_CHECK_H

#include <stdio.h>

#include "ast.h"

/* The words of <modstub/vocab.h>, NULL-terminated, in their order */
extern const char *const std_retfuncs[];
extern const char *const state_names[];
extern const char *const loadtime_names[];
extern const char *const class_names[];

/* Check every module of @modules; reports through diag(). */
void check_modules(struct arena *a, struct module_list *modules);

/* Print the check table for --list-checks. */
void check_list(FILE *f);

#endif /* MODMETAC_CHECK_H */
