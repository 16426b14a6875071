// SPDX-License-Identifier: GPL-2.0
/*
 * Semantic checks.
 *
 * Two stages.  The field stage walks the fields of a module, refuses
 * unknown and duplicate ones, and lets each field's handler check its
 * values and fill in the model.  The module stage then runs the checks of
 * module_checks[] over the model, in order; a check that needs the result
 * of another comes after it.  Every diagnostic carries its check's name from
 * check_info[], the one table of checks (also printed by --list-checks).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <modstub/abi.h>
#include <modstub/vocab.h>

#include "check.h"
#include "diag.h"
#include "modname.h"

const struct check_info check_info[NR_CHECKS] = {
	[CHK_SYNTAX]		= { "syntax", DIAG_ERROR,
		"the input does not follow the grammar" },
	[CHK_BAD_CHAR]		= { "bad-char", DIAG_ERROR,
		"a character that cannot start a token" },
	[CHK_BAD_STRING]	= { "bad-string", DIAG_ERROR,
		"an unterminated string or a bad escape sequence" },
	[CHK_BAD_COMMENT]	= { "bad-comment", DIAG_ERROR,
		"an unterminated /* comment" },
	[CHK_UNKNOWN_FIELD]	= { "unknown-field", DIAG_ERROR,
		"a field the language does not have, or one in the wrong block" },
	[CHK_DUPLICATE_FIELD]	= { "duplicate-field", DIAG_ERROR,
		"a field that may appear once appears again" },
	[CHK_FIELD_VALUE]	= { "field-value", DIAG_ERROR,
		"a field with the wrong number or kind of values" },
	[CHK_MISSING_FIELD]	= { "missing-field", DIAG_WARNING,
		"desc, version or license is missing" },
	[CHK_VALUE_SET]		= { "value-set", DIAG_ERROR,
		"a value outside the set the field allows (type, states, ...)" },
	[CHK_DUPLICATE_VALUE]	= { "duplicate-value", DIAG_WARNING,
		"the same value twice in one list" },
	[CHK_BAD_IDENTIFIER]	= { "bad-identifier", DIAG_ERROR,
		"a module or function name that is not a usable C identifier" },
	[CHK_MODULE_NAME_LENGTH] = { "module-name-length", DIAG_ERROR,
		"a module name too long for the kernel once _stub is appended" },
	[CHK_DUPLICATE_MODULE]	= { "duplicate-module", DIAG_ERROR,
		"two modules of one file with the same kernel module name" },
	[CHK_BAD_VERSION]	= { "bad-version", DIAG_ERROR,
		"a version that is not x.y.z" },
	[CHK_UNKNOWN_LICENSE]	= { "unknown-license", DIAG_WARNING,
		"a license string the kernel does not know (it taints)" },
	[CHK_BAD_STRING_VALUE]	= { "bad-string-value", DIAG_ERROR,
		"a string that cannot be used where it is (empty, bad characters)" },
	[CHK_STATES_CONFLICT]	= { "states-conflict", DIAG_ERROR,
		"states that contradict each other or the stubs" },
	[CHK_SELF_DEPENDENCY]	= { "self-dependency", DIAG_ERROR,
		"a module that depends on itself or on its own stub module" },
	[CHK_MISSING_HEADER]	= { "missing-header", DIAG_ERROR,
		"stubs are declared but no header declares the functions" },
	[CHK_DUPLICATE_STUB]	= { "duplicate-stub", DIAG_ERROR,
		"a function stubbed twice" },
	[CHK_ARGNWORD_RANGE]	= { "argnword-range", DIAG_ERROR,
		"an argnword that is not a number from 0 to 16" },
	[CHK_STUB_PINS]		= { "stub-pins", DIAG_WARNING,
		"a stub (not a ustub) in a class unloadable block pins its module" },
	[CHK_AUTO_WITHOUT_STUB]	= { "auto-without-stub", DIAG_WARNING,
		"state auto in a module without a stub or ustub to load it" },
	[CHK_USTUB_NOT_UNLOADABLE] = { "ustub-not-unloadable", DIAG_ERROR,
		"a ustub in a module that is not unloadable" },
	[CHK_USTUB_LOADONLY]	= { "ustub-loadonly", DIAG_ERROR,
		"a ustub in a class loadonly autoload block" },
	[CHK_CLASS_UNLOADABLE]	= { "class-unloadable", DIAG_ERROR,
		"class unloadable in a module that is not unloadable" },
	[CHK_BAD_RETFUNC]	= { "bad-retfunc", DIAG_ERROR,
		"a retfunc that is not a C identifier, not a known nomod_*, or a stub" },
	[CHK_EMPTY_AUTOLOAD]	= { "empty-autoload", DIAG_WARNING,
		"an autoload block without stubs" },
	[CHK_LICENSE_NOT_GPL]	= { "license-not-gpl", DIAG_ERROR,
		"autoload in a module whose license is not GPL-compatible" },
	[CHK_PROGRAM]		= { "program", DIAG_ERROR,
		"a module of type program with stubs, or with a license that is not GPL-compatible" },
	[CHK_AUTOCLEAN_LOADONLY] = { "autoclean-loadonly", DIAG_ERROR,
		"autoclean in a class loadonly autoload block, or without a ustub or wstub" },
};

const char *const std_retfuncs[] = { MODSTUB_STD_RETFUNCS, NULL };

static const char *const module_types[] = {
	"misc", "driver", "fs", "net", "lib", "program", NULL,
};

#define X(id, name) name,
const char *const state_names[] = { MODMETA_STATES(X) NULL };
const char *const loadtime_names[] = { MODMETA_LOADTIMES(X) NULL };
const char *const class_names[] = { MODMETA_CLASSES(X) NULL };
#undef X

/* include/linux/license.h: license_is_gpl_compatible(), and Proprietary */
static const char *const gpl_licenses[] = {
	"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL",
	"Dual MIT/GPL", "Dual MPL/GPL", NULL,
};

