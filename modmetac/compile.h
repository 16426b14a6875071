/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pipeline of modmetac for one input, in memory: what modmetac runs for
 * each file and what its fuzzer runs for each input.
 */
#ifndef MODMETAC_COMPILE_H
#define MODMETAC_COMPILE_H

#include <stdbool.h>

#include "output.h"
#include "srcpos.h"

/*
 * Parse @sf, check its modules and, if no error was reported, add the files
 * that @ec asks for to @outs (none if @ec->what is 0).  Returns false if
 * an error was reported.
 */
bool compile_source(const struct srcfile *sf, const struct emit_ctx *ec,
		    struct output_list *outs);

#endif /* MODMETAC_COMPILE_H */
