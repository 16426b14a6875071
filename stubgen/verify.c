// SPDX-License-Identifier: GPL-2.0
/*
 * stubgen verify: does a stub module still match its real module?
 *
 * Both are built from one .modmeta file and one API header, but they are
 * separate modules and can be rebuilt, shipped and installed separately.
 * Before anything is loaded, this compares what the stub module stands in
 * for with what the real module provides, as stubcore will when the real
 * module comes, and more: the ABI version of both tables and that both
 * are sealed, the module names, each function's kind, argnword and type
 * fingerprint, that the real module defines each function itself and does
 * not export it, and each function's prototype as the debug information
 * of both modules describes it.  When fingerprints differ and both
 * modules have their debug information, it names the type that differs.
 */
#include <errno.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <modstub/vocab.h>

#include "kofile.h"
#include "msg.h"
#include "proto.h"
#include "stubgen.h"

struct verify {
	struct ko_file *stub, *real;
	struct proto_file *stub_dw, *real_dw;
	bool no_dwarf_said;
	unsigned int problems;
	unsigned int protos;	/* prototypes compared */
};

static void problem(struct verify *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct verify *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ko_verr(v->stub->path, -EINVAL, fmt, ap);
	va_end(ap);
	v->problems++;
}

/*
 * The names of a table, each with its index + 1 as the value: so that
 * either table's entry for a name of the other is found in constant time
 * (a stub module may have 100,000 stubs).
 */
static void index_stubs(const struct ko_file *ko, const struct stub_table *t,
			struct strset *set)
{
	uint32_t i;

	strset_init(set);
	for (i = 0; i < t->hdr.nstubs; i++) {
		struct modstub_ent e;
		const char *name, *ret;

		ko_stub_entry(ko, t, i, &e, &name, &ret);
		strset_add(set, name, (void *)(uintptr_t)(i + 1));
	}
}

static void index_reals(const struct ko_file *ko, const struct real_table *t,
			struct strset *set)
{
	uint32_t i;

	strset_init(set);
	for (i = 0; i < t->hdr.nfuncs; i++) {
		struct modstub_real_ent e;
		const char *name;

		ko_real_entry(ko, t, i, &e, &name);
		strset_add(set, name, (void *)(uintptr_t)(i + 1));
	}
}

/*
 * The line of @desc about the type @key ("struct foo", @klen bytes): its
 * definition "struct foo { ... }" or its declaration "struct foo;".
 */
static const char *find_line(const char *desc, const char *key, size_t klen)
{
	const char *l = desc;

	while (*l) {
		const char *nl = strchr(l, '\n');

		if (strncmp(l, key, klen) == 0 &&
		    (l[klen] == ' ' || l[klen] == ';'))
			return l;
		if (!nl)
			break;
		l = nl + 1;
	}
	return NULL;
}

static int line_len(const char *l)
{
	const char *nl = strchr(l, '\n');

	return nl ? (int)(nl - l) : (int)strlen(l);
}

/*
 * The fingerprints of @fn differ: from the deep descriptions of both, say
 * which type (or the prototype) differs, as far as the debug information
 * tells.
 */
static void explain(struct verify *v, const char *fn)
{
	struct proto_desc a, b;
	const char *la, *other;

	if (!v->stub_dw || !v->real_dw ||
	    proto_describe(v->stub_dw, fn, PROTO_ANCHOR_ONLY, &a))
		return;
	if (proto_describe(v->real_dw, fn, PROTO_ANCHOR_ONLY, &b)) {
		proto_desc_free(&a);
		return;
	}
	for (la = a.desc; *la; la += line_len(la) + 1) {
		/* the type a line is about: up to its " {" or ";" */
		size_t klen = strcspn(la, "{;\n");

		while (klen && la[klen - 1] == ' ')
			klen--;

		other = la == a.desc ? b.desc : find_line(b.desc, la, klen);
		if (!other) {
			pr_note(v->stub->path, "%.*s: here, not reached in %s",
				(int)klen, la, v->real->path);
			break;
		}
		if (line_len(la) != line_len(other) ||
		    strncmp(la, other, line_len(la)) != 0) {
			pr_note(v->stub->path, "here: %.*s", line_len(la), la);
			pr_note(v->stub->path, "in %s: %.*s", v->real->path,
				line_len(other), other);
			break;
		}
	}
	if (!*la && a.fingerprint != b.fingerprint)
		pr_note(v->stub->path, "%s reaches types that this one does not",
			v->real->path);
	proto_desc_free(&a);
	proto_desc_free(&b);
}

