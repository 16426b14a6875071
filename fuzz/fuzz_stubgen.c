// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for stubgen's reader of .ko files.
 *
 * Each input is the image of a .ko file (or of one compressed with xz,
 * zstd or gzip), opened with ko_open_mem().  On it runs all that the
 * commands read, writing no file: inspect's reader and both its printers
 * (stub table and entries, real table and entries, .modmeta), the
 * .modinfo keys the tools read, the symvers walk
 * (into /dev/null), verify of the file against itself, the section
 * headers, symbols and relocations, from the DWARF the prototypes, deep
 * type descriptions and calling conventions of the functions the tables
 * name, and of a few more, and seal's checks and derivations of both
 * tables (on the image in memory).
 * Problems are reported on stderr as usual: -close_fd_mask=2 hides them.
 * Seeds: the modules the test suite builds; see testsuite/fuzz.sh.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <modstub/vocab.h>

#include "fnabi.h"
#include "inspect.h"
#include "kofile.h"
#include "msg.h"
#include "proto.h"
#include "stubgen.h"

/* Prototypes looked up per input: each one walks the whole DWARF. */
#define MAX_PROTOS	8
/* Symbols looked up by address, relocated sections walked, per input */
#define MAX_WALK	256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

struct names {
	const char *name[MAX_PROTOS];
	unsigned int n;
};

static void add_name(struct names *nm, const char *name)
{
	if (nm->n < MAX_PROTOS)
		nm->name[nm->n++] = name;
}

/* What inspect reads and prints, by inspect's own code (inspect.c). */
static void inspect(struct ko_file *ko, struct names *nm)
{
	static const char *const keys[] = {
		"name", "license", MODINFO_STUBMODULE, MODINFO_REALMODULE,
	};
	struct inspection in;
	unsigned int i;

	if (inspect_read(ko, &in) == 0) {
		inspect_print_text(devnull, &in);
		inspect_print_json(devnull, &in, true);
		for (i = 0; in.is_stub && i < in.st.hdr.nstubs; i++)
			add_name(nm, in.stubs[i].name);
		for (i = 0; in.is_real && i < in.rt.hdr.nfuncs; i++)
			add_name(nm, in.reals[i].name);
	}
	inspect_free(&in);
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		const char *v = ko_modinfo(ko, keys[i]);

		if (v)
			fprintf(devnull, "%s=%s\n", keys[i], v);
	}
}

static int print_reloc(uint64_t offset, uint32_t type,
		       const struct ko_sym *sym, int64_t addend, void *arg)
{
	fprintf(arg, "%llx %u %s %lld\n", (unsigned long long)offset, type,
		sym->name, (long long)addend);
	return 0;
}

/*
 * Every section header and symbol, and the relocations of the first
 * MAX_WALK relocated sections (each ko_relocs() goes over every section).
 */
static void walk(struct ko_file *ko, struct names *nm)
{
	Elf_Scn *scn = NULL;
	unsigned int nrel = 0;
	struct ko_shdr sh;
	GElf_Shdr shdr;
	size_t i;

	for (i = 0; i < ko->shnum; i++)
		if (ko_shdr(ko, i, &sh) == 0)
			fprintf(devnull, "%s %u %llu\n", sh.name, sh.type,
				(unsigned long long)sh.size);
	if (ko_symbols(ko))
		return;
	for (i = 0; i < ko->nsyms; i++) {
		const struct ko_sym *s = &ko->syms[i];

		/* ko_find_sym() must find every name */
		if (!ko_find_sym(ko, s->name))
			abort();
		if (i < MAX_WALK) {
			const struct ko_sym *at =
				ko_sym_at(ko, s->shndx, s->value, s->name);

			fprintf(devnull, "%s %s\n", s->name,
				at ? at->name : "-");
		}
		/* after those of the tables, some more functions */
		if (s->type == STT_FUNC && s->shndx != SHN_UNDEF)
			add_name(nm, s->name);
	}
	while ((scn = elf_nextscn(ko->elf, scn)) && nrel < MAX_WALK) {
		if (!gelf_getshdr(scn, &shdr) ||
		    (shdr.sh_type != SHT_RELA && shdr.sh_type != SHT_REL))
			continue;
		nrel++;
		ko_relocs(ko, shdr.sh_info, print_reloc, devnull);
	}
}

/*
 * What the DWARF says of the functions in @nm: prototypes, deep
 * descriptions, calling conventions; and seal's work on each table,
 * which reads the DWARF, the symbols and the relocations.
 */
static void dwarf(struct ko_file *ko, const struct names *nm)
{
	struct proto_file *pf;
	struct stub_table st;
	struct real_table rt;
	unsigned int i;

	if (proto_open(&pf, ko))
		return;
	for (i = 0; i < nm->n; i++) {
		struct proto_desc d;
		struct fn_abi abi;
		char *p = NULL;

		if (proto_get(pf, nm->name[i], PROTO_DEF_OR_ANCHOR, &p) == 0)
			fprintf(devnull, "%s\n", p);
		free(p);
		if (proto_describe(pf, nm->name[i], PROTO_DEF_OR_ANCHOR,
				   &d) == 0)
			fprintf(devnull, "%s", d.desc);
		proto_desc_free(&d);
		if (fnabi_get(pf, nm->name[i], PROTO_DEF_OR_ANCHOR, &abi) == 0)
			fprintf(devnull, "%u\n", abi.argnword);
	}
	if (ko->modstubs.present && ko_stub_table(ko, &st) == 0)
		seal_stub(ko, pf, &st);
	if (ko_real_table(ko, &rt) == 0)
		seal_real(ko, pf, &rt);
	proto_close(pf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct names nm = { .n = 0 };
	struct ko_file ko;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	progname = "stubgen";
	if (ko_open_mem(&ko, "fuzz.ko", data, size))
		return 0;

	inspect(&ko, &nm);
	walk(&ko, &nm);
	cmd_symvers(&ko, ko_modinfo(&ko, "name") ? NULL : "fuzz", devnull);
	/* the file as both stub and real module: needs both tables */
	if (ko.modstubs.present && ko.real.present)
		cmd_verify(&ko, &ko, false);
	dwarf(&ko, &nm);

	ko_close(&ko);
	return 0;
}
