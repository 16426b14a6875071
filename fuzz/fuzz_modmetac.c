// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for modmetac's front end.
 *
 * Each input is the text of a .modmeta file.  It goes through what
 * modmetac does with a file, in memory: the lexer and the parser (with
 * their error recovery), every check of check.c, and, if no error was
 * reported, the writers of NAME_modmeta.c and NAME_stub.c into memory
 * buffers, then the search for two modules writing one file.  A generated
 * file with a NUL in it is a crash too.  Nothing is written to disk and
 * nothing exits; diagnostics are formatted as usual, into /dev/null.
 * Everything is freed after each input, so that a leak is reported too.
 * Seeds: the cases of testsuite/golden/; see testsuite/fuzz.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "check.h"
#include "diag.h"
#include "emit.h"
#include "parse.h"

const char *progname = "modmetac";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct output_list outs = { NULL, NULL };
	struct emit_ctx ec = {
		.input = "fuzz.modmeta",
		.what = EMIT_ALL,
	};
	struct arena arena = { 0 };
	const struct output *o;
	struct srcfile sf;
	struct parse_ctx pc = { 0 };
	struct module *m;
	struct strset seen;

	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		if (!devnull)
			abort();
	}
	diag_init();
	diag_out = devnull;

	srcfile_from_memory(&sf, ec.input, data, size);
	pc.arena = &arena;
	pc.file = &sf;
	parse_file(&pc);
	check_modules(&arena, &pc.modules);

	if (!diag_errors) {
		for (m = pc.modules.first; m; m = m->next)
			emit_module(&ec, m, &outs);
		/* as write_outputs() of main.c, without the writing */
		strset_init(&seen);
		for (o = outs.first; o; o = o->next) {
			if (strset_add(&seen, o->path, (void *)o))
				diag_file_error(o->path,
						"two modules of the input produce this file");
			/* C source: no NUL inside */
			if (strlen(o->text.s) != o->text.len)
				abort();
		}
		strset_free(&seen);
	}

	outputs_free(&outs);
	modules_free(&pc.modules);
	arena_free(&arena);
	srcfile_free(&sf);
	return 0;
}
