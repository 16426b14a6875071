// SPDX-License-Identifier: GPL-2.0
/*
 * stubgen seal: finish the table of a stub module or of a real module from
 * the module's linked object, after checking the table against the object,
 * and mark it sealed.
 *
 * The tables are written by the assembler from the MODSTUB_* macros; what
 * the macros cannot check is whether the object around them agrees: that
 * each section has the right type and flags, that each stub's name is a
 * function defined and exported by the stub module, and each real
 * function defined and not exported by the real module, and that the
 * addresses of each entry are relocated against the symbols the entry
 * names.  Nor can C know a function's type well enough: from the debug
 * information of the anchor __MODSTUB_PROTO() leaves for each function,
 * seal takes its type fingerprint and its argnword (refusing one given in
 * the .modmeta that differs), refuses what no stub of its kind can pass
 * on (a variadic ustub, a floating-point argument) and a retfunc that
 * cannot answer for it (a standard one of the wrong kind, a custom one of
 * another type).  stubcore refuses a table without MODSTUB_F_SEALED, so an
 * object that was not checked here cannot be loaded.
 *
 * Errors about a function are reported at the line of the .modmeta file
 * that stubs it, which the #line directives of the generated code leave in
 * the debug information.
 */
#include <endian.h>
#include <errno.h>
#include <stddef.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <modstub/vocab.h>

#include "fnabi.h"
#include "kofile.h"
#include "msg.h"
#include "proto.h"
#include "stubgen.h"

/* A relocation of one address field of an entry */
struct reloc_ref {
	const struct ko_sym *sym;
	int64_t addend;
};

/* What the relocations of the table say each entry's addresses are. */
struct ent_relocs {
	struct reloc_ref entry, slow, retfunc;
};

/*
 * The relocations of a table: those of the address fields of its entries,
 * and of one address field of its header.
 */
struct reloc_scan {
	uint64_t first, end;	/* the entries, in the section */
	uint64_t ent_size;
	uint64_t entry_off, slow_off, retfunc_off;	/* fields, or ~0 */
	uint64_t hdr_off;	/* the header's address field, or ~0 */
	struct ent_relocs *ents;
	struct reloc_ref hdr;
	unsigned int others;	/* relocations of anything else */
	unsigned int bad;	/* of another type than R_X86_64_64 */
};

/*
 * The symbol a relocation points at, @want if it is one of the names of
 * that place (a relocation against a section symbol + addend, as the
 * assembler writes for a local symbol, points at the symbol there).
 */
static const struct ko_sym *reloc_target(const struct ko_file *ko,
					 const struct reloc_ref *r,
					 const char *want)
{
	if (!r->sym)
		return NULL;
	if (r->sym->type != STT_SECTION)
		return r->addend == 0 ? r->sym : NULL;
	if (r->addend < 0)
		return NULL;
	return ko_sym_at(ko, r->sym->shndx, r->addend, want);
}

static int scan_reloc(uint64_t off, uint32_t type, const struct ko_sym *sym,
		      int64_t addend, void *arg)
{
	struct reloc_scan *rs = arg;
	struct reloc_ref *ref;
	struct ent_relocs *er;
	uint64_t field;

	if (off == rs->hdr_off && type == R_X86_64_64 && !rs->hdr.sym) {
		rs->hdr.sym = sym;
		rs->hdr.addend = addend;
		return 0;
	}
	if (off < rs->first || off >= rs->end) {
		rs->others++;
		return 0;
	}
	if (type != R_X86_64_64) {
		rs->bad++;
		return 0;
	}
	er = &rs->ents[(off - rs->first) / rs->ent_size];
	field = (off - rs->first) % rs->ent_size;
	if (field == rs->entry_off)
		ref = &er->entry;
	else if (field == rs->slow_off)
		ref = &er->slow;
	else if (field == rs->retfunc_off)
		ref = &er->retfunc;
	else
		ref = NULL;
	if (!ref || ref->sym) {		/* another field, or twice */
		rs->others++;
		return 0;
	}
	ref->sym = sym;
	ref->addend = addend;
	return 0;
}

/*
 * stubcore patches the 5-byte jmp at @fn + @patch_off: it must lie within
 * the function and be a jmp (its opcode is not relocated).
 */
