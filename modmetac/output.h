/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generated files, built in memory before anything is written.
 */
#ifndef MODMETAC_OUTPUT_H
#define MODMETAC_OUTPUT_H

#include <stdbool.h>

#include "ast.h"
#include "emit.h"
#include "util.h"

struct output {
	char *path;
	char *program;		/* the wrapper of this program module */
	struct buf text;
	struct output *next;
};

struct output_list {
	struct output *first, *last;
};

/* Add the outputs of module @m that @ec asks for to @outs. */
void emit_module(const struct emit_ctx *ec, const struct module *m,
		 struct output_list *outs);
void outputs_free(struct output_list *outs);
/* Are the paths of @outs all different?  Each clash is reported. */
bool outputs_distinct(const struct output_list *outs);
/*
 * Write @o unless its file already holds exactly that: 1 if written, 0 if
 * unchanged, -errno on failure (not reported).
 */
int output_write(const struct output *o);

#endif /* MODMETAC_OUTPUT_H */