static const char *const c_keywords[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do",
	"double", "else", "enum", "extern", "float", "for", "goto", "if",
	"inline", "int", "long", "register", "restrict", "return", "short",
	"signed", "sizeof", "static", "struct", "switch", "typedef", "union",
	"unsigned", "void", "volatile", "while", "_Alignas", "_Alignof",
	"_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
	"_Static_assert", "_Thread_local", "asm", "typeof", "__asm__",
	"__typeof__", "__attribute__", "__extension__", "__inline__",
	"__restrict__", "__volatile__", NULL,
};

/* Prefixes of the names modstub itself uses. */
static const char *const reserved_prefixes[] = {
	"__modstub_", "__SCT__", "__stubtab_", "__stubreal_", "modstub_",
	"nomod_", NULL,
};

static int lookup(const char *const *set, const char *s)
{
	int i;

	for (i = 0; set[i]; i++)
		if (strcmp(set[i], s) == 0)
			return i;
	return -1;
}

/* "a, b or c" */
static const char *set_text(const char *const *set)
{
	static char text[256];
	size_t len = 0;
	int i, n;

	for (n = 0; set[n]; n++)
		;
	text[0] = '\0';
	for (i = 0; i < n; i++)
		len += snprintf(text + len, sizeof(text) - len, "%s%s",
				i == 0 ? "" : i == n - 1 ? " or " : ", ",
				set[i]);
	return text;
}

