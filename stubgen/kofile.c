// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the modstub sections of a .ko file.
 *
 * The file is read whole.  libelf checks the ELF structure; every offset
 * and size taken from the file is checked against the file (or the
 * section) before use, with overflow in mind, and every multi-byte field is
 * read with memcpy() and converted from little endian, so that a
 * malformed, truncated or foreign file gets a message, never a crash.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kofile.h"

int ko_verr(const char *path, int err, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: error: ", path);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	return err;
}

int ko_err(const char *path, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ko_verr(path, err, fmt, ap);
	va_end(ap);
	return err;
}

/* A libelf failure: the message ends with libelf's own. */
#define elf_fail(path, what) \
	ko_err(path, -EINVAL, "%s: %s", what, elf_errmsg(-1))

/* Does [off, off + len) lie within [0, size)? */
static bool in_range(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

/* Largest file read: a module is a few MiB at most. */
#define KO_MAX_SIZE	(1UL << 30)

/* Read the whole file: a regular file, or a pipe ("-"). */
static int read_all(struct ko_file *ko)
{
	size_t cap, done = 0;
	unsigned char *buf;
	struct stat st;

	if (fstat(ko->fd, &st) != 0)
		return ko_err(ko->path, -errno, "%s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return ko_err(ko->path, -EISDIR, "is a directory");
	cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : 65536;
	if (cap > KO_MAX_SIZE)
		return ko_err(ko->path, -EFBIG, "larger than %lu bytes",
			      KO_MAX_SIZE);
	buf = malloc(cap);
	if (!buf)
		return ko_err(ko->path, -ENOMEM, "out of memory");
	for (;;) {
		ssize_t n;

		if (done == cap) {
			unsigned char *nbuf;

			if (cap >= KO_MAX_SIZE) {
				free(buf);
				return ko_err(ko->path, -EFBIG,
					      "larger than %lu bytes",
					      KO_MAX_SIZE);
			}
			cap *= 2;
			nbuf = realloc(buf, cap);
			if (!nbuf) {
				free(buf);
				return ko_err(ko->path, -ENOMEM,
					      "out of memory");
			}
			buf = nbuf;
		}
		n = read(ko->fd, buf + done, cap - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return ko_err(ko->path, -errno, "cannot read: %s",
				      strerror(errno));
		}
		if (n == 0)
			break;
		done += n;
	}
	ko->image = buf;
	ko->image_size = done;
	ko->mode = st.st_mode & 07777;
	return 0;
}

static const struct {
	const char *name;
	size_t off;
} wanted[] = {
	{ MODSTUB_SECTION, offsetof(struct ko_file, modstubs) },
	{ MODSTUB_REAL_SECTION, offsetof(struct ko_file, real) },
	{ MODMETA_SECTION, offsetof(struct ko_file, modmeta) },
	{ ".modinfo", offsetof(struct ko_file, modinfo) },
};

/* Check the ELF header of the image of @ko and find its sections. */
int ko_check_elf(const char *path, void *elfp)
{
	Elf *elf = elfp;
	GElf_Ehdr ehdr;

	if (elf_kind(elf) != ELF_K_ELF)
		return ko_err(path, -EINVAL, "not an ELF file");
	if (!gelf_getehdr(elf, &ehdr))
		return elf_fail(path, "bad ELF header");
	if (ehdr.e_ident[EI_CLASS] != ELFCLASS64)
		return ko_err(path, -EINVAL,
			      "ELF class %u, not 64-bit: not an x86-64 module",
			      ehdr.e_ident[EI_CLASS]);
	if (ehdr.e_ident[EI_DATA] != ELFDATA2LSB)
		return ko_err(path, -EINVAL,
			      "not little endian: not an x86-64 module");
	if (ehdr.e_machine != EM_X86_64)
		return ko_err(path, -EINVAL, "machine %u, not x86-64 (%u)",
			      ehdr.e_machine, EM_X86_64);
	if (ehdr.e_type != ET_REL)
		return ko_err(path, -EINVAL,
			      "ELF type %u, not a relocatable object: not a kernel module",
			      ehdr.e_type);
	return 0;
}

static int ko_parse(struct ko_file *ko, const char *path)
{
	Elf_Scn *scn = NULL;
	GElf_Ehdr ehdr;
	size_t shstrndx, shnum, i;
	Elf *elf;
	int err;

	if (elf_version(EV_CURRENT) == EV_NONE) {
		err = elf_fail(path, "libelf");
		goto fail;
	}
	elf = elf_memory((char *)ko->image, ko->image_size);
	if (!elf) {
		err = elf_fail(path, "not readable as ELF");
		goto fail;
	}
	ko->elf = elf;
	err = ko_check_elf(path, elf);
	if (err)
		goto fail;
	if (!gelf_getehdr(elf, &ehdr)) {
		err = elf_fail(path, "bad ELF header");
		goto fail;
	}
	if (elf_getshdrnum(elf, &shnum) != 0) {
		err = elf_fail(path, "bad section header table");
		goto fail;
	}
	if (!shnum || ehdr.e_shentsize != sizeof(Elf64_Shdr) ||
	    !in_range(ehdr.e_shoff, (uint64_t)shnum * ehdr.e_shentsize,
		      ko->image_size)) {
		err = ko_err(path, -EINVAL,
			     "section headers (%zu at offset %#llx) missing or outside the file (%zu bytes)",
			     shnum, (unsigned long long)ehdr.e_shoff,
			     ko->image_size);
		goto fail;
	}
	ko->shnum = shnum;
	if (elf_getshdrstrndx(elf, &shstrndx) != 0) {
		err = elf_fail(path, "no section name table");
		goto fail;
	}

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr shdr;
		const char *name;

		if (!gelf_getshdr(scn, &shdr)) {
			err = elf_fail(path, "bad section header");
			goto fail;
		}
		name = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (!name) {
			err = elf_fail(path, "bad section name");
			goto fail;
		}
		for (i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
			struct ko_section *sec;

			if (strcmp(name, wanted[i].name) != 0)
				continue;
			sec = (struct ko_section *)((char *)ko + wanted[i].off);
			if (shdr.sh_type == SHT_NOBITS ||
			    !in_range(shdr.sh_offset, shdr.sh_size,
				      ko->image_size)) {
				err = ko_err(path, -EINVAL,
					     "section %s (offset %#llx, size %#llx) lies outside the file (%zu bytes)",
					     name,
					     (unsigned long long)shdr.sh_offset,
					     (unsigned long long)shdr.sh_size,
					     ko->image_size);
				goto fail;
			}
			sec->name = wanted[i].name;
			sec->data = ko->image + shdr.sh_offset;
			sec->size = shdr.sh_size;
			sec->index = elf_ndxscn(scn);
			sec->present = true;
		}
	}
	return 0;

fail:
	ko_close(ko);
	ko->path = path;
	return err;
}

int ko_open(struct ko_file *ko, const char *path)
{
	int err;

	memset(ko, 0, sizeof(*ko));
	ko->path = path;
	if (strcmp(path, "-") == 0) {
		ko->path = "<stdin>";
		ko->fd = dup(STDIN_FILENO);
	} else {
		ko->fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (ko->fd < 0)
		return ko_err(path, -errno, "cannot open: %s", strerror(errno));
	err = read_all(ko);
	if (err) {
		ko_close(ko);
		ko->path = path;
		return err;
	}
	return ko_parse(ko, path);
}

int ko_open_mem(struct ko_file *ko, const char *path, const void *data,
		size_t size)
{
	memset(ko, 0, sizeof(*ko));
	ko->path = path;
	ko->fd = -1;
	if (size > KO_MAX_SIZE)
		return ko_err(path, -EFBIG, "larger than %lu bytes",
			      KO_MAX_SIZE);
	ko->image = malloc(size ? size : 1);
	if (!ko->image)
		return ko_err(path, -ENOMEM, "out of memory");
	if (size)
		memcpy(ko->image, data, size);
	ko->image_size = size;
	return ko_parse(ko, path);
}

void ko_close(struct ko_file *ko)
{
	if (ko->elf)
		elf_end(ko->elf);
	free(ko->syms);
	free(ko->by_name);
	free(ko->by_addr);
	free(ko->image);
	if (ko->fd >= 0)
		close(ko->fd);
	memset(ko, 0, sizeof(*ko));
	ko->fd = -1;
}

/* The NUL-terminated string at @off of [data, data + size), or NULL. */
static const char *str_at(const unsigned char *data, size_t size,
			  uint64_t off)
{
	if (off >= size || !memchr(data + off, '\0', size - off))
		return NULL;
	return (const char *)data + off;
}

static void hdr_from_le(struct modstub_hdr *h)
{
	h->magic = le32toh(h->magic);
	h->version = le16toh(h->version);
	h->hdr_size = le16toh(h->hdr_size);
	h->ent_size = le16toh(h->ent_size);
	h->flags = le16toh(h->flags);
	h->nstubs = le32toh(h->nstubs);
	h->size = le32toh(h->size);
	h->module_off = le32toh(h->module_off);
	h->stubmod_off = le32toh(h->stubmod_off);
}

int ko_stub_table(const struct ko_file *ko, struct stub_table *t)
{
	const struct ko_section *sec = &ko->modstubs;
	struct modstub_hdr h;
	uint32_t i;

	if (!sec->present)
		return ko_err(ko->path, -ENOENT, "no %s section: not a stub module",
			      MODSTUB_SECTION);
	if (sec->size < sizeof(h))
		return ko_err(ko->path, -EINVAL,
			      "%s: %zu bytes, shorter than its header",
			      MODSTUB_SECTION, sec->size);
	memcpy(&h, sec->data, sizeof(h));
	hdr_from_le(&h);
	if (h.magic != MODSTUB_MAGIC)
		return ko_err(ko->path, -EINVAL, "%s: bad magic %#x",
			      MODSTUB_SECTION, h.magic);
	if (h.version != MODSTUB_ABI_VERSION)
		return ko_err(ko->path, -EINVAL,
			      "%s: ABI version %u, this stubgen knows %u",
			      MODSTUB_SECTION, h.version, MODSTUB_ABI_VERSION);
	if (h.hdr_size != sizeof(struct modstub_hdr) ||
	    h.ent_size != sizeof(struct modstub_ent))
		return ko_err(ko->path, -EINVAL,
			      "%s: header of %u bytes and entries of %u, expected %zu and %zu",
			      MODSTUB_SECTION, h.hdr_size, h.ent_size,
			      sizeof(struct modstub_hdr),
			      sizeof(struct modstub_ent));
	if (h.size < h.hdr_size || h.size > sec->size)
		return ko_err(ko->path, -EINVAL,
			      "%s: table of %u bytes in a section of %zu",
			      MODSTUB_SECTION, h.size, sec->size);
	if (!in_range(h.hdr_size, (uint64_t)h.nstubs * h.ent_size, h.size))
		return ko_err(ko->path, -EINVAL,
			      "%s: %u stubs do not fit in a table of %u bytes",
			      MODSTUB_SECTION, h.nstubs, h.size);

	t->hdr = h;
	t->module = str_at(sec->data, h.size, h.module_off);
	t->stubmod = str_at(sec->data, h.size, h.stubmod_off);
	if (!t->module || !t->stubmod || h.module_off < h.hdr_size ||
	    h.stubmod_off < h.hdr_size)
		return ko_err(ko->path, -EINVAL, "%s: bad module name offsets",
			      MODSTUB_SECTION);
	for (i = 0; i < h.nstubs; i++) {
		struct modstub_ent e;
		const char *name, *ret;

		ko_stub_entry(ko, t, i, &e, &name, &ret);
		if (!name || !ret)
			return ko_err(ko->path, -EINVAL,
				      "%s: entry %u: bad name offsets",
				      MODSTUB_SECTION, i);
		if (e.kind < MODSTUB_KIND_STRONG || e.kind > MODSTUB_KIND_WEAK)
			return ko_err(ko->path, -EINVAL,
				      "%s: entry %u (%s): unknown kind %u",
				      MODSTUB_SECTION, i, name, e.kind);
		if (e.argnword > MODSTUB_MAX_ARGNWORD)
			return ko_err(ko->path, -EINVAL,
				      "%s: entry %u (%s): argnword %u out of range",
				      MODSTUB_SECTION, i, name, e.argnword);
	}
	return 0;
}

void ko_stub_entry(const struct ko_file *ko, const struct stub_table *t,
		   uint32_t i, struct modstub_ent *e, const char **name,
		   const char **retfunc)
{
	const unsigned char *data = ko->modstubs.data;

	memcpy(e, data + t->hdr.hdr_size + (size_t)i * t->hdr.ent_size,
	       sizeof(*e));
	e->name_off = le32toh(e->name_off);
	e->retfunc_off = le32toh(e->retfunc_off);
	e->flags = le16toh(e->flags);
	*name = e->name_off >= t->hdr.hdr_size ?
		str_at(data, t->hdr.size, e->name_off) : NULL;
	*retfunc = e->retfunc_off >= t->hdr.hdr_size ?
		str_at(data, t->hdr.size, e->retfunc_off) : NULL;
}

int ko_real_table(const struct ko_file *ko, struct real_table *t)
{
	const struct ko_section *sec = &ko->real;
	struct modstub_real_hdr *h = &t->hdr;
	uint32_t i;

	if (!sec->present)
		return -ENOENT;
	if (sec->size < sizeof(*h))
		return ko_err(ko->path, -EINVAL,
			      "%s: %zu bytes, shorter than its header",
			      MODSTUB_REAL_SECTION, sec->size);
	memcpy(h, sec->data, sizeof(*h));
	h->magic = le32toh(h->magic);
	h->version = le16toh(h->version);
	h->hdr_size = le16toh(h->hdr_size);
	h->ent_size = le16toh(h->ent_size);
	h->nfuncs = le32toh(h->nfuncs);
	h->size = le32toh(h->size);
	h->module_off = le32toh(h->module_off);
	if (h->magic != MODSTUB_REAL_MAGIC)
		return ko_err(ko->path, -EINVAL, "%s: bad magic %#x",
			      MODSTUB_REAL_SECTION, h->magic);
	if (h->version != MODSTUB_ABI_VERSION)
		return ko_err(ko->path, -EINVAL,
			      "%s: ABI version %u, this stubgen knows %u",
			      MODSTUB_REAL_SECTION, h->version,
			      MODSTUB_ABI_VERSION);
	if (h->hdr_size != sizeof(*h) ||
	    h->ent_size != sizeof(struct modstub_real_ent) ||
	    h->size < h->hdr_size || h->size > sec->size ||
	    !in_range(h->hdr_size, (uint64_t)h->nfuncs * h->ent_size, h->size))
		return ko_err(ko->path, -EINVAL, "%s: malformed header",
			      MODSTUB_REAL_SECTION);
	t->module = h->module_off >= h->hdr_size ?
		str_at(sec->data, h->size, h->module_off) : NULL;
	if (!t->module)
		return ko_err(ko->path, -EINVAL, "%s: bad module name offset",
			      MODSTUB_REAL_SECTION);
	for (i = 0; i < h->nfuncs; i++) {
		struct modstub_real_ent e;
		const char *name;

		ko_real_entry(ko, t, i, &e, &name);
		if (!name)
			return ko_err(ko->path, -EINVAL,
				      "%s: entry %u: bad name offset",
				      MODSTUB_REAL_SECTION, i);
	}
	return 0;
}

void ko_real_entry(const struct ko_file *ko, const struct real_table *t,
		   uint32_t i, struct modstub_real_ent *e, const char **name)
{
	const unsigned char *data = ko->real.data;

	memcpy(e, data + t->hdr.hdr_size + (size_t)i * t->hdr.ent_size,
	       sizeof(*e));
	e->name_off = le32toh(e->name_off);
	*name = e->name_off >= t->hdr.hdr_size ?
		str_at(data, t->hdr.size, e->name_off) : NULL;
}

int ko_modmeta(const struct ko_file *ko,
	       void (*fn)(const char *key, size_t keylen, const char *value,
			  void *arg),
	       void *arg)
{
	const struct ko_section *sec = &ko->modmeta;
	struct modmeta_hdr h;
	size_t off;

	if (!sec->present)
		return -ENOENT;
	if (sec->size < sizeof(h))
		return ko_err(ko->path, -EINVAL,
			      "%s: %zu bytes, shorter than its header",
			      MODMETA_SECTION, sec->size);
	memcpy(&h, sec->data, sizeof(h));
	h.magic = le32toh(h.magic);
	h.version = le16toh(h.version);
	h.hdr_size = le16toh(h.hdr_size);
	h.size = le32toh(h.size);
	if (h.magic != MODMETA_MAGIC || h.version != MODSTUB_ABI_VERSION ||
	    h.hdr_size != sizeof(h) || h.size < h.hdr_size ||
	    h.size > sec->size)
		return ko_err(ko->path, -EINVAL, "%s: malformed header",
			      MODMETA_SECTION);

	for (off = h.hdr_size; off < h.size;) {
		const char *s = (const char *)sec->data + off;
		const char *nul = memchr(s, '\0', h.size - off);
		const char *eq;

		if (!nul)
			return ko_err(ko->path, -EINVAL,
				      "%s: unterminated string at offset %zu",
				      MODMETA_SECTION, off);
		off += nul - s + 1;
		if (nul == s)
			continue;	/* padding */
		eq = memchr(s, '=', nul - s);
		if (!eq)
			return ko_err(ko->path, -EINVAL,
				      "%s: '%s' is not key=value",
				      MODMETA_SECTION, s);
		fn(s, eq - s, eq + 1, arg);
	}
	return 0;
}

/* Symbols */

static int cmp_sym_name(const void *a, const void *b)
{
	const struct ko_sym *x = *(const struct ko_sym * const *)a;
	const struct ko_sym *y = *(const struct ko_sym * const *)b;

	return strcmp(x->name, y->name);
}

static int cmp_sym_addr(const void *a, const void *b)
{
	const struct ko_sym *x = *(const struct ko_sym * const *)a;
	const struct ko_sym *y = *(const struct ko_sym * const *)b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	return 0;
}

static int read_symbols(struct ko_file *ko);

int ko_symbols(struct ko_file *ko)
{
	int err;

	if (ko->syms)
		return 0;
	err = read_symbols(ko);
	if (err) {
		free(ko->syms);
		free(ko->by_name);
		free(ko->by_addr);
		ko->syms = NULL;
		ko->by_name = ko->by_addr = NULL;
		ko->nsyms = 0;
	}
	return err;
}

static int read_symbols(struct ko_file *ko)
{
	Elf *elf = ko->elf;
	Elf_Scn *scn = NULL, *symscn = NULL;
	GElf_Shdr shdr, symshdr;
	Elf_Data *data;
	size_t i, n;

	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &shdr))
			return elf_fail(ko->path, "bad section header");
		if (shdr.sh_type != SHT_SYMTAB)
			continue;
		if (symscn)
			return ko_err(ko->path, -EINVAL,
				      "more than one symbol table");
		symscn = scn;
		symshdr = shdr;
	}
	if (!symscn)
		return ko_err(ko->path, -EINVAL, "no symbol table");
	if (symshdr.sh_entsize != sizeof(Elf64_Sym) ||
	    symshdr.sh_link >= ko->shnum ||
	    !in_range(symshdr.sh_offset, symshdr.sh_size, ko->image_size))
		return ko_err(ko->path, -EINVAL, "malformed symbol table");
	data = elf_getdata(symscn, NULL);
	if (!data)
		return elf_fail(ko->path, "cannot read the symbol table");
	n = data->d_size / sizeof(Elf64_Sym);
	ko->syms = calloc(n ? n : 1, sizeof(*ko->syms));
	ko->by_name = calloc(n ? n : 1, sizeof(*ko->by_name));
	ko->by_addr = calloc(n ? n : 1, sizeof(*ko->by_addr));
	if (!ko->syms || !ko->by_name || !ko->by_addr)
		return ko_err(ko->path, -ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		struct ko_sym *ks = &ko->syms[i];
		GElf_Sym sym;
		const char *name;

		if (!gelf_getsym(data, i, &sym))
			return elf_fail(ko->path, "bad symbol");
		name = sym.st_name ?
			elf_strptr(elf, symshdr.sh_link, sym.st_name) : "";
		if (!name)
			return ko_err(ko->path, -EINVAL,
				      "symbol %zu: name outside the string table",
				      i);
		ks->name = name;
		ks->value = sym.st_value;
		ks->size = sym.st_size;
		ks->shndx = sym.st_shndx;
		ks->type = GELF_ST_TYPE(sym.st_info);
		ks->bind = GELF_ST_BIND(sym.st_info);
		ko->by_name[i] = ks;
		ko->by_addr[i] = ks;
	}
	ko->nsyms = n;
	qsort(ko->by_name, n, sizeof(*ko->by_name), cmp_sym_name);
	qsort(ko->by_addr, n, sizeof(*ko->by_addr), cmp_sym_addr);
	return 0;
}

