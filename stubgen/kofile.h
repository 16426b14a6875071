/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading the modstub sections of a .ko file.
 */
#ifndef STUBGEN_KOFILE_H
#define STUBGEN_KOFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <modstub/abi.h>

/* A section's contents, checked to lie inside the file. */
struct ko_section {
	const char *name;
	const unsigned char *data;
	size_t size;
	bool present;
};

struct ko_file {
	const char *path;
	int fd;
	void *elf;			/* Elf *, opaque here */
	const unsigned char *image;	/* the whole file */
	size_t image_size;
	struct ko_section modstubs;	/* MODSTUB_SECTION */
	struct ko_section real;		/* MODSTUB_REAL_SECTION */
	struct ko_section modmeta;	/* MODMETA_SECTION */
	struct ko_section modinfo;	/* .modinfo */
};

/*
 * Open @path and find its sections.  On failure, prints
 * "PATH: error: WHAT" to stderr and returns a negative errno.
 */
int ko_open(struct ko_file *ko, const char *path);
void ko_close(struct ko_file *ko);

/* A checked view of a stub table. */
struct stub_table {
	struct modstub_hdr hdr;		/* converted to host order */
	const char *module;		/* real module */
	const char *stubmod;
};

/* Check the stub table of @ko; prints the problem and returns -errno. */
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
