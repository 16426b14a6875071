/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The commands of stubgen.
 */
#ifndef STUBGEN_STUBGEN_H
#define STUBGEN_STUBGEN_H

#include <stdbool.h>
#include <stdio.h>

#include "kofile.h"

/* Longest symbol or module name handled (the kernel's KSYM_NAME_LEN) */
#define STUBGEN_NAME_MAX	512

struct proto_file;

/*
 * Check the stub table and the table of real functions of @ko against the
 * object and its debug information, finish them and mark them sealed, in
 * place or into @out.  Returns 0 or -errno (each problem reported).
 */
int cmd_seal(struct ko_file *ko, const char *out, bool verbose);
/*
 * What seal does to each table: check the stub table @t of @ko (checked
 * by ko_stub_table()), or its table of real functions, against the object
 * and the debug information @pf (NULL if none), and write into the image
 * what they give.  Returns the number of problems, each reported.
 */
int seal_stub(struct ko_file *ko, struct proto_file *pf,
	      const struct stub_table *t);
int seal_real(struct ko_file *ko, struct proto_file *pf,
	      const struct real_table *t);

/*
 * Check that stub module @stub and real module @real match.  Returns the
 * number of problems (each reported), or -errno if a file is unreadable.
 */
int cmd_verify(struct ko_file *stub, struct ko_file *real, bool verbose);

/* Print the Module.symvers lines of the exports of @ko to @out; 0 or -errno. */
int cmd_symvers(struct ko_file *ko, const char *modname, FILE *out);

/*
 * Write the draft .modmeta of a stub pair made of @ko to @out (standard
 * output if NULL), and the skeleton of its fallbacks beside it; print the
 * edits its sources (the C files under @srcdir, or those its DWARF names)
 * need.  Returns 0 or -errno (reported).
 */
int cmd_convert(struct ko_file *ko, const char *out, const char *srcdir);

#endif /* STUBGEN_STUBGEN_H */
