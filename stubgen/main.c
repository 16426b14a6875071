// SPDX-License-Identifier: GPL-2.0
/*
 * stubgen: the object-level tool of modstub.
 *
 *	stubgen inspect [--json] FILE.ko...
 *	stubgen seal [-o OUT] FILE
 *	stubgen verify STUB.ko REAL.ko
 *	stubgen symvers FILE.ko
 *	stubgen convert [-o NAME.modmeta] [--source DIR] FILE.ko
 *	stubgen type [--definition] FILE FUNCTION...
 *	stubgen layout
 *
 * Each command is a row of the table below: its name, its options and its
 * function, which gets the arguments that follow the command's name.
 * inspect is in inspect.c, seal in seal.c, verify in verify.c, symvers in
 * symvers.c, convert in convert.c; type (what seal derives from the debug information for a
 * function) and layout (the offsets of the tables' fields) are here.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fnabi.h"
#include "inspect.h"
#include "kofile.h"
#include "msg.h"
#include "proto.h"
#include "stubgen.h"
#include "version.h"

/* stubgen type: what seal would derive for each of @fns */
static int run_type(const char *path, char **fns, int nfns, bool definition)
{
	enum proto_source src = definition ? PROTO_DEF_ONLY : PROTO_ANCHOR_ONLY;
	struct proto_file *pf;
	struct ko_file ko;
	int i, status = 0;

	if (ko_open(&ko, path))
		return 1;
	if (proto_open(&pf, &ko)) {
		ko_close(&ko);
		return 1;
	}
	for (i = 0; i < nfns; i++) {
		struct proto_desc d;
		struct fn_abi abi;
		int err;

		err = proto_describe(pf, fns[i], src, &d);
		if (!err)
			err = fnabi_get(pf, fns[i], src, &abi);
		if (err == -ENODATA || err == -ENOENT)
			ko_err(path, err, "%s: %s", fns[i], err == -ENODATA ?
			       "no debug information" : definition ?
			       "no definition in the debug information" :
			       "no anchor __modstub_proto_ in the debug information");
		if (err) {
			status = 1;
			continue;
		}
		printf("%s: fingerprint %016llx, argnword %u (%u in registers, %u on the stack)%s, returns %s\n",
		       fns[i], (unsigned long long)d.fingerprint, abi.argnword,
		       abi.reg_words, abi.stack_words,
		       abi.variadic ? ", variadic" : "",
		       fnabi_ret_name(abi.ret));
		if (d.file && d.line)
			printf("  at %s:%d\n", d.file, d.line);
		if (abi.unsupported)
			printf("  takes %s\n", abi.unsupported);
		fputs(d.desc, stdout);
		proto_desc_free(&d);
	}
	proto_close(pf);
	ko_close(&ko);
	return status;
}