static bool is_c_identifier(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	      *s == '_'))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static bool is_number(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The reserved prefix @s starts with, or NULL. */
static const char *reserved_prefix(const char *s)
{
	int i;

	for (i = 0; reserved_prefixes[i]; i++)
		if (strncmp(s, reserved_prefixes[i],
			    strlen(reserved_prefixes[i])) == 0)
			return reserved_prefixes[i];
	return NULL;
}

/*
 * Is @s a C identifier that may be used as a symbol of @what?  Reports and
 * returns false if not.
 */
static bool check_identifier(const struct value *v, const char *what,
			     bool allow_reserved)
{
	if (v->type != VAL_WORD || !is_c_identifier(v->text)) {
		diag(CHK_BAD_IDENTIFIER, &v->pos,
		     "%s '%s' is not a C identifier", what, v->text);
		return false;
	}
	if (lookup(c_keywords, v->text) >= 0) {
		diag(CHK_BAD_IDENTIFIER, &v->pos,
		     "%s '%s' is a C keyword", what, v->text);
		return false;
	}
	if (!allow_reserved && reserved_prefix(v->text)) {
		diag(CHK_BAD_IDENTIFIER, &v->pos,
		     "%s '%s' uses the prefix %s, reserved for modstub",
		     what, v->text, reserved_prefix(v->text));
		return false;
	}
	return true;
}

/*
 * Make room for element @n of @arr, an array of @n elements of @size bytes:
 * the capacity doubles at each power of two, so appending is O(1)
 * amortised without storing it.
 */
static void *grow(void *arr, unsigned int n, size_t size)
{
	if (n >= 4 && (n & (n - 1)))
		return arr;
	return xrealloc(arr, (n < 4 ? 4 : 2 * (size_t)n) * size);
}

/* The checking context of one file. */
struct check_ctx {
	struct arena *arena;
	struct strset funcs;		/* stubbed function -> struct stub */
	struct strset modnames;		/* kernel module name -> struct module */
	struct strset headers;		/* headers of the current module */
};

/* Field stage */

struct field_spec {
	const char *name;
	bool repeat;			/* may appear more than once */
	bool block;			/* takes a block, not values */
	void (*handle)(struct check_ctx *cc, struct module *m,
		       const struct field *f);
};

static void walk_fields(struct check_ctx *cc, struct module *m,
			const struct field *fields,
			const struct field_spec *specs, const char *where);

static bool any_bad(const struct field *f)
{
	const struct value *v;

	for (v = f->values; v; v = v->next)
		if (v->bad)
			return true;
	return false;
}

/*
 * Does @f have @n values (at least one if @n is 0), all of type @type?
 * Reports if not, except for values already reported as bad.
 */
static bool want_values(const struct field *f, unsigned int n,
			enum value_type type, const char *what)
{
	const struct value *v;

	if (any_bad(f))
		return false;
	if (n ? f->nvalues != n : f->nvalues == 0) {
		diag(CHK_FIELD_VALUE, &f->pos, "'%s' takes %s", f->name, what);
		return false;
	}
	for (v = f->values; v; v = v->next) {
		if (v->type != type) {
			diag(CHK_FIELD_VALUE, &v->pos, "'%s' takes %s",
			     f->name, what);
			return false;
		}
	}
	return true;
}

/* At least one value, all of type @type. */
static bool want_list(const struct field *f, enum value_type type,
		      const char *what)
{
	return want_values(f, 0, type, what);
}

static bool check_string_value(const struct value *v, const char *what)
{
	if (!*v->text) {
		diag(CHK_BAD_STRING_VALUE, &v->pos, "%s is empty", what);
		return false;
	}
	return true;
}

static void f_desc(struct check_ctx *cc, struct module *m,
		   const struct field *f)
{
	(void)cc;
	if (want_values(f, 1, VAL_STRING, "one string") &&
	    check_string_value(f->values, "the description"))
		m->desc = f->values->text;
}

static void f_license(struct check_ctx *cc, struct module *m,
		      const struct field *f)
{
	(void)cc;
	if (want_values(f, 1, VAL_STRING, "one string") &&
	    check_string_value(f->values, "the license"))
		m->license = f->values->text;
}

static void f_author(struct check_ctx *cc, struct module *m,
		     const struct field *f)
{
	if (!want_values(f, 1, VAL_STRING, "one string") ||
	    !check_string_value(f->values, "the author"))
		return;
	m->authors = grow(m->authors, m->nauthors, sizeof(*m->authors));
	m->authors[m->nauthors++] = f->values->text;
	(void)cc;
}

static void f_type(struct check_ctx *cc, struct module *m,
		   const struct field *f)
{
	(void)cc;
	if (!want_values(f, 1, VAL_WORD, "one module type"))
		return;
	if (lookup(module_types, f->values->text) < 0) {
		diag(CHK_VALUE_SET, &f->values->pos,
		     "unknown module type '%s'; expected %s",
		     f->values->text, set_text(module_types));
		return;
	}
	m->type = f->values->text;
	m->type_pos = &f->values->pos;
}

static void f_version(struct check_ctx *cc, struct module *m,
		      const struct field *f)
{
	const char *s;
	int parts = 0;
	bool ok = true;

	(void)cc;
	if (!want_values(f, 1, VAL_WORD, "one version, x.y.z"))
		return;
	s = f->values->text;
	for (;;) {
		size_t n = strspn(s, "0123456789");

		if (n == 0 || n > 9)
			ok = false;
		parts++;
		s += n;
		if (*s != '.')
			break;
		s++;
	}
	if (!ok || *s || parts != 3) {
		diag(CHK_BAD_VERSION, &f->values->pos,
		     "version '%s' is not of the form x.y.z (three decimal numbers)",
		     f->values->text);
		return;
	}
	m->version = f->values->text;
}

/*
 * A list of words from @names: sets bits of *@bits in the order of @names,
 * and builds the normalised text.
 */
static void word_set(struct check_ctx *cc, const struct field *f,
		     const char *const *names, const char *noun,
		     const char *what, unsigned int *bits, const char **text)
{
	const struct value *v;
	struct buf b;

	if (!want_list(f, VAL_WORD, what))
		return;
	buf_init(&b);
	for (v = f->values; v; v = v->next) {
		int i = lookup(names, v->text);

		if (i < 0) {
			diag(CHK_VALUE_SET, &v->pos,
			     "unknown %s '%s'; expected %s", noun, v->text,
			     set_text(names));
			continue;
		}
		if (*bits & (1u << i)) {
			diag(CHK_DUPLICATE_VALUE, &v->pos,
			     "'%s' listed twice in '%s'", v->text, f->name);
			continue;
		}
		*bits |= 1u << i;
		if (b.len)
			buf_putc(&b, ' ');
		buf_puts(&b, v->text);
	}
	*text = arena_strdup(cc->arena, b.s);
	buf_free(&b);
}

static void f_states(struct check_ctx *cc, struct module *m,
		     const struct field *f)
{
	word_set(cc, f, state_names, "state", "one or more states",
		 &m->states, &m->states_text);
}

static void f_loadtimes(struct check_ctx *cc, struct module *m,
			const struct field *f)
{
	word_set(cc, f, loadtime_names, "load time", "one or more load times",
		 &m->loadtimes, &m->loadtimes_text);
}

static void f_unloadable(struct check_ctx *cc, struct module *m,
			 const struct field *f)
{
	(void)cc;
	if (f->nvalues) {
		diag(CHK_FIELD_VALUE, &f->values->pos,
		     "'unloadable' takes no value");
		return;
	}
	m->unloadable = true;
}


static void f_depends(struct check_ctx *cc, struct module *m,
		      const struct field *f)
{
	const struct value *v;
	struct strset seen;

	(void)cc;
	if (!want_list(f, VAL_WORD, "one or more module names"))
		return;
	strset_init(&seen);
	for (v = f->values; v; v = v->next) {
		if (!modname_valid(v->text, strlen(v->text))) {
			diag(CHK_BAD_IDENTIFIER, &v->pos,
			     "'%s' is not a kernel module name", v->text);
			continue;
		}
		if (strset_add(&seen, v->text, (void *)v)) {
			diag(CHK_DUPLICATE_VALUE, &v->pos,
			     "'%s' listed twice in 'depends'", v->text);
			continue;
		}
		m->depends = grow(m->depends, m->ndepends, sizeof(*m->depends));
		m->depends[m->ndepends++] = v->text;
	}
	strset_free(&seen);
}

/* Strings that end up in an #include line. */
static bool check_include_name(const struct value *v, const char *what)
{
	const char *s = v->text;
	size_t len = strlen(s);

	if (!check_string_value(v, what))
		return false;
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			diag(CHK_BAD_STRING_VALUE, &v->pos,
			     "%s cannot contain control characters", what);
			return false;
		}
	}
	s = v->text;
	if (s[0] == '<') {
		if (len < 3 || s[len - 1] != '>' ||
		    strcspn(s + 1, "<>\n\"") != len - 2) {
			diag(CHK_BAD_STRING_VALUE, &v->pos,
			     "%s '%s' is not a valid <...> include name",
			     what, s);
			return false;
		}
		return true;
	}
	if (strpbrk(s, "\"\\")) {
		diag(CHK_BAD_STRING_VALUE, &v->pos,
		     "%s cannot contain '\"' or '\\\\'", what);
		return false;
	}
	return true;
}

