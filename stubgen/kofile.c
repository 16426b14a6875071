// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the modstub sections of a .ko file.
 *
 * The file is read whole.  libelf checks the ELF structure; every offset
 * and size taken from the file is checked against the file (or the
 * section) before use, with overflow in mind, and every multi-byte field is
 * read with memcpy() and converted from little endian, so that a
 * malformed, truncated or foreign file gets a message, never a crash.  The
 * tables are checked by the same functions of <modstub/abi.h> that
 * stubcore uses, so that both accept the same tables.
 *
 * A module compressed with xz, zstd or gzip, as "make modules_install"
 * and distributions install them (.ko.xz, .ko.zst, .ko.gz), is read as
 * kmod reads it: recognised by its magic and decompressed in memory.
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

#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "file.h"
#include "kofile.h"
#include "msg.h"

int ko_verr(const char *path, int err, const char *fmt, va_list ap)
{
	vmsg(MSG_ERROR, path, NULL, fmt, ap);
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
	struct stat st;
	size_t len;
	char *buf;
	int err;

	if (fstat(ko->fd, &st) != 0)
		return ko_err(ko->path, -errno, "%s", strerror(errno));
	err = read_fd(ko->fd, KO_MAX_SIZE, &buf, &len);
	if (err == -EISDIR)
		return ko_err(ko->path, err, "is a directory");
	if (err == -EFBIG)
		return ko_err(ko->path, err, "larger than %lu bytes",
			      KO_MAX_SIZE);
	if (err)
		return ko_err(ko->path, err, "cannot read: %s", strerror(-err));
	ko->image = (unsigned char *)buf;
	ko->image_size = len;
	ko->mode = st.st_mode & 07777;
	return 0;
}

/* A buffer that grows up to KO_MAX_SIZE, for decompressing into. */
struct grow {
	unsigned char *buf;
	size_t len, cap;
};

/* Room for at least one more byte; -ENOMEM or -EFBIG (not reported). */
static int grow_room(struct grow *g)
{
	unsigned char *nbuf;
	size_t cap;

	if (g->len < g->cap)
		return 0;
	if (g->cap >= KO_MAX_SIZE)
		return -EFBIG;
	cap = g->cap ? 2 * g->cap : 1 << 20;
	if (cap > KO_MAX_SIZE)
		cap = KO_MAX_SIZE;
	nbuf = realloc(g->buf, cap);
	if (!nbuf)
		return -ENOMEM;
	g->buf = nbuf;
	g->cap = cap;
	return 0;
}

