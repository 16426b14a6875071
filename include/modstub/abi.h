/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The on-disk ABI of modstub: the stub table of a stub module and the
 * metadata and real-function table of a real module.
 *
 * This header is shared by the user-space tools (modmetac, stubgen) and by
 * the kernel code (stubcore, the stub modules, the modmeta wrappers).  It
 * describes data that lives in ELF sections, so every field has a fixed
 * size and position, and strings are stored as offsets relative to the
 * start of the structure that owns them: a tool can read them from the .ko
 * file without applying a single relocation.  Fields that hold addresses
 * are 64-bit and are only meaningful once the module is loaded.
 *
 * All multi-byte fields are in the byte order of the target (x86-64 only,
 * so little endian).
 */
#ifndef _MODSTUB_ABI_H
#define _MODSTUB_ABI_H

/* the kernel's, or in user space the UAPI one (linux-libc-dev) */
#include <linux/types.h>

/* Version of everything in this file; bumped on any incompatible change. */
#define MODSTUB_ABI_VERSION	1

/*
 * The stub table: section MODSTUB_SECTION of a stub module.
 *
 *	struct modstub_hdr
 *	struct modstub_ent	[nstubs]
 *	string pool		NUL-terminated names, referenced by *_off
 *
 * Offsets (*_off) are relative to the start of the header.  The section is
 * writable: the fields marked "runtime" are zero in the file and belong to
 * stubcore once the module is loaded.
 */
#define MODSTUB_SECTION		".modstubs"
#define MODSTUB_MAGIC		0x4254534d	/* "MSTB" in the file */

/* modstub_hdr.flags */
#define MODSTUB_F_UNLOADABLE	0x0001	/* autoload class unloadable */
#define MODSTUB_F_SEALED	0x8000	/* checked and finalised by stubgen */

struct modstub_hdr {
	__u32 magic;		/* MODSTUB_MAGIC */
	__u16 version;		/* MODSTUB_ABI_VERSION */
	__u16 hdr_size;		/* sizeof(struct modstub_hdr) */
	__u16 ent_size;		/* sizeof(struct modstub_ent) */
	__u16 flags;		/* MODSTUB_F_* */
	__u32 nstubs;		/* number of entries after the header */
	__u32 size;		/* header, entries and string pool, in bytes */
	__u32 module_off;	/* name of the real module */
	__u32 stubmod_off;	/* name of this stub module */
	__u32 reserved;		/* zero */
	__u64 runtime;		/* runtime: stubcore's private pointer */
};

/* modstub_ent.kind (plain numbers: the stub macros use them in asm) */
#define MODSTUB_KIND_STRONG	1	/* stub: load on first call, keep loaded */
#define MODSTUB_KIND_USTUB	2	/* ustub: load on call, hold per call */
#define MODSTUB_KIND_WEAK	3	/* wstub: never load, retfunc until present */

/* The word of the modmeta language for a kind: stub, ustub, wstub. */
static inline const char *modstub_kind_name(unsigned int kind)
{
	switch (kind) {
	case MODSTUB_KIND_STRONG:
		return "stub";
	case MODSTUB_KIND_USTUB:
		return "ustub";
	case MODSTUB_KIND_WEAK:
		return "wstub";
	}
	return "?";
}

/* Largest argnword a ustub may declare. */
#define MODSTUB_MAX_ARGNWORD	16
/* Arguments passed in registers by the x86-64 SysV calling convention. */
#define MODSTUB_REG_ARGS	6

struct modstub_ent {
	__u32 name_off;		/* stubbed function, exported by the stub module */
	__u32 retfunc_off;	/* name of the retfunc */
	__u8 kind;		/* MODSTUB_KIND_* */
	__u8 argnword;		/* ustub: argument words to pass on */
	__u8 patch_off;		/* offset of the patchable jump in the entry */
	__u8 reserved0;		/* zero */
	__u16 flags;		/* zero */
	__u16 reserved1;	/* zero */
	__u64 entry;		/* address of the stub's entry (the export) */
	__u64 slow;		/* address of the stub's slow path */
	__u64 retfunc;		/* address of the retfunc */
	__u64 runtime;		/* runtime: stubcore's per-stub state */
};

/*
 * The real-function table: section MODSTUB_REAL_SECTION of a real module,
 * exported (GPL) under the name MODSTUB_REAL_SYM(module) so that stubcore can
 * find it with symbol_get() once the module is loaded.
 *
 *	struct modstub_real_hdr
 *	struct modstub_real_ent	[nfuncs]
 *	string pool
 */
#define MODSTUB_REAL_SECTION	".modstubs.real"
#define MODSTUB_REAL_MAGIC	0x4c52534d	/* "MSRL" in the file */

struct modstub_real_hdr {
	__u32 magic;		/* MODSTUB_REAL_MAGIC */
	__u16 version;		/* MODSTUB_ABI_VERSION */
	__u16 hdr_size;		/* sizeof(struct modstub_real_hdr) */
	__u16 ent_size;		/* sizeof(struct modstub_real_ent) */
	__u16 flags;		/* zero */
	__u32 nfuncs;		/* number of entries after the header */
	__u32 size;		/* header, entries and string pool, in bytes */
	__u32 module_off;	/* name of this (the real) module */
	__u64 stubtab;		/* address of the stub module's table */
};

struct modstub_real_ent {
	__u32 name_off;		/* function name, as in the stub table */
	__u8 kind;		/* MODSTUB_KIND_*, as declared */
	__u8 argnword;		/* as declared */
	__u16 reserved;		/* zero */
	__u64 func;		/* address of the real function */
};

/*
 * The module metadata: section MODMETA_SECTION of a real module, a header
 * followed by "key=value" strings, each NUL-terminated, like .modinfo.
 * Keys: name, desc, type, version, license, author (may repeat), states,
 * loadtimes, unloadable, depends, stubmodule, class, header.
 */
#define MODMETA_SECTION		".modmeta"
#define MODMETA_MAGIC		0x544d444d	/* "MDMT" in the file */

struct modmeta_hdr {
	__u32 magic;		/* MODMETA_MAGIC */
	__u16 version;		/* MODSTUB_ABI_VERSION */
	__u16 hdr_size;		/* sizeof(struct modmeta_hdr) */
	__u32 size;		/* header and strings, in bytes */
	__u32 reserved;		/* zero */
};

/* Names of the symbols that tie a real module to its stub module. */
#define MODSTUB_TAB_PREFIX	"__stubtab_"
#define MODSTUB_REAL_PREFIX	"__stubreal_"

#endif /* _MODSTUB_ABI_H */
