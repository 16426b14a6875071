// SPDX-License-Identifier: GPL-2.0
/*
 * The prototypes and types of the functions of a .ko file, from its DWARF.
 *
 * A stub module and its real module must agree on the type of each
 * stubbed function.  Both carry an anchor for it, the variable
 * __modstub_proto_<fn> of type typeof(fn) * that __MODSTUB_PROTO() defines
 * in a discarded section: its DWARF stays.  The real module also has the
 * definition of fn.  A prototype is rendered as a canonical string, so
 * that the prototypes of two modules compare with strcmp(); a deep
 * description adds the definition of every type the prototype reaches,
 * and its hash is the type fingerprint stubcore compares.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dwarf.h"
#include "kofile.h"
#include "proto.h"

#define PROTO_ANCHOR		"__modstub_proto_"
#define PROTO_MAX_ORIGIN	8	/* DW_AT_abstract_origin hops */

static const char *const qual_names[] = {
	"const", "volatile", "restrict", "_Atomic",
};

/* "const volatile restrict _Atomic" at most */
#define QUAL_STR_SIZE	40

static void qual_str(unsigned int quals, char *buf)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(qual_names); i++) {
		if (!(quals & (1u << i)))
			continue;
		if (buf[0])
			strcat(buf, " ");
		strcat(buf, qual_names[i]);
	}
}


/* How render() is to render a type. */
enum rmode {
	R_PLAIN,	/* as it is */
	R_POINTEE,	/* pointed to: "(*)" before "[]" or "()" */
	R_TOP,		/* a parameter or a return value: unqualified,
			 * arrays and functions as the pointers they are */
};

static char *render(struct dw_walk *r, Dwarf_Die *type, unsigned int quals,
		    const char *decl, enum rmode mode, int depth);

/* "QUALS NAME DECL" */
static char *named(struct dw_walk *r, const char *qs, const char *name,
		   const char *decl)
{
	return dw_fmt(r, "%s%s%s%s%s", qs, *qs ? " " : "", name,
		     *decl ? " " : "", decl);
}

static char *body(struct dw_walk *r, Dwarf_Die *die, const char *kw,
		  int depth);
static int queue_type(struct dw_walk *r, Dwarf_Die *die);

/*
 * A struct, union or enum: "struct TAG" or "struct {...}/SIZE"; in a deep
 * description, a named one is queued to be defined on a line of its own
 * and an anonymous one is defined in place.
 */
static char *tagged(struct dw_walk *r, Dwarf_Die *die, const char *kw,
		    const char *qs, const char *decl, int depth)
{
	const char *name;
	char *tag, *s;
	int size;

	if (dw_name(r, die, &name))
		return NULL;
	if (name && r->deep && queue_type(r, die))
		return NULL;
	if (name) {
		tag = dw_fmt(r, "%s %s", kw, name);
	} else if (r->deep) {
		tag = body(r, die, kw, depth + 1);
	} else {
		size = dwarf_bytesize(die);
		if (size >= 0)
			tag = dw_fmt(r, "%s {...}/%d", kw, size);
		else
			tag = dw_fmt(r, "%s {...}/?", kw);
	}
	if (!tag)
		return NULL;
	s = named(r, qs, tag, decl);
	free(tag);
	return s;
}

static char *pointer(struct dw_walk *r, Dwarf_Die *die, const char *sym,
		     const char *qs, const char *decl, int depth)
{
	Dwarf_Die mem, *target;
	char *pdecl, *s;

	if (*qs)
		pdecl = dw_fmt(r, "%s %s%s%s", sym, qs, *decl ? " " : "", decl);
	else
		pdecl = dw_fmt(r, "%s%s", sym, decl);
	if (!pdecl)
		return NULL;
	if (dw_type(r, die, false, &mem, &target)) {
		free(pdecl);
		return NULL;
	}
	s = render(r, target, 0, pdecl, R_POINTEE, depth + 1);
	free(pdecl);
	return s;
}

static bool const_form(unsigned int form)
{
	switch (form) {
	case DW_FORM_data1:
	case DW_FORM_data2:
	case DW_FORM_data4:
	case DW_FORM_data8:
	case DW_FORM_sdata:
	case DW_FORM_udata:
	case DW_FORM_implicit_const:
		return true;
	default:
		return false;
	}
}