static void f_class(struct check_ctx *cc, struct module *m,
		    const struct field *f)
{
	int i;

	(void)cc;
	if (!want_values(f, 1, VAL_WORD, "loadonly or unloadable"))
		return;
	i = lookup(class_names, f->values->text);
	if (i < 0) {
		diag(CHK_VALUE_SET, &f->values->pos,
		     "unknown class '%s'; expected %s", f->values->text,
		     set_text(class_names));
		return;
	}
	m->class = i;
	m->class_given = true;
}

static void f_header(struct check_ctx *cc, struct module *m,
		     const struct field *f)
{
	const struct value *v;

	m->header_given = true;
	if (!want_list(f, VAL_STRING, "one or more header names (strings)"))
		return;
	for (v = f->values; v; v = v->next) {
		if (!check_include_name(v, "header name"))
			continue;
		if (strset_add(&cc->headers, v->text, (void *)v)) {
			diag(CHK_DUPLICATE_VALUE, &v->pos,
			     "header \"%s\" listed twice", v->text);
			continue;
		}
		m->headers = grow(m->headers, m->nheaders, sizeof(*m->headers));
		m->headers[m->nheaders++] = v->text;
	}
}

static void f_retsource(struct check_ctx *cc, struct module *m,
			const struct field *f)
{
	(void)cc;
	if (want_values(f, 1, VAL_STRING, "one file name (a string)") &&
	    check_include_name(f->values, "retsource"))
		m->retsource = f->values->text;
}

