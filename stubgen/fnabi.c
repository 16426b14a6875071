// SPDX-License-Identifier: GPL-2.0
/*
 * How a function is called, by the x86-64 SysV ABI, from its DWARF type:
 * the argument words a ustub's slow path must pass on (its argnword),
 * whether the function is variadic, and how it returns its value (what a
 * standard retfunc can stand in for).
 *
 * Kernel code is built with -mno-sse -mgeneral-regs-only, so only the
 * INTEGER and MEMORY classes of the ABI occur; anything that would use SSE
 * or x87 registers is reported as unsupported rather than guessed at.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "dwarf.h"
#include "fnabi.h"
#include "modstub/abi.h"

/* What the ABI makes of a type passed or returned by value */
struct cls {
	Dwarf_Word size;
	Dwarf_Word align;
	bool memory;		/* MEMORY class: on the stack */
	bool floating;		/* would need SSE or x87 registers */
	bool aggregate;		/* a struct or union */
	bool boolean, is_signed, pointer;
};

static int classify(struct dw_walk *r, Dwarf_Die *type, struct cls *c,
		    int depth);

/* The byte size of @die, which must have one. */
static int byte_size(struct dw_walk *r, Dwarf_Die *die, Dwarf_Word *size)
{
	int rc = dw_udata(r, die, DW_AT_byte_size, size);

	if (rc < 0)
		return rc;
	if (!rc)
		return dw_fail(r, -EINVAL, die, "type without a size");
	return 0;
}

static int classify_base(struct dw_walk *r, Dwarf_Die *die, struct cls *c)
{
	Dwarf_Word enc;
	int rc;

	if (byte_size(r, die, &c->size))
		return r->err;
	rc = dw_udata(r, die, DW_AT_encoding, &enc);
	if (rc < 0)
		return rc;
	switch (rc ? enc : 0) {
	case DW_ATE_float:
	case DW_ATE_complex_float:
	case DW_ATE_decimal_float:
		c->floating = true;
		break;
	case DW_ATE_boolean:
		c->boolean = true;
		break;
	case DW_ATE_signed:
	case DW_ATE_signed_char:
		c->is_signed = true;
		break;
	}
	c->align = c->size > 16 ? 16 : c->size ? c->size : 1;
	return 0;
}

static int classify_array(struct dw_walk *r, Dwarf_Die *die, struct cls *c,
			  int depth)
{
	Dwarf_Die mem, *elem;
	struct cls e = { 0 };
	int vector, rc;

	vector = dw_flag(r, die, DW_AT_GNU_vector, false);
	if (vector < 0 || dw_type(r, die, false, &mem, &elem))
		return r->err;
	if (!elem)
		return dw_fail(r, -EINVAL, die, "array without an element type");
	if (classify(r, elem, &e, depth + 1))
		return r->err;
	rc = dw_udata(r, die, DW_AT_byte_size, &c->size);
	if (rc < 0)
		return rc;
	if (!rc) {
		/* the size is that of the elements times their number */
		int n = dwarf_aggregate_size(die, &c->size);

		if (n != 0)
			c->size = 0;	/* a flexible array member */
	}
	c->align = e.align;
	c->floating = e.floating || vector;
	c->memory = e.memory;
	return 0;
}

static int classify_aggregate(struct dw_walk *r, Dwarf_Die *die,
			      struct cls *c, int depth)
{
	Dwarf_Die child, mem, *type;
	Dwarf_Word align;
	int rc;

	rc = dw_flag(r, die, DW_AT_declaration, false);
	if (rc)
		return rc < 0 ? rc : dw_fail(r, -EINVAL, die,
					     "a struct or union passed by value whose definition is not visible");
	if (byte_size(r, die, &c->size))
		return r->err;
	c->aggregate = true;
	c->align = 1;
	rc = dw_child(r, die, &child);
	while (rc == 0) {
		struct cls m = { 0 };
		Dwarf_Word off = 0, bits;
		int has_bits;

		if (dwarf_tag(&child) != DW_TAG_member)
			goto next;
		if (dw_enter(r, &child, depth) ||
		    dw_type(r, &child, false, &mem, &type))
			return r->err;
		if (!type)
			return dw_fail(r, -EINVAL, &child, "member without a type");
		if (classify(r, type, &m, depth + 1))
			return r->err;
		has_bits = dw_udata(r, &child, DW_AT_bit_size, &bits);
		if (has_bits < 0 ||
		    dw_udata(r, &child, DW_AT_data_member_location, &off) < 0)
			return r->err;
		c->floating |= m.floating;
		c->memory |= m.memory;
		/* a field at an unaligned offset makes it MEMORY */
		if (!has_bits && m.align && off % m.align)
			c->memory = true;
		if (m.align > c->align)
			c->align = m.align;
next:
		rc = dw_next(r, &child);
	}
	if (rc < 0)
		return rc;
	rc = dw_udata(r, die, DW_AT_alignment, &align);
	if (rc < 0)
		return rc;
	if (rc)
		c->align = align;
	if (c->size > 16)
		c->memory = true;
	return 0;
}

