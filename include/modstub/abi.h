/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The on-disk ABI of modstub: the stub table of a stub module and the
 * metadata and real-function table of a real module.
 *
 * This header is shared by the user-space tools (modmetac, stubgen), by
 * the kernel code (stubcore, the stub modules, the modmeta wrappers) and by
 * the assembler (the table macros of <modstub/modstub.h>, stubcore's
 * slowpath.S).  It describes data that lives in ELF sections, so every
 * field has a fixed size and position, and strings are stored as offsets
 * relative to the start of the structure that owns them: a tool can read
 * them from the .ko file without applying a single relocation.  Fields that
 * hold addresses are 64-bit and are only meaningful once the module is
 * loaded.
 *
 * The layout is given once, as the C structures below; the MODSTUB_*_OFF_*
 * constants are the offsets the assembler needs, and each is checked
 * against its structure at compile time, here, by every user of the
 * header.  The table macros check, in the assembler, that each field they
 * write lands at its offset.
 *
 * All multi-byte fields are in the byte order of the target (x86-64 only,
 * so little endian).
 */
#ifndef _MODSTUB_ABI_H
#define _MODSTUB_ABI_H

/*
 * Version of everything in this file, including the scheme of the type
 * fingerprints; bumped on any incompatible change.
 */
#define MODSTUB_ABI_VERSION	3

/*
 * The stub table: section MODSTUB_SECTION of a stub module.
 *
 *	struct modstub_hdr
 *	struct modstub_ent	[nstubs]
 *	string pool		NUL-terminated names, referenced by *_off
 *
 * Offsets (*_off) are relative to the start of the header.  The section is
 * writable: the fields marked "runtime" are zero in the file and belong to
 * stubcore once the module is loaded.  The fields marked "seal" are
 * written by "stubgen seal" from the module's debug information.
 *
 * The calls of ustubs and wstubs are counted so that the real module's
 * exit can wait for those in flight.  Each such stub has, in the stub
 * module, a per-call path (at fast_off from its entry) that reads the
 * header's calls_live, the word of the stub module's calls: while it is
 * set, the path counts the call in on this CPU's enters (calls_pcpu,
 * allocated by stubcore), reads calls_live again, calls the real function
 * through a jump at call_off from the entry (shaped as the entry's own,
 * and aimed by stubcore), counts the call out on the exits of the CPU it
 * ends on, and calls modstub_uexit_slow() if calls_live is clear by then.
 * When calls_live is clear, or the stub has more than MODSTUB_REG_ARGS
 * argument words, its calls take its slow path instead.  The protocol, and
 * why it needs no lock, is described in kernel/stubcore/core.c.
 */
#define MODSTUB_SECTION		".modstubs"
#define MODSTUB_MAGIC		0x4254534d	/* "MSTB" in the file */

/* modstub_hdr.flags and modstub_real_hdr.flags */
#define MODSTUB_F_UNLOADABLE	0x0001	/* autoload class unloadable */
#define MODSTUB_F_SEALED	0x8000	/* checked and finalised by stubgen */
#define MODSTUB_F_KNOWN		(MODSTUB_F_UNLOADABLE | MODSTUB_F_SEALED)

/* modstub_ent.kind (plain numbers: the stub macros use them in asm) */
#define MODSTUB_KIND_STRONG	1	/* stub: load on first call, keep loaded */
#define MODSTUB_KIND_USTUB	2	/* ustub: load on call, hold per call */
#define MODSTUB_KIND_WEAK	3	/* wstub: never load, retfunc until present */

/*
 * argnword: the words of a call's arguments that the slow path of a ustub
 * or wstub passes on: the argument registers the prototype uses (0 to 6)
 * if it passes nothing on the stack, else 6 plus the 8-byte stack slots
 * its arguments take, by the x86-64 SysV classification.  "stubgen seal"
 * derives it from the prototype; MODSTUB_ARGNWORD_AUTO in an unsealed
 * table means that none was given.  A stub's calls reach the real function
 * by a jump, with any arguments: its argnword is only informative.
 */
#define MODSTUB_MAX_ARGNWORD	16
#define MODSTUB_REG_ARGS	6	/* SysV integer argument registers */
#define MODSTUB_ARGNWORD_AUTO	255

