/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modstate: the state of modmeta modules, kept in the files the system
 * already reads (modules-load.d, modprobe.d, initramfs-tools hooks).
 */
#ifndef MODSTATE_H
#define MODSTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include <modstub/vocab.h>

#include "modname.h"
#include "msg.h"
#include "util.h"

struct kmod_ctx;

/* The states of modmeta(5), then those modstate finds in the files */
#define X(id, name) ST_##id,
enum state {
	MODMETA_STATES(X)
	ST_NSTATES,
	ST_UNSET = ST_NSTATES,	/* no file of modstate names the module */
	ST_UNKNOWN,		/* its files are not what modstate writes */
};
#undef X

#define X(id, name) LT_##id,
enum loadtime {
	MODMETA_LOADTIMES(X)
	LT_NLOADTIMES,
};
#undef X

const char *state_name(enum state st);
const char *loadtime_name(enum loadtime lt);
/* The state named @s, or -1 */
int state_parse(const char *s);

/*
 * Where a module's user-space build NAME-user (udrv(7)) is installed, for
 * state user, looked for in this order: the package's, make install's
 */
#define UDRV_PROGRAM_DIR	"/usr/lib/modstub/udrv"
#define UDRV_PROGRAM_DIR_LOCAL	"/usr/local/lib/modstub/udrv"

/* The modmeta fields of a module, as its .modinfo gives them */
struct modmeta {
	char name[MODSTUB_MODNAME_MAX + 1];	/* normalized: '-' read as '_' */
	char *states_str;		/* modmeta_states as written */
	char *loadtimes_str;		/* modmeta_loadtimes, or NULL */
	unsigned int states;		/* 1 << enum state, known words only */
	unsigned int loadtimes;		/* 1 << enum loadtime */
	char stubmod[MODSTUB_MODNAME_MAX + 1];	/* modmeta_stubmodule, or "" */
	char realmod[MODSTUB_MODNAME_MAX + 1];	/* modmeta_realmodule, or "" */
	char *autoclean_str;		/* modmeta_autoclean (ms), or NULL */
	char *autoclean_veto;		/* modmeta_autoclean_veto, or NULL */
	char *pci_ids;			/* "VVVV:DDDD\n" per ID of its PCI
					 * device table, or NULL */
	char *udrv_program;		/* its user-space build (state user),
					 * without ROOT, or NULL if none */
};

/*
 * Look @name (normalized) up in the module directory of @ctx and read its
 * modmeta fields.  Returns 0, or -1 after printing an error that names
 * the module; @moddir is only for that message.
 */
int meta_lookup(struct kmod_ctx *ctx, const char *moddir, const char *name,
		struct modmeta *mm);
void meta_free(struct modmeta *mm);

/*
 * Where the user-space build of @mm (udrv(7)) is installed under @root:
 * into @mm->udrv_program, NULL if it is nowhere.  Returns -1 if out of
 * memory (reported).
 */
int meta_find_user(struct modmeta *mm, const char *root);

/*
 * Append at most @max bytes of @s (then "...") to @b, control characters
 * as '?': what a .modinfo or a command line holds goes to a terminal.
 * Returns @b's text.
 */
const char *buf_clean(struct buf *b, const char *s, size_t max);

/*
 * "modstate: LEVEL: NAME: MESSAGE" (without "NAME: " if @name is NULL),
 * in the format of every tool (lib/msg.h).
 */
void report(enum msg_level level, const char *name, const char *fmt, ...)
	PRINTF(3, 4);
#define errmsg(name, ...)	report(MSG_ERROR, name, __VA_ARGS__)

/* The files modstate owns for a module */
enum mfile {
	MF_LOAD,	/* ROOT/etc/modules-load.d/modstub-NAME.conf */
	MF_PROBE,	/* ROOT/etc/modprobe.d/modstub-NAME.conf */
	MF_HOOK,	/* ROOT/etc/initramfs-tools/hooks/modstub-NAME */
	MF_UDRV,	/* ROOT/etc/modstub/udrv.d/modstub-NAME.conf */
	MF_COUNT,
};

/* What the files of a module are, or are to be */
struct fileset {
	char *path[MF_COUNT];
	char *text[MF_COUNT];		/* NULL: no such file */
	mode_t mode[MF_COUNT];
};

/*
 * The paths of the files of module @name under @root ("" for /), with no
 * contents yet.  Returns 0 or -1 (out of memory, reported).
 */
int fileset_init(struct fileset *fs, const char *root, const char *name);
void fileset_free(struct fileset *fs);

/*
 * Fill @fs->text with what modstate writes for module @mm in state @st
 * (ST_UNUSED, ST_LOADED, ST_AUTO or ST_USER).  @initramfs: whether the system uses
 * initramfs-tools, which the hook is for.  Returns 0 or -1 (reported).
 */
int fileset_want(struct fileset *fs, const struct modmeta *mm,
		 enum state st, bool initramfs);

/*
 * Read the files of @fs->path into @fs->text.  Returns 0 or -1 if one
 * exists but cannot be read (reported).
 */
int fileset_read(struct fileset *fs, const char *name);

/* Are file @i of @a and @b the same (both absent, or equal text)? */
bool fileset_same(const struct fileset *a, const struct fileset *b,
		  enum mfile i);

/* Remove @path; 0 if done or already absent, else a negative errno. */
int remove_file(const char *path);

#endif /* MODSTATE_H */