/* stubgen layout: the ABI's constants, as <modstub/abi.h> defines them */
static void run_layout(void)
{
#define L(name)	printf("%s=%lu\n", #name, (unsigned long)(name))
	L(MODSTUB_ABI_VERSION);
	L(MODSTUB_MAGIC);
	L(MODSTUB_REAL_MAGIC);
	L(MODMETA_MAGIC);
	L(MODSTUB_F_UNLOADABLE);
	L(MODSTUB_F_SEALED);
	L(MODSTUB_ARGNWORD_AUTO);
	L(MODSTUB_MAX_ARGNWORD);
	L(MODSTUB_HDR_OFF_MAGIC);
	L(MODSTUB_HDR_OFF_VERSION);
	L(MODSTUB_HDR_OFF_HDR_SIZE);
	L(MODSTUB_HDR_OFF_ENT_SIZE);
	L(MODSTUB_HDR_OFF_FLAGS);
	L(MODSTUB_HDR_OFF_NSTUBS);
	L(MODSTUB_HDR_OFF_SIZE);
	L(MODSTUB_HDR_OFF_MODULE_OFF);
	L(MODSTUB_HDR_OFF_STUBMOD_OFF);
	L(MODSTUB_HDR_OFF_CALLS_LIVE);
	L(MODSTUB_HDR_OFF_RESERVED0);
	L(MODSTUB_HDR_OFF_RESERVED1);
	L(MODSTUB_HDR_OFF_RUNTIME);
	L(MODSTUB_HDR_OFF_CALLS_PCPU);
	L(MODSTUB_HDR_SIZE);
	L(MODSTUB_ENT_OFF_NAME_OFF);
	L(MODSTUB_ENT_OFF_RETFUNC_OFF);
	L(MODSTUB_ENT_OFF_KIND);
	L(MODSTUB_ENT_OFF_ARGNWORD);
	L(MODSTUB_ENT_OFF_PATCH_OFF);
	L(MODSTUB_ENT_OFF_FAST_OFF);
	L(MODSTUB_ENT_OFF_FLAGS);
	L(MODSTUB_ENT_OFF_CALL_OFF);
	L(MODSTUB_ENT_OFF_FINGERPRINT);
	L(MODSTUB_ENT_OFF_ENTRY);
	L(MODSTUB_ENT_OFF_SLOW);
	L(MODSTUB_ENT_OFF_RETFUNC);
	L(MODSTUB_ENT_OFF_RUNTIME);
	L(MODSTUB_ENT_SIZE);
	L(MODSTUB_REAL_HDR_OFF_MAGIC);
	L(MODSTUB_REAL_HDR_OFF_VERSION);
	L(MODSTUB_REAL_HDR_OFF_FLAGS);
	L(MODSTUB_REAL_HDR_OFF_NFUNCS);
	L(MODSTUB_REAL_HDR_OFF_SIZE);
	L(MODSTUB_REAL_HDR_OFF_MODULE_OFF);
	L(MODSTUB_REAL_HDR_OFF_STUBTAB);
	L(MODSTUB_REAL_HDR_SIZE);
	L(MODSTUB_REAL_ENT_OFF_NAME_OFF);
	L(MODSTUB_REAL_ENT_OFF_KIND);
	L(MODSTUB_REAL_ENT_OFF_ARGNWORD);
	L(MODSTUB_REAL_ENT_OFF_FLAGS);
	L(MODSTUB_REAL_ENT_OFF_FINGERPRINT);
	L(MODSTUB_REAL_ENT_OFF_FUNC);
	L(MODSTUB_REAL_ENT_SIZE);
#undef L
}

static void usage(FILE *f)
{
	fprintf(f,
"Usage: stubgen inspect [--json] FILE.ko...\n"
"       stubgen seal [-v] [-o OUT] FILE\n"
"       stubgen verify [-v] STUB.ko REAL.ko\n"
"       stubgen symvers [--module NAME] FILE.ko\n"
"       stubgen convert [-o NAME.modmeta] [--source DIR] FILE.ko\n"
"       stubgen type [--definition] FILE FUNCTION...\n"
"       stubgen layout\n"
"The object-level tool of modstub: reads and checks the modstub sections of\n"
"kernel modules, without loading them.\n"
"\n"
"Commands:\n"
"  inspect     print each module's modmeta metadata and, for a stub\n"
"              module, its stub table (function, kind, retfunc,\n"
"              argnword, real module); for a real module, the functions\n"
"              its stub module stands in for\n"
"  seal        check the table of a stub module's or a real module's\n"
"              linked object (.o or .ko) against the object and its debug\n"
"              information, write each function's type fingerprint and\n"
"              argnword into it and mark it sealed, in place or into OUT;\n"
"              stubcore loads only sealed tables\n"
"  verify      check that a stub module and its real module match:\n"
"              functions, kinds, argnword, type fingerprints (naming the\n"
"              type that differs), exports, prototypes\n"
"  symvers     print the Module.symvers lines of a module's exports\n"
"              (FILE may be - for standard input)\n"
"  convert     write the draft .modmeta that makes a stub pair of an\n"
"              existing module, built with debug information: its\n"
"              metadata, API header and a stub per exported function\n"
"              with a retfunc proposed from its return type; and say\n"
"              which lines of its sources go (EXPORT_SYMBOL, MODULE_*)\n"
"  type        print what seal takes from the debug information for each\n"
"              FUNCTION: its fingerprint, argnword and the description of\n"
"              its type that the fingerprint is the hash of\n"
"  layout      print the offsets and sizes of the tables' fields\n"
"\n"
"Modules compressed with xz, zstd or gzip (.ko.xz, .ko.zst, .ko.gz) are\n"
"read as they are; seal writes only uncompressed objects.\n"
"\n"
"Options:\n"
"      --json           inspect: a JSON array with one object per file\n"
"  -o, --output=OUT     seal: write the sealed object to OUT; convert:\n"
"                       write the draft to OUT (and the skeleton of its\n"
"                       fallbacks beside it), not to standard output\n"
"      --source=DIR     convert: the module's sources are the C files\n"
"                       under DIR (default: those its debug information\n"
"                       names)\n"
"      --module=NAME    symvers: the module name to write (default: the\n"
"                       name in the module's .modinfo)\n"
"      --definition     type: from the function's definition rather than\n"
"                       from the anchor of its stub or wrapper\n"
"  -v, --verbose        say what was done\n"
"  -h, --help           show this help and exit\n"
"      --version        show the version and exit\n"
"\n"
"Exit status: 0 on success, 1 if a file could not be read or a check\n"
"failed, 2 on bad usage.  See stubgen(1).\n");
}

