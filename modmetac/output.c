// SPDX-License-Identifier: GPL-2.0
/*
 * The generated files of the modules of an input: which ones a module
 * has, built in memory, and written at the end only if nothing failed.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit_priv.h"
#include "file.h"
#include "output.h"

static char *out_path(const struct emit_ctx *ec, const char *name,
		      const char *suffix)
{
	struct buf p;

	buf_init(&p);
	if (ec->outdir)
		buf_printf(&p, "%s/", ec->outdir);
	buf_printf(&p, "%s%s", name, suffix);
	return p.s;
}

static struct output *output_new(struct output_list *outs, char *path)
{
	struct output *o = xcalloc(1, sizeof(*o));

	o->path = path;
	buf_init(&o->text);
	if (outs->last)
		outs->last->next = o;
	else
		outs->first = o;
	outs->last = o;
	return o;
}

void emit_module(const struct emit_ctx *ec, const struct module *m,
		 struct output_list *outs)
{
	struct output *o;

	if (ec->what & EMIT_META) {
		o = output_new(outs, out_path(ec, m->name, "_modmeta.c"));
		if (strcmp(m->type, "program") == 0)
			o->program = xstrdup(m->name);
		emit_meta(&o->text, ec, m);
	}
	if ((ec->what & EMIT_STUB) && m->nstubs) {
		o = output_new(outs, out_path(ec, m->stubmod, ".c"));
		emit_stub(&o->text, ec, m);
		if (has_custom_retfuncs(m)) {
			o = output_new(outs, out_path(ec, m->stubmod, ".h"));
			emit_stub_header(&o->text, ec, m);
		}
		if (m->retsource) {
			o = output_new(outs, out_path(ec, m->stubmod, "-ret.c"));
			emit_stub_ret(&o->text, ec, m);
		}
	}
}

void outputs_free(struct output_list *outs)
{
	struct output *o, *next;

	for (o = outs->first; o; o = next) {
		next = o->next;
		free(o->path);
		free(o->program);
		buf_free(&o->text);
		free(o);
	}
	outs->first = outs->last = NULL;
}

bool outputs_distinct(const struct output_list *outs)
{
	const struct output *o;
	struct strset seen;
	bool ok = true;

	strset_init(&seen);
	for (o = outs->first; o; o = o->next) {
		if (strset_add(&seen, o->path, (void *)o)) {
			diag_file_error(o->path,
					"two modules of the input produce this file");
			ok = false;
		}
	}
	strset_free(&seen);
	return ok;
}

int output_write(const struct output *o)
{
	return write_if_changed(o->path, o->text.s, o->text.len, 0644, 0);
}