static bool patch_ok(const struct ko_file *ko, const struct ko_sym *fn,
		     unsigned int patch_off)
{
	struct ko_shdr sh;

	if ((uint64_t)patch_off + 5 > fn->size || ko_shdr(ko, fn->shndx, &sh) ||
	    !sh.data || fn->value > sh.size || sh.size - fn->value < fn->size)
		return false;
	return sh.data[fn->value + patch_off] == 0xe9;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char * const *)a, *(const char * const *)b);
}

static bool is_exported(const struct ko_file *ko, const char *name)
{
	char buf[STUBGEN_NAME_MAX + 32];

	/* after modpost (.ko), and before it on 6.12 and later (.o) */
	snprintf(buf, sizeof(buf), "__ksymtab_%s", name);
	if (ko_find_sym(ko, buf))
		return true;
	snprintf(buf, sizeof(buf), "__export_symbol_%s", name);
	return ko_find_sym(ko, buf) != NULL;
}

static bool is_defined_func(const struct ko_file *ko, const struct ko_sym *s)
{
	struct ko_shdr sh;

	if (!s || !ko_sym_in_section(s) || s->type != STT_FUNC)
		return false;
	return ko_shdr(ko, s->shndx, &sh) == 0 && (sh.flags & SHF_EXECINSTR);
}

/* One run of seal over an object. */
struct sealer {
	struct ko_file *ko;
	struct proto_file *pf;	/* its DWARF, NULL if none could be read */
	bool no_dwarf_said;
	int errors;
};

static void seal_err(struct sealer *s, const struct proto_desc *at,
		     const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Report a problem: at the line @at of the .modmeta (or the source) that
 * the debug information names, else at the object.
 */
static void seal_err(struct sealer *s, const struct proto_desc *at,
		     const char *fmt, ...)
{
	va_list ap;

	if (at && at->file && at->line) {
		struct buf where, in;

		/* the column is that of the macro in the generated code */
		buf_init(&where);
		buf_init(&in);
		buf_printf(&where, "%s:%d", at->file, at->line);
		buf_printf(&in, "in %s", s->ko->path);
		va_start(ap, fmt);
		vmsg(MSG_ERROR, where.s, in.s, fmt, ap);
		va_end(ap);
		buf_free(&where);
		buf_free(&in);
	} else {
		va_start(ap, fmt);
		ko_verr(s->ko->path, -EINVAL, fmt, ap);
		va_end(ap);
	}
	s->errors++;
}

/* The relocations of the table in section @sec: into @rs, counted. */
static int scan_relocs(struct sealer *s, const struct ko_section *sec,
		       struct reloc_scan *rs, uint32_t nents)
{
	int err;

	rs->ents = calloc(nents ? nents : 1, sizeof(*rs->ents));
	if (!rs->ents)
		return ko_err(s->ko->path, -ENOMEM, "out of memory");
	err = ko_relocs(s->ko, sec->index, scan_reloc, rs);
	if (err)
		return err;
	if (rs->bad)
		seal_err(s, NULL,
			 "%s: %u relocations of an unexpected type in the entries",
			 sec->name, rs->bad);
	if (rs->others)
		seal_err(s, NULL,
			 "%s: %u relocations of other fields than the entries' addresses",
			 sec->name, rs->others);
	return 0;
}

/* Section @sec of the table: PROGBITS with flags @want, aligned to 8. */
static void check_section(struct sealer *s, const struct ko_section *sec,
			  uint64_t want, const char *what)
{
	struct ko_shdr sh;

	if (ko_shdr(s->ko, sec->index, &sh)) {
		s->errors++;
		return;
	}
	if (sh.type != SHT_PROGBITS ||
	    (sh.flags & (SHF_ALLOC | SHF_WRITE | SHF_EXECINSTR)) != want ||
	    sh.align < 8)
		seal_err(s, NULL,
			 "%s: section of type %u, flags %#llx, alignment %llu: expected PROGBITS, %s, aligned to 8",
			 sec->name, sh.type, (unsigned long long)sh.flags,
			 (unsigned long long)sh.align, what);
}

/* The table starts with the global, exported symbol PREFIX<module>. */
static void check_table_sym(struct sealer *s, const struct ko_section *sec,
			    const char *prefix, const char *module)
{
	char buf[STUBGEN_NAME_MAX + 32];
	const struct ko_sym *tab;

	snprintf(buf, sizeof(buf), "%s%s", prefix, module);
	tab = ko_find_sym(s->ko, buf);
	if (!tab || tab->shndx != sec->index || tab->value != 0 ||
	    tab->bind != STB_GLOBAL)
		seal_err(s, NULL,
			 "%s: the table does not start with the global symbol %s",
			 sec->name, buf);
	else if (!is_exported(s->ko, buf))
		seal_err(s, NULL, "%s is not exported", buf);
}

/* The standard retfuncs of stubcore, and what each returns */
static const struct std_retfunc {
	const char *name;
	long value;
	bool is_void;
} std_retfuncs[] = {
#define X(name, value) { MODSTUB_RETFUNC_PREFIX #name, value, false },
	MODSTUB_RETFUNCS(X)
#undef X
	{ MODSTUB_RETFUNC_VOID, 0, true },
};

static const struct std_retfunc *find_std_retfunc(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(std_retfuncs); i++)
		if (strcmp(name, std_retfuncs[i].name) == 0)
			return &std_retfuncs[i];
	return NULL;
}

