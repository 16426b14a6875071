// SPDX-License-Identifier: GPL-2.0
/*
 * modmetac: the modmeta compiler.
 *
 * Reads .modmeta files, checks them, and writes for each module NAME the
 * wrapper NAME_modmeta.c and, if it has autoload stubs, the stub module
 * source NAME_stub.c.  Nothing is written if any error was reported, and a
 * file whose contents would not change is left alone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <modstub/abi.h>

#include "ast.h"
#include "check.h"
#include "diag.h"
#include "emit.h"
#include "emit_priv.h"
#include "parse.h"

const char *progname = "modmetac";

struct opts {
	const char *outdir;
	unsigned int emit;
	bool check_only;
	bool dep_stdout;	/* -M */
	const char *depfile;	/* -MF */
	bool dep_phony;		/* -MP */
	bool print_outputs;
	bool verbose;
};

static void usage(FILE *f)
{
	fprintf(f,
"Usage: %s [OPTION]... FILE.modmeta...\n"
"Compile modmeta files into the C sources of Linux kernel modules.\n"
"\n"
"For each module NAME in the input, writes NAME_modmeta.c (metadata and\n"
"glue, linked into NAME.ko) and, if the module has an autoload block with\n"
"stubs, NAME_stub.c (the source of the stub module NAME_stub.ko), with\n"
"NAME_stub.h if it has custom retfuncs (their declarations) and\n"
"NAME_stub-ret.c if it has a retsource (which compiles it).\n"
"\n"
"Options:\n"
"  -o, --output-dir=DIR  write the generated files into DIR (default: .)\n"
"      --emit=LIST       outputs to write, a comma-separated list of\n"
"                        meta, stub or all (default: all)\n"
"      --check           check the input only; write nothing\n"
"  -M                    print a make rule for the outputs to standard\n"
"                        output instead of writing them\n"
"  -MF FILE              also write that rule to FILE\n"
"  -MP                   add a phony target for each input to the rule\n"
"      --print-outputs   print the name of each file that would be\n"
"                        written, one per line, and write nothing\n"
"  -Werror               make every warning an error\n"
"  -Werror=CHECK         make the warning CHECK an error\n"
"  -WCHECK, -Wno-CHECK   turn the warning CHECK on or off\n"
"      --max-errors=N    stop reporting after N errors (0: no limit; 100)\n"
"      --list-checks     list the checks, their level and what they catch\n"
"  -v, --verbose         say which files were written or left unchanged\n"
"  -h, --help            show this help and exit\n"
"      --version         show the version and exit\n"
"\n"
"Diagnostics are printed as FILE:LINE:COLUMN: error: MESSAGE [CHECK].\n"
"Exit status: 0 on success, 1 if an error was reported, 2 on bad usage.\n"
"See modmetac(1) and modmeta(5).\n",
		progname);
}

static void NORETURN usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", progname);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", progname);
	exit(2);
}

static unsigned int parse_emit(const char *list)
{
	unsigned int what = 0;
	char *copy = xstrdup(list), *tok, *save = NULL;

	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "meta") == 0)
			what |= EMIT_META;
		else if (strcmp(tok, "stub") == 0)
			what |= EMIT_STUB;
		else if (strcmp(tok, "all") == 0)
			what |= EMIT_ALL;
		else
			usage_error("unknown output '%s' in --emit (meta, stub or all)",
				    tok);
	}
	free(copy);
	if (!what)
		usage_error("--emit needs at least one output%s", "");
	return what;
}

/* Append @s to a make rule, escaped as make needs it. */
static void make_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '#' || *s == '\\')
			buf_putc(b, '\\');
		else if (*s == '$')
			buf_putc(b, '$');
		buf_putc(b, *s);
	}
}

static void add_dep_rule(struct buf *deps, const struct output_list *outs,
			 const char *input, bool phony)
{
	const struct output *o;

	if (!outs->first)
		return;
	for (o = outs->first; o; o = o->next) {
		make_escape(deps, o->path);
		buf_puts(deps, o->next ? " \\\n  " : ":");
	}
	buf_putc(deps, ' ');
	make_escape(deps, input);
	buf_putc(deps, '\n');
	if (phony) {
		buf_putc(deps, '\n');
		make_escape(deps, input);
		buf_puts(deps, ":\n");
	}
}

/*
 * Parse and check one input; add its outputs to @outs.  Returns false if it
 * had errors.
 */
static bool compile(const char *input, const struct opts *o,
		    struct output_list *outs, struct buf *deps)
{
	struct output_list mine = { NULL, NULL };
	struct arena arena = { 0 };
	struct srcfile sf;
	struct parse_ctx pc;
	struct module *m;
	unsigned int errors = diag_errors;
	int err;

	err = srcfile_read(&sf, input);
	if (err) {
		diag_file_error(input, "cannot read: %s", strerror(-err));
		return false;
	}

	memset(&pc, 0, sizeof(pc));
	pc.arena = &arena;
	pc.file = &sf;
	parse_file(&pc);
	check_modules(&arena, &pc.modules);

	if (diag_errors == errors && !o->check_only) {
		struct emit_ctx ec = {
			.input = input,
			.outdir = o->outdir,
			.what = o->emit,
		};

		for (m = pc.modules.first; m; m = m->next)
			emit_module(&ec, m, &mine);
		add_dep_rule(deps, &mine, input, o->dep_phony);
		if (mine.first) {
			if (outs->last)
				outs->last->next = mine.first;
			else
				outs->first = mine.first;
			outs->last = mine.last;
		}
	}

	modules_free(&pc.modules);
	arena_free(&arena);
	srcfile_free(&sf);
	return diag_errors == errors;
}

