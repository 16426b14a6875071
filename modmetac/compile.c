// SPDX-License-Identifier: GPL-2.0
/*
 * One input through the stages: lexer and parser (parse.h), checks
 * (check.c), writers (output.c).
 */
#include <string.h>

#include "check.h"
#include "compile.h"
#include "diag.h"
#include "parse.h"

bool compile_source(const struct srcfile *sf, const struct emit_ctx *ec,
		    struct output_list *outs)
{
	unsigned int errors = diag_errors;
	struct arena arena = { 0 };
	struct parse_ctx pc;
	struct module *m;

	memset(&pc, 0, sizeof(pc));
	pc.arena = &arena;
	pc.file = sf;
	parse_file(&pc);
	check_modules(&arena, &pc.modules);

	if (diag_errors == errors && ec->what)
		for (m = pc.modules.first; m; m = m->next)
			emit_module(ec, m, outs);

	modules_free(&pc.modules);
	arena_free(&arena);
	return diag_errors == errors;
}