/*
 * Why standard retfunc @r cannot answer for a function that returns as
 * @abi says, or NULL if it can.  They return a long in %rax: a void
 * function ignores it, an integer takes it converted, a pointer reads
 * 0 as NULL and -E* as ERR_PTR(-E*).
 */
static const char *std_retfunc_problem(const struct std_retfunc *r,
				       const struct fn_abi *abi)
{
	switch (abi->ret) {
	case RET_VOID:
		return NULL;
	case RET_BOOL:
		if (!r->is_void && r->value == 0)
			return NULL;
		return "a _Bool is answered by nomod_zero (false) only";
	case RET_INT:
		if (r->is_void)
			return "nomod_void leaves the return value undefined";
		return NULL;
	case RET_POINTER:
		if (r->is_void)
			return "nomod_void leaves the return value undefined";
		if (r->value == -1)
			return "nomod_minus_one would return the pointer ERR_PTR(-EPERM); use nomod_zero for NULL or a nomod_e* for an ERR_PTR()";
		return NULL;
	case RET_INT128:
	case RET_AGGREGATE:
	case RET_MEMORY:
	case RET_FLOAT:
		return "no standard retfunc can build such a value: write a retfunc of your own with the type of the function";
	}
	return "?";
}

/* What seal derives for one function from its anchor. */
struct fn_facts {
	struct proto_desc d;
	struct fn_abi abi;
	bool ok;
};

/*
 * Take the type of @fn, stubbed as @kind with @given argnword, from its
 * anchor, and check that a stub of that kind can serve it.
 */
static void analyse(struct sealer *s, const char *fn, unsigned int kind,
		    unsigned int given, struct fn_facts *f)
{
	const char *kname = modstub_kind_name(kind);
	int errors = s->errors, err;

	memset(f, 0, sizeof(*f));
	err = s->pf ? proto_describe(s->pf, fn, PROTO_ANCHOR_ONLY, &f->d) :
		-ENODATA;
	if (err == -ENODATA) {
		if (!s->no_dwarf_said)
			seal_err(s, NULL,
				 "no debug information: seal takes each function's type from it; compile with -g (mk/modstub.mk does)");
		else
			s->errors++;
		s->no_dwarf_said = true;
		return;
	}
	if (err == -ENOENT) {
		seal_err(s, NULL,
			 "%s: its type is not in the debug information (no __modstub_proto_%s): was the object built from the MODSTUB_* macros, with -g?",
			 fn, fn);
		return;
	}
	if (err || fnabi_get(s->pf, fn, PROTO_ANCHOR_ONLY, &f->abi)) {
		s->errors++;	/* reported */
		return;
	}
	if (f->abi.unsupported)
		seal_err(s, &f->d, "%s: '%s' takes %s: no stub can pass it on",
			 fn, f->d.proto, f->abi.unsupported);
	if (f->abi.ret == RET_FLOAT)
		seal_err(s, &f->d,
			 "%s: '%s' returns a floating-point value: not kernel code",
			 fn, f->d.proto);
	if (kind != MODSTUB_KIND_STRONG && f->abi.variadic)
		seal_err(s, &f->d,
			 "%s: '%s' is variadic: a %s passes on a fixed number of argument words and cannot know how many its callers pass; make it a 'stub', whose calls reach the real function by a jump",
			 fn, f->d.proto, kname);
	if (kind != MODSTUB_KIND_STRONG &&
	    f->abi.argnword > MODSTUB_MAX_ARGNWORD)
		seal_err(s, &f->d,
			 "%s: '%s' takes %u argument words; a %s passes at most %d (make it a 'stub')",
			 fn, f->d.proto, f->abi.argnword, kname,
			 MODSTUB_MAX_ARGNWORD);
	else if (f->abi.argnword >= MODSTUB_ARGNWORD_AUTO)
		seal_err(s, &f->d, "%s: '%s' takes %u argument words", fn,
			 f->d.proto, f->abi.argnword);
	if (given != MODSTUB_ARGNWORD_AUTO && given != f->abi.argnword)
		seal_err(s, &f->d,
			 "%s: argnword %u given, but '%s' takes %u argument words (%u in registers, %u on the stack); drop the argnword, or give %u",
			 fn, given, f->d.proto, f->abi.argnword,
			 f->abi.reg_words, f->abi.stack_words,
			 f->abi.argnword);
	f->ok = s->errors == errors;
}

