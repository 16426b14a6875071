// SPDX-License-Identifier: GPL-2.0
/*
 * The prototypes of the functions of a .ko file, from its DWARF.
 *
 * A stub module and its real module must agree on the prototype of each
 * stubbed function.  Both carry an anchor for it, the variable
 * __modstub_proto_<fn> of type typeof(fn) * that __MODSTUB_PROTO() defines
 * in a discarded section: its DWARF stays.  The real module also has the
 * definition of fn.  The prototype is rendered as a canonical string, so
 * that the prototypes of two modules compare with strcmp().
 *
 * A .ko is a relocatable object: the references of its .debug_info into
 * .debug_str and the other debug sections go through .rela.debug_info.
 * libdwfl applies these relocations for a module reported offline, which
 * dwarf_begin_elf() alone would not.
 *
 * The DWARF is not trusted: every libdw call is checked, every type is
 * walked with a depth limit (which also stops reference cycles) and a
 * budget of DIEs, every string built is bounded, and siblings must go
 * forward, so that a malformed file gets a message, never a crash or a
 * hang.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include "kofile.h"
#include "proto.h"

#define PROTO_ANCHOR		"__modstub_proto_"
#define PROTO_MAX_DEPTH		64	/* DIEs on the way to a type */
#define PROTO_MAX_STEPS		4096	/* DIEs per prototype */
#define PROTO_MAX_LEN		8192	/* bytes of a string built */
#define PROTO_MAX_ORIGIN	8	/* DW_AT_abstract_origin hops */

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct proto_file {
	char *path;
	Dwfl *dwfl;
	Dwarf *dw;		/* NULL if the file has no DWARF */
};

/* The message of libdw error @err (-1: the last), never NULL. */
static const char *dw_msg(int err)
{
	const char *msg = dwarf_errmsg(err);

	return msg ? msg : "unknown error";
}

static const char *dwfl_msg(void)
{
	const char *msg = dwfl_errmsg(-1);

	return msg ? msg : "unknown error";
}

/*
 * The DWARF comes from @path itself: no separate debuginfo file is looked
 * for (nor fetched with debuginfod), so that what is compared is what is
 * in the file.
 */
static int no_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname,
			Dwarf_Addr base, const char *file_name,
			const char *debuglink_file, GElf_Word debuglink_crc,
			char **debuginfo_file_name)
{
	(void)mod;
	(void)userdata;
	(void)modname;
	(void)base;
	(void)file_name;
	(void)debuglink_file;
	(void)debuglink_crc;
	(void)debuginfo_file_name;
	errno = ENOENT;
	return -1;
}

static const Dwfl_Callbacks proto_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = no_debuginfo,
	.section_address = dwfl_offline_section_address,
};

/*
 * Check that the file open on @fd is an x86-64 relocatable object, and
 * whether it has a .debug_info section.
 */
static int check_elf(const char *path, int fd, bool *has_dwarf)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	Elf *elf;
	int err = 0;

	*has_dwarf = false;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return ko_err(path, -EINVAL, "libelf: %s", elf_errmsg(-1));
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf)
		return ko_err(path, -EINVAL, "not readable as ELF: %s",
			      elf_errmsg(-1));
	err = ko_check_elf(path, elf);
	if (err)
		goto out;
	if (elf_getshdrstrndx(elf, &shstrndx) != 0) {
		err = ko_err(path, -EINVAL, "no section name table: %s",
			     elf_errmsg(-1));
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr shdr;
		const char *name;

		if (!gelf_getshdr(scn, &shdr)) {
			err = ko_err(path, -EINVAL, "bad section header: %s",
				     elf_errmsg(-1));
			goto out;
		}
		name = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (!name) {
			err = ko_err(path, -EINVAL, "bad section name: %s",
				     elf_errmsg(-1));
			goto out;
		}
		if ((!strcmp(name, ".debug_info") ||
		     !strcmp(name, ".zdebug_info")) &&
		    shdr.sh_type != SHT_NOBITS && shdr.sh_size)
			*has_dwarf = true;
	}
