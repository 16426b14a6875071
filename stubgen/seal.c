// SPDX-License-Identifier: GPL-2.0
/*
 * stubgen seal: check the stub table of a stub module's object against the
 * object itself, and mark it sealed.
 *
 * The table is written by the assembler from the MODSTUB_* macros; what
 * the macros cannot check is whether the object around it agrees: that
 * the section has the right type and flags, that each stub's name is a
 * function defined and exported by the object, and that the addresses in
 * each entry are relocated against the symbols the entry names.  stubcore
 * refuses a table without MODSTUB_F_SEALED, so an object that was not
 * checked here cannot be loaded.
 */
#include <endian.h>
#include <errno.h>
#include <stddef.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kofile.h"
#include "stubgen.h"

/* Offsets of the relocated fields of struct modstub_ent */
#define ENT_ENTRY	offsetof(struct modstub_ent, entry)
#define ENT_SLOW	offsetof(struct modstub_ent, slow)
#define ENT_RETFUNC	offsetof(struct modstub_ent, retfunc)

/* A relocation of one address field of an entry */
struct reloc_ref {
	const struct ko_sym *sym;
	int64_t addend;
};

/* What the relocations of the table say each entry's addresses are. */
struct ent_relocs {
	struct reloc_ref entry, slow, retfunc;
};

struct reloc_scan {
	const struct ko_file *ko;
	const struct stub_table *t;
	struct ent_relocs *ents;
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
	const struct stub_table *t = rs->t;
	uint64_t first = t->hdr.hdr_size;
	uint64_t end = first + (uint64_t)t->hdr.nstubs * t->hdr.ent_size;
	struct reloc_ref *ref;
	struct ent_relocs *er;
	uint64_t field;

	if (off < first || off >= end) {
		rs->others++;
		return 0;
	}
	if (type != R_X86_64_64) {
		rs->bad++;
		return 0;
	}
	er = &rs->ents[(off - first) / t->hdr.ent_size];
	field = (off - first) % t->hdr.ent_size;
	if (field == ENT_ENTRY)
		ref = &er->entry;
	else if (field == ENT_SLOW)
		ref = &er->slow;
	else if (field == ENT_RETFUNC)
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

	if (!s || s->shndx == SHN_UNDEF || s->shndx >= SHN_LORESERVE ||
	    s->type != STT_FUNC)
		return false;
	return ko_shdr(ko, s->shndx, &sh) == 0 && (sh.flags & SHF_EXECINSTR);
}

