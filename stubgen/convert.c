// SPDX-License-Identifier: GPL-2.0
/*
 * stubgen convert: the draft .modmeta of a stub pair, from an existing
 * module.
 *
 * From a built module and its debug information it writes NAME.modmeta:
 * the module's metadata from its .modinfo; the API header, the header the
 * module's sources include that declares the most of its exported
 * functions; and one strong stub per exported function, with a retfunc
 * proposed from the function's return type: one a caller can tell apart
 * from a real answer.  Where no standard retfunc is honest (a checksum, a
 * count: every value is an answer), the draft says so and names a
 * fallback, declared in a retsource file that the author must complete.
 * Then it says, as notes "FILE:LINE: note: remove: ...", the lines of the
 * sources the pair replaces: the EXPORT_SYMBOL of each stubbed function,
 * which the stub module exports now, and the MODULE_LICENSE,
 * MODULE_DESCRIPTION, MODULE_AUTHOR and MODULE_VERSION lines, which the
 * .modmeta supplies.  The sources are the compile units the DWARF names,
 * found where it says or, with --source, under the directory given.
 *
 * A module that exports data is refused: no stub can stand in for a
 * variable, and a caller that reads it needs the module itself.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dwarf.h"
#include "file.h"
#include "fnabi.h"
#include "kofile.h"
#include "msg.h"
#include "proto.h"
#include "stubgen.h"
#include "util.h"
#include "version.h"

#include <modstub/vocab.h>

/* The largest source or header file read */
#define SRC_MAX		(16u << 20)

/* An exported function, and what the draft proposes for it */
struct export {
	const char *name;
	char *proto;		/* canonical prototype, from the DWARF */
	char *at;		/* "FILE:LINE" of its definition, or NULL */
	const char *retfunc;	/* proposed */
	const char *why;	/* the comment above its stub line */
	bool fallback;		/* retfunc is NAME_fallback, to be written */
	bool removed;		/* its EXPORT_SYMBOL line was found */
};

struct convert {
	struct ko_file *ko;
	struct proto_file *pf;
	const char *name;	/* of the module, as the kernel names it */
	struct export *exp;
	size_t nexp;
	char **srcs;		/* the C sources to look at */
	size_t nsrcs;
	int errors;
};

/* Is @c a character of a C identifier? */
static bool ident_char(int c)
{
	return isalnum(c) || c == '_';
}

/* The module's file name: "crc-itu-t" for .../crc-itu-t.ko.xz */
static char *name_of_file(const char *path)
{
	const char *base = strrchr(path, '/');
	char *name, *dot;

	name = xstrdup(base ? base + 1 : path);
	dot = strstr(name, ".ko");
	if (dot && (dot[3] == '\0' || dot[3] == '.'))
		*dot = '\0';
	return name;
}

/*
 * The name of the .modmeta's module: a C identifier, as the kernel names
 * the module ("crc_itu_t" for crc-itu-t.ko: Kbuild turns '-' into '_').
 * If the file's name differs, the real module's object must be named in
 * a NAME-y line: say so.
 */
static char *module_name(struct convert *c)
{
	const char *kname = ko_modinfo(c->ko, "name");
	char *file = name_of_file(c->ko->path), *name;
	size_t i;

	name = xstrdup(kname && *kname ? kname : file);
	for (i = 0; name[i]; i++)
		if (!ident_char((unsigned char)name[i]))
			name[i] = '_';
	if (strcmp(name, file))
		pr_note(c->ko->path,
			"the module is %s in the .modmeta, and %s.ko is built from its objects: add \"%s-y := %s.o\" to the Kbuild file (or rename %s.c)",
			name, name, name, file, file);
	free(file);
	return name;
}