/* The options of all commands; each command accepts those it names. */
enum {
	OPT_JSON = 256,
	OPT_MODULE,
	OPT_DEFINITION,
	OPT_SOURCE,
};

static const struct option long_opts[] = {
	{ "json",	no_argument,		NULL, OPT_JSON },
	{ "output",	required_argument,	NULL, 'o' },
	{ "module",	required_argument,	NULL, OPT_MODULE },
	{ "definition",	no_argument,		NULL, OPT_DEFINITION },
	{ "source",	required_argument,	NULL, OPT_SOURCE },
	{ "verbose",	no_argument,		NULL, 'v' },
	{ "help",	no_argument,		NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* What the options of a command line gave */
struct args {
	char **files;		/* the operands */
	int nfiles;
	bool json;
	const char *out;	/* -o */
	const char *module;	/* --module */
	const char *source;	/* --source */
	bool definition;
	bool verbose;
};

struct command {
	const char *name;
	/* the options it takes beside -v and -h: 'o' or an OPT_* */
	int opts[2];
	int (*run)(const struct args *a);
};

static int run_inspect(const struct args *a)
{
	int i, status = 0;
	bool first = true;

	if (!a->nfiles)
		usage_error("inspect: no files");
	if (a->json)
		printf("[\n");
	for (i = 0; i < a->nfiles; i++) {
		struct inspection in;
		struct ko_file ko;

		if (ko_open(&ko, a->files[i])) {
			status = 1;
			continue;
		}
		if (inspect_read(&ko, &in) == 0) {
			if (a->json)
				inspect_print_json(stdout, &in, first);
			else
				inspect_print_text(stdout, &in);
			first = false;
		} else {
			status = 1;
		}
		inspect_free(&in);
		ko_close(&ko);
	}
	if (a->json)
		printf("%s]\n", first ? "" : "\n");
	return status;
}

static int run_seal(const struct args *a)
{
	struct ko_file ko;
	int status = 1;

	if (a->nfiles != 1)
		usage_error("seal: give one file");
	if (!a->out && strcmp(a->files[0], "-") == 0)
		usage_error("seal: standard input needs -o OUT");
	if (ko_open(&ko, a->files[0]) == 0) {
		status = cmd_seal(&ko, a->out, a->verbose) != 0;
		ko_close(&ko);
	}
	return status;
}

static int run_verify(const struct args *a)
{
	struct ko_file stub, real;
	int status = 1;

	if (a->nfiles != 2 || !strcmp(a->files[0], "-") ||
	    !strcmp(a->files[1], "-"))
		usage_error("verify: give the stub module, then the real module (files, not -)");
	if (ko_open(&stub, a->files[0]) == 0) {
		if (ko_open(&real, a->files[1]) == 0) {
			status = cmd_verify(&stub, &real, a->verbose) != 0;
			ko_close(&real);
		}
		ko_close(&stub);
	}
	return status;
}

static int run_symvers(const struct args *a)
{
	struct ko_file ko;
	int status = 1;

	if (a->nfiles != 1)
		usage_error("symvers: give one file");
	if (ko_open(&ko, a->files[0]) == 0) {
		status = cmd_symvers(&ko, a->module, stdout) != 0;
		ko_close(&ko);
	}
	return status;
}

static int run_convert(const struct args *a)
{
	struct ko_file ko;
	int status = 1;

	if (a->nfiles != 1 || !strcmp(a->files[0], "-"))
		usage_error("convert: give one module file");
	if (ko_open(&ko, a->files[0]) == 0) {
		status = cmd_convert(&ko, a->out, a->source) != 0;
		ko_close(&ko);
	}
	return status;
}

static int run_type_cmd(const struct args *a)
{
	if (a->nfiles < 2)
		usage_error("type: give a file and one or more functions");
	return run_type(a->files[0], a->files + 1, a->nfiles - 1,
			a->definition);
}

static int run_layout_cmd(const struct args *a)
{
	if (a->nfiles)
		usage_error("layout: takes no file");
	run_layout();
	return 0;
}

static const struct command commands[] = {
	{ "inspect",	{ OPT_JSON },		run_inspect },
	{ "seal",	{ 'o' },		run_seal },
	{ "verify",	{ 0 },			run_verify },
	{ "symvers",	{ OPT_MODULE },		run_symvers },
	{ "convert",	{ 'o', OPT_SOURCE },	run_convert },
	{ "type",	{ OPT_DEFINITION },	run_type_cmd },
	{ "layout",	{ 0 },			run_layout_cmd },
};

/* How option @opt (not ':' or '?') is spelt: "-o", "--json" */
static const char *opt_name(int opt)
{
	static char buf[32];
	unsigned int i;

	for (i = 0; long_opts[i].name; i++)
		if (long_opts[i].val == opt && opt >= 256)
			break;
	if (opt < 256)
		snprintf(buf, sizeof(buf), "-%c", opt);
	else
		snprintf(buf, sizeof(buf), "--%s", long_opts[i].name);
	return buf;
}

static bool takes(const struct command *c, int opt)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c->opts); i++)
		if (c->opts[i] == opt)
			return true;
	return false;
}