/*
 * A constant bound @name of subrange @die: 1 and *@val if there and
 * constant, 0 if absent or not constant (*@there tells which), or a
 * negative errno.
 */
static int bound(struct dw_walk *r, Dwarf_Die *die, unsigned int name,
		 Dwarf_Word *val, bool *there)
{
	Dwarf_Attribute attr;
	int rc;

	rc = dw_attr(r, die, name, false, &attr);
	*there = rc > 0;
	if (rc <= 0)
		return rc;
	if (!const_form(dwarf_whatform(&attr)))
		return 0;
	if (dwarf_formudata(&attr, val) != 0)
		return dw_fail(r, -EINVAL, die, "bad array bound: %s",
			      dw_msg(-1));
	return 1;
}

/* "a, b": @list and @item joined, both freed; NULL if either is */
static char *join(struct dw_walk *r, char *list, char *item, const char *sep)
{
	char *s;

	if (!item) {
		free(list);
		return NULL;
	}
	if (!list)
		return item;
	s = dw_fmt(r, "%s%s%s", list, sep, item);
	free(list);
	free(item);
	return s;
}

/* One dimension: "[N]", "[]" if unknown, "[*]" if variable. */
static char *subrange(struct dw_walk *r, Dwarf_Die *die)
{
	Dwarf_Word count, lower = 0, upper;
	bool there;
	int rc;

	rc = bound(r, die, DW_AT_count, &count, &there);
	if (rc < 0)
		return NULL;
	if (rc)
		return dw_fmt(r, "[%llu]", (unsigned long long)count);
	if (there)
		return dw_fmt(r, "[*]");
	rc = bound(r, die, DW_AT_upper_bound, &upper, &there);
	if (rc < 0)
		return NULL;
	if (!there)
		return dw_fmt(r, "[]");
	if (!rc)
		return dw_fmt(r, "[*]");
	rc = bound(r, die, DW_AT_lower_bound, &lower, &there);
	if (rc < 0)
		return NULL;
	if (there && !rc)
		return dw_fmt(r, "[*]");
	return dw_fmt(r, "[%llu]", (unsigned long long)(upper - lower + 1));
}

/* The dimensions of array @die; *@first is the length of the first. */
static char *dimensions(struct dw_walk *r, Dwarf_Die *die, int depth,
			size_t *first)
{
	Dwarf_Die child;
	char *dims = NULL;
	int rc;

	*first = 0;
	rc = dw_child(r, die, &child);
	while (rc == 0) {
		if (dwarf_tag(&child) == DW_TAG_subrange_type) {
			if (dw_enter(r, &child, depth))
				goto fail;
			dims = join(r, dims, subrange(r, &child), "");
			if (!dims)
				return NULL;
			if (!*first)
				*first = strlen(dims);
		}
		rc = dw_next(r, &child);
	}
	if (rc < 0)
		goto fail;
	if (!dims) {
		dims = dw_fmt(r, "[]");
		*first = 2;
	}
	return dims;

fail:
	free(dims);
	return NULL;
}

static char *array(struct dw_walk *r, Dwarf_Die *die, unsigned int quals,
		   const char *decl, enum rmode mode, int depth)
{
	Dwarf_Die mem, *elem;
	char *dims, *adecl, *s;
	size_t first;
	int vector;

	dims = dimensions(r, die, depth, &first);
	if (!dims)
		return NULL;
	vector = dw_flag(r, die, DW_AT_GNU_vector, false);
	if (vector < 0)
		goto fail;
	if (vector && mode == R_POINTEE)
		/* a GNU vector is passed by value: never decayed */
		adecl = dw_fmt(r, "(%s) __vector%s", decl, dims);
	else if (vector)
		adecl = dw_fmt(r, "%s%s__vector%s", decl, *decl ? " " : "",
			      dims);
	else if (mode == R_TOP && dims[first])
		adecl = dw_fmt(r, "(*%s)%s", decl, dims + first);
	else if (mode == R_TOP)
		adecl = dw_fmt(r, "*%s", decl);
	else if (mode == R_POINTEE)
		adecl = dw_fmt(r, "(%s)%s", decl, dims);
	else
		adecl = dw_fmt(r, "%s%s", decl, dims);
	if (!adecl)
		goto fail;
	free(dims);
	if (dw_type(r, die, false, &mem, &elem)) {
		free(adecl);
		return NULL;
	}
	if (!elem) {
		free(adecl);
		dw_fail(r, -EINVAL, die, "array without an element type");
		return NULL;
	}
	/* a qualified array is an array of qualified elements */
	s = render(r, elem, quals, adecl, R_PLAIN, depth + 1);
	free(adecl);
	return s;

fail:
	free(dims);
	return NULL;
}