static void add_stub(struct check_ctx *cc, struct module *m,
		     const struct field *f, enum stub_kind kind)
{
	const struct value *fn = f->values, *ret;
	struct srcpos *prev;
	struct stub *s;
	unsigned long argn = 0;
	bool ok = true;

	m->stub_fields++;
	if (kind != STUB_WEAK)
		m->strong_fields++;

	if (kind != STUB_STRONG) {
		if (!want_values(f, f->nvalues == 3 ? 3 : 2, VAL_WORD,
				 "a function, a retfunc and, optionally, an argnword"))
			return;
	} else if (!want_values(f, 2, VAL_WORD, "a function and a retfunc")) {
		return;
	}
	ret = fn->next;

	if (!check_identifier(fn, "function", false))
		ok = false;
	else if (strlen(fn->text) > MODSTUB_VERSIONED_MAX) {
		diag(CHK_BAD_IDENTIFIER, &fn->pos,
		     "function name '%s' is %zu characters; an exported symbol may have %d at most",
		     fn->text, strlen(fn->text), MODSTUB_VERSIONED_MAX);
		ok = false;
	}

	if (!is_c_identifier(ret->text)) {
		diag(CHK_BAD_RETFUNC, &ret->pos,
		     "retfunc '%s' is not a C identifier", ret->text);
		ok = false;
	} else if (lookup(c_keywords, ret->text) >= 0) {
		diag(CHK_BAD_RETFUNC, &ret->pos,
		     "retfunc '%s' is a C keyword", ret->text);
		ok = false;
	} else if (strncmp(ret->text, "nomod_", 6) == 0 &&
		   lookup(std_retfuncs, ret->text) < 0) {
		diag(CHK_BAD_RETFUNC, &ret->pos,
		     "unknown standard retfunc '%s'; expected %s", ret->text,
		     set_text(std_retfuncs));
		ok = false;
	} else if (lookup(std_retfuncs, ret->text) < 0 &&
		   reserved_prefix(ret->text)) {
		diag(CHK_BAD_RETFUNC, &ret->pos,
		     "retfunc '%s' uses the prefix %s, reserved for modstub",
		     ret->text, reserved_prefix(ret->text));
		ok = false;
	} else if (strcmp(ret->text, fn->text) == 0) {
		diag(CHK_BAD_RETFUNC, &ret->pos,
		     "'%s' cannot be its own retfunc", fn->text);
		ok = false;
	}

	if (ret->next) {
		const struct value *nw = ret->next;

		if (!is_number(nw->text) || strlen(nw->text) > 3 ||
		    (argn = strtoul(nw->text, NULL, 10)) > MODSTUB_MAX_ARGNWORD) {
			diag(CHK_ARGNWORD_RANGE, &nw->pos,
			     "argnword '%s' is not a number from 0 to %d",
			     nw->text, MODSTUB_MAX_ARGNWORD);
			ok = false;
		}
	}
	if (!ok)
		return;

	m->stubs = grow(m->stubs, m->nstubs, sizeof(*m->stubs));
	s = &m->stubs[m->nstubs];
	s->kind = kind;
	s->func = fn->text;
	s->retfunc = ret->text;
	s->std_retfunc = lookup(std_retfuncs, ret->text) >= 0;
	s->argnword = argn;
	s->argnword_given = ret->next != NULL;
	s->pos = &f->pos;
	s->retfunc_pos = &ret->pos;

	/* the index, not the pointer: m->stubs moves as it grows */
	prev = strset_add(&cc->funcs, s->func, (void *)&fn->pos);
	if (prev) {
		diag(CHK_DUPLICATE_STUB, &fn->pos, "'%s' is stubbed twice",
		     fn->text);
		diag_note(prev, "first stubbed here");
		return;
	}
	m->nstubs++;
}

static void f_stub(struct check_ctx *cc, struct module *m,
		   const struct field *f)
{
	add_stub(cc, m, f, STUB_STRONG);
}

static void f_ustub(struct check_ctx *cc, struct module *m,
		    const struct field *f)
{
	add_stub(cc, m, f, STUB_USTUB);
}

static void f_wstub(struct check_ctx *cc, struct module *m,
		    const struct field *f)
{
	add_stub(cc, m, f, STUB_WEAK);
}

/*
 * A delay of the autoclean field, "500ms", "30s" or "2min", into *@ms;
 * false if it is not one from AUTOCLEAN_MIN_MS to AUTOCLEAN_MAX_MS.
 */
#define AUTOCLEAN_MIN_MS	100u
#define AUTOCLEAN_MAX_MS	(24u * 3600 * 1000)
#define AUTOCLEAN_DEFAULT_MS	30000u

static bool parse_delay(const char *s, unsigned int *ms)
{
	static const struct { const char *unit; unsigned int ms; } units[] = {
		{ "ms", 1 }, { "s", 1000 }, { "min", 60000 },
	};
	unsigned long long n = 0;
	size_t i;

	if (!isdigit((unsigned char)*s))
		return false;
	for (; isdigit((unsigned char)*s); s++) {
		n = n * 10 + (unsigned int)(*s - '0');
		if (n > AUTOCLEAN_MAX_MS)
			return false;
	}
	for (i = 0; i < ARRAY_SIZE(units); i++) {
		if (strcmp(s, units[i].unit) == 0) {
			n *= units[i].ms;
			if (n < AUTOCLEAN_MIN_MS || n > AUTOCLEAN_MAX_MS)
				return false;
			*ms = (unsigned int)n;
			return true;
		}
	}
	return false;
}

/* autoclean [DELAY] [veto FUNCTION] */
static void f_autoclean(struct check_ctx *cc, struct module *m,
			const struct field *f)
{
	const char *what = "an optional delay (500ms, 30s, 2min) and, optionally, 'veto' and a function";
	const struct value *v = f->values, *veto = NULL;
	unsigned int ms = AUTOCLEAN_DEFAULT_MS;

	(void)cc;
	if (any_bad(f))
		return;
	if (f->nvalues > 3) {
		diag(CHK_FIELD_VALUE, &f->pos, "'autoclean' takes %s", what);
		return;
	}
	for (; v; v = v->next) {
		if (v->type != VAL_WORD) {
			diag(CHK_FIELD_VALUE, &v->pos, "'autoclean' takes %s",
			     what);
			return;
		}
	}
	v = f->values;
	if (v && strcmp(v->text, "veto") != 0) {
		if (!parse_delay(v->text, &ms)) {
			diag(CHK_FIELD_VALUE, &v->pos,
			     "autoclean delay '%s' is not a number of ms, s or min from 100ms to 24 hours (1440min)",
			     v->text);
			return;
		}
		v = v->next;
	}
	if (v) {
		if (strcmp(v->text, "veto") != 0 || !v->next || v->next->next) {
			diag(CHK_FIELD_VALUE, &v->pos, "'autoclean' takes %s",
			     what);
			return;
		}
		veto = v->next;
		if (!check_identifier(veto, "veto function", false))
			return;
	}
	m->has_autoclean = true;
	m->autoclean_pos = &f->pos;
	m->autoclean_ms = ms;
	m->autoclean_veto = veto ? veto->text : NULL;
}

