// SPDX-License-Identifier: GPL-2.0
/*
 * stubgen: the object-level tool of modstub.
 *
 *	stubgen inspect [--json] FILE.ko...
 *	stubgen seal [-o OUT] FILE
 *	stubgen verify STUB.ko REAL.ko
 *	stubgen symvers FILE.ko
 *	stubgen type [--definition] FILE FUNCTION...
 *	stubgen layout
 *
 * inspect prints, without loading anything, the modmeta metadata of each
 * module and, for a stub module, its stub table; for a real module, the
 * table of functions its stub module stands in for.  type prints what
 * seal derives from the debug information for a function; layout, the
 * offsets of the tables' fields.  The other commands are in seal.c,
 * verify.c and symvers.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fnabi.h"
#include "kofile.h"
#include "proto.h"
#include "stubgen.h"

#ifndef STUBGEN_VERSION
#define STUBGEN_VERSION "0.0.0"
#endif

/* Print @s as a JSON string. */
static void json_str(const char *s, size_t len)
{
	size_t i;

	putchar('"');
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

struct meta_out {
	bool json;
	unsigned int n;
};

static void meta_print(const char *key, size_t keylen, const char *value,
		       void *arg)
{
	struct meta_out *mo = arg;

	if (mo->json) {
		printf("%s\n      [", mo->n ? "," : "");
		json_str(key, keylen);
		fputs(", ", stdout);
		json_str(value, strlen(value));
		putchar(']');
	} else {
		printf("  %-12.*s %s\n", (int)keylen, key, value);
	}
	mo->n++;
}

static void meta_ignore(const char *key, size_t keylen, const char *value,
			void *arg)
{
	(void)key;
	(void)keylen;
	(void)value;
	(void)arg;
}

/* An argnword as inspect prints it: "auto" (or null) before sealing */
static const char *argn_str(unsigned int argnword, bool json)
{
	static char buf[8];

	if (argnword == MODSTUB_ARGNWORD_AUTO)
		return json ? "null" : "auto";
	snprintf(buf, sizeof(buf), "%u", argnword);
	return buf;
}

/* A fingerprint: 16 hex digits, "-" (null) before sealing */
static const char *fp_str(uint64_t fp, bool json)
{
	static char buf[24];

	if (!fp)
		return json ? "null" : "-";
	snprintf(buf, sizeof(buf), json ? "\"%016llx\"" : "%016llx",
		 (unsigned long long)fp);
	return buf;
}

/* Inspect one file; returns 0 or a negative errno (already reported). */
static int inspect(const char *path, bool json, bool first)
{
	struct meta_out mo = { .json = json };
	struct stub_table st;
	struct real_table rt;
	struct ko_file ko;
	int err, is_stub, is_real;
	uint32_t i;

	err = ko_open(&ko, path);
	if (err)
		return err;

	is_stub = ko.modstubs.present;
	if (is_stub) {
		err = ko_stub_table(&ko, &st);
		if (err)
			goto out;
	}
	err = ko_real_table(&ko, &rt);
	if (err && err != -ENOENT)
		goto out;
	is_real = !err;
	/* check the metadata before printing any of it */
	err = ko_modmeta(&ko, meta_ignore, NULL);
	if (err && err != -ENOENT)
		goto out;

	if (json) {
		printf("%s  {\n    \"file\": ", first ? "" : ",\n");
		json_str(path, strlen(path));
		printf(",\n    \"metadata\": [");
	} else {
		printf("%s:\n", path);
	}
	if (!json && ko.modmeta.present)
		printf(" metadata:\n");
	err = ko_modmeta(&ko, meta_print, &mo);
	if (err && err != -ENOENT)
		goto out;
	if (err == -ENOENT && !json)
		printf(" no modmeta metadata\n");
	err = 0;
	if (json)
		printf("%s]", mo.n ? "\n    " : "");

	if (is_stub) {
		if (json) {
			printf(",\n    \"stub_table\": {\n      \"abi\": %u,\n      \"module\": ",
			       st.hdr.version);
			json_str(st.module, strlen(st.module));
			printf(",\n      \"stub_module\": ");
			json_str(st.stubmod, strlen(st.stubmod));
			printf(",\n      \"class\": \"%s\",\n      \"sealed\": %s,\n      \"stubs\": [",
			       st.hdr.flags & MODSTUB_F_UNLOADABLE ?
			       "unloadable" : "loadonly",
			       st.hdr.flags & MODSTUB_F_SEALED ? "true" : "false");
		} else {
			printf(" stub table (ABI %u, %s): stub module %s of %s, class %s, %u stubs\n",
			       st.hdr.version,
			       st.hdr.flags & MODSTUB_F_SEALED ?
			       "sealed" : "not sealed",
			       st.stubmod, st.module,
			       st.hdr.flags & MODSTUB_F_UNLOADABLE ?
			       "unloadable" : "loadonly", st.hdr.nstubs);
			printf("  %-32s %-6s %-24s %-8s %s\n", "function",
			       "kind", "retfunc", "argnword", "fingerprint");
		}
		for (i = 0; i < st.hdr.nstubs; i++) {
			struct modstub_ent e;
			const char *name, *ret;

			ko_stub_entry(&ko, &st, i, &e, &name, &ret);
			if (json) {
				printf("%s\n        {\"function\": ", i ? "," : "");
				json_str(name, strlen(name));
				printf(", \"kind\": \"%s\", \"retfunc\": ",
				       modstub_kind_name(e.kind));
				json_str(ret, strlen(ret));
				printf(", \"argnword\": %s, \"fingerprint\": %s}",
				       argn_str(e.argnword, true),
				       fp_str(e.fingerprint, true));
			} else {
				printf("  %-32s %-6s %-24s %-8s %s\n", name,
				       modstub_kind_name(e.kind), ret,
				       argn_str(e.argnword, false),
				       fp_str(e.fingerprint, false));
			}
		}
		if (json)
			printf("%s]\n    }", st.hdr.nstubs ? "\n      " : "");
	}

	if (is_real) {
		if (json) {
			printf(",\n    \"real_table\": {\n      \"abi\": %u,\n      \"module\": ",
			       rt.hdr.version);
			json_str(rt.module, strlen(rt.module));
			printf(",\n      \"sealed\": %s,\n      \"functions\": [",
			       rt.hdr.flags & MODSTUB_F_SEALED ? "true" : "false");
		} else {
			printf(" real functions (ABI %u, %s) of %s, reached through %s_stub: %u\n",
			       rt.hdr.version,
			       rt.hdr.flags & MODSTUB_F_SEALED ?
			       "sealed" : "not sealed", rt.module, rt.module,
			       rt.hdr.nfuncs);
			printf("  %-32s %-6s %-8s %s\n", "function", "kind",
			       "argnword", "fingerprint");
		}
		for (i = 0; i < rt.hdr.nfuncs; i++) {
			struct modstub_real_ent e;
			const char *name;

			ko_real_entry(&ko, &rt, i, &e, &name);
			if (json) {
				printf("%s\n        {\"function\": ", i ? "," : "");
				json_str(name, strlen(name));
				printf(", \"kind\": \"%s\", \"argnword\": %s, \"fingerprint\": %s}",
				       modstub_kind_name(e.kind),
				       argn_str(e.argnword, true),
				       fp_str(e.fingerprint, true));
			} else {
				printf("  %-32s %-6s %-8s %s\n", name,
				       modstub_kind_name(e.kind),
				       argn_str(e.argnword, false),
				       fp_str(e.fingerprint, false));
			}
		}
		if (json)
			printf("%s]\n    }", rt.hdr.nfuncs ? "\n      " : "");
	}
	if (json)
		printf("\n  }");
out:
	ko_close(&ko);
	return err;
}

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
	L(MODSTUB_HDR_OFF_RESERVED);
	L(MODSTUB_HDR_OFF_RUNTIME);
	L(MODSTUB_HDR_SIZE);
	L(MODSTUB_ENT_OFF_NAME_OFF);
	L(MODSTUB_ENT_OFF_RETFUNC_OFF);
	L(MODSTUB_ENT_OFF_KIND);
	L(MODSTUB_ENT_OFF_ARGNWORD);
	L(MODSTUB_ENT_OFF_PATCH_OFF);
	L(MODSTUB_ENT_OFF_FLAGS);
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
"  -o, --output=OUT     seal: write the sealed object to OUT\n"
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

static int usage_error(const char *fmt, const char *arg)
{
	fputs("stubgen: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'stubgen --help' for more information.\n", stderr);
	return 2;
}

static int run_inspect(char **files, int nfiles, bool json)
{
	int i, first = 1, status = 0;

	if (json)
		printf("[\n");
	for (i = 0; i < nfiles; i++) {
		if (inspect(files[i], json, first))
			status = 1;
		else
			first = 0;
	}
	if (json)
		printf("%s]\n", first ? "" : "\n");
	return status;
}

int main(int argc, char **argv)
{
	const char *cmd, *out = NULL, *modname = NULL;
	bool json = false, verbose = false, definition = false;
	char **files;
	int i, nfiles = 0, status = 1;
	struct ko_file a, b;

	if (argc < 2)
		return usage_error("no command%s", "");
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("stubgen %s (modstub ABI %d)\n", STUBGEN_VERSION,
		       MODSTUB_ABI_VERSION);
		return 0;
	}
	if (strcmp(cmd, "inspect") && strcmp(cmd, "seal") &&
	    strcmp(cmd, "verify") && strcmp(cmd, "symvers") &&
	    strcmp(cmd, "type") && strcmp(cmd, "layout"))
		return usage_error("unknown command '%s'", cmd);

	files = calloc(argc, sizeof(*files));
	if (!files) {
		fprintf(stderr, "stubgen: out of memory\n");
		return 1;
	}
	for (i = 2; i < argc; i++) {
		const char *arg = argv[i];
		bool is_seal = strcmp(cmd, "seal") == 0;

		if (arg[0] != '-' || strcmp(arg, "-") == 0) {
			files[nfiles++] = argv[i];
		} else if (strcmp(arg, "-h") == 0 ||
			   strcmp(arg, "--help") == 0) {
			usage(stdout);
			free(files);
			return 0;
		} else if (strcmp(arg, "-v") == 0 ||
			   strcmp(arg, "--verbose") == 0) {
			verbose = true;
		} else if (strcmp(cmd, "inspect") == 0 &&
			   strcmp(arg, "--json") == 0) {
			json = true;
		} else if (strcmp(cmd, "type") == 0 &&
			   strcmp(arg, "--definition") == 0) {
			definition = true;
		} else if (is_seal && (strcmp(arg, "-o") == 0 ||
				       strcmp(arg, "--output") == 0)) {
			if (++i == argc)
				goto missing;
			out = argv[i];
		} else if (is_seal && strncmp(arg, "--output=", 9) == 0) {
			out = arg + 9;
		} else if (strcmp(cmd, "symvers") == 0 &&
			   strcmp(arg, "--module") == 0) {
			if (++i == argc)
				goto missing;
			modname = argv[i];
		} else if (strcmp(cmd, "symvers") == 0 &&
			   strncmp(arg, "--module=", 9) == 0) {
			modname = arg + 9;
		} else {
			free(files);
			return usage_error("unknown option '%s'", arg);
		}
	}

	if (strcmp(cmd, "inspect") == 0) {
		if (!nfiles)
			goto nofiles;
		status = run_inspect(files, nfiles, json);
	} else if (strcmp(cmd, "layout") == 0) {
		if (nfiles) {
			free(files);
			return usage_error("layout: takes no file%s", "");
		}
		run_layout();
		status = 0;
	} else if (strcmp(cmd, "type") == 0) {
		if (nfiles < 2) {
			free(files);
			return usage_error("type: give a file and one or more functions%s",
					   "");
		}
		status = run_type(files[0], files + 1, nfiles - 1, definition);
	} else if (strcmp(cmd, "verify") == 0) {
		if (nfiles != 2 || !strcmp(files[0], "-") ||
		    !strcmp(files[1], "-")) {
			free(files);
			return usage_error("verify: give the stub module, then the real module%s",
					   " (files, not -)");
		}
		if (ko_open(&a, files[0]) == 0) {
			if (ko_open(&b, files[1]) == 0) {
				status = cmd_verify(&a, &b, verbose) != 0;
				ko_close(&b);
			}
			ko_close(&a);
		}
	} else {
		if (nfiles != 1) {
			free(files);
			return usage_error("%s: give one file", cmd);
		}
		if (!strcmp(cmd, "seal") && !out && !strcmp(files[0], "-")) {
			free(files);
			return usage_error("seal: standard input needs -o OUT%s", "");
		}
		if (ko_open(&a, files[0]) == 0) {
			if (strcmp(cmd, "seal") == 0)
				status = cmd_seal(&a, out, verbose) != 0;
			else
				status = cmd_symvers(&a, modname, stdout) != 0;
			ko_close(&a);
		}
	}
	free(files);
	return status;

missing:
	free(files);
	return usage_error("option '%s' needs an argument", argv[i - 1]);
nofiles:
	free(files);
	return usage_error("%s: no files", cmd);
}