/*
 * The parameter list of function or function type @die: "(int, ...)",
 * "(void)" if it has none.
 */
static char *params(struct dw_walk *r, Dwarf_Die *die, int depth)
{
	Dwarf_Die child, mem, *type;
	char *list = NULL, *p, *s;
	int rc;

	rc = dw_child(r, die, &child);
	while (rc == 0) {
		switch (dwarf_tag(&child)) {
		case DW_TAG_formal_parameter:
			if (dw_enter(r, &child, depth) ||
			    dw_type(r, &child, true, &mem, &type))
				goto fail;
			if (!type) {
				dw_fail(r, -EINVAL, &child,
				       "parameter without a type");
				goto fail;
			}
			p = render(r, type, 0, "", R_TOP, depth + 1);
			break;
		case DW_TAG_unspecified_parameters:
			if (dw_enter(r, &child, depth))
				goto fail;
			p = dw_fmt(r, "...");
			break;
		default:
			p = NULL;
			goto next;
		}
		list = join(r, list, p, ", ");
		if (!list)
			goto fail;
next:
		rc = dw_next(r, &child);
	}
	if (rc < 0)
		goto fail;
	/* an unprototyped "()" is rendered as "(void)" too, as in C23 */
	s = dw_fmt(r, "(%s)", list ? list : "void");
	free(list);
	return s;

fail:
	free(list);
	return NULL;
}

/* A function: @die is a DW_TAG_subroutine_type or DW_TAG_subprogram. */
static char *function(struct dw_walk *r, Dwarf_Die *die, const char *decl,
		      enum rmode mode, int depth)
{
	Dwarf_Die mem, *ret;
	char *plist, *fdecl, *s;

	plist = params(r, die, depth);
	if (!plist)
		return NULL;
	if (mode == R_TOP)
		fdecl = dw_fmt(r, "(*%s)%s", decl, plist);
	else if (mode == R_POINTEE)
		fdecl = dw_fmt(r, "(%s)%s", decl, plist);
	else
		fdecl = dw_fmt(r, "%s%s", decl, plist);
	free(plist);
	if (!fdecl)
		return NULL;
	if (dw_type(r, die, true, &mem, &ret)) {
		free(fdecl);
		return NULL;
	}
	s = render(r, ret, 0, fdecl, R_TOP, depth + 1);
	free(fdecl);
	return s;
}

/*
 * Render @type (NULL for void) with the qualifiers @quals added, around
 * the declarator @decl: a C type name in canonical form.
 */
static char *render(struct dw_walk *r, Dwarf_Die *type, unsigned int quals,
		    const char *decl, enum rmode mode, int depth)
{
	char qs[QUAL_STR_SIZE];
	Dwarf_Die mem, *die = type;
	const char *name;
	int tag;

	if (dw_peel(r, &die, &mem, &quals, &depth))
		return NULL;
	tag = die ? dwarf_tag(die) : DW_TAG_unspecified_type;
	if (mode == R_TOP && tag != DW_TAG_array_type)
		quals = 0;
	qual_str(quals, qs);
	if (!die)
		return named(r, qs, "void", decl);

	switch (tag) {
	case DW_TAG_base_type:
	case DW_TAG_unspecified_type:
		if (dw_name(r, die, &name))
			return NULL;
		if (!name) {
			dw_fail(r, -EINVAL, die, "base type without a name");
			return NULL;
		}
		return named(r, qs, name, decl);
	case DW_TAG_structure_type:
		return tagged(r, die, "struct", qs, decl, depth);
	case DW_TAG_union_type:
		return tagged(r, die, "union", qs, decl, depth);
	case DW_TAG_enumeration_type:
		return tagged(r, die, "enum", qs, decl, depth);
	case DW_TAG_class_type:
		return tagged(r, die, "class", qs, decl, depth);
	case DW_TAG_pointer_type:
		return pointer(r, die, "*", qs, decl, depth);
	case DW_TAG_reference_type:
		return pointer(r, die, "&", qs, decl, depth);
	case DW_TAG_rvalue_reference_type:
		return pointer(r, die, "&&", qs, decl, depth);
	case DW_TAG_array_type:
		return array(r, die, quals, decl, mode, depth);
	case DW_TAG_subroutine_type:
		return function(r, die, decl, mode, depth);
	default:
		dw_fail(r, -EINVAL, die, "unexpected tag %#x in a type", tag);
		return NULL;
	}
}