static const struct field_spec autoload_fields[] = {
	{ "autoclean",	false,	false,	f_autoclean },
	{ "class",	false,	false,	f_class },
	{ "header",	true,	false,	f_header },
	{ "retsource",	false,	false,	f_retsource },
	{ "stub",	true,	false,	f_stub },
	{ "ustub",	true,	false,	f_ustub },
	{ "wstub",	true,	false,	f_wstub },
	{ }
};

static void f_autoload(struct check_ctx *cc, struct module *m,
		       const struct field *f)
{
	unsigned int errors;

	if (f->nvalues) {
		diag(CHK_FIELD_VALUE, &f->values->pos,
		     "'autoload' takes a block, not values");
		return;
	}
	m->has_autoload = true;
	m->autoload_pos = f->pos;
	errors = diag_errors;
	walk_fields(cc, m, f->block, autoload_fields, "an autoload block");
	m->autoload_errors = diag_errors != errors;
}

static const struct field_spec module_fields[] = {
	{ "desc",	false,	false,	f_desc },
	{ "type",	false,	false,	f_type },
	{ "version",	false,	false,	f_version },
	{ "license",	false,	false,	f_license },
	{ "author",	true,	false,	f_author },
	{ "states",	false,	false,	f_states },
	{ "loadtimes",	false,	false,	f_loadtimes },
	{ "unloadable",	false,	false,	f_unloadable },
	{ "depends",	false,	false,	f_depends },
	{ "autoload",	false,	true,	f_autoload },
	{ }
};

static const struct field_spec *find_spec(const struct field_spec *specs,
					  const char *name)
{
	for (; specs->name; specs++)
		if (strcmp(specs->name, name) == 0)
			return specs;
	return NULL;
}

static void walk_fields(struct check_ctx *cc, struct module *m,
			const struct field *fields,
			const struct field_spec *specs, const char *where)
{
	const struct field *seen[16] = { NULL };
	const struct field *f;

	for (f = fields; f; f = f->next) {
		const struct field_spec *spec = find_spec(specs, f->name);
		size_t i;

		if (!spec) {
			if (specs == module_fields &&
			    find_spec(autoload_fields, f->name))
				diag(CHK_UNKNOWN_FIELD, &f->pos,
				     "'%s' belongs in the autoload block",
				     f->name);
			else if (specs == autoload_fields &&
				 find_spec(module_fields, f->name))
				diag(CHK_UNKNOWN_FIELD, &f->pos,
				     "'%s' is a module field, not allowed in %s",
				     f->name, where);
			else
				diag(CHK_UNKNOWN_FIELD, &f->pos,
				     "unknown field '%s' in %s", f->name,
				     where);
			continue;
		}
		if (spec->block != f->has_block) {
			diag(CHK_FIELD_VALUE, &f->pos,
			     spec->block ? "'%s' takes a block: %s { ... }" :
			     "'%s' does not take a block%s", f->name,
			     spec->block ? f->name : "");
			continue;
		}
		i = spec - specs;
		if (specs == module_fields)
			m->given |= 1u << i;
		if (!spec->repeat && i < ARRAY_SIZE(seen)) {
			if (seen[i]) {
				diag(CHK_DUPLICATE_FIELD, &f->pos,
				     "duplicate field '%s'", f->name);
				diag_note(&seen[i]->pos,
					  "first given here");
				continue;
			}
			seen[i] = f;
		}
		spec->handle(cc, m, f);
	}
}

/* Module stage */

static void c_name(struct check_ctx *cc, struct module *m)
{
	struct value v = { .type = VAL_WORD, .text = m->name, .pos = m->pos };
	size_t len = strlen(m->name);
	size_t max = MODSTUB_MODNAME_MAX;
	const char *why = "a kernel module name";

	(void)cc;
	if (!check_identifier(&v, "module name", true)) {
		m->name_bad = true;
		return;
	}
	if (m->stub_fields) {
		/* frob_stub, and the exported __stubreal_frob */
		max = MODSTUB_VERSIONED_MAX - strlen(MODSTUB_REAL_PREFIX);
		why = "the name of a module with autoload stubs (its stub module, and the symbol " MODSTUB_REAL_PREFIX "NAME that ties the two, must fit the kernel's " STR(MODSTUB_MODNAME_MAX) "-character limit)";
	}
	if (len > max) {
		diag(CHK_MODULE_NAME_LENGTH, &m->pos,
		     "module name '%s' is %zu characters; %s may have %zu at most",
		     m->name, len, why, max);
		m->name_bad = true;
		return;
	}
	snprintf(m->stubmod, sizeof(m->stubmod), "%s%s", m->name,
		 MODSTUB_STUBMOD_SUFFIX);
}