out:
	elf_end(elf);
	return err;
}

int proto_open(struct proto_file **pfp, const char *path)
{
	struct proto_file *pf;
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	struct stat st;
	bool has_dwarf;
	int fd, err = 0;

	*pfp = NULL;
	pf = calloc(1, sizeof(*pf));
	if (!pf)
		return ko_err(path, -ENOMEM, "out of memory");
	pf->path = strdup(path);
	if (!pf->path) {
		err = ko_err(path, -ENOMEM, "out of memory");
		goto fail;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = ko_err(path, -errno, "cannot open: %s", strerror(errno));
		goto fail;
	}
	if (fstat(fd, &st) != 0)
		err = ko_err(path, -errno, "cannot stat: %s", strerror(errno));
	else if (!S_ISREG(st.st_mode))
		err = ko_err(path, -EINVAL, "not a regular file");
	if (err) {
		close(fd);
		goto fail;
	}
	err = check_elf(path, fd, &has_dwarf);
	if (err || !has_dwarf) {
		close(fd);
		if (err)
			goto fail;
		*pfp = pf;
		return 0;
	}

	pf->dwfl = dwfl_begin(&proto_callbacks);
	if (!pf->dwfl) {
		close(fd);
		err = ko_err(path, -ENOMEM, "libdwfl: %s", dwfl_msg());
		goto fail;
	}
	/* On success, libdwfl owns @fd. */
	mod = dwfl_report_offline(pf->dwfl, path, path, fd);
	if (!mod) {
		close(fd);
		err = ko_err(path, -EINVAL, "libdwfl: %s", dwfl_msg());
		goto fail;
	}
	if (dwfl_report_end(pf->dwfl, NULL, NULL) != 0) {
		err = ko_err(path, -EINVAL, "libdwfl: %s", dwfl_msg());
		goto fail;
	}
	/* This applies the relocations of the debug sections. */
	pf->dw = dwfl_module_getdwarf(mod, &bias);
	if (!pf->dw) {
		err = ko_err(path, -EINVAL, "cannot read the DWARF: %s",
			     dwfl_msg());
		goto fail;
	}
	*pfp = pf;
	return 0;

fail:
	proto_close(pf);
	return err;
}

void proto_close(struct proto_file *pf)
{
	if (!pf)
		return;
	dwfl_end(pf->dwfl);
	free(pf->path);
	free(pf);
}

/* The state of the search for, and the rendering of, one prototype. */
struct render {
	const struct proto_file *pf;
	const char *fn;
	unsigned int steps;	/* DIEs walked */
	int err;		/* the first error */
};

