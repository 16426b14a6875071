// SPDX-License-Identifier: GPL-2.0
/*
 * NAME_stub.c: the source of the stub module NAME_stub.ko.
 *
 * Written with the same macros a person would use by hand
 * (<modstub/modstub.h>); its metadata is derived from the real module's.
 */
#include <string.h>

#include "emit_priv.h"

/*
 * Custom retfuncs are defined by the author in C: in the retsource file,
 * included here, or in another object linked into the stub module.  Each is
 * declared with the type of its stubbed function, so that a definition or
 * declaration of another type is a compile error.
 */
static void emit_retfuncs(struct buf *b, const struct module *m)
{
	struct strset seen;
	unsigned int i;
	bool any = false;

	strset_init(&seen);
	for (i = 0; i < m->nstubs; i++) {
		const struct stub *s = &m->stubs[i];

		if (s->std_retfunc)
			continue;
		if (!any)
			buf_puts(b, "\n/* Custom retfuncs */\n");
		any = true;
		if (strset_add(&seen, s->retfunc, (void *)s))
			buf_printf(b, "MODSTUB_RETFUNC_TYPE(%s, %s);\n",
				   s->func, s->retfunc);
		else
			buf_printf(b, "MODSTUB_RETFUNC(%s, %s);\n", s->func,
				   s->retfunc);
	}
	strset_free(&seen);
	if (!m->retsource)
		return;
	if (!any)
		buf_puts(b, "\n/* Custom retfuncs */\n");
	if (m->retsource[0] == '<')
		buf_printf(b, "#include %s\n", m->retsource);
	else
		buf_printf(b, "#include \"%s\"\n", m->retsource);
}

void emit_stub(struct buf *b, const struct emit_ctx *ec,
	       const struct module *m)
{
	struct buf desc, states, file;
	unsigned int i;
	struct meta md = {
		.name = m->stubmod,
		.type = "misc",
		.version = m->version,
		.license = m->license ? m->license : "GPL",
		.authors = m->authors,
		.nauthors = m->nauthors,
		.loadtimes = m->loadtimes_text,
		.unloadable = true,
		.realmodule = m->name,
		.class = m->class == CLASS_UNLOADABLE ? "unloadable" :
			 "loadonly",
		.nstubs = m->nstubs,
	};

	buf_init(&desc);
	buf_printf(&desc, "Autoload stub for the %s module", m->name);
	md.desc = desc.s;

	/* The stub module is loaded (at boot or by hand) to stand in for the
	 * real one; it can be unused or static when the real one can. */
	buf_init(&states);
	if (m->states & STATE_UNUSED)
		buf_puts(&states, "unused ");
	if (m->states & STATE_STATIC)
		buf_puts(&states, "static ");
	buf_puts(&states, "loaded");
	md.states = states.s;

	buf_init(&file);
	buf_printf(&file, "%s.c - autoload stub module of module %s",
		   m->stubmod, m->name);
	emit_preamble(b, ec, spdx_of(md.license), file.s);
	buf_printf(b,
		   " *\n"
		   " * %s.ko exports the functions below in place of %s.ko.  A module that\n"
		   " * calls them depends on %s, not on %s.  The first call of a stub or\n"
		   " * ustub loads %s; a wstub never loads it and answers with its retfunc\n"
		   " * until %s is there.\n"
		   " */\n",
		   m->stubmod, m->name, m->stubmod, m->name, m->name, m->name);
	buf_free(&file);

	emit_includes(b, m);
	buf_putc(b, '\n');
	emit_modinfo(b, &md);
	buf_free(&desc);
	buf_free(&states);

	emit_retfuncs(b, m);
	buf_printf(b, "\nMODSTUB_MODULE(%s, %s, %s);\n", m->name, m->stubmod,
		   m->class == CLASS_UNLOADABLE ? "MODSTUB_F_UNLOADABLE" : "0");
	for (i = 0; i < m->nstubs; i++) {
		const struct stub *s = &m->stubs[i];

		if (s->kind == STUB_USTUB)
			buf_printf(b, "%s(%s, %s, %u);\n", stub_macro(s->kind),
				   s->func, s->retfunc, s->argnword);
		else if (s->kind == STUB_WEAK && s->argnword)
			buf_printf(b, "MODSTUB_WSTUB_ARGS(%s, %s, %u);\n",
				   s->func, s->retfunc, s->argnword);
		else
			buf_printf(b, "%s(%s, %s);\n", stub_macro(s->kind),
				   s->func, s->retfunc);
	}
	buf_printf(b, "MODSTUB_END(%s);\n", m->name);
}