/* The exports of the module: functions in c->exp, data refused */
static int find_exports(struct convert *c)
{
	struct ko_file *ko = c->ko;
	size_t i, ndata = 0;

	c->exp = xcalloc(ko->nsyms ? ko->nsyms : 1, sizeof(*c->exp));
	for (i = 0; i < ko->nsyms; i++) {
		const struct ko_sym *s = ko->by_name[i], *def;
		const char *sym;
		bool gpl;

		if (strncmp(s->name, KO_KSYMTAB_PREFIX, strlen(KO_KSYMTAB_PREFIX)))
			continue;
		sym = s->name + strlen(KO_KSYMTAB_PREFIX);
		if (!*sym || strlen(sym) >= STUBGEN_NAME_MAX ||
		    ko_export_kind(ko, s, &gpl))
			continue;
		def = ko_find_sym(ko, sym);
		if (!def || !ko_sym_in_section(def))
			continue;	/* not defined here */
		if (def->type != STT_FUNC) {
			pr_error(ko->path,
				 "%s is exported data, not a function: no stub can stand in for a variable",
				 sym);
			ndata++;
			continue;
		}
		c->exp[c->nexp++].name = sym;
	}
	if (ndata) {
		pr_note(ko->path,
			"a module that exports data cannot become a stub pair: remove the EXPORT_SYMBOL of %s if no other module uses %s, and convert the module again",
			ndata > 1 ? "each" : "it", ndata > 1 ? "them" : "it");
		return -EINVAL;
	}
	if (!c->nexp)
		return ko_err(ko->path, -ENOENT,
			      "exports no function: there is nothing to stub");
	return 0;
}

/*
 * The retfunc of @e, from how its function returns (modmeta(5),
 * "Retfuncs"): one that a caller can tell from an answer, else a fallback.
 */
static void propose(struct export *e, const struct fn_abi *abi)
{
	switch (abi->ret) {
	case RET_VOID:
		e->retfunc = MODSTUB_RETFUNC_VOID;
		e->why = "returns nothing";
		return;
	case RET_BOOL:
		e->retfunc = MODSTUB_RETFUNC_PREFIX "zero";
		e->why = "check: false when the module cannot be loaded; fine if false means \"not done\" to its callers";
		return;
	case RET_POINTER:
		e->retfunc = MODSTUB_RETFUNC_PREFIX "zero";
		e->why = "check: NULL when the module cannot be loaded; if its callers test IS_ERR() instead, nomod_enodev";
		return;
	case RET_INT:
		if (abi->ret_signed && abi->ret_size >= 4) {
			e->retfunc = MODSTUB_RETFUNC_PREFIX "enodev";
			e->why = "check: -ENODEV when the module cannot be loaded, if it fails with a negative errno (the kernel's way)";
			return;
		}
		e->why = abi->ret_signed ?
			"every value of its small return type may be an answer: no standard retfunc is honest" :
			"every value of its unsigned return type may be an answer (a checksum, a count): no standard retfunc is honest";
		break;
	case RET_AGGREGATE:
	case RET_MEMORY:
	case RET_INT128:
		e->why = "returns a value no standard retfunc builds";
		break;
	case RET_FLOAT:
		e->why = "returns a floating-point value";
		break;
	}
	e->fallback = true;
}

/* The prototypes and retfuncs of the exported functions */
static int describe_exports(struct convert *c)
{
	size_t i;

	for (i = 0; i < c->nexp; i++) {
		struct export *e = &c->exp[i];
		struct proto_desc d;
		struct fn_abi abi;
		int err;

		err = proto_describe(c->pf, e->name, PROTO_DEF_ONLY, &d);
		if (!err)
			err = fnabi_get(c->pf, e->name, PROTO_DEF_ONLY, &abi);
		if (err == -ENODATA)
			return ko_err(c->ko->path, err,
				      "no debug information: build the module with it (CONFIG_DEBUG_INFO, or -g in ccflags-y)");
		if (err == -ENOENT) {
			ko_err(c->ko->path, err, "%s: no definition in the debug information",
			       e->name);
			c->errors++;
			continue;
		}
		if (err)
			return err;
		e->proto = d.proto;
		d.proto = NULL;
		if (d.file && d.line) {
			struct buf b;

			buf_init(&b);
			buf_printf(&b, "%s:%d", d.file, d.line);
			e->at = b.s;
		}
		proto_desc_free(&d);
		propose(e, &abi);
	}
	return c->errors ? -EINVAL : 0;
}

/*
 * Does @text declare @fn: "fn" as a whole word, then "(" after blanks?
 * A mention in a comment counts too; the header that declares most of the
 * functions wins, which such a mention rarely changes.
 */