static int unxz(const struct ko_file *ko, struct grow *g)
{
	lzma_stream z = LZMA_STREAM_INIT;
	lzma_ret ret;
	int err = 0;

	if (lzma_stream_decoder(&z, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK)
		return ko_err(ko->path, -ENOMEM, "xz: cannot start decoding");
	z.next_in = ko->image;
	z.avail_in = ko->image_size;
	do {
		err = grow_room(g);
		if (err)
			break;
		z.next_out = g->buf + g->len;
		z.avail_out = g->cap - g->len;
		ret = lzma_code(&z, LZMA_FINISH);
		g->len = g->cap - z.avail_out;
	} while (ret == LZMA_OK);
	lzma_end(&z);
	if (err)
		return err;
	if (ret != LZMA_STREAM_END)
		return ko_err(ko->path, -EINVAL, "xz: corrupt data (%d)", ret);
	return 0;
}

static int unzstd(const struct ko_file *ko, struct grow *g)
{
	ZSTD_DStream *z = ZSTD_createDStream();
	ZSTD_inBuffer in = { ko->image, ko->image_size, 0 };
	size_t ret = 1;
	int err = 0;

	if (!z)
		return ko_err(ko->path, -ENOMEM, "zstd: cannot start decoding");
	while (in.pos < in.size || ret) {
		ZSTD_outBuffer out;

		err = grow_room(g);
		if (err)
			break;
		out = (ZSTD_outBuffer){ g->buf + g->len, g->cap - g->len, 0 };
		ret = ZSTD_decompressStream(z, &out, &in);
		g->len += out.pos;
		if (ZSTD_isError(ret)) {
			err = ko_err(ko->path, -EINVAL, "zstd: %s",
				     ZSTD_getErrorName(ret));
			break;
		}
		if (in.pos == in.size && ret && !out.pos) {
			err = ko_err(ko->path, -EINVAL, "zstd: truncated data");
			break;
		}
	}
	ZSTD_freeDStream(z);
	return err;
}

static int ungzip(const struct ko_file *ko, struct grow *g)
{
	z_stream z = { .next_in = ko->image };
	int ret, err = 0;

	if (ko->image_size > UINT_MAX)
		return ko_err(ko->path, -EFBIG, "gzip: too large");
	z.avail_in = ko->image_size;
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return ko_err(ko->path, -ENOMEM, "gzip: cannot start decoding");
	do {
		err = grow_room(g);
		if (err)
			break;
		z.next_out = g->buf + g->len;
		z.avail_out = g->cap - g->len > UINT_MAX ? UINT_MAX :
			      g->cap - g->len;
		ret = inflate(&z, Z_NO_FLUSH);
		g->len = z.next_out - g->buf;
	} while (ret == Z_OK);
	inflateEnd(&z);
	if (err)
		return err;
	if (ret != Z_STREAM_END)
		return ko_err(ko->path, -EINVAL, "gzip: corrupt data (%d)", ret);
	return 0;
}

/*
 * If the image is compressed, replace it with its decompressed contents,
 * and say in ko->compressed with what.
 */
static int decompress(struct ko_file *ko)
{
	static const struct {
		const char *name;
		unsigned char magic[6];
		size_t len;
		int (*fn)(const struct ko_file *ko, struct grow *g);
	} formats[] = {
		{ "xz", { 0xfd, '7', 'z', 'X', 'Z', 0 }, 6, unxz },
		{ "zstd", { 0x28, 0xb5, 0x2f, 0xfd }, 4, unzstd },
		{ "gzip", { 0x1f, 0x8b }, 2, ungzip },
	};
	struct grow g = { NULL, 0, 0 };
	size_t i;
	int err;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (ko->image_size >= formats[i].len &&
		    memcmp(ko->image, formats[i].magic, formats[i].len) == 0)
			break;
	if (i == sizeof(formats) / sizeof(formats[0]))
		return 0;
	err = formats[i].fn(ko, &g);
	if (err == -ENOMEM || err == -EFBIG)
		err = ko_err(ko->path, err, "%s: %s", formats[i].name,
			     err == -ENOMEM ? "out of memory" :
			     "decompressed data larger than 1 GiB");
	if (err) {
		free(g.buf);
		return err;
	}
	free(ko->image);
	ko->image = g.buf ? g.buf : malloc(1);
	if (!ko->image)
		return ko_err(ko->path, -ENOMEM, "out of memory");
	ko->image_size = g.len;
	ko->compressed = formats[i].name;
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
	if (!err)
		err = decompress(ko);
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
	int err;

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
	err = decompress(ko);
	if (err) {
		ko_close(ko);
		ko->path = path;
		return err;
	}
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
	h->reserved1 = le16toh(h->reserved1);
	h->runtime = le64toh(h->runtime);
	h->calls_pcpu = le64toh(h->calls_pcpu);
}

int ko_stub_table(const struct ko_file *ko, struct stub_table *t)
{
	const struct ko_section *sec = &ko->modstubs;
	struct modstub_hdr h;
	char why[160];
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
	if (modstub_check_hdr(sec->data, &h, sec->size, why, sizeof(why)))
		return ko_err(ko->path, -EINVAL, "%s: %s", MODSTUB_SECTION, why);

	t->hdr = h;
	t->module = (const char *)sec->data + h.module_off;
	t->stubmod = (const char *)sec->data + h.stubmod_off;
	for (i = 0; i < h.nstubs; i++) {
		struct modstub_ent e;
		const char *name, *ret;

		ko_stub_entry(ko, t, i, &e, &name, &ret);
		if (modstub_check_ent(sec->data, &h, &e, why, sizeof(why)))
			return ko_err(ko->path, -EINVAL, "%s: entry %u%s%s%s: %s",
				      MODSTUB_SECTION, i, name ? " (" : "",
				      name ? name : "", name ? ")" : "", why);
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
	e->call_off = le16toh(e->call_off);
	e->fingerprint = le64toh(e->fingerprint);
	e->entry = le64toh(e->entry);
	e->slow = le64toh(e->slow);
	e->retfunc = le64toh(e->retfunc);
	e->runtime = le64toh(e->runtime);
	*name = modstub_str_ok(data, t->hdr.hdr_size, t->hdr.size, e->name_off) ?
		(const char *)data + e->name_off : NULL;
	*retfunc = modstub_str_ok(data, t->hdr.hdr_size, t->hdr.size,
				  e->retfunc_off) ?
		(const char *)data + e->retfunc_off : NULL;
}

int ko_real_table(const struct ko_file *ko, struct real_table *t)
{
	const struct ko_section *sec = &ko->real;
	struct modstub_real_hdr *h = &t->hdr;
	char why[160];
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
	h->flags = le16toh(h->flags);
	h->nfuncs = le32toh(h->nfuncs);
	h->size = le32toh(h->size);
	h->module_off = le32toh(h->module_off);
	h->stubtab = le64toh(h->stubtab);
	if (modstub_check_real_hdr(sec->data, h, sec->size, why, sizeof(why)))
		return ko_err(ko->path, -EINVAL, "%s: %s",
			      MODSTUB_REAL_SECTION, why);
	t->module = (const char *)sec->data + h->module_off;
	for (i = 0; i < h->nfuncs; i++) {
		struct modstub_real_ent e;
		const char *name;

		ko_real_entry(ko, t, i, &e, &name);
		if (modstub_check_real_ent(sec->data, h, &e, why, sizeof(why)))
			return ko_err(ko->path, -EINVAL, "%s: entry %u%s%s%s: %s",
				      MODSTUB_REAL_SECTION, i, name ? " (" : "",
				      name ? name : "", name ? ")" : "", why);
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
	e->flags = le16toh(e->flags);
	e->fingerprint = le64toh(e->fingerprint);
	e->func = le64toh(e->func);
	*name = modstub_str_ok(data, t->hdr.hdr_size, t->hdr.size, e->name_off) ?
		(const char *)data + e->name_off : NULL;
}

void ko_poke(struct ko_file *ko, const struct ko_section *sec, size_t off,
	     uint64_t value, size_t size)
{
	unsigned char *p = ko->image + (sec->data - ko->image) + off;
	size_t i;

	for (i = 0; i < size; i++)
		p[i] = value >> (8 * i);	/* little endian */
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
	Elf_Scn *scn = NULL, *symscn = NULL, *xscn = NULL;
	GElf_Shdr shdr, symshdr;
	Elf_Data *data, *xdata = NULL;
	size_t i, n;

	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &shdr))
			return elf_fail(ko->path, "bad section header");
		/* the section indices of the symbols beyond SHN_LORESERVE */
		if (shdr.sh_type == SHT_SYMTAB_SHNDX) {
			if (xscn)
				return ko_err(ko->path, -EINVAL,
					      "more than one extended section index table");
			xscn = scn;
			continue;
		}
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
	if (xscn) {
		if (!gelf_getshdr(xscn, &shdr))
			return elf_fail(ko->path, "bad section header");
		xdata = elf_getdata(xscn, NULL);
		if (shdr.sh_link != elf_ndxscn(symscn) || !xdata ||
		    xdata->d_size / sizeof(Elf32_Word) < n)
			return ko_err(ko->path, -EINVAL,
				      "malformed extended section index table");
	}
	ko->syms = calloc(n ? n : 1, sizeof(*ko->syms));
	ko->by_name = calloc(n ? n : 1, sizeof(*ko->by_name));
	ko->by_addr = calloc(n ? n : 1, sizeof(*ko->by_addr));
	if (!ko->syms || !ko->by_name || !ko->by_addr)
		return ko_err(ko->path, -ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		struct ko_sym *ks = &ko->syms[i];
		GElf_Sym sym;
		Elf32_Word xndx = 0;
		const char *name;

		if (!gelf_getsymshndx(data, xdata, i, &sym, &xndx))
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
		if (sym.st_shndx == SHN_XINDEX)
			ks->shndx = xndx;
		else if (sym.st_shndx >= SHN_LORESERVE)
			ks->shndx = KO_SHN(sym.st_shndx);
		else
			ks->shndx = sym.st_shndx;
		if (ks->shndx >= ko->shnum && ks->shndx < KO_SHN(SHN_LORESERVE))
			return ko_err(ko->path, -EINVAL,
				      "symbol %s: in section %u of %zu", name,
				      ks->shndx, ko->shnum);
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

	if (shndx == SHN_UNDEF || shndx >= KO_SHN(SHN_LORESERVE))
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
	int err;

	if (ko->compressed)
		return ko_err(ko->path, -EINVAL,
			      "compressed with %s: decompress it first",
			      ko->compressed);
	err = write_atomic(path, ko->image, ko->image_size,
			   ko->mode ? ko->mode : 0644, 0);
	if (err)
		return ko_err(path, err, "cannot write: %s", strerror(-err));
	return 0;
}

const char *ko_modinfo_next(const struct ko_file *ko, const char *key,
			    const char *prev)
{
	const struct ko_section *sec = &ko->modinfo;
	size_t klen = strlen(key), off = 0;

	if (!sec->present)
		return NULL;
	if (prev)	/* after the string that holds @prev */
		off = (size_t)(prev - (const char *)sec->data) +
		      strlen(prev) + 1;
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

const char *ko_modinfo(const struct ko_file *ko, const char *key)
{
	return ko_modinfo_next(ko, key, NULL);
}

int ko_export_kind(const struct ko_file *ko, const struct ko_sym *s,
		   bool *gpl)
{
	struct ko_shdr sh;

	if (!ko_sym_in_section(s))
		return -ENOENT;
	if (ko_shdr(ko, s->shndx, &sh))
		return -EINVAL;
	/* "__ksymtab_gpl" in a .ko, "___ksymtab_gpl+sym" in an object */
	if (strcmp(sh.name, "__ksymtab_gpl") == 0 ||
	    strncmp(sh.name, "___ksymtab_gpl+", 15) == 0)
		*gpl = true;
	else if (strcmp(sh.name, "__ksymtab") == 0 ||
		 strncmp(sh.name, "___ksymtab+", 11) == 0)
		*gpl = false;
	else
		return -ENOENT;
	return 0;
}