/*
 * Write what @f derived into the entry at @off of @sec: the argnword at
 * @argn_off and the fingerprint at @fp_off.  A table already sealed must
 * hold the same.
 */
static void finish_entry(struct sealer *s, const struct ko_section *sec,
			 size_t off, size_t argn_off, size_t fp_off,
			 const char *fn, unsigned int argnword,
			 uint64_t fingerprint, bool sealed,
			 const struct fn_facts *f)
{
	if (!f->ok)
		return;
	if (sealed && (argnword != f->abi.argnword ||
		       fingerprint != f->d.fingerprint)) {
		seal_err(s, &f->d,
			 "%s: sealed with argnword %u and fingerprint %016llx, but its debug information gives %u and %016llx: the object changed after it was sealed",
			 fn, argnword, (unsigned long long)fingerprint,
			 f->abi.argnword, (unsigned long long)f->d.fingerprint);
		return;
	}
	ko_poke(s->ko, sec, off + argn_off, f->abi.argnword, 1);
	ko_poke(s->ko, sec, off + fp_off, f->d.fingerprint, 8);
}

/* The custom retfunc @ret of @fn must be defined here, with its type. */
static void check_custom_retfunc(struct sealer *s, const char *fn,
				 const char *ret, const struct fn_facts *f)
{
	const struct ko_sym *sym = ko_find_sym(s->ko, ret);
	char *proto = NULL;
	int err;

	if (!is_defined_func(s->ko, sym)) {
		seal_err(s, &f->d,
			 "%s: its retfunc %s is not defined in this module: define it (not static) in the retsource file or in an object of the stub module",
			 fn, ret);
		return;
	}
	err = proto_get(s->pf, ret, PROTO_DEF_ONLY, &proto);
	if (err == -ENOENT || err == -ENODATA) {
		seal_err(s, &f->d,
			 "%s: no debug information for its retfunc %s, to check its type: compile it with -g",
			 fn, ret);
		return;
	}
	if (err) {
		s->errors++;
		return;
	}
	if (strcmp(proto, f->d.proto) != 0)
		seal_err(s, &f->d,
			 "%s: its retfunc %s is '%s', not '%s': a retfunc is entered with the caller's arguments and must have the type of the function it stands in for",
			 fn, ret, proto, f->d.proto);
	free(proto);
}

static void check_retfunc(struct sealer *s, const char *fn, const char *ret,
			  const struct fn_facts *f)
{
	const struct std_retfunc *r;
	const char *why;

	if (!f->d.proto)
		return;		/* the type is unknown: reported */
	r = find_std_retfunc(ret);
	if (!r) {
		check_custom_retfunc(s, fn, ret, f);
		return;
	}
	why = std_retfunc_problem(r, &f->abi);
	if (why)
		seal_err(s, &f->d, "%s: retfunc %s cannot answer for '%s': %s",
			 fn, ret, f->d.proto, why);
}

/* The stub table */

/*
 * The checks of one entry of a table against the object, in a table of
 * their own: each is small, is named for what it checks, and reports
 * through seal_err().  An entry's type is analysed first, so that
 * the checks that report at the line of the .modmeta can.
 */
