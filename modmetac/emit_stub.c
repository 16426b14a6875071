// SPDX-License-Identifier: GPL-2.0
/*
 * NAME_stub.c: the source of the stub module NAME_stub.ko; and, for a
 * module with custom retfuncs, NAME_stub.h, which declares them, and
 * NAME_stub-ret.c, which compiles the retsource file after it.
 *
 * Written with the same macros a person would use by hand
 * (<modstub/modstub.h>); its metadata is derived from the real module's.
 * The translation unit that holds the stub table includes only what the
 * real module's wrapper includes (<linux/module.h>, <modstub/modstub.h>
 * and the API headers), so that both see the same type definitions and
 * "stubgen seal" gives both the same type fingerprints; the retsource,
 * which may include anything, is a unit of its own.
 */
#include <string.h>

#include "check.h"
#include "emit_priv.h"

bool has_custom_retfuncs(const struct module *m)
{
	unsigned int i;

	if (m->retsource)
		return true;
	for (i = 0; i < m->nstubs; i++)
		if (!m->stubs[i].std_retfunc)
			return true;
	return false;
}

void emit_line(struct buf *b, const struct emit_ctx *ec,
	       const struct srcpos *pos)
{
	buf_printf(b, "#line %d ", pos->first_line);
	c_string(b, ec->input);
	buf_putc(b, '\n');
}

/* The guard of NAME_stub.h: FROB_STUB_H */
static void guard(struct buf *b, const struct module *m)
{
	const char *s;

	for (s = m->stubmod; *s; s++)
		buf_putc(b, *s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s);
	buf_puts(b, "_H");
}

/*
 * NAME_stub.h: each custom retfunc declared with the type of its stubbed
 * function, so that a definition of another type is a compile error.
 */
void emit_stub_header(struct buf *b, const struct emit_ctx *ec,
		      const struct module *m)
{
	struct strset seen;
	struct buf file;
	unsigned int i;

	buf_init(&file);
	buf_printf(&file, "%s.h - the custom retfuncs of stub module %s",
		   m->stubmod, m->stubmod);
	emit_preamble(b, ec, "GPL-2.0", file.s, "/*");
	buf_free(&file);
	buf_printf(b,
		   " *\n"
		   " * Include it in each source of %s that defines a retfunc: each is\n"
		   " * declared here with the type of the function it stands in for, so\n"
		   " * that a definition of another type does not compile.  A retfunc must\n"
		   " * not be static.\n"
		   " */\n"
		   "#ifndef ", m->stubmod);
	guard(b, m);
	buf_puts(b, "\n#define ");
	guard(b, m);
	buf_puts(b, "\n\n");
	emit_includes(b, m);

	strset_init(&seen);
	for (i = 0; i < m->nstubs; i++) {
		const struct stub *s = &m->stubs[i];

		if (s->std_retfunc)
			continue;
		if (!seen.n)
			buf_putc(b, '\n');
		emit_line(b, ec, s->pos);
		if (strset_add(&seen, s->retfunc, (void *)s))
			buf_printf(b, "MODSTUB_RETFUNC_TYPE(%s, %s);\n",
				   s->func, s->retfunc);
		else
			buf_printf(b, "MODSTUB_RETFUNC(%s, %s);\n", s->func,
				   s->retfunc);
	}
	strset_free(&seen);
	buf_puts(b, "\n#endif\n");
}

/* NAME_stub-ret.c: the retsource, after the declarations of NAME_stub.h. */
void emit_stub_ret(struct buf *b, const struct emit_ctx *ec,
		   const struct module *m)
{
	struct buf file;

	buf_init(&file);
	buf_printf(&file, "%s-ret.c - the retsource of stub module %s",
		   m->stubmod, m->stubmod);
	emit_preamble(b, ec, "GPL-2.0", file.s, "//");
	buf_free(&file);
	buf_printf(b,
		   " *\n"
		   " * %s, named by \"retsource\", compiled after %s.h,\n"
		   " * so that each retfunc it defines must have the type of its function.\n"
		   " */\n"
		   "#include \"%s.h\"\n", m->retsource, m->stubmod, m->stubmod);
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
		.class = class_names[m->class],
		.nstubs = m->nstubs,
	};

	buf_init(&desc);
	buf_printf(&desc, "Autoload stub for the %s module", m->name);
	md.desc = desc.s;

	/* The stub module is loaded (at boot or by hand) to stand in for the
	 * real one; it can be unused or static when the real one can. */
	buf_init(&states);
	if (m->states & STATE_UNUSED)
		buf_printf(&states, "%s ", state_names[STATE_UNUSED_BIT]);
	if (m->states & STATE_STATIC)
		buf_printf(&states, "%s ", state_names[STATE_STATIC_BIT]);
	buf_puts(&states, state_names[STATE_LOADED_BIT]);
	md.states = states.s;

	buf_init(&file);
	buf_printf(&file, "%s.c - autoload stub module of module %s",
		   m->stubmod, m->name);
	emit_preamble(b, ec, spdx_of(md.license), file.s, "//");
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

	buf_puts(b, "\n/* The stubs, at the lines of the .modmeta that declare them */\n");
	emit_line(b, ec, &m->autoload_pos);
	buf_printf(b, "MODSTUB_MODULE(%s, %s, %s);\n", m->name, m->stubmod,
		   m->class == CLASS_UNLOADABLE ? "MODSTUB_F_UNLOADABLE" : "0");
	for (i = 0; i < m->nstubs; i++) {
		const struct stub *s = &m->stubs[i];

		emit_line(b, ec, s->pos);
		if (s->argnword_given)
			buf_printf(b, "%s(%s, %s, %u);\n", stub_macro(s->kind),
				   s->func, s->retfunc, s->argnword);
		else
			buf_printf(b, "%s(%s, %s);\n", stub_macro(s->kind),
				   s->func, s->retfunc);
	}
	emit_line(b, ec, &m->autoload_pos);
	buf_printf(b, "MODSTUB_END(%s);\n", m->name);
}
