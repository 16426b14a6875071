/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writers of the generated files.
 */
#ifndef MODMETAC_EMIT_H
#define MODMETAC_EMIT_H

#include <stdbool.h>

#include "ast.h"
#include "util.h"

/* Which outputs to write (--emit=) */
enum {
	EMIT_META = 1 << 0,	/* NAME_modmeta.c, linked into NAME.ko */
	EMIT_STUB = 1 << 1,	/* NAME_stub.c, the source of NAME_stub.ko */
	EMIT_ALL = EMIT_META | EMIT_STUB,
};

/* One generated file, built in memory before anything is written. */
struct output {
	char *path;
	struct buf text;
	struct output *next;
};

struct output_list {
	struct output *first, *last;
};

struct emit_ctx {
	const char *input;	/* name of the .modmeta file, for comments */
	const char *outdir;	/* where files go; NULL: the current directory */
	unsigned int what;	/* EMIT_* */
};

/* Add the outputs of module @m to @outs. */
void emit_module(const struct emit_ctx *ec, const struct module *m,
		 struct output_list *outs);
void outputs_free(struct output_list *outs);

/*
 * Write @text to @path unless the file already holds exactly that.
 * Returns 1 if written, 0 if unchanged, -errno on failure.
 */
int write_if_changed(const char *path, const struct buf *text);

/* Append @s as a C string literal, escaped. */
void c_string(struct buf *b, const char *s);

#endif /* MODMETAC_EMIT_H */