struct entry {
	struct sealer *s;
	const char *module;		/* the real module */
	const struct ent_relocs *er;
	const char *name;
	const char *ret;		/* stub table: its retfunc */
	const struct modstub_ent *stub;	/* stub table: its entry */
	struct fn_facts f;
};

typedef void entry_check(struct entry *en);

/* A stub is a global function the stub module defines and exports. */
static void stub_exported(struct entry *en)
{
	struct sealer *s = en->s;
	const struct ko_sym *fn = ko_find_sym(s->ko, en->name);

	if (!is_defined_func(s->ko, fn) || fn->bind != STB_GLOBAL)
		seal_err(s, NULL,
			 "stub %s: the object defines no global function of that name",
			 en->name);
	else if (!is_exported(s->ko, en->name))
		seal_err(s, NULL, "stub %s is not exported", en->name);
	else if (!patch_ok(s->ko, fn, en->stub->patch_off))
		seal_err(s, NULL, "stub %s: no jmp at its patch offset %u",
			 en->name, en->stub->patch_off);
}

/* Its entry address is the stub itself. */
static void stub_entry_address(struct entry *en)
{
	const struct ko_sym *entry = reloc_target(en->s->ko, &en->er->entry,
						  en->name);

	if (!entry || strcmp(entry->name, en->name) != 0)
		seal_err(en->s, NULL,
			 "stub %s: its entry address is %s%s, not %s",
			 en->name, entry ? "relocated against " : "not relocated",
			 entry ? entry->name : "", en->name);
}

/* Its slow path is its own __modstub_slow_NAME. */
static void stub_slow_path(struct entry *en)
{
	char buf[STUBGEN_NAME_MAX + 32];
	const struct ko_sym *slow;

	snprintf(buf, sizeof(buf), "__modstub_slow_%s", en->name);
	slow = reloc_target(en->s->ko, &en->er->slow, buf);
	if (!slow || strcmp(slow->name, buf) != 0 ||
	    !is_defined_func(en->s->ko, slow))
		seal_err(en->s, NULL,
			 "stub %s: its slow path is not the function %s of the object",
			 en->name, buf);
}

/* Its retfunc address is that of the retfunc it names. */
static void stub_retfunc_address(struct entry *en)
{
	const struct ko_sym *retfunc = reloc_target(en->s->ko,
						    &en->er->retfunc, en->ret);

	if (!retfunc || strcmp(retfunc->name, en->ret) != 0)
		seal_err(en->s, NULL,
			 "stub %s: its retfunc address is not that of %s",
			 en->name, en->ret);
}

/*
 * A ustub's or wstub's per-call path is its own __modstub_fast_NAME, and
 * the jump of its call (which stubcore patches) its own __modstub_call_NAME,
 * each at the offset from the entry that the table gives.
 */
static void stub_fast_at(struct entry *en, const char *prefix,
			 unsigned int off, bool jump)
{
	const struct ko_sym *fn = ko_find_sym(en->s->ko, en->name);
	char buf[STUBGEN_NAME_MAX + 32];
	const struct ko_sym *sym;

	snprintf(buf, sizeof(buf), "%s%s", prefix, en->name);
	sym = ko_find_sym(en->s->ko, buf);
	if (!sym || !is_defined_func(en->s->ko, sym))
		seal_err(en->s, NULL,
			 "stub %s: the object defines no function %s",
			 en->name, buf);
	else if (!fn || sym->shndx != fn->shndx || sym->value != fn->value + off)
		seal_err(en->s, NULL,
			 "stub %s: %s is not at offset %u of the stub",
			 en->name, buf, off);
	else if (jump && !patch_ok(en->s->ko, sym, 0))
		seal_err(en->s, NULL, "stub %s: %s is not a jmp", en->name, buf);
}

static void stub_per_call_path(struct entry *en)
{
	if (en->stub->kind == MODSTUB_KIND_STRONG)
		return;
	stub_fast_at(en, "__modstub_fast_", en->stub->fast_off, false);
	stub_fast_at(en, "__modstub_call_", en->stub->call_off, true);
}

static void stub_reserved(struct entry *en)
{
	if (en->stub->runtime)
		seal_err(en->s, NULL, "stub %s: reserved fields are not zero",
			 en->name);
}

