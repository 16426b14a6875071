/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interface between the writers.
 */
#ifndef MODMETAC_EMIT_PRIV_H
#define MODMETAC_EMIT_PRIV_H

#include "ast.h"
#include "emit.h"
#include "util.h"

/* What goes into the modinfo and the .modmeta blob of one module. */
struct meta {
	const char *name;
	const char *desc;
	const char *type;
	const char *version;
	const char *license;
	const char *const *authors;
	unsigned int nauthors;
	const char *states;
	const char *loadtimes;
	bool unloadable;
	const char *depends;		/* space-separated, or NULL */
	const char *stubmodule;		/* real module: its stub module */
	const char *realmodule;		/* stub module: its real module */
	const char *class;		/* autoload class */
	unsigned int nstubs;
	unsigned int autoclean_ms;	/* 0: no autoclean */
	const char *autoclean_veto;
};

const char *spdx_of(const char *license);
/*
 * The SPDX line (a @comment, "//" or "/" "*", as the kernel wants it in .c
 * and .h files) and the start of the header comment, left open.
 */
void emit_preamble(struct buf *b, const struct emit_ctx *ec,
		   const char *spdx, const char *title, const char *comment);
/* A #line directive: what follows comes from @pos of the .modmeta. */
void emit_line(struct buf *b, const struct emit_ctx *ec,
	       const struct srcpos *pos);
void emit_includes(struct buf *b, const struct module *m);
void emit_modinfo(struct buf *b, const struct meta *md);

void emit_meta(struct buf *b, const struct emit_ctx *ec,
	       const struct module *m);
void emit_stub(struct buf *b, const struct emit_ctx *ec,
	       const struct module *m);
void emit_stub_header(struct buf *b, const struct emit_ctx *ec,
		      const struct module *m);
void emit_stub_ret(struct buf *b, const struct emit_ctx *ec,
		   const struct module *m);
/* Has @m retfuncs of its own (and so NAME_stub.h)? */
bool has_custom_retfuncs(const struct module *m);

const char *stub_macro(enum stub_kind kind);
const char *kind_const(enum stub_kind kind);

#endif /* MODMETAC_EMIT_PRIV_H */
