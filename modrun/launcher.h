/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modrun, the launcher of module programs: what its files share.
 */
#ifndef MODRUN_LAUNCHER_H
#define MODRUN_LAUNCHER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The section of a packed program's executable that holds its module */
#define MODRUN_IMAGE_SECTION	".modrun.image"

/* Bytes of a file or of a section of one */
struct image {
	const unsigned char *data;
	size_t size;
};

int elf_section(const struct image *f, const char *name, struct image *out);
int module_name(const struct image *ko, char *name, size_t len);

#endif /* MODRUN_LAUNCHER_H */