static int proto_render(struct proto_file *pf, const char *fn,
			Dwarf_Die *type, char **out);

/* Deep descriptions */

/*
 * The named types a deep description reaches, each defined once: a set of
 * their DIE offsets (open addressing) and the queue of those not yet
 * defined, in the order they were reached.
 */
struct deep {
	Dwarf_Off *set;
	size_t set_cap, nset;
	Dwarf_Die *queue;
	size_t queue_cap, nqueue, head;
};

#define DEEP_MAX_STEPS	(1u << 22)	/* DIEs of one description */
#define DEEP_MAX_LEN	(1u << 20)	/* bytes of one line */
#define DEEP_MAX_TYPES	(1u << 16)	/* types of one description */

static void deep_free(struct deep *dp)
{
	free(dp->set);
	free(dp->queue);
}

/* Add @off to the set: 1 if new, 0 if there, -ENOMEM. */
static int deep_add(struct deep *dp, Dwarf_Off off)
{
	size_t i;

	if (2 * (dp->nset + 1) > dp->set_cap) {
		size_t cap = dp->set_cap ? 2 * dp->set_cap : 64, j;
		Dwarf_Off *set = calloc(cap, sizeof(*set));

		if (!set)
			return -ENOMEM;
		for (j = 0; j < dp->set_cap; j++) {
			if (!dp->set[j])
				continue;
			for (i = dp->set[j] % cap; set[i]; i = (i + 1) % cap)
				;
			set[i] = dp->set[j];
		}
		free(dp->set);
		dp->set = set;
		dp->set_cap = cap;
	}
	/* a DIE offset is never 0: the unit header comes first */
	for (i = off % dp->set_cap; dp->set[i]; i = (i + 1) % dp->set_cap)
		if (dp->set[i] == off)
			return 0;
	dp->set[i] = off;
	dp->nset++;
	return 1;
}

static int queue_type(struct dw_walk *r, Dwarf_Die *die)
{
	struct deep *dp = r->deep;
	int rc = deep_add(dp, dwarf_dieoffset(die));

	if (rc < 0)
		return dw_fail(r, -ENOMEM, NULL, "out of memory");
	if (!rc)
		return 0;
	if (dp->nqueue == DEEP_MAX_TYPES)
		return dw_fail(r, -E2BIG, die, "reaches more than %u types",
			       DEEP_MAX_TYPES);
	if (dp->nqueue == dp->queue_cap) {
		size_t cap = dp->queue_cap ? 2 * dp->queue_cap : 32;
		Dwarf_Die *q = realloc(dp->queue, cap * sizeof(*q));

		if (!q)
			return dw_fail(r, -ENOMEM, NULL, "out of memory");
		dp->queue = q;
		dp->queue_cap = cap;
	}
	dp->queue[dp->nqueue++] = *die;
	return 0;
}