/* How much a symbol is worth among symbols of one name */
static int sym_rank(const struct ko_sym *s)
{
	return (s->shndx != SHN_UNDEF) * 2 + (s->bind == STB_GLOBAL);
}

const struct ko_sym *ko_find_sym(const struct ko_file *ko, const char *name)
{
	const struct ko_sym *best = NULL;
	size_t lo = 0, hi = ko->nsyms;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ko->by_name[mid]->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ko->nsyms && strcmp(ko->by_name[lo]->name, name) == 0; lo++)
		if (!best || sym_rank(ko->by_name[lo]) > sym_rank(best))
			best = ko->by_name[lo];
	return best;
}

const struct ko_sym *ko_sym_at(const struct ko_file *ko, size_t shndx,
			       uint64_t value, const char *want)
{
	const struct ko_sym *any = NULL;
	size_t lo = 0, hi = ko->nsyms;

	if (shndx == SHN_UNDEF || shndx >= SHN_LORESERVE)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct ko_sym *s = ko->by_addr[mid];

		if (s->shndx < shndx || (s->shndx == shndx && s->value < value))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ko->nsyms; lo++) {
		const struct ko_sym *s = ko->by_addr[lo];

		if (s->shndx != shndx || s->value != value)
			break;
		if (!s->name[0] || s->type == STT_SECTION)
			continue;
		if (want && strcmp(s->name, want) == 0)
			return s;
		if (!any)
			any = s;
	}
	return any;
}

