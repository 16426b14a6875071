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
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <modstub/abi.h>

#include "check.h"
#include "compile.h"
#include "diag.h"
#include "file.h"
#include "msg.h"
#include "output.h"
#include "version.h"

struct opts {
	const char *outdir;
	unsigned int emit;
	bool check_only;
	bool dep_stdout;	/* -M */
	const char *depfile;	/* -MF */
	bool dep_phony;		/* -MP */
	bool print_outputs;
	bool print_programs;
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
"      --print-programs  print the name of each module of type program,\n"
"                        one per line, and write nothing\n"
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
		usage_error("--emit needs at least one output");
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
 * Read and compile one input; add its outputs to @outs and its rule to
 * @deps.
 */
static void compile(const char *input, const struct opts *o,
		    struct output_list *outs, struct buf *deps)
{
	struct output_list mine = { NULL, NULL };
	struct emit_ctx ec = {
		.input = input,
		.outdir = o->outdir,
		.what = o->check_only ? 0 : o->emit,
	};
	struct srcfile sf;
	int err;

	err = srcfile_read(&sf, input);
	if (err) {
		diag_file_error(input, "cannot read: %s", strerror(-err));
		return;
	}
	if (compile_source(&sf, &ec, &mine) && ec.what)
		add_dep_rule(deps, &mine, input, o->dep_phony);
	if (mine.first) {
		if (outs->last)
			outs->last->next = mine.first;
		else
			outs->first = mine.first;
		outs->last = mine.last;
	}
	srcfile_free(&sf);
}

static void write_outputs(const struct output_list *outs, bool verbose)
{
	const struct output *o;

	if (!outputs_distinct(outs))
		return;
	for (o = outs->first; o; o = o->next) {
		int ret = output_write(o);

		if (ret < 0)
			diag_file_error(o->path, "cannot write: %s",
					strerror(-ret));
		else if (verbose)
			pr_note(o->path, "%s", ret ? "written" : "unchanged");
	}
}

static void print_outputs(const struct output_list *outs)
{
	const struct output *o;

	for (o = outs->first; o; o = o->next)
		puts(o->path);
}

static void print_programs(const struct output_list *outs)
{
	const struct output *o;

	for (o = outs->first; o; o = o->next)
		if (o->program)
			puts(o->program);
}

enum {
	OPT_EMIT = 256,
	OPT_CHECK,
	OPT_PRINT_OUTPUTS,
	OPT_PRINT_PROGRAMS,
	OPT_MAX_ERRORS,
	OPT_LIST_CHECKS,
	OPT_VERSION,
};

/*
 * -M takes an optional argument so that -MF FILE and -MP, spelt as GCC
 * spells them, are -M with F or P; -W takes the rest of the word, as in
 * -Werror, -Werror=CHECK, -WCHECK and -Wno-CHECK.  The leading ':' has
 * getopt tell a missing argument from an unknown option.
 */
static const char short_opts[] = ":o:M::W:vh";
static const struct option long_opts[] = {
	{ "output-dir",		required_argument,	NULL, 'o' },
	{ "emit",		required_argument,	NULL, OPT_EMIT },
	{ "check",		no_argument,		NULL, OPT_CHECK },
	{ "print-outputs",	no_argument,		NULL, OPT_PRINT_OUTPUTS },
	{ "print-programs",	no_argument,		NULL, OPT_PRINT_PROGRAMS },
	{ "max-errors",		required_argument,	NULL, OPT_MAX_ERRORS },
	{ "list-checks",	no_argument,		NULL, OPT_LIST_CHECKS },
	{ "verbose",		no_argument,		NULL, 'v' },
	{ "help",		no_argument,		NULL, 'h' },
	{ "version",		no_argument,		NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

/* -M, -MF FILE (or -MFFILE), -MP */
static void opt_make(struct opts *o, int argc, char **argv)
{
	if (!optarg) {
		o->dep_stdout = true;
	} else if (strcmp(optarg, "P") == 0) {
		o->dep_phony = true;
	} else if (optarg[0] == 'F') {
		if (optarg[1]) {
			o->depfile = optarg + 1;
		} else {
			/* getopt's permutation keeps a consumed argument */
			if (optind == argc)
				usage_error("-MF needs a file name");
			o->depfile = argv[optind++];
		}
	} else {
		usage_error("unknown option '-M%s'", optarg);
	}
}

/* -Werror, -Werror=CHECK, -Wno-CHECK, -WCHECK */
static void opt_warning(const char *w)
{
	if (strcmp(w, "error") == 0) {
		diag_opts.werror = true;
	} else if (strncmp(w, "error=", 6) == 0) {
		if (!diag_set(w + 6, DIAG_ERROR))
			usage_error("unknown check '%s' (see --list-checks)",
				    w + 6);
	} else if (strncmp(w, "no-", 3) == 0) {
		if (!diag_set(w + 3, DIAG_OFF))
			usage_error("'%s' is not a check that can be turned off (see --list-checks)",
				    w + 3);
	} else if (!diag_set(w, DIAG_WARNING)) {
		usage_error("'%s' is not a warning (see --list-checks)", w);
	}
}

static unsigned int parse_max_errors(const char *arg)
{
	unsigned long n;
	char *end;

	n = strtoul(arg, &end, 10);
	if (!*arg || *end || n > 1000000)
		usage_error("bad number in '--max-errors=%s'", arg);
	return n;
}

/* The options into @o; returns the index of the first input. */
static int parse_options(struct opts *o, int argc, char **argv)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, short_opts, long_opts,
				NULL)) != -1) {
		switch (c) {
		case 'o':
			o->outdir = optarg;
			break;
		case 'M':
			opt_make(o, argc, argv);
			break;
		case 'W':
			opt_warning(optarg);
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case OPT_EMIT:
			o->emit = parse_emit(optarg);
			break;
		case OPT_CHECK:
			o->check_only = true;
			break;
		case OPT_PRINT_OUTPUTS:
			o->print_outputs = true;
			break;
		case OPT_PRINT_PROGRAMS:
			o->print_programs = true;
			break;
		case OPT_MAX_ERRORS:
			diag_opts.max_errors = parse_max_errors(optarg);
			break;
		case OPT_LIST_CHECKS:
			check_list(stdout);
			exit(0);
		case OPT_VERSION:
			printf("modmetac %s (modstub ABI %d)\n",
			       MODSTUB_VERSION, MODSTUB_ABI_VERSION);
			exit(0);
		default:
			usage_error_getopt(c, argv, NULL);
		}
	}
	if (optind == argc)
		usage_error("no input files");
	if (o->dep_stdout + o->check_only + o->print_outputs +
	    o->print_programs > 1)
		usage_error("-M, --check, --print-outputs and --print-programs exclude each other");
	return optind;
}

int main(int argc, char **argv)
{
	struct opts o = { .emit = EMIT_ALL };
	struct output_list outs = { NULL, NULL };
	struct buf deps;
	int i;

	progname = "modmetac";
	diag_init();
	/* nothing is allocated before: usage_error() leaves nothing behind */
	i = parse_options(&o, argc, argv);

	buf_init(&deps);
	for (; i < argc; i++)
		compile(argv[i], &o, &outs, &deps);

	if (!diag_errors && !o.check_only) {
		if (o.dep_stdout)
			fputs(deps.s, stdout);
		else if (o.print_outputs)
			print_outputs(&outs);
		else if (o.print_programs)
			print_programs(&outs);
		else
			write_outputs(&outs, o.verbose);
		if (!diag_errors && o.depfile) {
			int ret = write_if_changed(o.depfile, deps.s, deps.len,
						   0644, 0);

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
