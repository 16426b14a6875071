/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The writers of the generated files: what they are asked for.
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

struct emit_ctx {
	const char *input;	/* name of the .modmeta file, for comments */
	const char *outdir;	/* where files go; NULL: the current directory */
	unsigned int what;	/* EMIT_* */
};

/* Append @s as a C string literal, escaped. */
void c_string(struct buf *b, const char *s);

#endif /* MODMETAC_EMIT_H */