static bool given(const struct module *m, const char *field)
{
	return m->given & (1u << (find_spec(module_fields, field) -
				  module_fields));
}

static void c_missing(struct check_ctx *cc, struct module *m)
{
	static const char *const wanted[] = { "desc", "version", "license" };
	size_t i;

	(void)cc;
	for (i = 0; i < ARRAY_SIZE(wanted); i++)
		if (!given(m, wanted[i]))
			diag(CHK_MISSING_FIELD, &m->pos,
			     "module '%s' has no '%s'%s", m->name, wanted[i],
			     strcmp(wanted[i], "license") == 0 ?
			     "; its C sources must then give MODULE_LICENSE()" :
			     "");
	if (!m->type)
		m->type = "misc";
}

static void c_license(struct check_ctx *cc, struct module *m)
{
	(void)cc;
	if (!m->license)
		return;
	if (lookup(gpl_licenses, m->license) < 0 &&
	    strcmp(m->license, "Proprietary") != 0) {
		diag(CHK_UNKNOWN_LICENSE, &m->pos,
		     "license \"%s\" of module '%s' is not one the kernel knows; it will taint the kernel",
		     m->license, m->name);
	}
	if (m->stub_fields && lookup(gpl_licenses, m->license) < 0)
		diag(CHK_LICENSE_NOT_GPL, &m->pos,
		     "module '%s' has autoload stubs but license \"%s\": stubcore's interface is GPL-only",
		     m->name, m->license);
}

static void c_states(struct check_ctx *cc, struct module *m)
{
	unsigned int strong = m->strong_fields;

	(void)cc;
	if (!m->states_text) {
		/* default: whatever the module can do */
		m->states = STATE_UNUSED | STATE_LOADED |
			    (strong ? STATE_AUTO : 0);
		m->states_text = strong ? "unused loaded auto" :
			"unused loaded";
	} else if (m->states &&
		   !(m->states & (STATE_STATIC | STATE_LOADED | STATE_AUTO |
				  STATE_USER))) {
		diag(CHK_STATES_CONFLICT, &m->pos,
		     "module '%s' lists only the state 'unused': it could never be loaded",
		     m->name);
	}
	if ((m->states & STATE_AUTO) && !strong)
		diag(CHK_AUTO_WITHOUT_STUB, &m->pos,
		     "module '%s' lists the state 'auto' but has no stub or ustub to load it on first use: in state auto it comes only through an alias or a device",
		     m->name);
	if (!m->loadtimes_text) {
		m->loadtimes = LOAD_RUN;
		m->loadtimes_text = loadtime_names[LOAD_RUN_BIT];
	}
}

/* Module names, as modprobe compares them: '-' and '_' are the same. */
static bool same_module(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (*a != *b && !((*a == '-' || *a == '_') &&
				  (*b == '-' || *b == '_')))
			return false;
	return *a == *b;
}

static void c_depends(struct check_ctx *cc, struct module *m)
{
	unsigned int i;

	(void)cc;
	for (i = 0; i < m->ndepends; i++) {
		if (same_module(m->depends[i], m->name))
			diag(CHK_SELF_DEPENDENCY, &m->pos,
			     "module '%s' depends on itself", m->name);
		else if (m->stub_fields &&
			 same_module(m->depends[i], m->stubmod))
			diag(CHK_SELF_DEPENDENCY, &m->pos,
			     "module '%s' lists its own stub module in 'depends'; that dependency is implicit",
			     m->name);
	}
}

/* Does @m have a stub that does not hold it: a ustub or a wstub? */
static bool lets_go(const struct module *m)
{
	unsigned int i;

	for (i = 0; i < m->nstubs; i++)
		if (m->stubs[i].kind != STUB_STRONG)
			return true;
	return false;
}