static void compare_proto(struct verify *v, const char *fn)
{
	char *a = NULL, *b = NULL;
	int ea, eb;

	if (!v->stub_dw || !v->real_dw)
		return;
	ea = proto_get(v->stub_dw, fn, PROTO_ANCHOR_ONLY, &a);
	eb = proto_get(v->real_dw, fn, PROTO_DEF_OR_ANCHOR, &b);
	if (ea == -ENODATA || eb == -ENODATA) {
		if (!v->no_dwarf_said)
			pr_warning(ea == -ENODATA ? v->stub->path : v->real->path,
				   "no debug information: prototypes not compared");
		v->no_dwarf_said = true;
	} else if (ea == -ENOENT || eb == -ENOENT) {
		pr_warning(ea == -ENOENT ? v->stub->path : v->real->path,
			   "%s: no prototype in the debug information: not compared",
			   fn);
	} else if (ea || eb) {
		v->problems++;	/* reported by proto_get() */
	} else if (strcmp(a, b) != 0) {
		problem(v, "%s: prototype changed: '%s' here, '%s' in %s",
			fn, a, b, v->real->path);
	} else {
		v->protos++;
	}
	free(a);
	free(b);
}

int cmd_verify(struct ko_file *stub, struct ko_file *real, bool verbose)
{
	struct verify v = { .stub = stub, .real = real };
	struct strset stubs, reals;
	struct stub_table st;
	struct real_table rt;
	const char *stubmeta;
	uint32_t i;
	int err;

	if (ko_stub_table(stub, &st))
		return -EINVAL;
	err = ko_real_table(real, &rt);
	if (err == -ENOENT)
		return ko_err(real->path, -EINVAL,
			      "no %s section: not a real module built with its modmeta wrapper",
			      MODSTUB_REAL_SECTION);
	if (err)
		return err;
	if (ko_symbols(real))
		return -EINVAL;

	if (!(st.hdr.flags & MODSTUB_F_SEALED))
		problem(&v, "the stub table is not sealed (stubgen seal)");
	if (!(rt.hdr.flags & MODSTUB_F_SEALED))
		problem(&v, "the table of real functions of %s is not sealed (stubgen seal)",
			real->path);
	if (strcmp(st.module, rt.module) != 0)
		problem(&v, "stub module of %s, but %s is module %s",
			st.module, real->path, rt.module);
	stubmeta = ko_modinfo(real, MODINFO_STUBMODULE);
	if (stubmeta && strcmp(stubmeta, st.stubmod) != 0)
		problem(&v, "this is %s, but %s names its stub module %s",
			st.stubmod, real->path, stubmeta);

	/* debug information: optional, but then prototypes go unchecked */
	if (proto_open(&v.stub_dw, stub) || proto_open(&v.real_dw, real)) {
		proto_close(v.stub_dw);
		return -EINVAL;
	}

	index_stubs(stub, &st, &stubs);
	index_reals(real, &rt, &reals);
	for (i = 0; i < st.hdr.nstubs; i++) {
		struct modstub_real_ent re;
		struct modstub_ent e;
		const struct ko_sym *s;
		const char *name, *ret, *rname;
		char sym[STUBGEN_NAME_MAX + 16];
		uintptr_t ri;

		ko_stub_entry(stub, &st, i, &e, &name, &ret);
		ri = (uintptr_t)strset_get(&reals, name);
		if (!ri) {
			problem(&v, "%s: stubbed here, but %s does not list it",
				name, real->path);
			continue;
		}
		ko_real_entry(real, &rt, ri - 1, &re, &rname);
		if (re.kind != e.kind || re.argnword != e.argnword)
			problem(&v, "%s: a %s with argnword %u here, a %s with argnword %u in %s",
				name, modstub_kind_name(e.kind), e.argnword,
				modstub_kind_name(re.kind), re.argnword,
				real->path);
		if (re.fingerprint != e.fingerprint) {
			problem(&v, "%s: type fingerprint %016llx here, %016llx in %s: built from different definitions of its types",
				name, (unsigned long long)e.fingerprint,
				(unsigned long long)re.fingerprint, real->path);
			explain(&v, name);
		}
		/*
		 * A function the real module lacks still links: modpost
		 * resolves the table's reference to the stub module's export.
		 */
		s = ko_find_sym(real, name);
		if (!s || s->shndx == SHN_UNDEF || s->type != STT_FUNC)
			problem(&v, "%s: %s does not define it", name,
				real->path);
		/* both exporting it: the kernel refuses the second to load */
		snprintf(sym, sizeof(sym), "__ksymtab_%s", name);
		if (ko_find_sym(real, sym))
			problem(&v, "%s: %s exports it too (remove its EXPORT_SYMBOL: the stub module exports it)",
				name, real->path);
		compare_proto(&v, name);
	}
	for (i = 0; i < rt.hdr.nfuncs; i++) {
		struct modstub_real_ent re;
		const char *name;

		ko_real_entry(real, &rt, i, &re, &name);
		if (!strset_get(&stubs, name))
			problem(&v, "%s: listed by %s, but not stubbed here",
				name, real->path);
	}
	strset_free(&stubs);
	strset_free(&reals);

	if (verbose && !v.problems)
		pr_note(stub->path, "%s matches: %u stubs, %u prototypes compared",
			real->path, st.hdr.nstubs, v.protos);
	proto_close(v.stub_dw);
	proto_close(v.real_dw);
	return v.problems;
}