/* "@OFF" or, for a bit field, ":BITS@OFF+BIT" of member @die */
static char *member_place(struct dw_walk *r, Dwarf_Die *die)
{
	Dwarf_Word loc = 0, bits = 0, bitoff = 0;
	Dwarf_Attribute attr;
	int rc, has_bits, has_bitoff;

	rc = dw_attr(r, die, DW_AT_data_member_location, false, &attr);
	if (rc < 0)
		return NULL;
	if (rc && dwarf_formudata(&attr, &loc) != 0) {
		dw_fail(r, -EINVAL, die,
			"member location is not a constant: %s", dw_msg(-1));
		return NULL;
	}
	has_bits = dw_udata(r, die, DW_AT_bit_size, &bits);
	if (has_bits < 0)
		return NULL;
	if (!has_bits)
		return dw_fmt(r, "@%llu", (unsigned long long)loc);
	has_bitoff = dw_udata(r, die, DW_AT_data_bit_offset, &bitoff);
	if (has_bitoff < 0)
		return NULL;
	if (!has_bitoff) {
		/* DWARF 2 and 3: from the top of the storage unit */
		has_bitoff = dw_udata(r, die, DW_AT_bit_offset, &bitoff);
		if (has_bitoff < 0)
			return NULL;
		return dw_fmt(r, ":%llu@%llu-%llu", (unsigned long long)bits,
			      (unsigned long long)loc,
			      (unsigned long long)bitoff);
	}
	return dw_fmt(r, ":%llu@%llu+%llu", (unsigned long long)bits,
		      (unsigned long long)loc, (unsigned long long)bitoff);
}

/* The members of struct or union @die: "T a @0; T b @8;" */
static char *members(struct dw_walk *r, Dwarf_Die *die, int depth)
{
	Dwarf_Die child, mem, *type;
	char *list = NULL, *m, *place, *decl;
	const char *name;
	int rc;

	rc = dw_child(r, die, &child);
	while (rc == 0) {
		if (dwarf_tag(&child) != DW_TAG_member)
			goto next;
		if (dw_enter(r, &child, depth) || dw_name(r, &child, &name) ||
		    dw_type(r, &child, false, &mem, &type))
			goto fail;
		if (!type) {
			dw_fail(r, -EINVAL, &child, "member without a type");
			goto fail;
		}
		decl = dw_fmt(r, "%s", name ? name : "");
		if (!decl)
			goto fail;
		m = render(r, type, 0, decl, R_PLAIN, depth + 1);
		free(decl);
		if (!m)
			goto fail;
		place = member_place(r, &child);
		if (!place) {
			free(m);
			goto fail;
		}
		list = join(r, list, dw_fmt(r, "%s %s;", m, place), " ");
		free(m);
		free(place);
		if (!list)
			goto fail;
next:
		rc = dw_next(r, &child);
	}
	if (rc < 0)
		goto fail;
	return list ? list : dw_fmt(r, "%s", "");
fail:
	free(list);
	return NULL;
}

/* The enumerators of enum @die: "A=0, B=1" */
static char *enumerators(struct dw_walk *r, Dwarf_Die *die, int depth)
{
	Dwarf_Attribute attr;
	Dwarf_Die child;
	char *list = NULL;
	const char *name;
	int rc;

	rc = dw_child(r, die, &child);
	while (rc == 0) {
		Dwarf_Sword sval;
		Dwarf_Word uval;

		if (dwarf_tag(&child) != DW_TAG_enumerator)
			goto next;
		if (dw_enter(r, &child, depth) || dw_name(r, &child, &name))
			goto fail;
		rc = dw_attr(r, &child, DW_AT_const_value, false, &attr);
		if (rc <= 0) {
			if (!rc)
				dw_fail(r, -EINVAL, &child,
					"enumerator without a value");
			goto fail;
		}
		if (dwarf_whatform(&attr) == DW_FORM_sdata) {
			if (dwarf_formsdata(&attr, &sval) != 0)
				goto bad;
			list = join(r, list, dw_fmt(r, "%s=%lld",
						    name ? name : "",
						    (long long)sval), ", ");
		} else {
			if (dwarf_formudata(&attr, &uval) != 0)
				goto bad;
			list = join(r, list, dw_fmt(r, "%s=%llu",
						    name ? name : "",
						    (unsigned long long)uval),
				    ", ");
		}
		if (!list)
			goto fail;
next:
		rc = dw_next(r, &child);
	}
	if (rc < 0)
		goto fail;
	return list ? list : dw_fmt(r, "%s", "");
bad:
	dw_fail(r, -EINVAL, &child, "bad enumerator value: %s", dw_msg(-1));
fail:
	free(list);
	return NULL;
}

/*
 * The definition of the struct, union or enum @die, keyword @kw:
 * "KW { MEMBERS } /SIZE", with " align N" if the alignment is explicit.
 */