/* Offsets of the fields of struct modstub_hdr */
#define MODSTUB_HDR_OFF_MAGIC		0
#define MODSTUB_HDR_OFF_VERSION		4
#define MODSTUB_HDR_OFF_HDR_SIZE	6
#define MODSTUB_HDR_OFF_ENT_SIZE	8
#define MODSTUB_HDR_OFF_FLAGS		10
#define MODSTUB_HDR_OFF_NSTUBS		12
#define MODSTUB_HDR_OFF_SIZE		16
#define MODSTUB_HDR_OFF_MODULE_OFF	20
#define MODSTUB_HDR_OFF_STUBMOD_OFF	24
#define MODSTUB_HDR_OFF_CALLS_LIVE	28
#define MODSTUB_HDR_OFF_RESERVED0	29
#define MODSTUB_HDR_OFF_RESERVED1	30
#define MODSTUB_HDR_OFF_RUNTIME		32
#define MODSTUB_HDR_OFF_CALLS_PCPU	40
#define MODSTUB_HDR_SIZE		48

/* Offsets of the fields of struct modstub_calls_pcpu */
#define MODSTUB_CALLS_OFF_ENTERS	0
#define MODSTUB_CALLS_OFF_EXITS		8

/* Offsets of the fields of struct modstub_ent */
#define MODSTUB_ENT_OFF_NAME_OFF	0
#define MODSTUB_ENT_OFF_RETFUNC_OFF	4
#define MODSTUB_ENT_OFF_KIND		8
#define MODSTUB_ENT_OFF_ARGNWORD	9
#define MODSTUB_ENT_OFF_PATCH_OFF	10
#define MODSTUB_ENT_OFF_FAST_OFF	11
#define MODSTUB_ENT_OFF_FLAGS		12
#define MODSTUB_ENT_OFF_CALL_OFF	14
#define MODSTUB_ENT_OFF_FINGERPRINT	16
#define MODSTUB_ENT_OFF_ENTRY		24
#define MODSTUB_ENT_OFF_SLOW		32
#define MODSTUB_ENT_OFF_RETFUNC		40
#define MODSTUB_ENT_OFF_RUNTIME		48
#define MODSTUB_ENT_SIZE		56

/*
 * The real-function table: section MODSTUB_REAL_SECTION of a real module,
 * exported (GPL) under the name MODSTUB_REAL_PREFIX<module>, which stubcore
 * finds in the module's symbol table once it is loaded.
 *
 *	struct modstub_real_hdr
 *	struct modstub_real_ent	[nfuncs]
 *	string pool
 */
#define MODSTUB_REAL_SECTION	".modstubs.real"
#define MODSTUB_REAL_MAGIC	0x4c52534d	/* "MSRL" in the file */

#define MODSTUB_REAL_HDR_OFF_MAGIC	0
#define MODSTUB_REAL_HDR_OFF_VERSION	4
#define MODSTUB_REAL_HDR_OFF_HDR_SIZE	6
#define MODSTUB_REAL_HDR_OFF_ENT_SIZE	8
#define MODSTUB_REAL_HDR_OFF_FLAGS	10
#define MODSTUB_REAL_HDR_OFF_NFUNCS	12
#define MODSTUB_REAL_HDR_OFF_SIZE	16
#define MODSTUB_REAL_HDR_OFF_MODULE_OFF	20
#define MODSTUB_REAL_HDR_OFF_STUBTAB	24
#define MODSTUB_REAL_HDR_SIZE		32

#define MODSTUB_REAL_ENT_OFF_NAME_OFF	0
#define MODSTUB_REAL_ENT_OFF_KIND	4
#define MODSTUB_REAL_ENT_OFF_ARGNWORD	5
#define MODSTUB_REAL_ENT_OFF_FLAGS	6
#define MODSTUB_REAL_ENT_OFF_FINGERPRINT 8
#define MODSTUB_REAL_ENT_OFF_FUNC	16
#define MODSTUB_REAL_ENT_SIZE		24

/*
 * The module metadata: section MODMETA_SECTION of a real module, a header
 * followed by "key=value" strings, each NUL-terminated, like .modinfo.
 * Keys: name, desc, type, version, license, author (may repeat), states,
 * loadtimes, unloadable, depends, stubmodule, realmodule, class, stubs.
 */
#define MODMETA_SECTION		".modmeta"
#define MODMETA_MAGIC		0x544d444d	/* "MDMT" in the file */