int seal_check(struct ko_file *ko, const struct stub_table *t)
{
	const char *path = ko->path;
	struct reloc_scan rs = { .ko = ko, .t = t };
	const struct ko_sym *tab;
	const char **names;
	const char *modname;
	struct ko_shdr sh;
	char buf[STUBGEN_NAME_MAX + 32];
	int errors = 0, err;
	uint32_t i;

	err = ko_shdr(ko, ko->modstubs.index, &sh);
	if (err)
		return 1;
	if (sh.type != SHT_PROGBITS ||
	    (sh.flags & (SHF_ALLOC | SHF_WRITE | SHF_EXECINSTR)) !=
	    (SHF_ALLOC | SHF_WRITE) || sh.align < 8) {
		ko_err(path, -EINVAL,
		       "%s: section of type %u, flags %#llx, alignment %llu: expected PROGBITS, writable, not executable, aligned to 8",
		       MODSTUB_SECTION, sh.type, (unsigned long long)sh.flags,
		       (unsigned long long)sh.align);
		errors++;
	}
	if (t->hdr.flags & ~(MODSTUB_F_UNLOADABLE | MODSTUB_F_SEALED)) {
		ko_err(path, -EINVAL, "%s: unknown flags %#x", MODSTUB_SECTION,
		       t->hdr.flags);
		errors++;
	}
	if (t->hdr.reserved || t->hdr.runtime) {
		ko_err(path, -EINVAL, "%s: reserved header fields are not zero",
		       MODSTUB_SECTION);
		errors++;
	}
	if (strlen(t->module) >= STUBGEN_NAME_MAX ||
	    strlen(t->stubmod) >= STUBGEN_NAME_MAX) {
		ko_err(path, -EINVAL, "%s: module name too long",
		       MODSTUB_SECTION);
		return errors + 1;
	}

	err = ko_symbols(ko);
	if (err)
		return errors + 1;

	/* the header is the exported __stubtab_<module> */
	snprintf(buf, sizeof(buf), MODSTUB_TAB_PREFIX "%s", t->module);
	tab = ko_find_sym(ko, buf);
	if (!tab || tab->shndx != ko->modstubs.index || tab->value != 0 ||
	    tab->bind != STB_GLOBAL) {
		ko_err(path, -EINVAL,
		       "%s: the table does not start with the global symbol %s",
		       MODSTUB_SECTION, buf);
		errors++;
	} else if (!is_exported(ko, buf)) {
		ko_err(path, -EINVAL, "%s is not exported", buf);
		errors++;
	}

	/* after modpost, the object knows its module name */
	modname = ko_modinfo(ko, "name");
	if (modname && strcmp(modname, t->stubmod) != 0) {
		ko_err(path, -EINVAL,
		       "%s: the table is for stub module %s, but this is module %s",
		       MODSTUB_SECTION, t->stubmod, modname);
		errors++;
	}

	rs.ents = calloc(t->hdr.nstubs ? t->hdr.nstubs : 1,
			 sizeof(*rs.ents));
	names = calloc(t->hdr.nstubs ? t->hdr.nstubs : 1, sizeof(*names));
	if (!rs.ents || !names) {
		free(rs.ents);
		free(names);
		ko_err(path, -ENOMEM, "out of memory");
		return errors + 1;
	}
	err = ko_relocs(ko, ko->modstubs.index, scan_reloc, &rs);
	if (err) {
		free(rs.ents);
		free(names);
		return errors + 1;
	}
	if (rs.bad) {
		ko_err(path, -EINVAL,
		       "%s: %u relocations of an unexpected type in the entries",
		       MODSTUB_SECTION, rs.bad);
		errors++;
	}
	if (rs.others) {
		ko_err(path, -EINVAL,
		       "%s: %u relocations of other fields than the entries' addresses",
		       MODSTUB_SECTION, rs.others);
		errors++;
	}

	for (i = 0; i < t->hdr.nstubs; i++) {
		const struct ent_relocs *er = &rs.ents[i];
		const struct ko_sym *fn, *entry, *slow, *retfunc;
		struct modstub_ent e;
		const char *name, *ret;

		ko_stub_entry(ko, t, i, &e, &name, &ret);
		names[i] = name;
		if (strlen(name) >= STUBGEN_NAME_MAX) {
			ko_err(path, -EINVAL, "stub %u: name too long", i);
			errors++;
			continue;
		}
		fn = ko_find_sym(ko, name);
		if (!is_defined_func(ko, fn) || fn->bind != STB_GLOBAL) {
			ko_err(path, -EINVAL,
			       "stub %s: the object defines no global function of that name",
			       name);
			errors++;
		} else if (!is_exported(ko, name)) {
			ko_err(path, -EINVAL, "stub %s is not exported", name);
			errors++;
		} else if (!patch_ok(ko, fn, e.patch_off)) {
			ko_err(path, -EINVAL,
			       "stub %s: no jmp at its patch offset %u",
			       name, e.patch_off);
			errors++;
		}
		entry = reloc_target(ko, &er->entry, name);
		if (!entry || strcmp(entry->name, name) != 0) {
			ko_err(path, -EINVAL,
			       "stub %s: its entry address is %s%s, not %s",
			       name, entry ? "relocated against " : "not relocated",
			       entry ? entry->name : "", name);
			errors++;
		}
		snprintf(buf, sizeof(buf), "__modstub_slow_%s", name);
		slow = reloc_target(ko, &er->slow, buf);
		if (!slow || strcmp(slow->name, buf) != 0 ||
		    !is_defined_func(ko, slow)) {
			ko_err(path, -EINVAL,
			       "stub %s: its slow path is not the function %s of the object",
			       name, buf);
			errors++;
		}
		retfunc = reloc_target(ko, &er->retfunc, ret);
		if (!retfunc || strcmp(retfunc->name, ret) != 0) {
			ko_err(path, -EINVAL,
			       "stub %s: its retfunc address is not that of %s",
			       name, ret);
			errors++;
		}
		if (e.flags || e.reserved0 || e.reserved1 || e.runtime) {
			ko_err(path, -EINVAL,
			       "stub %s: reserved fields are not zero", name);
			errors++;
		}
	}
	qsort(names, t->hdr.nstubs, sizeof(*names), cmp_str);
	for (i = 1; i < t->hdr.nstubs; i++) {
		if (strcmp(names[i - 1], names[i]) == 0) {
			ko_err(path, -EINVAL, "stub %s: in the table twice",
			       names[i]);
			errors++;
		}
	}
	free(names);
	free(rs.ents);
	return errors;
}

int cmd_seal(struct ko_file *ko, const char *out, bool verbose)
{
	struct stub_table t;
	uint16_t flags;
	int errors;

	if (!ko->modstubs.present)
		return ko_err(ko->path, -ENOENT,
			      "no %s section: not a stub module",
			      MODSTUB_SECTION);
	if (ko_stub_table(ko, &t))
		return -EINVAL;
	errors = seal_check(ko, &t);
	if (errors) {
		fprintf(stderr, "%s: not sealed: %d problem%s\n", ko->path,
			errors, errors == 1 ? "" : "s");
		return -EINVAL;
	}

	if (!(t.hdr.flags & MODSTUB_F_SEALED)) {
		/* flags: after magic, version, hdr_size and ent_size */
		flags = htole16(t.hdr.flags | MODSTUB_F_SEALED);
		memcpy(ko->image + (ko->modstubs.data - ko->image) +
		       offsetof(struct modstub_hdr, flags), &flags,
		       sizeof(flags));
	} else if (!out) {
		if (verbose)
			fprintf(stderr, "%s: already sealed, %u stubs\n",
				ko->path, t.hdr.nstubs);
		return 0;
	}
	if (ko_write(ko, out ? out : ko->path))
		return -EIO;
	if (verbose)
		fprintf(stderr, "%s: sealed, %u stubs%s%s\n", ko->path,
			t.hdr.nstubs, out ? ", written to " : "",
			out ? out : "");
	return 0;
}
