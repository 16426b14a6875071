/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The prototypes of the functions of a .ko file, from its DWARF.
 */
#ifndef STUBGEN_PROTO_H
#define STUBGEN_PROTO_H

struct proto_file;

/**
 * proto_open() - open the debug information of a module
 * @pf: where to store the handle
 * @path: an x86-64 ET_REL file (.ko or .o)
 *
 * The DWARF of @path is read from @path itself, with the relocations of
 * its debug sections applied; separate debuginfo files are not looked
 * for.  A file without DWARF is not an error: proto_get() then returns
 * -ENODATA.
 *
 * Return: 0, or a negative errno after printing "PATH: error: WHAT" to
 * stderr (@pf is then NULL).
 */
int proto_open(struct proto_file **pf, const char *path);

/**
 * proto_close() - release what proto_open() got
 * @pf: the handle, or NULL
 */
void proto_close(struct proto_file *pf);

/**
 * proto_get() - the prototype of a function
 * @pf: the file
 * @fn: the name of the function
 * @out: where to store the prototype
 *
 * The prototype is taken from the definition of @fn (a DW_TAG_subprogram
 * named @fn that is not a declaration) if the file has one, else from the
 * type pointed to by the anchor variable __modstub_proto_<fn> that
 * __MODSTUB_PROTO() leaves in the debug information.
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
 * Return: 0; -ENOENT if the file has neither the definition nor the
 * anchor; -ENODATA if it has no DWARF; another negative errno, after
 * printing "PATH: error: WHAT", if its DWARF is bad or the type too
 * deeply nested (-ELOOP) or too large (-E2BIG).
 */
int proto_get(struct proto_file *pf, const char *fn, char **out);

#endif /* STUBGEN_PROTO_H */