int ko_shdr(const struct ko_file *ko, size_t index, struct ko_shdr *sh)
{
	Elf *elf = ko->elf;
	Elf_Scn *scn;
	GElf_Shdr shdr;
	size_t shstrndx;

	scn = elf_getscn(elf, index);
	if (!scn || !gelf_getshdr(scn, &shdr) ||
	    elf_getshdrstrndx(elf, &shstrndx) != 0)
		return elf_fail(ko->path, "bad section header");
	sh->name = elf_strptr(elf, shstrndx, shdr.sh_name);
	if (!sh->name)
		sh->name = "?";
	sh->type = shdr.sh_type;
	sh->flags = shdr.sh_flags;
	sh->align = shdr.sh_addralign;
	sh->size = shdr.sh_size;
	sh->data = NULL;
	if (shdr.sh_type == SHT_NOBITS)
		return 0;
	if (!in_range(shdr.sh_offset, shdr.sh_size, ko->image_size))
		return ko_err(ko->path, -EINVAL,
			      "section %s lies outside the file", sh->name);
	sh->data = ko->image + shdr.sh_offset;
	return 0;
}

int ko_relocs(const struct ko_file *ko, size_t index,
	      int (*fn)(uint64_t offset, uint32_t type,
			const struct ko_sym *sym, int64_t addend, void *arg),
	      void *arg)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr shdr;

	while ((scn = elf_nextscn(ko->elf, scn))) {
		Elf_Data *data;
		size_t i, n;

		if (!gelf_getshdr(scn, &shdr))
			return elf_fail(ko->path, "bad section header");
		if (shdr.sh_type == SHT_REL && shdr.sh_info == index)
			return ko_err(ko->path, -EINVAL,
				      "REL relocations, x86-64 uses RELA");
		if (shdr.sh_type != SHT_RELA || shdr.sh_info != index)
			continue;
		if (shdr.sh_entsize != sizeof(Elf64_Rela) ||
		    !in_range(shdr.sh_offset, shdr.sh_size, ko->image_size))
			return ko_err(ko->path, -EINVAL,
				      "malformed relocation section %zu",
				      elf_ndxscn(scn));
		data = elf_getdata(scn, NULL);
		if (!data)
			return elf_fail(ko->path, "cannot read relocations");
		n = data->d_size / sizeof(Elf64_Rela);
		for (i = 0; i < n; i++) {
			GElf_Rela r;
			size_t symi;
			int ret;

			if (!gelf_getrela(data, i, &r))
				return elf_fail(ko->path, "bad relocation");
			symi = GELF_R_SYM(r.r_info);
			if (symi >= ko->nsyms)
				return ko_err(ko->path, -EINVAL,
					      "relocation %zu: symbol %zu of %zu",
					      i, symi, ko->nsyms);
			ret = fn(r.r_offset, GELF_R_TYPE(r.r_info),
				 &ko->syms[symi], r.r_addend, arg);
			if (ret)
				return ret;
		}
	}
	return 0;
}

