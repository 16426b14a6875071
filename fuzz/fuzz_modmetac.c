// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for modmetac's front end.
 *
 * Each input is the text of a .modmeta file.  It goes through what
 * modmetac does with a file, in memory, by the same entry point
 * (compile_source()): the lexer and the parser (with their error
 * recovery), every check of check.c, and, if no error was reported, the
 * writers of NAME_modmeta.c and NAME_stub.c into memory buffers, then the
 * search for two modules writing one file.  A generated
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

#include "compile.h"
#include "diag.h"
#include "msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct output_list outs = { NULL, NULL };
	struct emit_ctx ec = {
		.input = "fuzz.modmeta",
		.what = EMIT_ALL,
	};
	const struct output *o;
	struct srcfile sf;

	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		if (!devnull)
			abort();
	}
	progname = "modmetac";
	msg_out = devnull;
	diag_init();

	srcfile_from_memory(&sf, ec.input, data, size);
	if (compile_source(&sf, &ec, &outs)) {
		/* as write_outputs() of main.c, without the writing */
		outputs_distinct(&outs);
		for (o = outs.first; o; o = o->next)
			/* C source: no NUL inside */
			if (strlen(o->text.s) != o->text.len)
				abort();
	}

	outputs_free(&outs);
	srcfile_free(&sf);
	return 0;
}