static char *body(struct dw_walk *r, Dwarf_Die *die, const char *kw,
		  int depth)
{
	Dwarf_Word align;
	char *inner, *s;
	int size, has_align;

	if (dw_enter(r, die, depth))
		return NULL;
	if (dwarf_tag(die) == DW_TAG_enumeration_type)
		inner = enumerators(r, die, depth + 1);
	else
		inner = members(r, die, depth + 1);
	if (!inner)
		return NULL;
	size = dwarf_bytesize(die);
	has_align = dw_udata(r, die, DW_AT_alignment, &align);
	if (has_align < 0) {
		free(inner);
		return NULL;
	}
	if (has_align)
		s = dw_fmt(r, "%s { %s } /%d align %llu", kw, inner, size,
			   (unsigned long long)align);
	else
		s = dw_fmt(r, "%s { %s } /%d", kw, inner, size);
	free(inner);
	return s;
}

static const char *type_keyword(int tag)
{
	switch (tag) {
	case DW_TAG_structure_type:
		return "struct";
	case DW_TAG_union_type:
		return "union";
	case DW_TAG_enumeration_type:
		return "enum";
	default:
		return "class";
	}
}

/* The line of a named type of the queue: "struct NAME { ... } /SIZE" */
static char *define(struct dw_walk *r, Dwarf_Die *die)
{
	const char *kw = type_keyword(dwarf_tag(die));
	const char *name;
	char *def, *s;
	int decl;

	if (dw_name(r, die, &name))
		return NULL;
	decl = dw_flag(r, die, DW_AT_declaration, false);
	if (decl < 0)
		return NULL;
	if (decl)
		return dw_fmt(r, "%s %s;", kw, name);
	def = body(r, die, kw, 0);
	if (!def)
		return NULL;
	s = dw_fmt(r, "%s %s%s", kw, name, def + strlen(kw));
	free(def);
	return s;
}

/* FNV-1a, 64 bits */
static uint64_t fnv1a64(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}

/* Append @line and a newline to the description being built. */
static int desc_add(struct dw_walk *r, char **desc, size_t *len,
		    size_t *cap, const char *line)
{
	size_t n = strlen(line);

	if (*len + n + 2 > *cap) {
		size_t c = *cap ? *cap : 4096;
		char *d;

		while (c < *len + n + 2)
			c *= 2;
		if (c > PROTO_MAX_DESC)
			return dw_fail(r, -E2BIG, NULL,
				       "description longer than %u bytes",
				       PROTO_MAX_DESC);
		d = realloc(*desc, c);
		if (!d)
			return dw_fail(r, -ENOMEM, NULL, "out of memory");
		*desc = d;
		*cap = c;
	}
	memcpy(*desc + *len, line, n);
	*len += n;
	(*desc)[(*len)++] = '\n';
	(*desc)[*len] = '\0';
	return 0;
}

/* Where @decl was declared, from its DW_AT_decl_* */
static void decl_pos(Dwarf_Die *decl, struct proto_desc *out)
{
	int line = 0, col = 0;

	out->file = dwarf_decl_file(decl);
	if (dwarf_decl_line(decl, &line) != 0)
		line = 0;
	if (dwarf_decl_column(decl, &col) != 0)
		col = 0;
	out->line = line;
	out->column = col;
}

int proto_describe(struct proto_file *pf, const char *fn,
		   enum proto_source src, struct proto_desc *out)
{
	struct dw_walk r = {
		.pf = pf, .fn = fn, .what = "type of",
		.max_steps = DEEP_MAX_STEPS, .max_len = DEEP_MAX_LEN,
	};
	struct deep dp = { .set = NULL };
	size_t len = 0, cap = 0;
	Dwarf_Die type, decl, next;
	char *desc = NULL, *line;
	int err;

	memset(out, 0, sizeof(*out));
	err = proto_find(&r, src, &type, &decl);
	if (err)
		return err;
	decl_pos(&decl, out);

	r.deep = &dp;
	line = function(&r, &type, "", R_PLAIN, 0);
	while (line) {
		err = desc_add(&r, &desc, &len, &cap, line);
		free(line);
		line = NULL;
		if (err || dp.head == dp.nqueue)
			break;
		/* a copy: defining it may grow the queue */
		next = dp.queue[dp.head++];
		line = define(&r, &next);
	}
	deep_free(&dp);
	if (r.err) {
		free(desc);
		return r.err;
	}
	out->desc = desc;
	out->fingerprint = fnv1a64(desc, len);
	if (!out->fingerprint)
		out->fingerprint = 1;	/* 0 means "none" in the tables */