/*
 * The options and operands after the command's name (argv[0] is the
 * name); the operands are gathered in argv by getopt's permutation.
 */
static void parse_args(const struct command *c, int argc, char **argv,
		       struct args *a)
{
	int opt;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":o:vh", long_opts,
				  NULL)) != -1) {
		if (opt != 'v' && opt != 'h' && opt != ':' && opt != '?' &&
		    !takes(c, opt))
			usage_error("%s: unknown option '%s'", c->name,
				    opt_name(opt));
		switch (opt) {
		case 'o':
			a->out = optarg;
			break;
		case OPT_JSON:
			a->json = true;
			break;
		case OPT_MODULE:
			a->module = optarg;
			break;
		case OPT_DEFINITION:
			a->definition = true;
			break;
		case OPT_SOURCE:
			a->source = optarg;
			break;
		case 'v':
			a->verbose = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage_error_getopt(opt, argv, c->name);
		}
	}
	a->files = argv + optind;
	a->nfiles = argc - optind;
}

int main(int argc, char **argv)
{
	struct args a = { 0 };
	unsigned int i;

	progname = "stubgen";
	if (argc < 2)
		usage_error("no command");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("stubgen %s (modstub ABI %d)\n", MODSTUB_VERSION,
		       MODSTUB_ABI_VERSION);
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strcmp(argv[1], commands[i].name) == 0) {
			parse_args(&commands[i], argc - 1, argv + 1, &a);
			return commands[i].run(&a);
		}
	}
	usage_error("unknown command '%s'", argv[1]);
}