/* Its retfunc can answer for its type. */
static void stub_retfunc_type(struct entry *en)
{
	check_retfunc(en->s, en->name, en->ret, &en->f);
}

static entry_check *const stub_checks[] = {
	stub_exported,
	stub_entry_address,
	stub_slow_path,
	stub_retfunc_address,
	stub_per_call_path,
	stub_reserved,
	stub_retfunc_type,
};

/* A real function's address is that of the function it names. */
static void real_address(struct entry *en)
{
	const struct ko_sym *target = reloc_target(en->s->ko, &en->er->entry,
						   en->name);

	if (!target || strcmp(target->name, en->name) != 0)
		seal_err(en->s, NULL,
			 "function %s: its address is not relocated against %s",
			 en->name, en->name);
}

/* The real module defines it, as a global function. */
static void real_defined(struct entry *en)
{
	const struct ko_sym *fn = ko_find_sym(en->s->ko, en->name);

	if (!is_defined_func(en->s->ko, fn) || fn->bind != STB_GLOBAL)
		seal_err(en->s, &en->f.d,
			 "%s: %s does not define it, but stubs it: define it (not static) in one of %s's sources, or remove its stub line",
			 en->name, en->module, en->module);
}

/* It does not export it: its stub module does. */
static void real_not_exported(struct entry *en)
{
	if (is_exported(en->s->ko, en->name))
		seal_err(en->s, &en->f.d,
			 "%s: %s still exports it: remove its EXPORT_SYMBOL; %s_stub exports it in its place, and the kernel refuses a second export",
			 en->name, en->module, en->module);
}

/* Its definition, if it has debug information, agrees with the header. */
static void real_definition(struct entry *en)
{
	struct sealer *s = en->s;
	char *def = NULL;
	int err;

	err = en->f.d.proto ? proto_get(s->pf, en->name, PROTO_DEF_ONLY, &def) :
		-ENOENT;
	if (!err && strcmp(def, en->f.d.proto) != 0) {
		struct proto_desc where;

		if (proto_describe(s->pf, en->name, PROTO_DEF_ONLY, &where))
			memset(&where, 0, sizeof(where));
		seal_err(s, &where,
			 "%s: defined as '%s', but declared '%s' by the header the stubs are built from",
			 en->name, def, en->f.d.proto);
		proto_desc_free(&where);
	} else if (err && err != -ENOENT && err != -ENODATA) {
		s->errors++;	/* reported by proto_get() */
	}
	free(def);
}

static entry_check *const real_checks[] = {
	real_address,
	real_defined,
	real_not_exported,
	real_definition,
};

static void run_checks(struct entry *en, entry_check *const *checks,
		       size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		checks[i](en);
}

/* The stub table */

/* What the whole stub table must be, before its entries */
static bool stub_table_ok(struct sealer *s, const struct stub_table *t)
{
	struct ko_file *ko = s->ko;
	const char *modname;

	check_section(s, &ko->modstubs, SHF_ALLOC | SHF_WRITE,
		      "writable, not executable");
	if (t->hdr.runtime || t->hdr.calls_live || t->hdr.calls_pcpu)
		seal_err(s, NULL, "%s: reserved header fields are not zero",
			 MODSTUB_SECTION);
	if (strlen(t->module) >= STUBGEN_NAME_MAX ||
	    strlen(t->stubmod) >= STUBGEN_NAME_MAX) {
		seal_err(s, NULL, "%s: module name too long", MODSTUB_SECTION);
		return false;
	}
	if (ko_symbols(ko)) {
		s->errors++;
		return false;
	}
	check_table_sym(s, &ko->modstubs, MODSTUB_TAB_PREFIX, t->module);

	/* after modpost, the object knows its module name */
	modname = ko_modinfo(ko, "name");
	if (modname && strcmp(modname, t->stubmod) != 0)
		seal_err(s, NULL,
			 "%s: the table is for stub module %s, but this is module %s",
			 MODSTUB_SECTION, t->stubmod, modname);
	return true;
}

/* No function is stubbed twice. */
static void check_unique(struct sealer *s, const char **names, uint32_t n)
{
	uint32_t i;

	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 1; i < n; i++)
		if (strcmp(names[i - 1], names[i]) == 0)
			seal_err(s, NULL, "stub %s: in the table twice",
				 names[i]);
}