	/* the plain prototype: a walk of its own, nothing deep */
	err = proto_render(pf, fn, &type, &out->proto);
	if (err) {
		free(out->desc);
		out->desc = NULL;
	}
	return err;
}

void proto_desc_free(struct proto_desc *d)
{
	free(d->desc);
	free(d->proto);
	d->desc = d->proto = NULL;
}

/* Finding a function's type */

/*
 * What the DWARF of a file has for each name: its anchor (a variable
 * PROTO_ANCHOR<name> that is not a declaration) and its definition (a
 * subprogram that is not a declaration, an external one first), found in
 * one pass over the top level of every unit.
 */
struct index_ent {
	const char *name;	/* in the DWARF's string data */
	Dwarf_Die anchor, def;
	bool has_anchor, has_def, def_external;
};

struct proto_index {
	struct index_ent *ents;
	size_t cap, n;
	unsigned int units;
};

static size_t name_hash(const char *s)
{
	return (size_t)fnv1a64(s, strlen(s));
}

static struct index_ent *index_slot(struct proto_index *ix, const char *name)
{
	size_t i;

	for (i = name_hash(name) % ix->cap; ix->ents[i].name;
	     i = (i + 1) % ix->cap)
		if (strcmp(ix->ents[i].name, name) == 0)
			break;
	return &ix->ents[i];
}

static int index_grow(struct proto_index *ix)
{
	struct proto_index bigger = { .units = ix->units };
	size_t i;

	bigger.cap = ix->cap ? 2 * ix->cap : 1024;
	bigger.ents = calloc(bigger.cap, sizeof(*bigger.ents));
	if (!bigger.ents)
		return -ENOMEM;
	for (i = 0; i < ix->cap; i++) {
		if (ix->ents[i].name) {
			*index_slot(&bigger, ix->ents[i].name) = ix->ents[i];
			bigger.n++;
		}
	}
	free(ix->ents);
	*ix = bigger;
	return 0;
}

/* Record top-level DIE @die if it is an anchor or a definition. */
static int index_die(struct dw_walk *r, struct proto_index *ix,
		     Dwarf_Die *die)
{
	static const size_t plen = sizeof(PROTO_ANCHOR) - 1;
	int tag = dwarf_tag(die), rc;
	struct index_ent *e;
	const char *name;

	if (tag != DW_TAG_subprogram && tag != DW_TAG_variable)
		return 0;
	if (dw_name(r, die, &name))
		return r->err;
	if (!name)
		return 0;
	if (tag == DW_TAG_variable) {
		if (strncmp(name, PROTO_ANCHOR, plen) != 0)
			return 0;
		name += plen;
	}
	/* its own flag: a definition may refer to a declaration */
	rc = dw_flag(r, die, DW_AT_declaration, false);
	if (rc)
		return rc < 0 ? rc : 0;
	if (2 * (ix->n + 1) > ix->cap && index_grow(ix))
		return dw_fail(r, -ENOMEM, NULL, "out of memory");
	e = index_slot(ix, name);
	if (!e->name) {
		e->name = name;
		ix->n++;
	}
	if (tag == DW_TAG_variable) {
		if (!e->has_anchor) {
			e->anchor = *die;
			e->has_anchor = true;
		}
		return 0;
	}
	rc = dw_flag(r, die, DW_AT_external, true);
	if (rc < 0)
		return rc;
	if (!e->has_def || (rc && !e->def_external)) {
		e->def = *die;
		e->has_def = true;
		e->def_external = rc;
	}
	return 0;
}

static int build_index(struct dw_walk *r, struct proto_index *ix)
{
	Dwarf_CU *cu = NULL;
	int rc;

	for (;;) {
		Dwarf_Die cudie, subdie, die;
		uint8_t unit_type;

		rc = dwarf_get_units(r->pf->dw, cu, &cu, NULL, &unit_type,
				     &cudie, &subdie);
		if (rc > 0)
			return 0;
		if (rc < 0)
			return dw_fail(r, -EINVAL, NULL,
				       "cannot read the units: %s", dw_msg(-1));
		/* split DWARF skeletons have nothing of interest */
		if (unit_type != DW_UT_compile && unit_type != DW_UT_partial)
			continue;
		ix->units++;
		rc = dw_child(r, &cudie, &die);
		while (rc == 0) {
			rc = index_die(r, ix, &die);
			if (rc)
				return rc;
			rc = dw_next(r, &die);
		}
		if (rc < 0)
			return rc;
	}
}

