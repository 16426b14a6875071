// SPDX-License-Identifier: GPL-2.0
/*
 * Constructors of the tree; the grammar actions are calls to these.
 */
#include <stdlib.h>

#include "ast.h"

struct value *value_new(struct arena *a, enum value_type type,
			const char *text, const struct srcpos *pos)
{
	struct value *v = arena_alloc(a, sizeof(*v));

	v->type = type;
	v->text = text ? text : "";
	v->bad = !text;
	v->pos = *pos;
	return v;
}

void value_append(struct value_list *l, struct value *v)
{
	if (l->last)
		l->last->next = v;
	else
		l->first = v;
	l->last = v;
	l->n++;
}

struct field *field_new(struct arena *a, const char *name,
			const struct srcpos *pos, struct value_list *values)
{
	struct field *f = arena_alloc(a, sizeof(*f));

	f->name = name;
	f->pos = *pos;
	f->values = values->first;
	f->nvalues = values->n;
	return f;
}

void field_set_block(struct field *f, struct field_list *block)
{
	f->has_block = true;
	f->block = block->first;
}

void field_append(struct field_list *l, struct field *f)
{
	if (l->last)
		l->last->next = f;
	else
		l->first = f;
	l->last = f;
}

struct module *module_new(struct arena *a, const char *name,
			  const struct srcpos *pos, struct field_list *fields)
{
	struct module *m = arena_alloc(a, sizeof(*m));

	m->name = name;
	m->pos = *pos;
	m->fields = *fields;
	return m;
}

void module_append(struct module_list *l, struct module *m)
{
	if (l->last)
		l->last->next = m;
	else
		l->first = m;
	l->last = m;
}

void modules_free(struct module_list *l)
{
	struct module *m;

	for (m = l->first; m; m = m->next) {
		free(m->authors);
		free(m->depends);
		free(m->headers);
		free(m->stubs);
	}
	l->first = l->last = NULL;
}
