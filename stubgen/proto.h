/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The prototypes and types of the functions of a .ko file, from its DWARF.
 */
#ifndef STUBGEN_PROTO_H
#define STUBGEN_PROTO_H

#include <stdint.h>

struct ko_file;
struct proto_file;

/* Where a function's type is taken from. */
enum proto_source {
	PROTO_DEF_OR_ANCHOR,	/* its definition, else its anchor */
	PROTO_ANCHOR_ONLY,	/* the anchor __MODSTUB_PROTO() leaves */
	PROTO_DEF_ONLY,		/* its definition */
};

/**
 * proto_open() - open the debug information of a module
 * @pf: where to store the handle
 * @ko: the module (.ko or .o), as ko_open() read it
 *
 * The DWARF is read from the image of @ko itself (decompressed, if it was
 * compressed), with the relocations of its debug sections applied;
 * separate debuginfo files are not looked for.  A file without DWARF is
 * not an error: proto_get() then returns -ENODATA.
 *
 * Return: 0, or a negative errno after printing "PATH: error: WHAT" to
 * stderr (@pf is then NULL).
 */
int proto_open(struct proto_file **pf, const struct ko_file *ko);

/**
 * proto_close() - release what proto_open() got
 * @pf: the handle, or NULL
 */
void proto_close(struct proto_file *pf);

/**
 * proto_get() - the prototype of a function
 * @pf: the file
 * @fn: the name of the function
 * @src: where to take it from
 * @out: where to store the prototype
 *
 * The definition of @fn is a DW_TAG_subprogram named @fn that is not a
 * declaration (an external one before a static one); its anchor is the
 * variable __modstub_proto_<fn> that __MODSTUB_PROTO() leaves in the debug
 * information, a pointer to the type of @fn as that unit declared it.
 *
 * *@out is set to a malloc'ed canonical string such as
 * "int (struct frob_dev *, const char *, ...)": two prototypes give the
 * same string if and only if they have the same types, typedefs expanded.
 * Base types are named as DW_AT_name names them ("long int"); structs,
 * unions and enums by their tag ("struct frob_dev"), an anonymous one as
 * "struct {...}/SIZE" with its size in bytes; qualifiers come first, in
 * the order "const volatile restrict _Atomic"; a function without
 * parameters has "(void)"; top-level qualifiers of the parameters and of
 * the return value are dropped, and array and function parameters are
 * rendered as the pointers they are.
 *
 * Return: 0; -ENOENT if the file has not what @src asks for; -ENODATA if
 * it has no DWARF; another negative errno, after printing "PATH: error:
 * WHAT", if its DWARF is bad or the type too deeply nested (-ELOOP) or too
 * large (-E2BIG).
 */
int proto_get(struct proto_file *pf, const char *fn, enum proto_source src,
	      char **out);

/* Largest deep description, in bytes */
#define PROTO_MAX_DESC		(64u << 20)

/* The whole type of a function, as proto_describe() finds it. */
struct proto_desc {
	char *proto;		/* as proto_get() renders it */
	char *desc;		/* the deep description, lines */
	uint64_t fingerprint;	/* of desc, never 0 */
	const char *file;	/* where the anchor or definition is, or NULL */
	int line, column;	/* 0 if unknown */
};

/**
 * proto_describe() - the whole type of a function, and its fingerprint
 * @pf: the file
 * @fn: the function
 * @src: where to take its type from
 * @out: filled in; release with proto_desc_free()
 *
 * The deep description is the canonical prototype of @fn followed by one
 * line for each struct, union and enum that its type reaches, by value or
 * through pointers, in the order they are reached: "struct TAG { T member
 * @OFFSET; ... } /SIZE", bit fields as "member:BITS@OFFSET+BIT", explicit
 * alignments as "align N", enums with the value of each enumerator, a
 * struct whose definition the unit does not see as "struct TAG;".
 * Anonymous structs and unions are defined where they are used.  Typedefs
 * are expanded, as in the prototype.  This is what modversions' genksyms
 * covers for an exported symbol, from the DWARF rather than the source,
 * as the kernel's gendwarfksyms does.  The fingerprint is the FNV-1a hash
 * (64 bits) of the description.
 *
 * Return: as proto_get().
 */
int proto_describe(struct proto_file *pf, const char *fn,
		   enum proto_source src, struct proto_desc *out);
void proto_desc_free(struct proto_desc *d);

#endif /* STUBGEN_PROTO_H */
