// SPDX-License-Identifier: GPL-2.0
/*
 * Opening the DWARF of a module, and the checked helpers that walk it.
 *
 * A .ko is a relocatable object: the references of its .debug_info into
 * .debug_str and the other debug sections go through .rela.debug_info.
 * libdwfl applies these relocations for a module reported offline, which
 * dwarf_begin_elf() alone would not.
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
#include <sys/mman.h>
#include <unistd.h>

#include "dwarf.h"
#include "kofile.h"
#include "msg.h"

/* The message of libdw error @err (-1: the last), never NULL. */
const char *dw_msg(int err)
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

/*
 * A file descriptor of an anonymous file holding the image of @ko, as it
 * was read (decompressed, from a pipe): libdwfl reads from a descriptor.
 */
static int image_fd(const struct ko_file *ko)
{
	size_t done = 0;
	int fd;

	fd = memfd_create("stubgen", MFD_CLOEXEC);
	if (fd < 0)
		return ko_err(ko->path, -errno, "memfd_create: %s",
			      strerror(errno));
	while (done < ko->image_size) {
		ssize_t n = write(fd, ko->image + done, ko->image_size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = ko_err(ko->path, -errno,
					 "cannot copy the image: %s",
					 strerror(errno));

			close(fd);
			return err;
		}
		done += n;
	}
	return fd;
}

int proto_open(struct proto_file **pfp, const struct ko_file *ko)
{
	const char *path = ko->path;
	struct proto_file *pf;
	Dwfl_Module *mod;
	Dwarf_Addr bias;
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
	fd = image_fd(ko);
	if (fd < 0) {
		err = fd;
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
	proto_index_free(pf->index);
	dwfl_end(pf->dwfl);
	free(pf->path);
	free(pf);
}

/* Print "PATH: error: prototype of FN: DIE OFF: WHAT" and return @err. */
int dw_fail(struct dw_walk *r, int err, Dwarf_Die *die,
		  const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	if (r->err)
		return r->err;
	r->err = err;
	buf_init(&b);
	buf_printf(&b, "%s %s: ", r->what ? r->what : "prototype of", r->fn);
	if (die)
		buf_printf(&b, "DIE %#llx: ",
			   (unsigned long long)dwarf_dieoffset(die));
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	pr_error(r->pf->path, "%s", b.s);
	buf_free(&b);
	return err;
}

/* A new string, at most DW_MAX_LEN bytes long. */
char *dw_fmt(struct dw_walk *r, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		dw_fail(r, -ENOMEM, NULL, "out of memory");
		return NULL;
	}
	if ((unsigned int)n > (r->max_len ? r->max_len : DW_MAX_LEN)) {
		free(s);
		dw_fail(r, -E2BIG, NULL, "longer than %u bytes",
			r->max_len ? r->max_len : DW_MAX_LEN);
		return NULL;
	}
	return s;
}

/* Account for one more DIE at nesting @depth. */
int dw_enter(struct dw_walk *r, Dwarf_Die *die, int depth)
{
	unsigned int max = r->max_steps ? r->max_steps : DW_MAX_STEPS;

	if (depth > DW_MAX_DEPTH)
		return dw_fail(r, -ELOOP, die,
			       "types nested more than %d deep (a reference cycle?)",
			       DW_MAX_DEPTH);
	if (++r->steps > max)
		return dw_fail(r, -E2BIG, die, "more than %u DIEs in the type",
			       max);
	return 0;
}

/*
 * Attribute @name of @die; if @integrate, also through DW_AT_abstract_origin
 * and DW_AT_specification.  Returns 1 if there, 0 if not, or a negative
 * errno (message printed) if the DIE cannot be read.
 */
int dw_attr(struct dw_walk *r, Dwarf_Die *die, unsigned int name,
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
		return dw_fail(r, -EINVAL, die, "cannot read attribute %#x: %s",
			      name, dw_msg(err));
	return 0;
}

