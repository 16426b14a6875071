/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The front end: lexer.l and parser.y.
 */
#ifndef MODMETAC_PARSE_H
#define MODMETAC_PARSE_H

#include "ast.h"
#include "srcpos.h"
#include "util.h"

struct parse_ctx {
	struct arena *arena;
	const struct srcfile *file;
	struct module_list modules;
	/* lexer state: position of the next character */
	int line;
	int column;
	struct srcpos comment_start;	/* of the open block comment */
	bool comment_newline;		/* it spans lines */
	int depth;			/* of open braces */
	bool closing;			/* closing blocks before 'module' */
};

/* Parse ctx->file into ctx->modules; errors go through diag(). */
void parse_file(struct parse_ctx *ctx);

#endif /* MODMETAC_PARSE_H */
