/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tree the parser builds, and the module model the checks fill in.
 *
 * The grammar is generic: a module is a list of fields, a field is a name,
 * a list of values and, for autoload, a block of fields.  Which fields exist
 * and what they take is decided by check.c, so that an unknown or misspelt
 * field is a clear diagnostic, not a syntax error.
 */
#ifndef MODMETAC_AST_H
#define MODMETAC_AST_H

#include <stdbool.h>

#include <modstub/abi.h>
#include <modstub/vocab.h>

#include "srcpos.h"
#include "util.h"

enum value_type {
	VAL_WORD,		/* identifier, number or version: 1.2.0 */
	VAL_STRING,		/* "..." with its escapes resolved */
};

struct value {
	enum value_type type;
	bool bad;			/* already reported (a bad string) */
	const char *text;
	struct srcpos pos;
	struct value *next;
};

struct field {
	const char *name;
	struct srcpos pos;		/* the name */
	struct value *values;
	unsigned int nvalues;
	bool has_block;
	struct field *block;		/* fields of the block, if has_block */
	struct field *next;
};

/* A list under construction, with its tail for appending in O(1). */
struct value_list {
	struct value *first, *last;
	unsigned int n;
};

struct field_list {
	struct field *first, *last;
};

/* The model: filled in by check.c from the fields. */

/* Bit numbers and bits of struct module.states and .loadtimes */
#define X(id, name) STATE_##id##_BIT,
enum { MODMETA_STATES(X) NR_STATES };
#undef X
#define X(id, name) STATE_##id = 1 << STATE_##id##_BIT,
enum { MODMETA_STATES(X) };
#undef X

#define X(id, name) LOAD_##id##_BIT,
enum { MODMETA_LOADTIMES(X) NR_LOADTIMES };
#undef X
#define X(id, name) LOAD_##id = 1 << LOAD_##id##_BIT,
enum { MODMETA_LOADTIMES(X) };
#undef X

#define X(id, name) CLASS_##id,
enum autoload_class { MODMETA_CLASSES(X) NR_CLASSES };
#undef X

enum stub_kind {
	STUB_STRONG = MODSTUB_KIND_STRONG,	/* stub */
	STUB_USTUB = MODSTUB_KIND_USTUB,	/* ustub */
	STUB_WEAK = MODSTUB_KIND_WEAK,		/* wstub */
};

struct stub {
	enum stub_kind kind;
	const char *func;
	const char *retfunc;
	bool std_retfunc;		/* one of stubcore's nomod_* */
	unsigned int argnword;
	bool argnword_given;		/* else stubgen seal derives it */
	const struct srcpos *pos;	/* the field */
	const struct srcpos *retfunc_pos;
};

struct module {
	const char *name;
	struct srcpos pos;		/* the name */
	struct field_list fields;
	struct module *next;

	/* model */
	const char *desc;
	const char *type;
	const struct srcpos *type_pos;	/* the type field, if given */
	const char *version;
	const char *license;
	const char **authors;
	unsigned int nauthors;
	unsigned int states;
	const char *states_text;	/* as written, normalised */
	unsigned int loadtimes;
	const char *loadtimes_text;
	bool unloadable;
	const char **depends;
	unsigned int ndepends;

	bool has_autoload;
	struct srcpos autoload_pos;	/* the autoload field */
	enum autoload_class class;
	bool class_given;
	const char **headers;
	unsigned int nheaders;
	bool header_given;
	const char *retsource;		/* C file with the custom retfuncs */
	bool has_autoclean;
	const struct srcpos *autoclean_pos;	/* the autoclean field */
	unsigned int autoclean_ms;	/* idle delay before removal */
	const char *autoclean_veto;	/* function that may decline, or NULL */
	struct stub *stubs;
	unsigned int nstubs;

	unsigned int given;		/* bit i: module_fields[i] was given */
	unsigned int stub_fields;	/* stub, ustub, wstub fields given */
	unsigned int strong_fields;	/* stub and ustub fields given */
	bool autoload_errors;		/* errors inside the autoload block */
	char stubmod[64];		/* name of the stub module */
	bool name_bad;			/* its name is unusable */
};

struct module_list {
	struct module *first, *last;
};

struct value *value_new(struct arena *a, enum value_type type,
			const char *text, const struct srcpos *pos);
void value_append(struct value_list *l, struct value *v);
struct field *field_new(struct arena *a, const char *name,
			const struct srcpos *pos, struct value_list *values);
void field_set_block(struct field *f, struct field_list *block);
void field_append(struct field_list *l, struct field *f);
struct module *module_new(struct arena *a, const char *name,
			  const struct srcpos *pos, struct field_list *fields);
void module_append(struct module_list *l, struct module *m);
/* Free what the checks allocated outside the arena. */
void modules_free(struct module_list *l);

#endif /* MODMETAC_AST_H */