static void write_outputs(const struct output_list *outs, bool verbose)
{
	const struct output *o, *p;
	struct strset seen;

	strset_init(&seen);
	for (o = outs->first; o; o = o->next) {
		p = strset_add(&seen, o->path, (void *)o);
		if (p)
			diag_file_error(o->path,
					"two modules of the input produce this file");
	}
	strset_free(&seen);
	if (diag_errors)
		return;

	for (o = outs->first; o; o = o->next) {
		int ret = write_if_changed(o->path, &o->text);

		if (ret < 0)
			diag_file_error(o->path, "cannot write: %s",
					strerror(-ret));
		else if (verbose)
			fprintf(stderr, "%s: %s %s\n", progname,
				ret ? "wrote" : "unchanged", o->path);
	}
}

static void print_outputs(const struct output_list *outs)
{
	const struct output *o;

	for (o = outs->first; o; o = o->next)
		puts(o->path);
}

int main(int argc, char **argv)
{
	struct opts o = { .emit = EMIT_ALL };
	struct output_list outs = { NULL, NULL };
	char **inputs = argv + 1;
	unsigned int ninputs = 0, i;
	bool only_inputs = false;
	struct buf deps;
	int a;

	diag_init();

	/*
	 * The inputs are gathered at the front of argv: inputs[ninputs] is
	 * never past argv[a], the argument being read.  Nothing allocated,
	 * nothing left behind when usage_error() exits.
	 */
	for (a = 1; a < argc; a++) {
		const char *arg = argv[a];

		if (only_inputs || arg[0] != '-' || strcmp(arg, "-") == 0) {
			inputs[ninputs++] = argv[a];
		} else if (strcmp(arg, "--") == 0) {
			only_inputs = true;
		} else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(arg, "--version") == 0) {
			printf("modmetac %s (modstub ABI %d)\n", MODMETAC_VERSION,
			       MODSTUB_ABI_VERSION);
			return 0;
		} else if (strcmp(arg, "--list-checks") == 0) {
			check_list(stdout);
			return 0;
		} else if (strcmp(arg, "-o") == 0 ||
			   strcmp(arg, "--output-dir") == 0) {
			if (++a == argc)
				usage_error("%s needs a directory", arg);
			o.outdir = argv[a];
		} else if (strncmp(arg, "--output-dir=", 13) == 0) {
			o.outdir = arg + 13;
		} else if (strncmp(arg, "-o", 2) == 0) {
			o.outdir = arg + 2;
		} else if (strncmp(arg, "--emit=", 7) == 0) {
			o.emit = parse_emit(arg + 7);
		} else if (strcmp(arg, "--check") == 0) {
			o.check_only = true;
		} else if (strcmp(arg, "-M") == 0) {
			o.dep_stdout = true;
		} else if (strcmp(arg, "-MF") == 0) {
			if (++a == argc)
				usage_error("%s needs a file name", arg);
			o.depfile = argv[a];
		} else if (strncmp(arg, "-MF", 3) == 0) {
			o.depfile = arg + 3;
		} else if (strcmp(arg, "-MP") == 0) {
			o.dep_phony = true;
		} else if (strcmp(arg, "--print-outputs") == 0) {
			o.print_outputs = true;
		} else if (strcmp(arg, "-Werror") == 0) {
			diag_opts.werror = true;
		} else if (strncmp(arg, "-Werror=", 8) == 0) {
			if (!diag_set(arg + 8, DIAG_ERROR))
				usage_error("unknown check '%s' (see --list-checks)",
					    arg + 8);
		} else if (strncmp(arg, "-Wno-", 5) == 0) {
			if (!diag_set(arg + 5, DIAG_OFF))
				usage_error("'%s' is not a check that can be turned off (see --list-checks)",
					    arg + 5);
		} else if (strncmp(arg, "-W", 2) == 0 && arg[2]) {
			if (!diag_set(arg + 2, DIAG_WARNING))
				usage_error("'%s' is not a warning (see --list-checks)",
					    arg + 2);
		} else if (strncmp(arg, "--max-errors=", 13) == 0) {
			char *end;
			unsigned long n = strtoul(arg + 13, &end, 10);

			if (!arg[13] || *end || n > 1000000)
				usage_error("bad number in '%s'", arg);
			diag_opts.max_errors = n;
		} else if (strcmp(arg, "-v") == 0 ||
			   strcmp(arg, "--verbose") == 0) {
			o.verbose = true;
		} else {
			usage_error("unknown option '%s'", arg);
		}
	}
	if (!ninputs)
		usage_error("no input files%s", "");
	if (o.dep_stdout + o.check_only + o.print_outputs > 1)
		usage_error("-M, --check and --print-outputs exclude each other%s",
			    "");

	buf_init(&deps);
	for (i = 0; i < ninputs; i++)
		compile(inputs[i], &o, &outs, &deps);

	if (!diag_errors && !o.check_only) {
		if (o.dep_stdout)
			fputs(deps.s, stdout);
		else if (o.print_outputs)
			print_outputs(&outs);
		else
			write_outputs(&outs, o.verbose);
		if (!diag_errors && o.depfile) {
			int ret = write_if_changed(o.depfile, &deps);

			if (ret < 0)
				diag_file_error(o.depfile, "cannot write: %s",
						strerror(-ret));
		}
	}

	if (diag_errors || diag_warnings)
		fprintf(stderr, "%u error%s, %u warning%s\n", diag_errors,
			diag_errors == 1 ? "" : "s", diag_warnings,
			diag_warnings == 1 ? "" : "s");
	outputs_free(&outs);
	buf_free(&deps);
	return diag_errors ? 1 : 0;
}