static bool declares(const char *text, const char *fn)
{
	size_t len = strlen(fn);
	const char *p = text;

	while ((p = strstr(p, fn))) {
		const char *q = p + len;

		if ((p == text || !ident_char((unsigned char)p[-1])) &&
		    !ident_char((unsigned char)*q)) {
			while (*q == ' ' || *q == '\t' || *q == '\n')
				q++;
			if (*q == '(')
				return true;
		}
		p += len;
	}
	return false;
}

/* What a .modmeta's header line says for the header at @path */
static const char *header_name(const char *path)
{
	const char *inc = NULL, *p = path;

	/* under an include directory: as it is #included */
	while ((p = strstr(p, "/include/"))) {
		inc = p + strlen("/include/");
		p++;
	}
	if (inc && *inc)
		return inc;
	p = strrchr(path, '/');
	return p ? p + 1 : path;
}

/* The compile unit after *@off in @dw, in @cu: false after the last */
static bool next_cu(Dwarf *dw, Dwarf_Off *off, Dwarf_Die *cu)
{
	Dwarf_Off next;
	size_t hsize;

	while (dwarf_nextcu(dw, *off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Off die = *off + hsize;

		*off = next;
		if (dwarf_offdie(dw, die, cu))
			return true;
	}
	return false;
}

/*
 * The API header: of the headers the compile units include (from their
 * line tables) that are readable here, the one that declares the most
 * exported functions; NULL if none declares any.
 */
static char *find_header(struct convert *c)
{
	size_t best_n = 0;
	char *best = NULL;
	struct strset seen;
	Dwarf_Off off = 0;
	Dwarf_Die cu;

	if (!c->pf->dw)
		return NULL;
	strset_init(&seen);
	while (next_cu(c->pf->dw, &off, &cu)) {
		Dwarf_Files *files;
		size_t nfiles, i;

		if (dwarf_getsrcfiles(&cu, &files, &nfiles) != 0)
			continue;
		for (i = 0; i < nfiles; i++) {
			const char *path = dwarf_filesrc(files, i, NULL, NULL);
			size_t len, n = 0, j;
			char *text;

			if (!path || (len = strlen(path)) < 3 ||
			    strcmp(path + len - 2, ".h") ||
			    strset_get(&seen, path))
				continue;
			strset_add(&seen, path, (void *)path);
			if (read_file(path, SRC_MAX, READ_REGULAR, &text, &len, NULL))
				continue;
			for (j = 0; j < c->nexp; j++)
				n += declares(text, c->exp[j].name);
			free(text);
			if (n > best_n) {
				best_n = n;
				free(best);
				best = xstrdup(path);
			}
		}
	}
	strset_free(&seen);
	return best;
}

static void add_src(struct convert *c, const char *path)
{
	size_t i;

	for (i = 0; i < c->nsrcs; i++)
		if (strcmp(c->srcs[i], path) == 0)
			return;
	c->srcs = xrealloc(c->srcs, (c->nsrcs + 1) * sizeof(*c->srcs));
	c->srcs[c->nsrcs++] = xstrdup(path);
}

/*
 * Is the compile unit @name one of the module's sources?  Not what modpost
 * adds to every module: NAME.mod.c, and on 6.12 scripts/module-common.c.
 */
static bool is_source(const char *name)
{
	size_t len = strlen(name);
	const char *common = "scripts/module-common.c";

	if (len < 3 || strcmp(name + len - 2, ".c"))
		return false;
	if (len >= 6 && strcmp(name + len - 6, ".mod.c") == 0)
		return false;
	return !(len >= strlen(common) &&
		 strcmp(name + len - strlen(common), common) == 0 &&
		 (len == strlen(common) || name[len - strlen(common) - 1] == '/'));
}

/*
 * The source of a compile unit named @path, under @dir: @dir/NAME for the
 * longest tail NAME of @path that is a file there (reed_solomon.c, then
 * lib/reed_solomon/reed_solomon.c, ...); NULL if none is.
 */
static char *under_dir(const char *dir, const char *path)
{
	const char *tail = path + strlen(path);
	char *found = NULL;
	struct stat st;

	while (tail > path) {
		struct buf b;

		/* the next tail: back to the '/' before the current one */
		do
			tail--;
		while (tail > path && tail[-1] != '/');
		buf_init(&b);
		buf_printf(&b, "%s/%s", dir, tail);
		if (stat(b.s, &st) == 0 && S_ISREG(st.st_mode)) {
			free(found);
			found = b.s;
		} else {
			buf_free(&b);
		}
		while (tail > path && tail[-1] == '/')
			tail--;
	}
	return found;
}

/*
 * The C sources of the compile units of the DWARF: DW_AT_name in
 * DW_AT_comp_dir, or, with @dir, the file of that name under @dir.
 */
static void find_srcs(struct convert *c, const char *dir)
{
	Dwarf_Off off = 0;
	Dwarf_Die cu;

	if (!c->pf->dw)
		return;
	while (next_cu(c->pf->dw, &off, &cu)) {
		const char *name = dwarf_diename(&cu), *cdir;
		Dwarf_Attribute attr;
		struct buf b;
		char *found;

		if (!name || !is_source(name))
			continue;
		buf_init(&b);
		if (name[0] != '/' &&
		    (cdir = dwarf_formstring(dwarf_attr(&cu, DW_AT_comp_dir, &attr))))
			buf_printf(&b, "%s/%s", cdir, name);
		else
			buf_puts(&b, name);
		if (!dir) {
			add_src(c, b.s);
		} else if ((found = under_dir(dir, b.s))) {
			add_src(c, found);
			free(found);
		} else {
			pr_warning(dir, "no source of %s here: its edits are not shown",
				   b.s);
		}
		buf_free(&b);
	}
}

/* The end of the statement that begins on @line: the line of its ';' */
static int stmt_end(char **lines, int nlines, int line)
{
	int i;

	for (i = line; i < nlines && i < line + 8; i++)
		if (strchr(lines[i], ';'))
			return i;
	return line;
}

/* "MACRO(" at the start of @s (after blanks), then the rest in *@rest */
static bool starts_macro(const char *s, const char *macro, const char **rest)
{
	size_t len = strlen(macro);

	while (*s == ' ' || *s == '\t')
		s++;
	if (strncmp(s, macro, len) || ident_char((unsigned char)s[len]))
		return false;
	s += len;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '(')
		return false;
	*rest = s + 1;
	return true;
}

