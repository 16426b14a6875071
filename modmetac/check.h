/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Semantic checks: turn the fields of each module into its model.
 */
#ifndef MODMETAC_CHECK_H
#define MODMETAC_CHECK_H

#include <stdio.h>

#include "ast.h"

/* Kernel limits the checks enforce. */
#define KMOD_NAME_MAX		55	/* MODULE_NAME_LEN - 1 */
#define KSYM_VERSIONED_MAX	55	/* versioned symbol: MODULE_NAME_LEN - 1 */
#define STUBMOD_SUFFIX		"_stub"

/* The retfuncs stubcore provides. */
extern const char *const std_retfuncs[];

/* Check every module of @modules; reports through diag(). */
void check_modules(struct arena *a, struct module_list *modules);

/* Print the check table for --list-checks. */
void check_list(FILE *f);

#endif /* MODMETAC_CHECK_H */
