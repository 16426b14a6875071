// SPDX-License-Identifier: GPL-2.0
/*
 * stubgen symvers: the Module.symvers lines of a built module's exports.
 *
 * A stub module links against stubcore's exports; modpost needs their CRCs
 * (CONFIG_MODVERSIONS) from a Module.symvers, which an installed stubcore
 * (from DKMS, say) does not come with.  The .ko has everything: one
 * __ksymtab_<sym> symbol per export, in __ksymtab or __ksymtab_gpl, and,
 * with modversions, a __crc_<sym> symbol whose 32-bit value sits in
 * __kcrctab or __kcrctab_gpl.
 */
#include <endian.h>
#include <errno.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kofile.h"
#include "stubgen.h"

static int crc_of(const struct ko_file *ko, const char *sym, uint32_t *crc)
{
	char name[STUBGEN_NAME_MAX + 8];
	const struct ko_sym *s;
	struct ko_shdr sh;
	uint32_t v;

	snprintf(name, sizeof(name), "__crc_%s", sym);
	s = ko_find_sym(ko, name);
	if (!s)
		return -ENOENT;
	if (s->shndx == KO_SHN(SHN_ABS)) {	/* older kernels: the value itself */
		*crc = (uint32_t)s->value;
		return 0;
	}
	if (!ko_sym_in_section(s) || ko_shdr(ko, s->shndx, &sh) || !sh.data ||
	    s->value > sh.size || sh.size - s->value < sizeof(v))
		return ko_err(ko->path, -EINVAL, "%s: value outside its section",
			      name);
	memcpy(&v, sh.data + s->value, sizeof(v));
	*crc = le32toh(v);
	return 0;
}

int cmd_symvers(struct ko_file *ko, const char *modname, FILE *out)
{
	size_t i, n = 0;
	int err;

	err = ko_symbols(ko);
	if (err)
		return err;
	if (!modname)
		modname = ko_modinfo(ko, "name");
	if (!modname)
		return ko_err(ko->path, -EINVAL,
			      "no module name in .modinfo (not a linked .ko?): give one with --module");

	/* by_name is sorted: the output is too */
	for (i = 0; i < ko->nsyms; i++) {
		const struct ko_sym *s = ko->by_name[i];
		const char *sym;
		uint32_t crc = 0;
		bool gpl = false;

		if (strncmp(s->name, KO_KSYMTAB_PREFIX, strlen(KO_KSYMTAB_PREFIX)))
			continue;
		sym = s->name + strlen(KO_KSYMTAB_PREFIX);
		if (!*sym || strlen(sym) >= STUBGEN_NAME_MAX)
			continue;
		err = ko_export_kind(ko, s, &gpl);
		if (err == -ENOENT)
			continue;	/* not an export entry */
		if (err)
			return err;
		err = crc_of(ko, sym, &crc);
		if (err && err != -ENOENT)
			return err;
		fprintf(out, "0x%08x\t%s\t%s\tEXPORT_SYMBOL%s\t\n", crc, sym,
			modname, gpl ? "_GPL" : "");
		n++;
	}
	if (!n)
		return ko_err(ko->path, -ENOENT, "exports nothing");
	return 0;
}
