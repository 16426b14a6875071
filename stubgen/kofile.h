/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading the modstub sections of a .ko file.
 */
#ifndef STUBGEN_KOFILE_H
#define STUBGEN_KOFILE_H

#include <elf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <modstub/abi.h>

/* A section's contents, checked to lie inside the file. */
struct ko_section {
	const char *name;
	const unsigned char *data;
	size_t size;
	size_t index;			/* section header index */
	bool present;
};

/*
 * A reserved section index (SHN_ABS, SHN_COMMON) as struct ko_sym keeps
 * it: above every real index, which in an object of more than
 * SHN_LORESERVE sections (one per export on 6.1: a module of 100,000
 * exports has 200,000) can be larger than any reserved one.
 */
#define KO_SHN(reserved)	(0xffff0000u | (reserved))

/* A symbol of the object's symbol table. */
struct ko_sym {
	const char *name;
	uint64_t value;
	uint64_t size;
	uint32_t shndx;			/* SHN_UNDEF, a section or KO_SHN() */
	unsigned char type;		/* STT_* */
	unsigned char bind;		/* STB_* */
};

/* Is @s defined in a section of the object (not undefined, absolute)? */
static inline bool ko_sym_in_section(const struct ko_sym *s)
{
	return s->shndx != SHN_UNDEF && s->shndx < KO_SHN(SHN_LORESERVE);
}

struct ko_file {
	const char *path;
	int fd;
	void *elf;			/* Elf *, opaque here */
	unsigned char *image;		/* the whole file */
	size_t image_size;
	size_t shnum;
	unsigned int mode;		/* permission bits of the file */
	const char *compressed;		/* "xz", "zstd", "gzip" or NULL */
	struct ko_sym *syms;		/* by ko_symbols(), in table order */
	struct ko_sym **by_name;	/* sorted by name */
	struct ko_sym **by_addr;	/* sorted by section and value */
	size_t nsyms;
	struct ko_section modstubs;	/* MODSTUB_SECTION */
	struct ko_section real;		/* MODSTUB_REAL_SECTION */
	struct ko_section modmeta;	/* MODMETA_SECTION */
	struct ko_section modinfo;	/* .modinfo */
};

/*
 * Open @path ("-": standard input), decompress it if it is compressed with
 * xz, zstd or gzip, and find its sections.  On failure, prints "PATH:
 * error: WHAT" to stderr and returns a negative errno.
 */
int ko_open(struct ko_file *ko, const char *path);
/*
 * The same for a copy of the @size bytes at @data, named @path in
 * messages (and written there by ko_write()).
 */
int ko_open_mem(struct ko_file *ko, const char *path, const void *data,
		size_t size);
void ko_close(struct ko_file *ko);

/*
 * Check that @elf (an Elf *) is a 64-bit little-endian x86-64 relocatable
 * object; prints the problem and returns -errno if not.
 */
int ko_check_elf(const char *path, void *elf);

/* Print "PATH: error: ..." and return @err. */
int ko_err(const char *path, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int ko_verr(const char *path, int err, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* Read the symbol table into ko->syms; -errno (reported) if malformed. */
int ko_symbols(struct ko_file *ko);
/*
 * The symbol named @name, or NULL; of several, a defined one before an
 * undefined one, a global one before a local one.
 */
const struct ko_sym *ko_find_sym(const struct ko_file *ko, const char *name);
/*
 * A named symbol defined at @shndx:@value, or NULL; @want, if there is a
 * symbol of that name there, else any.
 */
const struct ko_sym *ko_sym_at(const struct ko_file *ko, size_t shndx,
			       uint64_t value, const char *want);

/*
 * Header of section @index: name, type, flags, alignment, and its contents,
 * checked to lie inside the file.
 */
struct ko_shdr {
	const char *name;
	uint32_t type;
	uint64_t flags;
	uint64_t align;
	const unsigned char *data;	/* NULL for NOBITS */
	uint64_t size;
};
int ko_shdr(const struct ko_file *ko, size_t index, struct ko_shdr *sh);

/*
 * Call @fn for each relocation that applies to section @index, with the
 * symbol it names (after ko_symbols()); stops at and returns the first
 * non-zero return of @fn, or -errno (reported) if a relocation section is
 * malformed.
 */
int ko_relocs(const struct ko_file *ko, size_t index,
	      int (*fn)(uint64_t offset, uint32_t type,
			const struct ko_sym *sym, int64_t addend, void *arg),
	      void *arg);

/*
 * Write @size bytes of @value, little endian, at offset @off of section
 * @sec (one of ko's) of the image.
 */
void ko_poke(struct ko_file *ko, const struct ko_section *sec, size_t off,
	     uint64_t value, size_t size);

/*
 * Write the image (as changed) to @path, atomically; -errno (reported).
 * A compressed file is not written.
 */
int ko_write(const struct ko_file *ko, const char *path);

/*
 * An export of a .ko is a symbol KO_KSYMTAB_PREFIX<sym> in __ksymtab or
 * __ksymtab_gpl (in an object before modpost, ___ksymtab+<sym> or
 * ___ksymtab_gpl+<sym>).  ko_export_kind() says which, for such a symbol:
 * 0 and *@gpl, -ENOENT if it is not in one of those sections, or -EINVAL.
 */
#define KO_KSYMTAB_PREFIX	"__ksymtab_"
int ko_export_kind(const struct ko_file *ko, const struct ko_sym *s,
		   bool *gpl);

/* The value of @key in .modinfo ("name" gives "frob"), or NULL. */
const char *ko_modinfo(const struct ko_file *ko, const char *key);
/*
 * The value of @key after @prev (a value ko_modinfo() or this returned),
 * for a key that repeats ("author"); NULL after the last.
 */
const char *ko_modinfo_next(const struct ko_file *ko, const char *key,
			    const char *prev);

/* A checked view of a stub table. */
struct stub_table {
	struct modstub_hdr hdr;		/* converted to host order */
	const char *module;		/* real module */
	const char *stubmod;
};

/*
 * Check the stub table of @ko, as stubcore does (<modstub/abi.h>); prints
 * the problem and returns -errno.
 */
int ko_stub_table(const struct ko_file *ko, struct stub_table *t);
/* Entry @i of a checked table, and its strings. */
void ko_stub_entry(const struct ko_file *ko, const struct stub_table *t,
		   uint32_t i, struct modstub_ent *ent, const char **name,
		   const char **retfunc);

/* A checked view of a real-function table. */
struct real_table {
	struct modstub_real_hdr hdr;
	const char *module;
};

int ko_real_table(const struct ko_file *ko, struct real_table *t);
void ko_real_entry(const struct ko_file *ko, const struct real_table *t,
		   uint32_t i, struct modstub_real_ent *ent, const char **name);

/*
 * The metadata strings, "key=value\0..." after a checked header: calls
 * @fn for each; returns -errno if the section is malformed.
 */
int ko_modmeta(const struct ko_file *ko,
	       void (*fn)(const char *key, size_t keylen, const char *value,
			  void *arg),
	       void *arg);

#endif /* STUBGEN_KOFILE_H */
