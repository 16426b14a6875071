/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stubgen inspect: what a module's modstub sections say, read into memory
 * first (checked as stubcore checks them), then printed as text or JSON.
 */
#ifndef STUBGEN_INSPECT_H
#define STUBGEN_INSPECT_H

#include <stdbool.h>
#include <stdio.h>

#include "kofile.h"

struct inspect_meta {
	const char *key;	/* not NUL-terminated: keylen characters */
	size_t keylen;
	const char *value;
};

struct inspect_stub {
	struct modstub_ent ent;
	const char *name;
	const char *retfunc;
};

struct inspect_real {
	struct modstub_real_ent ent;
	const char *name;
};

/* What inspect shows of one module; its strings point into the ko_file. */
struct inspection {
	const char *path;
	bool has_meta;			/* a .modmeta section */
	struct inspect_meta *meta;
	unsigned int nmeta;
	bool is_stub;			/* a stub table */
	struct stub_table st;
	struct inspect_stub *stubs;	/* st.hdr.nstubs */
	bool is_real;			/* a table of real functions */
	struct real_table rt;
	struct inspect_real *reals;	/* rt.hdr.nfuncs */
};

/*
 * Read and check what @ko holds into @in.  Returns 0 or -errno (reported);
 * inspect_free() in either case.
 */
int inspect_read(const struct ko_file *ko, struct inspection *in);
void inspect_free(struct inspection *in);

void inspect_print_text(FILE *f, const struct inspection *in);
/* One object of the JSON array; @first: no comma before it. */
void inspect_print_json(FILE *f, const struct inspection *in, bool first);

#endif /* STUBGEN_INSPECT_H */