int seal_stub(struct ko_file *ko, struct proto_file *pf,
	      const struct stub_table *t)
{
	struct sealer s = { .ko = ko, .pf = pf };
	struct reloc_scan rs = {
		.first = t->hdr.hdr_size,
		.end = t->hdr.hdr_size + (uint64_t)t->hdr.nstubs * t->hdr.ent_size,
		.ent_size = t->hdr.ent_size,
		.entry_off = MODSTUB_ENT_OFF_ENTRY,
		.slow_off = MODSTUB_ENT_OFF_SLOW,
		.retfunc_off = MODSTUB_ENT_OFF_RETFUNC,
		.hdr_off = ~0ULL,
	};
	bool sealed = t->hdr.flags & MODSTUB_F_SEALED;
	const char **names;
	uint32_t i;

	if (!stub_table_ok(&s, t))
		return s.errors;
	names = calloc(t->hdr.nstubs ? t->hdr.nstubs : 1, sizeof(*names));
	if (!names) {
		ko_err(ko->path, -ENOMEM, "out of memory");
		return s.errors + 1;
	}
	if (scan_relocs(&s, &ko->modstubs, &rs, t->hdr.nstubs)) {
		free(rs.ents);
		free(names);
		return s.errors + 1;
	}

	for (i = 0; i < t->hdr.nstubs; i++) {
		struct modstub_ent e;
		struct entry en = {
			.s = &s, .module = t->module, .er = &rs.ents[i],
			.stub = &e,
		};

		ko_stub_entry(ko, t, i, &e, &en.name, &en.ret);
		names[i] = en.name;
		if (strlen(en.name) >= STUBGEN_NAME_MAX) {
			seal_err(&s, NULL, "stub %u: name too long", i);
			continue;
		}
		analyse(&s, en.name, e.kind, e.argnword, &en.f);
		run_checks(&en, stub_checks, ARRAY_SIZE(stub_checks));
		finish_entry(&s, &ko->modstubs,
			     t->hdr.hdr_size + (size_t)i * t->hdr.ent_size,
			     MODSTUB_ENT_OFF_ARGNWORD,
			     MODSTUB_ENT_OFF_FINGERPRINT, en.name, e.argnword,
			     e.fingerprint, sealed, &en.f);
		proto_desc_free(&en.f.d);
	}
	check_unique(&s, names, t->hdr.nstubs);
	free(names);
	free(rs.ents);
	if (!s.errors && !sealed)
		ko_poke(ko, &ko->modstubs, MODSTUB_HDR_OFF_FLAGS,
			t->hdr.flags | MODSTUB_F_SEALED, 2);
	return s.errors;
}

/* The table of real functions */