/* Names of the symbols that tie a real module to its stub module. */
#define MODSTUB_TAB_PREFIX	"__stubtab_"
#define MODSTUB_REAL_PREFIX	"__stubreal_"
/*
 * The function the real module's wrapper defines (MODSTUB_REAL_END()) for
 * stubcore to put in the module's exit pointer: it waits for the calls in
 * flight through the stubs before the module's own exit runs.  stubcore
 * refuses a real module that lacks it.
 */
#define MODSTUB_REAL_EXIT_PREFIX "__modstub_real_exit_"
/* The autoclean settings of a real module (MODSTUB_AUTOCLEAN()), if any */
#define MODSTUB_AUTOCLEAN_PREFIX "__modstub_autoclean_"

#ifndef __ASSEMBLY__

/* the kernel's, or in user space the UAPI one (linux-libc-dev) */
#include <linux/types.h>
#ifdef __KERNEL__
#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/stddef.h>
#else
#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#endif

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
	__u8 calls_live;	/* runtime: the calls are live (see above) */
	__u8 reserved0;		/* zero */
	__u16 reserved1;	/* zero */
	__u64 runtime;		/* runtime: stubcore's private pointer */
	__u64 calls_pcpu;	/* runtime: struct modstub_calls_pcpu __percpu * */
};

/* Per CPU, the calls through a stub module that began and ended on it */
struct modstub_calls_pcpu {
	__u64 enters;
	__u64 exits;
};

struct modstub_ent {
	__u32 name_off;		/* stubbed function, exported by the stub module */
	__u32 retfunc_off;	/* name of the retfunc */
	__u8 kind;		/* MODSTUB_KIND_* */
	__u8 argnword;		/* seal: argument words (see above) */
	__u8 patch_off;		/* offset of the patchable jump in the entry */
	__u8 fast_off;		/* ustub, wstub: offset of the per-call path */
	__u16 flags;		/* zero */
	__u16 call_off;		/* ustub, wstub: offset of the call's jump */
	__u64 fingerprint;	/* seal: of the function's type, never 0 */
	__u64 entry;		/* address of the stub's entry (the export) */
	__u64 slow;		/* address of the stub's slow path */
	__u64 retfunc;		/* address of the retfunc */
	__u64 runtime;		/* runtime: stubcore's per-stub state */
};

struct modstub_real_hdr {
	__u32 magic;		/* MODSTUB_REAL_MAGIC */
	__u16 version;		/* MODSTUB_ABI_VERSION */
	__u16 hdr_size;		/* sizeof(struct modstub_real_hdr) */
	__u16 ent_size;		/* sizeof(struct modstub_real_ent) */
	__u16 flags;		/* MODSTUB_F_SEALED */
	__u32 nfuncs;		/* number of entries after the header */
	__u32 size;		/* header, entries and string pool, in bytes */
	__u32 module_off;	/* name of this (the real) module */
	__u64 stubtab;		/* address of the stub module's table */
};

struct modstub_real_ent {
	__u32 name_off;		/* function name, as in the stub table */
	__u8 kind;		/* MODSTUB_KIND_*, as declared */
	__u8 argnword;		/* seal: as in struct modstub_ent */
	__u16 flags;		/* zero */
	__u64 fingerprint;	/* seal: as in struct modstub_ent */
	__u64 func;		/* address of the real function */
};

struct modmeta_hdr {
	__u32 magic;		/* MODMETA_MAGIC */
	__u16 version;		/* MODSTUB_ABI_VERSION */
	__u16 hdr_size;		/* sizeof(struct modmeta_hdr) */
	__u32 size;		/* header and strings, in bytes */
	__u32 reserved;		/* zero */
};

