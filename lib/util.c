// SPDX-License-Identifier: GPL-2.0
/*
 * Small helpers of the tools: allocation that cannot fail, an arena, a
 * growable text buffer and a string set.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "msg.h"
#include "util.h"

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(MSG_ERROR, NULL, NULL, fmt, ap);
	va_end(ap);
	exit(2);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		die("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;

	return memcpy(xmalloc(len), s, len);
}

/* Arena */

struct arena_chunk {
	struct arena_chunk *next;
	max_align_t data[];
};

#define ARENA_CHUNK	(64 * 1024)

void *arena_alloc(struct arena *a, size_t size)
{
	size_t align = sizeof(max_align_t);
	struct arena_chunk *c;
	size_t csize;
	void *p;

	size = (size + align - 1) / align * align;
	if (!a->chunks || a->size - a->used < size) {
		csize = size > ARENA_CHUNK ? size : ARENA_CHUNK;
		c = xmalloc(sizeof(*c) + csize);
		c->next = a->chunks;
		a->chunks = c;
		a->size = csize;
		a->used = 0;
	}
	p = (char *)a->chunks->data + a->used;
	a->used += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->chunks; c; c = next) {
		next = c->next;
		free(c);
	}
	memset(a, 0, sizeof(*a));
}

/* Text buffer */

void buf_init(struct buf *b)
{
	b->cap = 256;
	b->len = 0;
	b->s = xmalloc(b->cap);
	b->s[0] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->s);
	memset(b, 0, sizeof(*b));
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->s[0] = '\0';
}

static void buf_grow(struct buf *b, size_t more)
{
	if (b->cap - b->len > more)
		return;
	while (b->cap - b->len <= more)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
}

void buf_add(struct buf *b, const char *s, size_t len)
{
	buf_grow(b, len);
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		die("vsnprintf failed");
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, n);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* String set */

static uint64_t str_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void strset_init(struct strset *set)
{
	set->cap = 16;
	set->n = 0;
	set->ents = xcalloc(set->cap, sizeof(*set->ents));
}

void strset_free(struct strset *set)
{
	free(set->ents);
	memset(set, 0, sizeof(*set));
}

static struct strset_ent *strset_slot(struct strset_ent *ents, size_t cap,
				      const char *key)
{
	size_t i = str_hash(key) & (cap - 1);

	while (ents[i].key && strcmp(ents[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &ents[i];
}

void *strset_get(const struct strset *set, const char *key)
{
	struct strset_ent *e = strset_slot(set->ents, set->cap, key);

	return e->key ? e->val : NULL;
}

void *strset_add(struct strset *set, const char *key, void *val)
{
	struct strset_ent *e;
	size_t i;

	if ((set->n + 1) * 2 > set->cap) {
		size_t ncap = set->cap * 2;
		struct strset_ent *n = xcalloc(ncap, sizeof(*n));

		for (i = 0; i < set->cap; i++)
			if (set->ents[i].key)
				*strset_slot(n, ncap, set->ents[i].key) =
					set->ents[i];
		free(set->ents);
		set->ents = n;
		set->cap = ncap;
	}
	e = strset_slot(set->ents, set->cap, key);
	if (e->key)
		return e->val;
	e->key = key;
	e->val = val;
	set->n++;
	return NULL;
}

int run_program(const char *const argv[])
{
	int status;
	pid_t pid;

	if (posix_spawnp(&pid, argv[0], NULL, NULL, (char *const *)argv, environ))
		return -1;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