/* Is flag attribute @name of @die set?  (1, 0 or a negative errno) */
int dw_flag(struct dw_walk *r, Dwarf_Die *die, unsigned int name,
		    bool integrate)
{
	Dwarf_Attribute attr;
	bool flag;
	int rc;

	rc = dw_attr(r, die, name, integrate, &attr);
	if (rc <= 0)
		return rc;
	if (dwarf_formflag(&attr, &flag) != 0)
		return dw_fail(r, -EINVAL, die, "bad flag %#x: %s", name,
			      dw_msg(-1));
	return flag;
}

/* The name of @die in *@name, NULL if it has none. */
int dw_name(struct dw_walk *r, Dwarf_Die *die, const char **name)
{
	int err;

	dwarf_errno();
	*name = dwarf_diename(die);
	err = *name ? 0 : dwarf_errno();
	if (err)
		return dw_fail(r, -EINVAL, die, "cannot read the name: %s",
			      dw_msg(err));
	return 0;
}

/*
 * The DW_AT_type of @die: *@type is set to @mem, or to NULL if @die has
 * none (void).  @mem may be @die.
 */
int dw_type(struct dw_walk *r, Dwarf_Die *die, bool integrate,
		    Dwarf_Die *mem, Dwarf_Die **type)
{
	Dwarf_Attribute attr;
	int rc;

	rc = dw_attr(r, die, DW_AT_type, integrate, &attr);
	if (rc < 0)
		return rc;
	if (!rc) {
		*type = NULL;
		return 0;
	}
	if (!dwarf_formref_die(&attr, mem))
		return dw_fail(r, -EINVAL, die, "bad DW_AT_type: %s",
			      dw_msg(-1));
	*type = mem;
	return 0;
}

/*
 * The first child of @die in @child: 0, 1 if @die has none, or a negative
 * errno.
 */
int dw_child(struct dw_walk *r, Dwarf_Die *die, Dwarf_Die *child)
{
	int rc = dwarf_child(die, child);

	if (rc < 0)
		return dw_fail(r, -EINVAL, die, "cannot read the children: %s",
			      dw_msg(-1));
	return rc;
}

/*
 * Move @die to its next sibling: 0, 1 at the end, or a negative errno.
 * A DW_AT_sibling pointing backwards would make a loop: refused.
 */
int dw_next(struct dw_walk *r, Dwarf_Die *die)
{
	Dwarf_Off off = dwarf_dieoffset(die);
	Dwarf_Die next;
	int rc;

	rc = dwarf_siblingof(die, &next);
	if (rc < 0)
		return dw_fail(r, -EINVAL, die, "cannot read the next DIE: %s",
			      dw_msg(-1));
	if (rc > 0)
		return 1;
	if (dwarf_dieoffset(&next) <= off)
		return dw_fail(r, -EINVAL, die, "sibling %#llx is not after it",
			      (unsigned long long)dwarf_dieoffset(&next));
	*die = next;
	return 0;
}

int dw_udata(struct dw_walk *r, Dwarf_Die *die, unsigned int name,
	     Dwarf_Word *val)
{
	Dwarf_Attribute attr;
	int rc;

	rc = dw_attr(r, die, name, false, &attr);
	if (rc <= 0)
		return rc;
	if (dwarf_formudata(&attr, val) != 0)
		return dw_fail(r, -EINVAL, die, "bad attribute %#x: %s", name,
			       dw_msg(-1));
	return 1;
}

/*
 * Follow the typedefs and qualifiers from *@die, adding the qualifiers to
 * *@quals.  *@die becomes NULL (void) or @mem; *@depth counts the DIEs.
 */
int dw_peel(struct dw_walk *r, Dwarf_Die **die, Dwarf_Die *mem,
		unsigned int *quals, int *depth)
{
	while (*die) {
		int err = dw_enter(r, *die, (*depth)++);

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
		err = dw_type(r, *die, false, mem, die);
		if (err)
			return err;
	}
	return 0;
}
