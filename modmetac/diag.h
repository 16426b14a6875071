/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Diagnostics: every message about the input goes through diag(), in the
 * format of lib/msg.h, with the name of the check that raised it, then the
 * source line and a caret.
 */
#ifndef MODMETAC_DIAG_H
#define MODMETAC_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "srcpos.h"
#include "util.h"

enum diag_level {
	DIAG_OFF,
	DIAG_WARNING,
	DIAG_ERROR,
};

/*
 * Every diagnostic belongs to a check with a stable name (the table is in
 * check.c).  Tests match on these names, not on the wording.
 */
enum check_id {
	/* front end */
	CHK_SYNTAX,
	CHK_BAD_CHAR,
	CHK_BAD_STRING,
	CHK_BAD_COMMENT,
	/* fields */
	CHK_UNKNOWN_FIELD,
	CHK_DUPLICATE_FIELD,
	CHK_FIELD_VALUE,
	CHK_MISSING_FIELD,
	CHK_VALUE_SET,
	CHK_DUPLICATE_VALUE,
	/* names */
	CHK_BAD_IDENTIFIER,
	CHK_MODULE_NAME_LENGTH,
	CHK_DUPLICATE_MODULE,
	CHK_BAD_VERSION,
	CHK_UNKNOWN_LICENSE,
	CHK_BAD_STRING_VALUE,
	/* states */
	CHK_STATES_CONFLICT,
	CHK_SELF_DEPENDENCY,
	/* autoload */
	CHK_MISSING_HEADER,
	CHK_DUPLICATE_STUB,
	CHK_ARGNWORD_RANGE,
	CHK_STUB_PINS,
	CHK_AUTO_WITHOUT_STUB,
	CHK_USTUB_NOT_UNLOADABLE,
	CHK_USTUB_LOADONLY,
	CHK_CLASS_UNLOADABLE,
	CHK_BAD_RETFUNC,
	CHK_EMPTY_AUTOLOAD,
	CHK_LICENSE_NOT_GPL,
	CHK_PROGRAM,
	CHK_AUTOCLEAN_LOADONLY,
	NR_CHECKS
};

struct check_info {
	const char *name;
	enum diag_level level;	/* default */
	const char *summary;
};

extern const struct check_info check_info[NR_CHECKS];

struct diag_opts {
	bool werror;			/* warnings are errors */
	unsigned int max_errors;	/* stop reporting after this many; 0: no limit */
	enum diag_level level[NR_CHECKS];	/* current level of each check */
};

extern struct diag_opts diag_opts;
extern unsigned int diag_errors;
extern unsigned int diag_warnings;

/* Set the defaults and clear the counts (again, for another run). */
void diag_init(void);
/* -W<name>, -Wno-<name>, -Werror=<name>; returns false for an unknown name. */
bool diag_set(const char *name, enum diag_level level);
enum check_id diag_lookup(const char *name);

void diag(enum check_id id, const struct srcpos *pos, const char *fmt, ...)
	PRINTF(3, 4);
/* A note attached to the last diagnostic; dropped if that one was. */
void diag_note(const struct srcpos *pos, const char *fmt, ...) PRINTF(2, 3);
/* An error with no source position, such as a file that cannot be written. */
void diag_file_error(const char *file, const char *fmt, ...) PRINTF(2, 3);

#endif /* MODMETAC_DIAG_H */