#define __MODSTUB_LAYOUT(type, field, off)					\
	static_assert(offsetof(struct type, field) == (off),		\
		      "modstub ABI: " #type "." #field " moved")

__MODSTUB_LAYOUT(modstub_hdr, magic, MODSTUB_HDR_OFF_MAGIC);
__MODSTUB_LAYOUT(modstub_hdr, version, MODSTUB_HDR_OFF_VERSION);
__MODSTUB_LAYOUT(modstub_hdr, hdr_size, MODSTUB_HDR_OFF_HDR_SIZE);
__MODSTUB_LAYOUT(modstub_hdr, ent_size, MODSTUB_HDR_OFF_ENT_SIZE);
__MODSTUB_LAYOUT(modstub_hdr, flags, MODSTUB_HDR_OFF_FLAGS);
__MODSTUB_LAYOUT(modstub_hdr, nstubs, MODSTUB_HDR_OFF_NSTUBS);
__MODSTUB_LAYOUT(modstub_hdr, size, MODSTUB_HDR_OFF_SIZE);
__MODSTUB_LAYOUT(modstub_hdr, module_off, MODSTUB_HDR_OFF_MODULE_OFF);
__MODSTUB_LAYOUT(modstub_hdr, stubmod_off, MODSTUB_HDR_OFF_STUBMOD_OFF);
__MODSTUB_LAYOUT(modstub_hdr, calls_live, MODSTUB_HDR_OFF_CALLS_LIVE);
__MODSTUB_LAYOUT(modstub_hdr, reserved0, MODSTUB_HDR_OFF_RESERVED0);
__MODSTUB_LAYOUT(modstub_hdr, reserved1, MODSTUB_HDR_OFF_RESERVED1);
__MODSTUB_LAYOUT(modstub_hdr, runtime, MODSTUB_HDR_OFF_RUNTIME);
__MODSTUB_LAYOUT(modstub_hdr, calls_pcpu, MODSTUB_HDR_OFF_CALLS_PCPU);
static_assert(sizeof(struct modstub_hdr) == MODSTUB_HDR_SIZE, "modstub ABI");

__MODSTUB_LAYOUT(modstub_ent, name_off, MODSTUB_ENT_OFF_NAME_OFF);
__MODSTUB_LAYOUT(modstub_ent, retfunc_off, MODSTUB_ENT_OFF_RETFUNC_OFF);
__MODSTUB_LAYOUT(modstub_ent, kind, MODSTUB_ENT_OFF_KIND);
__MODSTUB_LAYOUT(modstub_ent, argnword, MODSTUB_ENT_OFF_ARGNWORD);
__MODSTUB_LAYOUT(modstub_ent, patch_off, MODSTUB_ENT_OFF_PATCH_OFF);
__MODSTUB_LAYOUT(modstub_ent, fast_off, MODSTUB_ENT_OFF_FAST_OFF);
__MODSTUB_LAYOUT(modstub_ent, flags, MODSTUB_ENT_OFF_FLAGS);
__MODSTUB_LAYOUT(modstub_ent, call_off, MODSTUB_ENT_OFF_CALL_OFF);
__MODSTUB_LAYOUT(modstub_ent, fingerprint, MODSTUB_ENT_OFF_FINGERPRINT);
__MODSTUB_LAYOUT(modstub_ent, entry, MODSTUB_ENT_OFF_ENTRY);
__MODSTUB_LAYOUT(modstub_ent, slow, MODSTUB_ENT_OFF_SLOW);
__MODSTUB_LAYOUT(modstub_ent, retfunc, MODSTUB_ENT_OFF_RETFUNC);
__MODSTUB_LAYOUT(modstub_ent, runtime, MODSTUB_ENT_OFF_RUNTIME);
static_assert(sizeof(struct modstub_ent) == MODSTUB_ENT_SIZE, "modstub ABI");
__MODSTUB_LAYOUT(modstub_calls_pcpu, enters, MODSTUB_CALLS_OFF_ENTERS);
__MODSTUB_LAYOUT(modstub_calls_pcpu, exits, MODSTUB_CALLS_OFF_EXITS);

__MODSTUB_LAYOUT(modstub_real_hdr, magic, MODSTUB_REAL_HDR_OFF_MAGIC);
__MODSTUB_LAYOUT(modstub_real_hdr, version, MODSTUB_REAL_HDR_OFF_VERSION);
__MODSTUB_LAYOUT(modstub_real_hdr, hdr_size, MODSTUB_REAL_HDR_OFF_HDR_SIZE);
__MODSTUB_LAYOUT(modstub_real_hdr, ent_size, MODSTUB_REAL_HDR_OFF_ENT_SIZE);
__MODSTUB_LAYOUT(modstub_real_hdr, flags, MODSTUB_REAL_HDR_OFF_FLAGS);
__MODSTUB_LAYOUT(modstub_real_hdr, nfuncs, MODSTUB_REAL_HDR_OFF_NFUNCS);
__MODSTUB_LAYOUT(modstub_real_hdr, size, MODSTUB_REAL_HDR_OFF_SIZE);
__MODSTUB_LAYOUT(modstub_real_hdr, module_off, MODSTUB_REAL_HDR_OFF_MODULE_OFF);
__MODSTUB_LAYOUT(modstub_real_hdr, stubtab, MODSTUB_REAL_HDR_OFF_STUBTAB);
static_assert(sizeof(struct modstub_real_hdr) == MODSTUB_REAL_HDR_SIZE,
	      "modstub ABI");

__MODSTUB_LAYOUT(modstub_real_ent, name_off, MODSTUB_REAL_ENT_OFF_NAME_OFF);
__MODSTUB_LAYOUT(modstub_real_ent, kind, MODSTUB_REAL_ENT_OFF_KIND);
__MODSTUB_LAYOUT(modstub_real_ent, argnword, MODSTUB_REAL_ENT_OFF_ARGNWORD);
__MODSTUB_LAYOUT(modstub_real_ent, flags, MODSTUB_REAL_ENT_OFF_FLAGS);
__MODSTUB_LAYOUT(modstub_real_ent, fingerprint, MODSTUB_REAL_ENT_OFF_FINGERPRINT);
__MODSTUB_LAYOUT(modstub_real_ent, func, MODSTUB_REAL_ENT_OFF_FUNC);
static_assert(sizeof(struct modstub_real_ent) == MODSTUB_REAL_ENT_SIZE,
	      "modstub ABI");

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

/*
 * Checks of the tables, shared by stubcore (on the loaded module) and
 * stubgen (on the file), so that both accept exactly the same tables.
 * They see the fields in host order and the table's bytes (for the
 * strings); what is true of addresses is checked by each side itself.
 * Each returns 0, or -1 after writing what is wrong into @why (@len
 * bytes).
 */

/*
 * Can a stub of @kind have @argnword?  A ustub or wstub passes at most
 * MODSTUB_MAX_ARGNWORD words; a stub's calls are a jump, whatever their
 * arguments, so its argnword only says what they are.
 */
static inline int modstub_argnword_ok(unsigned int kind,
				      unsigned int argnword, int sealed)
{
	if (argnword == MODSTUB_ARGNWORD_AUTO)
		return !sealed;
	return kind == MODSTUB_KIND_STRONG || argnword <= MODSTUB_MAX_ARGNWORD;
}

/* Is @off the start of a string of the table @tab of @size bytes? */
static inline int modstub_str_ok(const void *tab, __u32 hdr_size, __u32 size,
				 __u32 off)
{
	const char *s = (const char *)tab;

	if (off < hdr_size || off >= size)
		return 0;
	for (; off < size; off++)
		if (!s[off])
			return 1;
	return 0;
}

/*
 * What the headers of both tables have: magic, version, the sizes of
 * header and entries, the size of the table within the @avail bytes that
 * are readable, and @count entries of @what that fit in it.
 */
static inline int __modstub_check_sizes(__u32 magic, __u32 want_magic,
					__u16 version, __u16 hdr_size,
					size_t want_hdr, __u16 ent_size,
					size_t want_ent, __u32 size,
					__u64 avail, __u32 count,
					const char *what, char *why,
					size_t len)
{
	if (magic != want_magic)
		snprintf(why, len, "bad magic %#x", magic);
	else if (version != MODSTUB_ABI_VERSION)
		snprintf(why, len, "ABI version %u, expected %u", version,
			 MODSTUB_ABI_VERSION);
	else if (hdr_size != want_hdr || ent_size != want_ent)
		snprintf(why, len,
			 "header of %u bytes and entries of %u, expected %u and %u",
			 hdr_size, ent_size, (unsigned int)want_hdr,
			 (unsigned int)want_ent);
	else if (size < hdr_size || size > avail)
		snprintf(why, len, "table of %u bytes in %llu", size,
			 (unsigned long long)avail);
	else if (count > (size - hdr_size) / ent_size)
		snprintf(why, len, "%u %s do not fit in a table of %u bytes",
			 count, what, size);
	else
		return 0;
	return -1;
}

/* Header @h of a stub table @tab, of which @avail bytes are readable. */
static inline int modstub_check_hdr(const void *tab,
				    const struct modstub_hdr *h, __u64 avail,
				    char *why, size_t len)
{
	if (__modstub_check_sizes(h->magic, MODSTUB_MAGIC, h->version,
				  h->hdr_size, sizeof(*h), h->ent_size,
				  sizeof(struct modstub_ent), h->size, avail,
				  h->nstubs, "stubs", why, len))
		return -1;
	if (h->flags & ~MODSTUB_F_KNOWN)
		snprintf(why, len, "unknown flags %#x", h->flags);
	else if (h->reserved0 || h->reserved1)
		snprintf(why, len, "reserved header fields not zero");
	else if (!modstub_str_ok(tab, h->hdr_size, h->size, h->module_off) ||
		 !modstub_str_ok(tab, h->hdr_size, h->size, h->stubmod_off))
		snprintf(why, len, "bad module name offsets");
	else
		return 0;
	return -1;
}

/* What the entries of both tables have: kind, argnword, fingerprint. */
static inline int __modstub_check_fn(unsigned int kind, unsigned int argnword,
				     __u64 fingerprint, int sealed,
				     char *why, size_t len)
{
	if (kind < MODSTUB_KIND_STRONG || kind > MODSTUB_KIND_WEAK)
		snprintf(why, len, "unknown kind %u", kind);
	else if (!modstub_argnword_ok(kind, argnword, sealed))
		snprintf(why, len, "argnword %u out of range", argnword);
	else if (sealed && !fingerprint)
		snprintf(why, len, "sealed without a type fingerprint");
	else
		return 0;
	return -1;
}

/* Entry @e of the stub table @tab with header @h (checked). */
static inline int modstub_check_ent(const void *tab,
				    const struct modstub_hdr *h,
				    const struct modstub_ent *e,
				    char *why, size_t len)
{
	int sealed = h->flags & MODSTUB_F_SEALED;

	if (!modstub_str_ok(tab, h->hdr_size, h->size, e->name_off) ||
	    !modstub_str_ok(tab, h->hdr_size, h->size, e->retfunc_off))
		snprintf(why, len, "bad name offsets");
	else if (__modstub_check_fn(e->kind, e->argnword, e->fingerprint,
				    sealed, why, len))
		return -1;
	else if (e->flags)
		snprintf(why, len, "reserved fields not zero");
	else if ((e->kind == MODSTUB_KIND_STRONG) != !e->fast_off ||
		 (e->kind == MODSTUB_KIND_STRONG) != !e->call_off)
		snprintf(why, len, "%s with%s a per-call path",
			 modstub_kind_name(e->kind),
			 e->kind == MODSTUB_KIND_STRONG ? "" : "out");
	else
		return 0;
	return -1;
}

/* Header @h of a real-function table @tab, @avail bytes readable. */
static inline int modstub_check_real_hdr(const void *tab,
					 const struct modstub_real_hdr *h,
					 __u64 avail, char *why, size_t len)
{
	if (__modstub_check_sizes(h->magic, MODSTUB_REAL_MAGIC, h->version,
				  h->hdr_size, sizeof(*h), h->ent_size,
				  sizeof(struct modstub_real_ent), h->size,
				  avail, h->nfuncs, "functions", why, len))
		return -1;
	if (h->flags & ~MODSTUB_F_SEALED)
		snprintf(why, len, "unknown flags %#x", h->flags);
	else if (!modstub_str_ok(tab, h->hdr_size, h->size, h->module_off))
		snprintf(why, len, "bad module name offset");
	else
		return 0;
	return -1;
}

/* Entry @e of the real-function table @tab with header @h (checked). */
static inline int modstub_check_real_ent(const void *tab,
					 const struct modstub_real_hdr *h,
					 const struct modstub_real_ent *e,
					 char *why, size_t len)
{
	int sealed = h->flags & MODSTUB_F_SEALED;

	if (!modstub_str_ok(tab, h->hdr_size, h->size, e->name_off))
		snprintf(why, len, "bad name offset");
	else if (__modstub_check_fn(e->kind, e->argnword, e->fingerprint,
				    sealed, why, len))
		return -1;
	else if (e->flags)
		snprintf(why, len, "reserved field not zero");
	else
		return 0;
	return -1;
}

#endif /* !__ASSEMBLY__ */

#endif /* _MODSTUB_ABI_H */