int seal_real(struct ko_file *ko, struct proto_file *pf,
	      const struct real_table *t)
{
	struct sealer s = { .ko = ko, .pf = pf };
	struct reloc_scan rs = {
		.first = t->hdr.hdr_size,
		.end = t->hdr.hdr_size + (uint64_t)t->hdr.nfuncs * t->hdr.ent_size,
		.ent_size = t->hdr.ent_size,
		.entry_off = MODSTUB_REAL_ENT_OFF_FUNC,
		.slow_off = ~0ULL,
		.retfunc_off = ~0ULL,
		.hdr_off = MODSTUB_REAL_HDR_OFF_STUBTAB,
	};
	bool sealed = t->hdr.flags & MODSTUB_F_SEALED;
	char buf[STUBGEN_NAME_MAX + 32];
	const struct ko_sym *tab;
	uint32_t i;

	check_section(&s, &ko->real, SHF_ALLOC, "read-only");
	if (strlen(t->module) >= STUBGEN_NAME_MAX) {
		seal_err(&s, NULL, "%s: module name too long",
			 MODSTUB_REAL_SECTION);
		return s.errors;
	}
	if (ko_symbols(ko))
		return s.errors + 1;
	check_table_sym(&s, &ko->real, MODSTUB_REAL_PREFIX, t->module);
	if (scan_relocs(&s, &ko->real, &rs, t->hdr.nfuncs)) {
		free(rs.ents);
		return s.errors + 1;
	}
	snprintf(buf, sizeof(buf), MODSTUB_TAB_PREFIX "%s", t->module);
	tab = reloc_target(ko, &rs.hdr, buf);
	if (!tab || strcmp(tab->name, buf) != 0)
		seal_err(&s, NULL,
			 "%s: the header does not point at the stub table %s",
			 MODSTUB_REAL_SECTION, buf);
	/* the way out that stubcore gives the module (MODSTUB_REAL_END()) */
	snprintf(buf, sizeof(buf), MODSTUB_REAL_EXIT_PREFIX "%s", t->module);
	tab = ko_find_sym(ko, buf);
	if (!tab || !ko_sym_in_section(tab) || tab->type != STT_FUNC ||
	    tab->bind != STB_GLOBAL)
		seal_err(&s, NULL,
			 "the module does not define the function %s, which stubcore requires of a real module: rebuild its modmeta wrapper with this <modstub/modstub.h>",
			 buf);

	for (i = 0; i < t->hdr.nfuncs; i++) {
		struct modstub_real_ent e;
		struct entry en = {
			.s = &s, .module = t->module, .er = &rs.ents[i],
		};

		ko_real_entry(ko, t, i, &e, &en.name);
		if (strlen(en.name) >= STUBGEN_NAME_MAX) {
			seal_err(&s, NULL, "function %u: name too long", i);
			continue;
		}
		analyse(&s, en.name, e.kind, e.argnword, &en.f);
		run_checks(&en, real_checks, ARRAY_SIZE(real_checks));
		finish_entry(&s, &ko->real,
			     t->hdr.hdr_size + (size_t)i * t->hdr.ent_size,
			     MODSTUB_REAL_ENT_OFF_ARGNWORD,
			     MODSTUB_REAL_ENT_OFF_FINGERPRINT, en.name,
			     e.argnword, e.fingerprint, sealed, &en.f);
		proto_desc_free(&en.f.d);
	}
	free(rs.ents);
	if (!s.errors && !sealed)
		ko_poke(ko, &ko->real, MODSTUB_REAL_HDR_OFF_FLAGS,
			t->hdr.flags | MODSTUB_F_SEALED, 2);
	return s.errors;
}

int cmd_seal(struct ko_file *ko, const char *out, bool verbose)
{
	struct proto_file *pf = NULL;
	struct stub_table st;
	struct real_table rt;
	bool was_sealed = true;
	int errors = 0, err, has_real;

	if (ko->compressed)
		return ko_err(ko->path, -EINVAL,
			      "compressed with %s: seal the object before it is compressed",
			      ko->compressed);
	if (ko->modstubs.present && ko_stub_table(ko, &st))
		return -EINVAL;
	err = ko_real_table(ko, &rt);
	if (err && err != -ENOENT)
		return err;
	has_real = !err;
	if (!ko->modstubs.present && !has_real && ko->modmeta.present) {
		if (verbose)
			pr_note(ko->path, "a module without stubs: nothing to seal");
		return 0;
	}
	if (!ko->modstubs.present && !has_real)
		return ko_err(ko->path, -ENOENT,
			      "no %s or %s section: neither a stub module nor a real module with stubs",
			      MODSTUB_SECTION, MODSTUB_REAL_SECTION);
	if (proto_open(&pf, ko))
		return -EINVAL;

	if (ko->modstubs.present) {
		was_sealed &= !!(st.hdr.flags & MODSTUB_F_SEALED);
		errors += seal_stub(ko, pf, &st);
	}
	if (has_real) {
		was_sealed &= !!(rt.hdr.flags & MODSTUB_F_SEALED);
		errors += seal_real(ko, pf, &rt);
	}
	proto_close(pf);
	if (errors) {
		pr_note(ko->path, "not sealed: %d problem%s", errors,
			errors == 1 ? "" : "s");
		return -EINVAL;
	}
	if (was_sealed && !out) {
		if (verbose)
			pr_note(ko->path, "already sealed");
		return 0;
	}
	if (ko_write(ko, out ? out : ko->path))
		return -EIO;
	if (verbose) {
		struct buf b;

		buf_init(&b);
		buf_puts(&b, "sealed");
		if (ko->modstubs.present)
			buf_printf(&b, ", %u stubs", st.hdr.nstubs);
		if (has_real)
			buf_printf(&b, ", %u real functions", rt.hdr.nfuncs);
		if (out)
			buf_printf(&b, ", written to %s", out);
		pr_note(ko->path, "%s", b.s);
		buf_free(&b);
	}
	return 0;
}
