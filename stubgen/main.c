// SPDX-License-Identifier: GPL-2.0
/*
 * stubgen: the object-level tool of modstub.
 *
 *	stubgen inspect [--json] FILE.ko...
 *
 * prints, without loading anything, the modmeta metadata of each module
 * and, for a stub module, its stub table; for a real module, the table of
 * functions its stub module stands in for.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kofile.h"

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
			printf(",\n      \"class\": \"%s\",\n      \"stubs\": [",
			       st.hdr.flags & MODSTUB_F_UNLOADABLE ?
			       "unloadable" : "loadonly");
		} else {
			printf(" stub table (ABI %u): stub module %s of %s, class %s, %u stubs\n",
			       st.hdr.version, st.stubmod, st.module,
			       st.hdr.flags & MODSTUB_F_UNLOADABLE ?
			       "unloadable" : "loadonly", st.hdr.nstubs);
			printf("  %-32s %-6s %-24s %s\n", "function", "kind",
			       "retfunc", "argnword");
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
				printf(", \"argnword\": %u}", e.argnword);
			} else {
				printf("  %-32s %-6s %-24s %u\n", name,
				       modstub_kind_name(e.kind), ret, e.argnword);
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
			printf(",\n      \"functions\": [");
		} else {
			printf(" real functions (ABI %u) of %s, reached through %s_stub: %u\n",
			       rt.hdr.version, rt.module, rt.module,
			       rt.hdr.nfuncs);
		}
		for (i = 0; i < rt.hdr.nfuncs; i++) {
			struct modstub_real_ent e;
			const char *name;

			ko_real_entry(&ko, &rt, i, &e, &name);
			if (json) {
				printf("%s\n        {\"function\": ", i ? "," : "");
				json_str(name, strlen(name));
				printf(", \"kind\": \"%s\", \"argnword\": %u}",
				       modstub_kind_name(e.kind), e.argnword);
			} else {
				printf("  %-32s %-6s %u\n", name,
				       modstub_kind_name(e.kind), e.argnword);
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

static void usage(FILE *f)
{
	fprintf(f,
"Usage: stubgen inspect [--json] FILE.ko...\n"
"Inspect the modstub sections of kernel modules, without loading them.\n"
"\n"
"  inspect     print each module's modmeta metadata and, for a stub\n"
"              module, its stub table (function, kind, retfunc,\n"
"              argnword, real module); for a real module, the functions\n"
"              its stub module stands in for\n"
"  --json      the same, as a JSON array with one object per file\n"
"\n"
"Options: -h, --help; --version.\n"
"Exit status: 0 if every file could be read, 1 otherwise, 2 on bad usage.\n");
}

int main(int argc, char **argv)
{
	bool json = false;
	int i, first = 1, status = 0, nfiles = 0;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("stubgen %s (modstub ABI %d)\n", STUBGEN_VERSION,
		       MODSTUB_ABI_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "inspect") != 0) {
		fprintf(stderr, "stubgen: unknown command '%s'\n"
			"Try 'stubgen --help' for more information.\n",
			argv[1]);
		return 2;
	}
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = true;
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "stubgen: unknown option '%s'\n",
				argv[i]);
			return 2;
		} else {
			nfiles++;
		}
	}
	if (!nfiles) {
		fprintf(stderr, "stubgen: inspect: no files\n");
		return 2;
	}

	if (json)
		printf("[\n");
	for (i = 2; i < argc; i++) {
		if (argv[i][0] == '-')
			continue;
		if (inspect(argv[i], json, first))
			status = 1;
		else
			first = 0;
	}
	if (json)
		printf("%s]\n", first ? "" : "\n");
	return status;
}