static int r_fail(struct render *r, int err, Dwarf_Die *die,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Print "PATH: error: prototype of FN: DIE OFF: WHAT" and return @err. */
static int r_fail(struct render *r, int err, Dwarf_Die *die,
		  const char *fmt, ...)
{
	va_list ap;

	if (r->err)
		return r->err;
	r->err = err;
	fprintf(stderr, "%s: error: prototype of %s: ", r->pf->path, r->fn);
	if (die)
		fprintf(stderr, "DIE %#llx: ",
			(unsigned long long)dwarf_dieoffset(die));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return err;
}

static char *r_fmt(struct render *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A new string, at most PROTO_MAX_LEN bytes long. */
static char *r_fmt(struct render *r, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		r_fail(r, -ENOMEM, NULL, "out of memory");
		return NULL;
	}
	if (n > PROTO_MAX_LEN) {
		free(s);
		r_fail(r, -E2BIG, NULL, "longer than %d bytes", PROTO_MAX_LEN);
		return NULL;
	}
	return s;
}

/* Account for one more DIE at nesting @depth. */
static int enter(struct render *r, Dwarf_Die *die, int depth)
{
	if (depth > PROTO_MAX_DEPTH)
		return r_fail(r, -ELOOP, die,
			      "types nested more than %d deep (a reference cycle?)",
			      PROTO_MAX_DEPTH);
	if (++r->steps > PROTO_MAX_STEPS)
		return r_fail(r, -E2BIG, die, "more than %d DIEs in the type",
			      PROTO_MAX_STEPS);
	return 0;
}

/*
 * Attribute @name of @die; if @integrate, also through DW_AT_abstract_origin
 * and DW_AT_specification.  Returns 1 if there, 0 if not, or a negative
 * errno (message printed) if the DIE cannot be read.
 */
static int get_attr(struct render *r, Dwarf_Die *die, unsigned int name,
		    bool integrate, Dwarf_Attribute *attr)
{
	Dwarf_Attribute *a;
	int err;

	dwarf_errno();		/* clears the last error */
	if (integrate)
		a = dwarf_attr_integrate(die, name, attr);
	else
		a = dwarf_attr(die, name, attr);
	if (a)
		return 1;
	err = dwarf_errno();
	if (err)
		return r_fail(r, -EINVAL, die, "cannot read attribute %#x: %s",
			      name, dw_msg(err));
	return 0;
}

/* Is flag attribute @name of @die set?  (1, 0 or a negative errno) */
static int get_flag(struct render *r, Dwarf_Die *die, unsigned int name,
		    bool integrate)
{
	Dwarf_Attribute attr;
	bool flag;
	int rc;

	rc = get_attr(r, die, name, integrate, &attr);
	if (rc <= 0)
		return rc;
	if (dwarf_formflag(&attr, &flag) != 0)
		return r_fail(r, -EINVAL, die, "bad flag %#x: %s", name,
			      dw_msg(-1));
	return flag;
}

/* The name of @die in *@name, NULL if it has none. */
static int get_name(struct render *r, Dwarf_Die *die, const char **name)
{
	int err;

	dwarf_errno();
	*name = dwarf_diename(die);
	err = *name ? 0 : dwarf_errno();
	if (err)
		return r_fail(r, -EINVAL, die, "cannot read the name: %s",
			      dw_msg(err));
	return 0;
}

/*
 * The DW_AT_type of @die: *@type is set to @mem, or to NULL if @die has
 * none (void).  @mem may be @die.
 */
static int get_type(struct render *r, Dwarf_Die *die, bool integrate,
		    Dwarf_Die *mem, Dwarf_Die **type)
{
	Dwarf_Attribute attr;
	int rc;

	rc = get_attr(r, die, DW_AT_type, integrate, &attr);
	if (rc < 0)
		return rc;
	if (!rc) {
		*type = NULL;
		return 0;
	}
	if (!dwarf_formref_die(&attr, mem))
		return r_fail(r, -EINVAL, die, "bad DW_AT_type: %s",
			      dw_msg(-1));
	*type = mem;
	return 0;
}

/*
 * The first child of @die in @child: 0, 1 if @die has none, or a negative
 * errno.
 */
static int first_child(struct render *r, Dwarf_Die *die, Dwarf_Die *child)
{
	int rc = dwarf_child(die, child);

	if (rc < 0)
		return r_fail(r, -EINVAL, die, "cannot read the children: %s",
			      dw_msg(-1));
	return rc;
}

/*
 * Move @die to its next sibling: 0, 1 at the end, or a negative errno.
 * A DW_AT_sibling pointing backwards would make a loop: refused.
 */
static int next_sibling(struct render *r, Dwarf_Die *die)
{
	Dwarf_Off off = dwarf_dieoffset(die);
	Dwarf_Die next;
	int rc;

	rc = dwarf_siblingof(die, &next);
	if (rc < 0)
		return r_fail(r, -EINVAL, die, "cannot read the next DIE: %s",
			      dw_msg(-1));
	if (rc > 0)
		return 1;
	if (dwarf_dieoffset(&next) <= off)
		return r_fail(r, -EINVAL, die, "sibling %#llx is not after it",
			      (unsigned long long)dwarf_dieoffset(&next));
	*die = next;
	return 0;
}

#define Q_CONST		(1u << 0)
#define Q_VOLATILE	(1u << 1)
#define Q_RESTRICT	(1u << 2)
#define Q_ATOMIC	(1u << 3)

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

/*
 * Follow the typedefs and qualifiers from *@die, adding the qualifiers to
 * *@quals.  *@die becomes NULL (void) or @mem; *@depth counts the DIEs.
 */
static int peel(struct render *r, Dwarf_Die **die, Dwarf_Die *mem,
		unsigned int *quals, int *depth)
{
	while (*die) {
		int err = enter(r, *die, (*depth)++);

		if (err)
			return err;
		switch (dwarf_tag(*die)) {
		case DW_TAG_typedef:
			break;
		case DW_TAG_const_type:
			*quals |= Q_CONST;
			break;
		case DW_TAG_volatile_type:
			*quals |= Q_VOLATILE;
			break;
		case DW_TAG_restrict_type:
			*quals |= Q_RESTRICT;
			break;
		case DW_TAG_atomic_type:
			*quals |= Q_ATOMIC;
			break;
		default:
			return 0;
		}
		err = get_type(r, *die, false, mem, die);
		if (err)
			return err;
	}
	return 0;
}

/* How render() is to render a type. */
enum rmode {
	R_PLAIN,	/* as it is */
	R_POINTEE,	/* pointed to: "(*)" before "[]" or "()" */
	R_TOP,		/* a parameter or a return value: unqualified,
			 * arrays and functions as the pointers they are */
};

static char *render(struct render *r, Dwarf_Die *type, unsigned int quals,
		    const char *decl, enum rmode mode, int depth);

/* "QUALS NAME DECL" */
static char *named(struct render *r, const char *qs, const char *name,
		   const char *decl)
{
	return r_fmt(r, "%s%s%s%s%s", qs, *qs ? " " : "", name,
		     *decl ? " " : "", decl);
}

/* A struct, union or enum: "struct TAG" or "struct {...}/SIZE" */
static char *tagged(struct render *r, Dwarf_Die *die, const char *kw,
		    const char *qs, const char *decl)
{
	const char *name;
	char *tag, *s;
	int size;

	if (get_name(r, die, &name))
		return NULL;
	if (name) {
		tag = r_fmt(r, "%s %s", kw, name);
	} else {
		size = dwarf_bytesize(die);
		if (size >= 0)
			tag = r_fmt(r, "%s {...}/%d", kw, size);
		else
			tag = r_fmt(r, "%s {...}/?", kw);
	}
	if (!tag)
		return NULL;
	s = named(r, qs, tag, decl);
	free(tag);
	return s;
}

static char *pointer(struct render *r, Dwarf_Die *die, const char *sym,
		     const char *qs, const char *decl, int depth)
{
	Dwarf_Die mem, *target;
	char *pdecl, *s;

	if (*qs)
		pdecl = r_fmt(r, "%s %s%s%s", sym, qs, *decl ? " " : "", decl);
	else
		pdecl = r_fmt(r, "%s%s", sym, decl);
	if (!pdecl)
		return NULL;
	if (get_type(r, die, false, &mem, &target)) {
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
static int bound(struct render *r, Dwarf_Die *die, unsigned int name,
		 Dwarf_Word *val, bool *there)
{
	Dwarf_Attribute attr;
	int rc;

	rc = get_attr(r, die, name, false, &attr);
	*there = rc > 0;
	if (rc <= 0)
		return rc;
	if (!const_form(dwarf_whatform(&attr)))
		return 0;
	if (dwarf_formudata(&attr, val) != 0)
		return r_fail(r, -EINVAL, die, "bad array bound: %s",
			      dw_msg(-1));
	return 1;
}

/* One dimension: "[N]", "[]" if unknown, "[*]" if variable. */
static char *subrange(struct render *r, Dwarf_Die *die)
{
	Dwarf_Word count, lower = 0, upper;
	bool there;
	int rc;

	rc = bound(r, die, DW_AT_count, &count, &there);
	if (rc < 0)
		return NULL;
	if (rc)
		return r_fmt(r, "[%llu]", (unsigned long long)count);
	if (there)
		return r_fmt(r, "[*]");
	rc = bound(r, die, DW_AT_upper_bound, &upper, &there);
	if (rc < 0)
		return NULL;
	if (!there)
		return r_fmt(r, "[]");
	if (!rc)
		return r_fmt(r, "[*]");
	rc = bound(r, die, DW_AT_lower_bound, &lower, &there);
	if (rc < 0)
		return NULL;
	if (there && !rc)
		return r_fmt(r, "[*]");
	return r_fmt(r, "[%llu]", (unsigned long long)(upper - lower + 1));
}

/* The dimensions of array @die; *@first is the length of the first. */
static char *dimensions(struct render *r, Dwarf_Die *die, int depth,
			size_t *first)
{
	Dwarf_Die child;
	char *dims = NULL, *dim, *s;
	int rc;

	*first = 0;
	rc = first_child(r, die, &child);
	while (rc == 0) {
		if (dwarf_tag(&child) == DW_TAG_subrange_type) {
			if (enter(r, &child, depth))
				goto fail;
			dim = subrange(r, &child);
			if (!dim)
				goto fail;
			if (dims) {
				s = r_fmt(r, "%s%s", dims, dim);
				free(dim);
				free(dims);
				dims = s;
				if (!dims)
					goto fail;
			} else {
				dims = dim;
				*first = strlen(dims);
			}
		}
		rc = next_sibling(r, &child);
	}
	if (rc < 0)
		goto fail;
	if (!dims) {
		dims = r_fmt(r, "[]");
		*first = 2;
	}
	return dims;

fail:
	free(dims);
	return NULL;
}

static char *array(struct render *r, Dwarf_Die *die, unsigned int quals,
		   const char *decl, enum rmode mode, int depth)
{
	Dwarf_Die mem, *elem;
	char *dims, *adecl, *s;
	size_t first;
	int vector;

	dims = dimensions(r, die, depth, &first);
	if (!dims)
		return NULL;
	vector = get_flag(r, die, DW_AT_GNU_vector, false);
	if (vector < 0)
		goto fail;
	if (vector && mode == R_POINTEE)
		/* a GNU vector is passed by value: never decayed */
		adecl = r_fmt(r, "(%s) __vector%s", decl, dims);
	else if (vector)
		adecl = r_fmt(r, "%s%s__vector%s", decl, *decl ? " " : "",
			      dims);
	else if (mode == R_TOP && dims[first])
		adecl = r_fmt(r, "(*%s)%s", decl, dims + first);
	else if (mode == R_TOP)
		adecl = r_fmt(r, "*%s", decl);
	else if (mode == R_POINTEE)
		adecl = r_fmt(r, "(%s)%s", decl, dims);
	else
		adecl = r_fmt(r, "%s%s", decl, dims);
	if (!adecl)
		goto fail;
	free(dims);
	if (get_type(r, die, false, &mem, &elem)) {
		free(adecl);
		return NULL;
	}
	if (!elem) {
		free(adecl);
		r_fail(r, -EINVAL, die, "array without an element type");
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
static char *params(struct render *r, Dwarf_Die *die, int depth)
{
	Dwarf_Die child, mem, *type;
	char *list = NULL, *p, *s;
	int rc;

	rc = first_child(r, die, &child);
	while (rc == 0) {
		switch (dwarf_tag(&child)) {
		case DW_TAG_formal_parameter:
			if (enter(r, &child, depth) ||
			    get_type(r, &child, true, &mem, &type))
				goto fail;
			if (!type) {
				r_fail(r, -EINVAL, &child,
				       "parameter without a type");
				goto fail;
			}
			p = render(r, type, 0, "", R_TOP, depth + 1);
			break;
		case DW_TAG_unspecified_parameters:
			if (enter(r, &child, depth))
				goto fail;
			p = r_fmt(r, "...");
			break;
		default:
			p = NULL;
			goto next;
		}
		if (!p)
			goto fail;
		if (list) {
			s = r_fmt(r, "%s, %s", list, p);
			free(p);
			free(list);
			list = s;
			if (!list)
				goto fail;
		} else {
			list = p;
		}
next:
		rc = next_sibling(r, &child);
	}
	if (rc < 0)
		goto fail;
	/* an unprototyped "()" is rendered as "(void)" too, as in C23 */
	s = r_fmt(r, "(%s)", list ? list : "void");
	free(list);
	return s;

fail:
	free(list);
	return NULL;
}

/* A function: @die is a DW_TAG_subroutine_type or DW_TAG_subprogram. */
static char *function(struct render *r, Dwarf_Die *die, const char *decl,
		      enum rmode mode, int depth)
{
	Dwarf_Die mem, *ret;
	char *plist, *fdecl, *s;

	plist = params(r, die, depth);
	if (!plist)
		return NULL;
	if (mode == R_TOP)
		fdecl = r_fmt(r, "(*%s)%s", decl, plist);
	else if (mode == R_POINTEE)
		fdecl = r_fmt(r, "(%s)%s", decl, plist);
	else
		fdecl = r_fmt(r, "%s%s", decl, plist);
	free(plist);
	if (!fdecl)
		return NULL;
	if (get_type(r, die, true, &mem, &ret)) {
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
static char *render(struct render *r, Dwarf_Die *type, unsigned int quals,
		    const char *decl, enum rmode mode, int depth)
{
	char qs[QUAL_STR_SIZE];
	Dwarf_Die mem, *die = type;
	const char *name;
	int tag;

	if (peel(r, &die, &mem, &quals, &depth))
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
		if (get_name(r, die, &name))
			return NULL;
		if (!name) {
			r_fail(r, -EINVAL, die, "base type without a name");
			return NULL;
		}
		return named(r, qs, name, decl);
	case DW_TAG_structure_type:
		return tagged(r, die, "struct", qs, decl);
	case DW_TAG_union_type:
		return tagged(r, die, "union", qs, decl);
	case DW_TAG_enumeration_type:
		return tagged(r, die, "enum", qs, decl);
	case DW_TAG_class_type:
		return tagged(r, die, "class", qs, decl);
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
		r_fail(r, -EINVAL, die, "unexpected tag %#x in a type", tag);
		return NULL;
	}
}

/* What proto_get() looks for. */
struct found {
	Dwarf_Die def;		/* the definition of the function */
	Dwarf_Die anchor;	/* its anchor variable */
	bool has_def;
	bool def_external;
	bool has_anchor;
	unsigned int units;	/* compile units looked through */
};

/* Is top-level DIE @die the definition or the anchor of r->fn? */
static int match(struct render *r, Dwarf_Die *die, struct found *f)
{
	static const size_t plen = sizeof(PROTO_ANCHOR) - 1;
	int tag = dwarf_tag(die);
	const char *name;
	int rc;

	if (tag != DW_TAG_subprogram && tag != DW_TAG_variable)
		return 0;
	if (get_name(r, die, &name))
		return r->err;
	if (!name)
		return 0;
	if (tag == DW_TAG_subprogram) {
		if (strcmp(name, r->fn) || (f->has_def && f->def_external))
			return 0;
	} else {
		if (f->has_anchor || strncmp(name, PROTO_ANCHOR, plen) ||
		    strcmp(name + plen, r->fn))
			return 0;
	}
	/* its own flag: a definition may refer to a declaration */
	rc = get_flag(r, die, DW_AT_declaration, false);
	if (rc)
		return rc < 0 ? rc : 0;
	if (tag == DW_TAG_variable) {
		f->anchor = *die;
		f->has_anchor = true;
		return 0;
	}
	rc = get_flag(r, die, DW_AT_external, true);
	if (rc < 0)
		return rc;
	if (!f->has_def || rc) {
		f->def = *die;
		f->has_def = true;
		f->def_external = rc;
	}
	return 0;
}

/* Look through the top level of every unit for the definition and anchor. */
static int scan(struct render *r, struct found *f)
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
			return r_fail(r, -EINVAL, NULL,
				      "cannot read the units: %s", dw_msg(-1));
		/* split DWARF skeletons have nothing of interest */
		if (unit_type != DW_UT_compile && unit_type != DW_UT_partial)
			continue;
		f->units++;
		rc = first_child(r, &cudie, &die);
		while (rc == 0) {
			rc = match(r, &die, f);
			if (rc)
				return rc;
			if (f->has_def && f->def_external)
				return 0;
			rc = next_sibling(r, &die);
		}
		if (rc < 0)
			return rc;
	}
}

/* A concrete instance of an inline function: go to its abstract root. */
static int origin(struct render *r, Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	Dwarf_Die mem;
	int i, rc;

	for (i = 0; ; i++) {
		rc = get_attr(r, die, DW_AT_abstract_origin, false, &attr);
		if (rc <= 0)
			return rc;
		if (i == PROTO_MAX_ORIGIN)
			return r_fail(r, -ELOOP, die,
				      "more than %d abstract origins",
				      PROTO_MAX_ORIGIN);
		if (!dwarf_formref_die(&attr, &mem))
			return r_fail(r, -EINVAL, die,
				      "bad DW_AT_abstract_origin: %s",
				      dw_msg(-1));
		if (dwarf_tag(&mem) != DW_TAG_subprogram)
			return r_fail(r, -EINVAL, die,
				      "abstract origin is not a function");
		*die = mem;
	}
}

/* The anchor is a pointer to the function type. */
static char *render_anchor(struct render *r, Dwarf_Die *var)
{
	Dwarf_Die mem, *type;
	unsigned int quals = 0;
	int depth = 0;

	if (get_type(r, var, true, &mem, &type) ||
	    peel(r, &type, &mem, &quals, &depth))
		return NULL;
	if (!type || dwarf_tag(type) != DW_TAG_pointer_type) {
		r_fail(r, -EINVAL, var, "anchor is not a pointer");
		return NULL;
	}
	if (get_type(r, type, false, &mem, &type) ||
	    peel(r, &type, &mem, &quals, &depth))
		return NULL;
	if (!type || dwarf_tag(type) != DW_TAG_subroutine_type) {
		r_fail(r, -EINVAL, var, "anchor does not point to a function");
		return NULL;
	}
	return render(r, type, 0, "", R_PLAIN, depth);
}

int proto_get(struct proto_file *pf, const char *fn, char **out)
{
	struct render r = { .pf = pf, .fn = fn };
	struct found f = { .has_def = false };
	char *s;
	int err;

	*out = NULL;
	if (!pf->dw)
		return -ENODATA;
	err = scan(&r, &f);
	if (err)
		return err;
	if (f.has_def) {
		err = origin(&r, &f.def);
		if (err)
			return err;
		s = function(&r, &f.def, "", R_PLAIN, 0);
	} else if (f.has_anchor) {
		s = render_anchor(&r, &f.anchor);
	} else {
		return f.units ? -ENOENT : -ENODATA;
	}
	if (!s)
		return r.err ? r.err : -EINVAL;
	*out = s;
	return 0;
}