/* Classify @type (NULL: void), typedefs and qualifiers peeled. */
static int classify(struct dw_walk *r, Dwarf_Die *type, struct cls *c,
		    int depth)
{
	unsigned int quals = 0;
	Dwarf_Die mem, *die = type;

	memset(c, 0, sizeof(*c));
	if (dw_peel(r, &die, &mem, &quals, &depth))
		return r->err;
	if (!die)
		return 0;
	switch (dwarf_tag(die)) {
	case DW_TAG_base_type:
		return classify_base(r, die, c);
	case DW_TAG_enumeration_type:
		if (byte_size(r, die, &c->size))
			return r->err;
		c->align = c->size;
		/* its underlying type says if it is signed */
		if (dw_type(r, die, false, &mem, &type))
			return r->err;
		if (type) {
			struct cls u;

			if (classify(r, type, &u, depth + 1))
				return r->err;
			c->is_signed = u.is_signed;
		}
		return 0;
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type:
	case DW_TAG_ptr_to_member_type:
		c->size = c->align = 8;
		c->pointer = true;
		return 0;
	case DW_TAG_array_type:
		return classify_array(r, die, c, depth);
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_class_type:
		return classify_aggregate(r, die, c, depth);
	default:
		return dw_fail(r, -EINVAL, die, "unexpected tag %#x in a type",
			       dwarf_tag(die));
	}
}

static enum fnabi_ret ret_class(const struct cls *c, bool is_void)
{
	if (is_void)
		return RET_VOID;
	if (c->floating)
		return RET_FLOAT;
	if (c->aggregate)
		return c->memory ? RET_MEMORY : RET_AGGREGATE;
	if (c->pointer)
		return RET_POINTER;
	if (c->boolean)
		return RET_BOOL;
	return c->size > 8 ? RET_INT128 : RET_INT;
}

/* Add the parameter of type @type to @abi. */
static int add_param(struct dw_walk *r, Dwarf_Die *param, Dwarf_Die *type,
		     struct fn_abi *abi, int depth)
{
	Dwarf_Word words;
	struct cls c;

	if (classify(r, type, &c, depth))
		return r->err;
	words = (c.size + 7) / 8;
	if (c.floating) {
		abi->unsupported = "a floating-point or vector argument";
		return 0;
	}
	if (c.align > 16) {
		abi->unsupported = "an argument aligned to more than 16 bytes";
		return 0;
	}
	if (!words)
		return 0;	/* an empty struct takes nothing */
	if (words > 64)
		return dw_fail(r, -E2BIG, param,
			       "an argument of %llu bytes by value",
			       (unsigned long long)c.size);
	if (!c.memory && words <= 2 &&
	    abi->reg_words + words <= MODSTUB_REG_ARGS) {
		abi->reg_words += words;
		return 0;
	}
	/* the whole argument on the stack, aligned as it is */
	if (c.align > 8 && abi->stack_words % 2)
		abi->stack_words++;
	abi->stack_words += words;
	return 0;
}

int fnabi_get(struct proto_file *pf, const char *fn, enum proto_source src,
	      struct fn_abi *abi)
{
	struct dw_walk r = { .pf = pf, .fn = fn, .what = "calling convention of" };
	Dwarf_Die type, decl, child, mem, *t;
	struct cls c;
	int err, rc;

	memset(abi, 0, sizeof(*abi));
	err = proto_find(&r, src, &type, &decl);
	if (err)
		return err;

	if (dw_type(&r, &type, true, &mem, &t) || classify(&r, t, &c, 1))
		return r.err;
	abi->ret = ret_class(&c, !t);
	abi->ret_size = c.size;
	abi->ret_signed = c.is_signed;
	if (abi->ret == RET_MEMORY)
		abi->reg_words = 1;	/* the hidden pointer, in %rdi */

	rc = dw_child(&r, &type, &child);
	while (rc == 0) {
		switch (dwarf_tag(&child)) {
		case DW_TAG_formal_parameter:
			if (dw_enter(&r, &child, 1) ||
			    dw_type(&r, &child, true, &mem, &t))
				return r.err;
			if (!t)
				return dw_fail(&r, -EINVAL, &child,
					       "parameter without a type");
			if (add_param(&r, &child, t, abi, 2))
				return r.err;
			break;
		case DW_TAG_unspecified_parameters:
			abi->variadic = true;
			break;
		}
		rc = dw_next(&r, &child);
	}
	if (rc < 0)
		return rc;
	abi->argnword = abi->stack_words ?
		MODSTUB_REG_ARGS + abi->stack_words : abi->reg_words;
	return 0;
}

const char *fnabi_ret_name(enum fnabi_ret ret)
{
	switch (ret) {
	case RET_VOID:
		return "void";
	case RET_BOOL:
		return "_Bool";
	case RET_INT:
		return "an integer";
	case RET_POINTER:
		return "a pointer";
	case RET_INT128:
		return "a 128-bit integer";
	case RET_AGGREGATE:
		return "a struct or union (in registers)";
	case RET_MEMORY:
		return "a struct or union (through a hidden pointer)";
	case RET_FLOAT:
		return "a floating-point value";
	}
	return "?";
}