/* The exported function named in an EXPORT_SYMBOL line's @args, or NULL */
static struct export *export_named(struct convert *c, const char *args)
{
	size_t i, len;

	while (*args == ' ' || *args == '\t')
		args++;
	for (len = 0; ident_char((unsigned char)args[len]); len++)
		;
	for (i = 0; i < c->nexp; i++)
		if (strlen(c->exp[i].name) == len &&
		    strncmp(c->exp[i].name, args, len) == 0)
			return &c->exp[i];
	return NULL;
}

static void say_edit(const char *path, int first, int last, const char *what,
		     const char *why)
{
	char where[4096];

	if (last > first)
		snprintf(where, sizeof(where), "%s:%d-%d", path, first + 1, last + 1);
	else
		snprintf(where, sizeof(where), "%s:%d", path, first + 1);
	pr_note(where, "remove: %s: %s", what, why);
}

/* The lines of @path that the stub pair replaces, as notes */
static void scan_src(struct convert *c, const char *path)
{
	static const char *const exports[] = {
		"EXPORT_SYMBOL", "EXPORT_SYMBOL_GPL", "EXPORT_SYMBOL_NS",
		"EXPORT_SYMBOL_NS_GPL",
	};
	static const char *const infos[] = {
		"MODULE_LICENSE", "MODULE_DESCRIPTION", "MODULE_AUTHOR",
		"MODULE_VERSION",
	};
	char *text, *p, **lines = NULL;
	int nlines = 0, i;
	size_t len, k;

	if (read_file(path, SRC_MAX, READ_REGULAR, &text, &len, NULL)) {
		pr_warning(path, "cannot read this source: its edits are not shown");
		return;
	}
	for (p = text; *p; ) {
		char *nl = strchr(p, '\n');

		lines = xrealloc(lines, (nlines + 1) * sizeof(*lines));
		lines[nlines++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	for (i = 0; i < nlines; i++) {
		const char *rest;

		for (k = 0; k < ARRAY_SIZE(exports); k++) {
			struct export *e;

			if (!starts_macro(lines[i], exports[k], &rest))
				continue;
			e = export_named(c, rest);
			if (!e)
				break;
			say_edit(path, i, stmt_end(lines, nlines, i),
				 lines[i] + strspn(lines[i], " \t"),
				 "the stub module exports it in the module's place");
			e->removed = true;
			break;
		}
		for (k = 0; k < ARRAY_SIZE(infos); k++) {
			if (!starts_macro(lines[i], infos[k], &rest))
				continue;
			say_edit(path, i, stmt_end(lines, nlines, i),
				 lines[i] + strspn(lines[i], " \t"),
				 "the .modmeta supplies it");
			break;
		}
	}
	free(lines);
	free(text);
}

/* A string of the .modmeta language: C's escapes */
static void put_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char ch = *s;

		if (ch == '"' || ch == '\\')
			buf_printf(b, "\\%c", ch);
		else if (ch == '\n')
			buf_puts(b, "\\n");
		else if (ch == '\t')
			buf_puts(b, "\\t");
		else if (ch < 0x20 || ch == 0x7f)
			buf_printf(b, "\\%03o", ch);
		else
			buf_putc(b, ch);
	}
	buf_putc(b, '"');
}

