/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers of the tools: allocation that cannot fail, an arena, a
 * growable text buffer, a string set, and running another program.
 */
#ifndef LIB_UTIL_H
#define LIB_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
/* A number macro as a string: STR(MODSTUB_MODNAME_MAX) is "55" */
#define STR_1(x)	#x
#define STR(x)		STR_1(x)

#define PRINTF(f, a)	__attribute__((format(printf, f, a)))
#define NORETURN	__attribute__((noreturn))

/* Print "PROG: error: MESSAGE" and exit with status 2 (see msg.h). */
void NORETURN die(const char *fmt, ...) PRINTF(1, 2);
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

/*
 * An arena: everything built from one input file is allocated here and
 * freed at once, so that error recovery in the parser cannot leak.
 */
struct arena_chunk;

struct arena {
	struct arena_chunk *chunks;
	size_t used;		/* bytes used in the first chunk */
	size_t size;		/* size of the first chunk's data */
};

void *arena_alloc(struct arena *a, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);

/* A growable, always NUL-terminated text buffer. */
struct buf {
	char *s;
	size_t len;
	size_t cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const char *s, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) PRINTF(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) PRINTF(2, 0);

/*
 * A set of strings (not owned), with a value per entry: open addressing,
 * grows to keep the load factor under one half.
 */
struct strset_ent {
	const char *key;
	void *val;
};

struct strset {
	struct strset_ent *ents;
	size_t cap;
	size_t n;
};

void strset_init(struct strset *set);
void strset_free(struct strset *set);
/* Value of @key, or NULL. */
void *strset_get(const struct strset *set, const char *key);
/* Add @key with @val unless present; returns the value already there or NULL. */
void *strset_add(struct strset *set, const char *key, void *val);

/*
 * Run the program @argv[0] (looked up in PATH) with @argv and wait for
 * it.  Returns its exit status, or -1 if it could not be run or was
 * killed by a signal.
 */
int run_program(const char *const argv[]);

#endif /* LIB_UTIL_H */
