/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading the DWARF of a module: the parts shared by proto.c (prototypes
 * and type descriptions) and fnabi.c (calling conventions).
 *
 * The DWARF is not trusted: every libdw call is checked, every type is
 * walked with a depth limit (which also stops reference cycles) and a
 * budget of DIEs, every string built is bounded, and siblings must go
 * forward, so that a malformed file gets a message, never a crash or a
 * hang.  The helpers report the first problem of a walk as "PATH: error:
 * WHAT OF FN: DIE OFF: WHAT" and return a negative errno.
 */
#ifndef STUBGEN_DWARF_H
#define STUBGEN_DWARF_H

#include <stdbool.h>

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include "proto.h"
#include "util.h"

#define DW_MAX_DEPTH		64	/* DIEs on the way to a type */
#define DW_MAX_STEPS		4096	/* DIEs of one prototype */
#define DW_MAX_LEN		8192	/* bytes of a string built */


struct proto_index;

struct proto_file {
	char *path;
	Dwfl *dwfl;
	Dwarf *dw;		/* NULL if the file has no DWARF */
	struct proto_index *index;	/* proto.c: names to DIEs */
};

void proto_index_free(struct proto_index *ix);

/* One walk through the DWARF: what it is about, its budget, its error. */
struct dw_walk {
	const struct proto_file *pf;
	const char *what;	/* "prototype of FN", for messages */
	const char *fn;
	unsigned int steps;	/* DIEs walked */
	unsigned int max_steps;	/* 0: DW_MAX_STEPS */
	unsigned int max_len;	/* of a string built; 0: DW_MAX_LEN */
	struct deep *deep;	/* proto.c: a deep description is built */
	int err;		/* the first error */
};

/* The message of libdw error @err (-1: the last), never NULL. */
const char *dw_msg(int err);

int dw_fail(struct dw_walk *r, int err, Dwarf_Die *die, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A new string, at most DW_MAX_LEN bytes long. */
char *dw_fmt(struct dw_walk *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Account for one more DIE at nesting @depth. */
int dw_enter(struct dw_walk *r, Dwarf_Die *die, int depth);
/*
 * Attribute @name of @die; if @integrate, also through
 * DW_AT_abstract_origin and DW_AT_specification.  1 if there, 0 if not, or
 * a negative errno.
 */
int dw_attr(struct dw_walk *r, Dwarf_Die *die, unsigned int name,
	    bool integrate, Dwarf_Attribute *attr);
/* Is flag attribute @name of @die set?  (1, 0 or a negative errno) */
int dw_flag(struct dw_walk *r, Dwarf_Die *die, unsigned int name,
	    bool integrate);
/* The name of @die in *@name, NULL if it has none. */
int dw_name(struct dw_walk *r, Dwarf_Die *die, const char **name);
/*
 * The DW_AT_type of @die: *@type is set to @mem, or to NULL if @die has
 * none (void).  @mem may be @die.
 */
int dw_type(struct dw_walk *r, Dwarf_Die *die, bool integrate,
	    Dwarf_Die *mem, Dwarf_Die **type);
/* An unsigned constant attribute: 1 and *@val, 0 if absent, or -errno. */
int dw_udata(struct dw_walk *r, Dwarf_Die *die, unsigned int name,
	     Dwarf_Word *val);
/* The first child of @die: 0, 1 if none, or a negative errno. */
int dw_child(struct dw_walk *r, Dwarf_Die *die, Dwarf_Die *child);
/* Move @die to its next sibling: 0, 1 at the end, or a negative errno. */
int dw_next(struct dw_walk *r, Dwarf_Die *die);

#define Q_CONST		(1u << 0)
#define Q_VOLATILE	(1u << 1)
#define Q_RESTRICT	(1u << 2)
#define Q_ATOMIC	(1u << 3)

/*
 * Follow the typedefs and qualifiers from *@die, adding the qualifiers to
 * *@quals.  *@die becomes NULL (void) or @mem; *@depth counts the DIEs.
 */
int dw_peel(struct dw_walk *r, Dwarf_Die **die, Dwarf_Die *mem,
	    unsigned int *quals, int *depth);

/*
 * The DIE of r->fn's type: a DW_TAG_subprogram (a definition) or a
 * DW_TAG_subroutine_type (what an anchor points to), in @out.
 * Return: 0, -ENOENT if not there, -ENODATA without DWARF, or -errno.
 */
int proto_find(struct dw_walk *r, enum proto_source src, Dwarf_Die *out,
	       Dwarf_Die *decl);

#endif /* STUBGEN_DWARF_H */