/* A concrete instance of an inline function: go to its abstract root. */
static int origin(struct dw_walk *r, Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	Dwarf_Die mem;
	int i, rc;

	for (i = 0; ; i++) {
		rc = dw_attr(r, die, DW_AT_abstract_origin, false, &attr);
		if (rc <= 0)
			return rc;
		if (i == PROTO_MAX_ORIGIN)
			return dw_fail(r, -ELOOP, die,
				       "more than %d abstract origins",
				       PROTO_MAX_ORIGIN);
		if (!dwarf_formref_die(&attr, &mem))
			return dw_fail(r, -EINVAL, die,
				       "bad DW_AT_abstract_origin: %s",
				       dw_msg(-1));
		if (dwarf_tag(&mem) != DW_TAG_subprogram)
			return dw_fail(r, -EINVAL, die,
				       "abstract origin is not a function");
		*die = mem;
	}
}

/* The anchor is a pointer to the function type: that type, in @out. */
static int anchor_type(struct dw_walk *r, Dwarf_Die *var, Dwarf_Die *out)
{
	Dwarf_Die mem, *type;
	unsigned int quals = 0;
	int depth = 0;

	if (dw_type(r, var, true, &mem, &type) ||
	    dw_peel(r, &type, &mem, &quals, &depth))
		return r->err;
	if (!type || dwarf_tag(type) != DW_TAG_pointer_type)
		return dw_fail(r, -EINVAL, var, "anchor is not a pointer");
	if (dw_type(r, type, false, &mem, &type) ||
	    dw_peel(r, &type, &mem, &quals, &depth))
		return r->err;
	if (!type || dwarf_tag(type) != DW_TAG_subroutine_type)
		return dw_fail(r, -EINVAL, var,
			       "anchor does not point to a function");
	*out = *type;
	return 0;
}

int proto_find(struct dw_walk *r, enum proto_source src, Dwarf_Die *out,
	       Dwarf_Die *decl)
{
	struct proto_file *pf = (struct proto_file *)r->pf;
	struct index_ent *e;
	int err;

	if (!pf->dw)
		return -ENODATA;
	if (!pf->index) {
		pf->index = calloc(1, sizeof(*pf->index));
		if (!pf->index)
			return dw_fail(r, -ENOMEM, NULL, "out of memory");
		err = index_grow(pf->index);
		if (!err)
			err = build_index(r, pf->index);
		if (err) {
			proto_index_free(pf->index);
			pf->index = NULL;
			return err;
		}
	}
	e = index_slot(pf->index, r->fn);
	if (src != PROTO_ANCHOR_ONLY && e->name && e->has_def) {
		*decl = e->def;
		*out = e->def;
		return origin(r, out);
	}
	if (src != PROTO_DEF_ONLY && e->name && e->has_anchor) {
		*decl = e->anchor;
		return anchor_type(r, &e->anchor, out);
	}
	return pf->index->units ? -ENOENT : -ENODATA;
}

void proto_index_free(struct proto_index *ix)
{
	if (!ix)
		return;
	free(ix->ents);
	free(ix);
}

/* The plain canonical prototype of function type @type. */
static int proto_render(struct proto_file *pf, const char *fn,
			Dwarf_Die *type, char **out)
{
	struct dw_walk r = { .pf = pf, .fn = fn };

	*out = function(&r, type, "", R_PLAIN, 0);
	if (!*out)
		return r.err ? r.err : -EINVAL;
	return 0;
}

int proto_get(struct proto_file *pf, const char *fn, enum proto_source src,
	      char **out)
{
	struct dw_walk r = { .pf = pf, .fn = fn };
	Dwarf_Die type, decl;
	int err;

	*out = NULL;
	err = proto_find(&r, src, &type, &decl);
	if (err)
		return err;
	return proto_render(pf, fn, &type, out);
}
