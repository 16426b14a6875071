// SPDX-License-Identifier: GPL-2.0
/*
 * The module a launcher runs: read from a .ko file, or from the section
 * MODRUN_IMAGE_SECTION of the launcher's own executable (a packed
 * program); and its name, from its .modinfo.  Only what is needed of ELF64
 * is read here, every offset checked against the file's size.
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "launcher.h"
#include "msg.h"

/*
 * The section header @i of @f into @sh: 0, or -EINVAL if it lies outside.
 * Copied, as the ELF header is: the image of a packed program lies at any
 * offset of its section, aligned or not.
 */
static int shdr(const struct image *f, const Elf64_Ehdr *eh, unsigned int i,
		Elf64_Shdr *sh)
{
	uint64_t off = eh->e_shoff + (uint64_t)i * sizeof(*sh);

	if (i >= eh->e_shnum || off < eh->e_shoff ||
	    off > f->size || f->size - off < sizeof(*sh))
		return -EINVAL;
	memcpy(sh, f->data + off, sizeof(*sh));
	return 0;
}

static bool inside(const struct image *f, uint64_t off, uint64_t size)
{
	return off <= f->size && size <= f->size - off;
}

/*
 * The section named @name of the ELF64 object @f: its bytes in @out
 * (pointing into @f).  Returns 0, -ENOENT if it has none, -EINVAL if
 * @f is no well-formed ELF64 file.
 */
int elf_section(const struct image *f, const char *name, struct image *out)
{
	Elf64_Ehdr eh;
	Elf64_Shdr strs, sh;
	unsigned int i;

	if (f->size < sizeof(eh))
		return -EINVAL;
	memcpy(&eh, f->data, sizeof(eh));
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_shentsize != sizeof(Elf64_Shdr))
		return -EINVAL;
	if (shdr(f, &eh, eh.e_shstrndx, &strs) ||
	    !inside(f, strs.sh_offset, strs.sh_size))
		return -EINVAL;
	for (i = 0; i < eh.e_shnum; i++) {
		const char *n;

		if (shdr(f, &eh, i, &sh))
			return -EINVAL;
		if (sh.sh_name >= strs.sh_size)
			continue;
		n = (const char *)f->data + strs.sh_offset + sh.sh_name;
		if (strnlen(n, strs.sh_size - sh.sh_name) ==
		    strs.sh_size - sh.sh_name || strcmp(n, name) != 0)
			continue;
		if (sh.sh_type == SHT_NOBITS ||
		    !inside(f, sh.sh_offset, sh.sh_size))
			return -EINVAL;
		out->data = f->data + sh.sh_offset;
		out->size = sh.sh_size;
		return 0;
	}
	return -ENOENT;
}

/* The module's name, from "name=" in its .modinfo, into @name */
int module_name(const struct image *ko, char *name, size_t len)
{
	struct image mi;
	size_t i = 0;
	int err = elf_section(ko, ".modinfo", &mi);

	if (err)
		return err;
	while (i < mi.size) {
		const char *s = (const char *)mi.data + i;
		size_t n = strnlen(s, mi.size - i);

		if (n > 5 && n < 5 + len && strncmp(s, "name=", 5) == 0) {
			memcpy(name, s + 5, n - 5);
			name[n - 5] = '\0';
			return 0;
		}
		i += n + 1;
	}
	return -ENOENT;
}