/* Is @v a version of the .modmeta language: three decimal numbers? */
static bool version_ok(const char *v)
{
	int i;

	for (i = 0; i < 3; i++) {
		if (!isdigit((unsigned char)*v))
			return false;
		while (isdigit((unsigned char)*v))
			v++;
		if (i < 2 && *v++ != '.')
			return false;
	}
	return *v == '\0';
}

static void put_version(struct convert *c, struct buf *b)
{
	const char *v = ko_modinfo(c->ko, "version");

	if (v && version_ok(v)) {
		buf_printf(b, "    version %s\n", v);
	} else if (v) {
		buf_printf(b, "    // MODULE_VERSION(\"%s\") is not x.y.z: check\n", v);
		buf_puts(b, "    version 1.0.0\n");
	} else {
		buf_printf(b, "    // %s.ko has no MODULE_VERSION: 1.0.0 is the draft's, check\n",
			   c->name);
		buf_puts(b, "    version 1.0.0\n");
	}
}

static bool any_fallback(const struct convert *c)
{
	size_t i;

	for (i = 0; i < c->nexp; i++)
		if (c->exp[i].fallback)
			return true;
	return false;
}

/* The draft NAME.modmeta */
static void draft(struct convert *c, const char *header, struct buf *b)
{
	const char *desc = ko_modinfo(c->ko, "description");
	const char *license = ko_modinfo(c->ko, "license");
	bool driver = ko_modinfo(c->ko, "alias") != NULL;
	const char *author;
	size_t i;

	buf_printf(b, "// %s.modmeta: a draft by \"stubgen convert\" (modstub %s) from %s.\n",
		   c->name, MODSTUB_VERSION, c->ko->path);
	buf_puts(b, "// Review each line marked \"check\"; modmeta(5) says what each field does.\n");
	buf_printf(b, "module %s {\n", c->name);
	if (desc) {
		buf_puts(b, "    desc ");
		put_string(b, desc);
		buf_putc(b, '\n');
	} else {
		buf_printf(b, "    desc \"%s\" // no MODULE_DESCRIPTION: check\n", c->name);
	}
	buf_printf(b, "    type %s\n", driver ? "driver" : "lib");
	put_version(c, b);
	if (license) {
		buf_puts(b, "    license ");
		put_string(b, license);
		buf_putc(b, '\n');
	}
	for (author = ko_modinfo(c->ko, "author"); author;
	     author = ko_modinfo_next(c->ko, "author", author)) {
		buf_puts(b, "    author ");
		put_string(b, author);
		buf_putc(b, '\n');
	}
	buf_puts(b, "    autoload {\n");
	buf_puts(b, "        // load-only: loaded by its first call, then kept; ustub and class\n");
	buf_puts(b, "        // unloadable let it go between calls (modmeta(5), Unloading)\n");
	buf_puts(b, "        class loadonly\n");
	if (header) {
		buf_printf(b, "        header \"%s\"\n", header_name(header));
	} else {
		buf_printf(b, "        // no header of the sources declares its functions: check\n");
		buf_printf(b, "        header \"%s.h\"\n", c->name);
	}
	if (any_fallback(c))
		buf_printf(b, "        retsource \"%s_fallback.c\"\n", c->name);
	for (i = 0; i < c->nexp; i++) {
		const struct export *e = &c->exp[i];

		buf_printf(b, "        // %s: %s%s%s\n", e->name, e->proto,
			   e->at ? ", at " : "", e->at ? e->at : "");
		buf_printf(b, "        // %s%s\n", e->why, e->fallback ?
			   ": the fallback must compute the answer (retsource)" : "");
		if (e->fallback)
			buf_printf(b, "        stub %s %s_fallback\n", e->name, e->name);
		else
			buf_printf(b, "        stub %s %s\n", e->name, e->retfunc);
	}
	buf_puts(b, "    }\n");
	buf_puts(b, "}\n");
}