static void c_autoload(struct check_ctx *cc, struct module *m)
{
	unsigned int i;

	(void)cc;
	if (!m->has_autoload)
		return;
	if (!m->stub_fields && !m->autoload_errors) {
		diag(CHK_EMPTY_AUTOLOAD, &m->pos,
		     "module '%s' has an autoload block without stubs",
		     m->name);
		return;
	}
	if (!m->nstubs)
		return;		/* each bad stub was reported */
	if (!m->nheaders && !m->header_given)
		diag(CHK_MISSING_HEADER, &m->autoload_pos,
		     "module '%s' declares stubs but no 'header' that declares the stubbed functions",
		     m->name);
	if (m->class == CLASS_UNLOADABLE && !m->unloadable)
		diag(CHK_CLASS_UNLOADABLE, &m->pos,
		     "autoload class 'unloadable' in module '%s', which is not 'unloadable'",
		     m->name);

	for (i = 0; i < m->nstubs; i++) {
		const struct stub *s = &m->stubs[i];
		void *other = strset_get(&cc->funcs, s->retfunc);

		if (s->kind == STUB_USTUB && !m->unloadable)
			diag(CHK_USTUB_NOT_UNLOADABLE, s->pos,
			     "ustub '%s' in module '%s', which is not 'unloadable'",
			     s->func, m->name);
		else if (s->kind == STUB_USTUB && m->class == CLASS_LOADONLY)
			diag(CHK_USTUB_LOADONLY, s->pos,
			     "ustub '%s' in an autoload block of class %s",
			     s->func, m->class_given ? "'loadonly'" :
			     "'loadonly' (the default; say 'class unloadable')");
		if (other)
			diag(CHK_BAD_RETFUNC, s->retfunc_pos,
			     "retfunc '%s' of '%s' is itself a stubbed function",
			     s->retfunc, s->func);
		if (s->kind == STUB_STRONG && m->class == CLASS_UNLOADABLE)
			diag(CHK_STUB_PINS, s->pos,
			     "stub '%s' holds module '%s' from its first call on, although its class is unloadable; make it a ustub to hold the module only during calls",
			     s->func, m->name);
	}
	if (m->has_autoclean && m->class == CLASS_LOADONLY)
		diag(CHK_AUTOCLEAN_LOADONLY, m->autoclean_pos,
		     "autoclean in an autoload block of class %s: a loadonly module stays loaded",
		     m->class_given ? "'loadonly'" :
		     "'loadonly' (the default; say 'class unloadable')");
	else if (m->has_autoclean && !lets_go(m))
		diag(CHK_AUTOCLEAN_LOADONLY, m->autoclean_pos,
		     "autoclean in module '%s', whose stubs all hold it from their first call on: only a ustub or a wstub lets it go",
		     m->name);
}

/*
 * A program (modrun(1)) is run, not called: it has no stubs; modrun's
 * interface is GPL-only; and modrun removes it when its last instance
 * ends, so it is unloadable whether it says so or not.
 */
static void c_program(struct check_ctx *cc, struct module *m)
{
	(void)cc;
	if (!m->type || strcmp(m->type, "program") != 0)
		return;
	m->unloadable = true;
	if (m->has_autoload)
		diag(CHK_PROGRAM, &m->autoload_pos,
		     "module '%s' is a program: it is started by modrun, not called through stubs; drop its autoload block",
		     m->name);
	if (m->license && lookup(gpl_licenses, m->license) < 0)
		diag(CHK_PROGRAM, m->type_pos,
		     "module '%s' is a program but its license is \"%s\": modrun's interface is GPL-only",
		     m->name, m->license);
}

static void c_modnames(struct check_ctx *cc, struct module *m)
{
	struct module *prev;

	if (m->name_bad)
		return;
	prev = strset_add(&cc->modnames, m->name, m);
	if (prev) {
		if (strcmp(prev->name, m->name) == 0) {
			diag(CHK_DUPLICATE_MODULE, &m->pos,
			     "module '%s' defined twice", m->name);
			diag_note(&prev->pos, "first defined here");
		} else {
			diag(CHK_DUPLICATE_MODULE, &m->pos,
			     "module '%s' has the name of the stub module of '%s'",
			     m->name, prev->name);
			diag_note(&prev->pos, "'%s' defined here", prev->name);
		}
		return;
	}
	if (!m->stub_fields)
		return;
	prev = strset_add(&cc->modnames, m->stubmod, m);
	if (prev) {
		diag(CHK_DUPLICATE_MODULE, &m->pos,
		     "the stub module of '%s' would have the name of module '%s'",
		     m->name, prev->name);
		diag_note(&prev->pos, "'%s' defined here", prev->name);
	}
}

/* The module stage, in order. */
static void (*const module_checks[])(struct check_ctx *, struct module *) = {
	c_name,
	c_missing,
	c_license,
	c_states,
	c_depends,
	c_autoload,
	c_program,
	c_modnames,
};

void check_modules(struct arena *a, struct module_list *modules)
{
	struct check_ctx cc = { .arena = a };
	struct module *m;
	size_t i;

	strset_init(&cc.funcs);
	strset_init(&cc.modnames);
	/* every module's fields first: the module checks look across them */
	for (m = modules->first; m; m = m->next) {
		strset_init(&cc.headers);
		walk_fields(&cc, m, m->fields.first, module_fields,
			    "a module");
		strset_free(&cc.headers);
	}
	for (m = modules->first; m; m = m->next)
		for (i = 0; i < ARRAY_SIZE(module_checks); i++)
			module_checks[i](&cc, m);
	strset_free(&cc.funcs);
	strset_free(&cc.modnames);
}

void check_list(FILE *f)
{
	int i;

	for (i = 0; i < NR_CHECKS; i++)
		fprintf(f, "%-22s %-7s %s\n", check_info[i].name,
			check_info[i].level == DIAG_ERROR ? "error" :
			"warning", check_info[i].summary);
}