int ko_write(const struct ko_file *ko, const char *path)
{
	size_t len = strlen(path), done = 0;
	char *tmp = malloc(len + 12);
	int fd, err = 0;

	if (!tmp)
		return ko_err(path, -ENOMEM, "out of memory");
	memcpy(tmp, path, len);
	memcpy(tmp + len, ".tmpXXXXXX", 11);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = ko_err(path, -errno, "cannot create %s: %s", tmp,
			     strerror(errno));
		free(tmp);
		return err;
	}
	while (done < ko->image_size) {
		ssize_t n = write(fd, ko->image + done, ko->image_size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = ko_err(path, -errno, "cannot write: %s",
				     strerror(errno));
			break;
		}
		done += n;
	}
	if (!err && fchmod(fd, ko->mode ? ko->mode : 0644) != 0)
		err = ko_err(path, -errno, "cannot set mode: %s",
			     strerror(errno));
	if (close(fd) != 0 && !err)
		err = ko_err(path, -errno, "cannot write: %s", strerror(errno));
	if (!err && rename(tmp, path) != 0)
		err = ko_err(path, -errno, "cannot rename %s: %s", tmp,
			     strerror(errno));
	if (err)
		unlink(tmp);
	free(tmp);
	return err;
}

const char *ko_modinfo(const struct ko_file *ko, const char *key)
{
	const struct ko_section *sec = &ko->modinfo;
	size_t klen = strlen(key), off = 0;

	if (!sec->present)
		return NULL;
	while (off < sec->size) {
		const char *s = (const char *)sec->data + off;
		const char *nul = memchr(s, '\0', sec->size - off);

		if (!nul)
			return NULL;
		if ((size_t)(nul - s) > klen && s[klen] == '=' &&
		    memcmp(s, key, klen) == 0)
			return s + klen + 1;
		off += nul - s + 1;
	}
	return NULL;
}
