// SPDX-License-Identifier: GPL-2.0
/*
 * NAME_modmeta.c: the wrapper linked into the real module NAME.ko.
 *
 * It carries the module's modinfo fields, its .modmeta section and, for a
 * module with stubs, the table of real functions stubcore looks up once the
 * module is loaded.  That table refers to the stub module's table, which
 * makes NAME.ko depend on NAME_stub.ko.
 */
#include <string.h>

#include "check.h"
#include "emit_priv.h"

const char *kind_const(enum stub_kind kind)
{
	switch (kind) {
	case STUB_STRONG:
		return "MODSTUB_KIND_STRONG";
	case STUB_USTUB:
		return "MODSTUB_KIND_USTUB";
	case STUB_WEAK:
		return "MODSTUB_KIND_WEAK";
	}
	return "0";
}

const char *stub_macro(enum stub_kind kind)
{
	switch (kind) {
	case STUB_STRONG:
		return "MODSTUB_STUB";
	case STUB_USTUB:
		return "MODSTUB_USTUB";
	case STUB_WEAK:
		return "MODSTUB_WSTUB";
	}
	return "?";
}

static const char *class_name(const struct module *m)
{
	return class_names[m->class];
}

void emit_meta(struct buf *b, const struct emit_ctx *ec,
	       const struct module *m)
{
	bool stubs = m->nstubs > 0;
	bool program = strcmp(m->type, "program") == 0;
	struct meta md = {
		.name = m->name,
		.desc = m->desc,
		.type = m->type,
		.version = m->version,
		.license = m->license,
		.authors = m->authors,
		.nauthors = m->nauthors,
		.states = m->states_text,
		.loadtimes = m->loadtimes_text,
		.unloadable = m->unloadable,
		.stubmodule = stubs ? m->stubmod : NULL,
		.class = stubs ? class_name(m) : NULL,
		.nstubs = stubs ? m->nstubs : 0,
		.autoclean_ms = stubs && m->has_autoclean ? m->autoclean_ms : 0,
		.autoclean_veto = stubs ? m->autoclean_veto : NULL,
	};
	struct buf deps, file;
	unsigned int i;

	buf_init(&deps);
	for (i = 0; i < m->ndepends; i++)
		buf_printf(&deps, "%s%s", i ? " " : "", m->depends[i]);
	md.depends = deps.s;

	buf_init(&file);
	buf_printf(&file, "%s_modmeta.c - modmeta wrapper of module %s",
		   m->name, m->name);
	emit_preamble(b, ec, spdx_of(m->license), file.s, "//");
	buf_printf(b, " *\n * Link it into %s.ko.\n", m->name);
	if (stubs)
		buf_printf(b, " * %s.ko then depends on %s.ko, which stands in\n"
			   " * for it until its first use.\n", m->name, m->stubmod);
	buf_puts(b, " */\n");
	buf_free(&file);

	if (stubs)
		emit_includes(b, m);
	else
		buf_puts(b, "#include <linux/module.h>\n"
			    "#include <modstub/modstub.h>\n");
	if (program)
		buf_puts(b, "#include <modstub/modrun.h>\n");
	buf_putc(b, '\n');
	emit_modinfo(b, &md);
	buf_free(&deps);

	if (program) {
		buf_printf(b, "\n/* A program: modrun runs its main() (modrun(1)). */\n");
		emit_line(b, ec, m->type_pos);
		buf_printf(b, "MODRUN_PROGRAM(%s);\n", m->name);
	}

	if (!stubs)
		return;
	buf_printf(b, "\n/* The functions %s stands in for; stubcore finds them once %s is loaded. */\n",
		   m->stubmod, m->name);
	emit_line(b, ec, &m->autoload_pos);
	buf_printf(b, "MODSTUB_REAL_BEGIN(%s);\n", m->name);
	for (i = 0; i < m->nstubs; i++) {
		const struct stub *s = &m->stubs[i];

		emit_line(b, ec, s->pos);
		if (s->argnword_given)
			buf_printf(b, "MODSTUB_REAL(%s, %s, %u);\n", s->func,
				   kind_const(s->kind), s->argnword);
		else
			buf_printf(b, "MODSTUB_REAL(%s, %s);\n", s->func,
				   kind_const(s->kind));
	}
	emit_line(b, ec, &m->autoload_pos);
	buf_printf(b, "MODSTUB_REAL_END(%s);\n", m->name);
	if (!m->has_autoclean)
		return;
	buf_printf(b, "\n/* Removed by stubcore after %u ms without a call, if a stub loaded it. */\n",
		   m->autoclean_ms);
	emit_line(b, ec, m->autoclean_pos);
	if (m->autoclean_veto)
		buf_printf(b, "modstub_veto_fn %s;\n"
			   "MODSTUB_AUTOCLEAN(%s, %u, %s);\n",
			   m->autoclean_veto, m->name, m->autoclean_ms,
			   m->autoclean_veto);
	else
		buf_printf(b, "MODSTUB_AUTOCLEAN(%s, %u, NULL);\n", m->name,
			   m->autoclean_ms);
}