/* The retsource the fallbacks go in: a skeleton that does not build */
static void skeleton(struct convert *c, struct buf *b)
{
	size_t i;

	buf_printf(b, "/*\n * The fallbacks of %s's stubs: what a call returns when %s.ko cannot\n",
		   c->name, c->name);
	buf_puts(b, " * be loaded.  No standard retfunc is honest for these functions (see\n");
	buf_printf(b, " * %s.modmeta): each must compute the answer, as the module would.\n",
		   c->name);
	buf_printf(b, " * A skeleton by \"stubgen convert\": it does not build until written.\n */\n");
	buf_printf(b, "#include \"%s_stub.h\"\n", c->name);
	for (i = 0; i < c->nexp; i++) {
		const struct export *e = &c->exp[i];

		if (!e->fallback)
			continue;
		buf_printf(b, "\n/* %s: %s%s%s */\n", e->name, e->proto,
			   e->at ? ", at " : "", e->at ? e->at : "");
		buf_printf(b, "#error \"write %s_fallback(), of the type of %s()\"\n",
			   e->name, e->name);
	}
}

/* @b to @path, or to standard output if @path is NULL */
static int output(const char *path, const struct buf *b, bool keep)
{
	int err;

	if (!path) {
		fputs(b->s, stdout);
		return 0;
	}
	if (keep && access(path, F_OK) == 0) {
		pr_note(path, "exists: not written again");
		return 0;
	}
	err = write_atomic(path, b->s, b->len, 0644, 0);
	if (err)
		pr_error(path, "cannot write: %s", strerror(-err));
	return err;
}

int cmd_convert(struct ko_file *ko, const char *out, const char *srcdir)
{
	struct convert c = { .ko = ko };
	char *header = NULL;
	struct buf b;
	size_t i;
	int err;

	if (ko->modmeta.present || ko->modstubs.present || ko->real.present)
		return ko_err(ko->path, -EINVAL,
			      "already a module of modstub (it has modstub's sections): edit its .modmeta instead");
	err = ko_symbols(ko);
	if (err)
		return err;
	err = find_exports(&c);
	if (!err)
		c.name = module_name(&c);
	if (!err)
		err = proto_open(&c.pf, ko);
	if (!err)
		err = describe_exports(&c);
	if (err)
		goto out;

	header = find_header(&c);
	find_srcs(&c, srcdir);
	for (i = 0; i < c.nsrcs; i++)
		scan_src(&c, c.srcs[i]);
	for (i = 0; i < c.nexp; i++)
		if (!c.exp[i].removed)
			pr_note(c.exp[i].at ? c.exp[i].at : ko->path,
				"remove the EXPORT_SYMBOL of %s (not found in the sources%s)",
				c.exp[i].name, srcdir ? " under --source" : " the debug information names");

	buf_init(&b);
	draft(&c, header, &b);
	err = output(out, &b, false);
	if (!err && out && any_fallback(&c)) {
		char *dir = xstrdup(out), *slash = strrchr(dir, '/');
		struct buf path;

		if (slash)
			slash[1] = '\0';
		else
			dir[0] = '\0';
		buf_init(&path);
		buf_printf(&path, "%s%s_fallback.c", dir, c.name);
		buf_reset(&b);
		skeleton(&c, &b);
		err = output(path.s, &b, true);
		buf_free(&path);
		free(dir);
	}
	buf_free(&b);

out:
	for (i = 0; i < c.nexp; i++) {
		free(c.exp[i].proto);
		free(c.exp[i].at);
	}
	for (i = 0; i < c.nsrcs; i++)
		free(c.srcs[i]);
	free(c.srcs);
	free(c.exp);
	free(header);
	free((char *)c.name);
	proto_close(c.pf);
	return err;
}
