// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration of udrvd (udrv.conf(5)): lines of words, '#' to the
 * end of a line a comment.
 *
 *   driver SELECTOR PROGRAM [PARAM=VALUE]...
 *   group NAME
 *   heartbeat INTERVAL TIMEOUT
 *   hang-timeout DURATION
 *   start-timeout DURATION
 *   stop-timeout DURATION
 *   backoff FIRST MAX
 *
 * SELECTOR is a PCI address (0000:00:03.0) or an ID (1234:11e8, hex).
 * The main file is read first, then the directory's *.conf in order of
 * name (where modstate(8) writes its rules); a setting read later wins,
 * two rules for one address or one ID are an error.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "udrvd.h"

#define MAX_WORDS	64

bool parse_duration(const char *s, unsigned int *ms)
{
	unsigned long long v, mul = 1;
	char *end;

	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return false;
	if (!strcmp(end, "s"))
		mul = 1000;
	else if (!strcmp(end, "m"))
		mul = 60000;
	else if (*end && strcmp(end, "ms"))
		return false;
	if (v > UINT_MAX / mul)
		return false;
	*ms = v * mul;
	return true;
}

/* 0000:00:03.0, normalized to lower case into @out */
static bool parse_address(const char *s, char *out)
{
	unsigned int i;

	if (strlen(s) != 12)
		return false;
	for (i = 0; i < 12; i++) {
		bool sep = i == 4 || i == 7 || i == 10;

		if (sep ? s[i] != (i == 10 ? '.' : ':') :
			  !isxdigit((unsigned char)s[i]))
			return false;
		out[i] = tolower((unsigned char)s[i]);
	}
	out[12] = '\0';
	/* device 0-1f, function 0-7 */
	return strtoul(out + 8, NULL, 16) < 0x20 && out[11] < '8';
}

static bool parse_id(const char *s, unsigned int *vendor, unsigned int *device)
{
	unsigned int i;

	if (strlen(s) != 9 || s[4] != ':')
		return false;
	for (i = 0; i < 9; i++) {
		if (i != 4 && !isxdigit((unsigned char)s[i]))
			return false;
	}
	*vendor = strtoul(s, NULL, 16);
	*device = strtoul(s + 5, NULL, 16);
	return true;
}

struct reader {
	struct config *cfg;
	const char *file;
	unsigned int line;
	int errors;
	struct rule **tail;
};

#define WHERE_MAX	(PATH_MAX + 16)

/* file:line of the line @r reads, into @where (WHERE_MAX bytes) */
static void here(const struct reader *r, char *where)
{
	snprintf(where, WHERE_MAX, "%s:%u", r->file, r->line);
}

static void PRINTF(2, 3) error(struct reader *r, const char *fmt, ...)
{
	char where[WHERE_MAX];
	va_list ap;

	here(r, where);
	va_start(ap, fmt);
	vmsg(MSG_ERROR, where, NULL, fmt, ap);
	va_end(ap);
	r->errors++;
}

static void rule(struct reader *r, char **w, int n)
{
	struct config *cfg = r->cfg;
	struct rule *ru, *o;
	char where[WHERE_MAX];
	int i;

	if (n < 3) {
		error(r, "'driver' needs a selector and a program: driver 1234:11e8 /path/NAME-user [PARAM=VALUE]...");
		return;
	}
	ru = xcalloc(1, sizeof(*ru));
	if (parse_address(w[1], ru->address)) {
		ru->by_address = true;
	} else if (!parse_id(w[1], &ru->vendor, &ru->device)) {
		error(r, "'%s' is neither a PCI address (0000:00:03.0) nor an ID (1234:11e8)",
		      w[1]);
		free(ru);
		return;
	}
	for (o = cfg->rules; o; o = o->next) {
		if (o->by_address == ru->by_address &&
		    (ru->by_address ? !strcmp(o->address, ru->address) :
		     o->vendor == ru->vendor && o->device == ru->device)) {
			error(r, "%s already has a driver (%s)", w[1], o->where);
			free(ru);
			return;
		}
	}
	if (w[2][0] != '/') {
		error(r, "the program '%s' is not an absolute path", w[2]);
		free(ru);
		return;
	}
	for (i = 3; i < n; i++) {
		if (w[i][0] == '=' || w[i][0] == '-' || !strchr(w[i], '=')) {
			error(r, "'%s' is not a module parameter PARAM=VALUE", w[i]);
			free(ru);
			return;
		}
	}
	here(r, where);
	ru->where = xstrdup(where);
	ru->program = xstrdup(w[2]);
	ru->params = xcalloc(n - 2, sizeof(*ru->params));
	for (i = 3; i < n; i++)
		ru->params[i - 3] = xstrdup(w[i]);
	*r->tail = ru;
	r->tail = &ru->next;
}

static void duration(struct reader *r, char **w, int n, unsigned int *a,
		     unsigned int *b)
{
	unsigned int va, vb = 0;

	if (n != (b ? 3 : 2)) {
		error(r, "'%s' takes %s", w[0], b ? "two durations" : "a duration");
		return;
	}
	if (!parse_duration(w[1], &va) || (b && !parse_duration(w[2], &vb))) {
		error(r, "'%s': a duration is a number and ms, s or m (500ms, 3s)",
		      w[0]);
		return;
	}
	if (va < 10 || (b && vb < va)) {
		error(r, "'%s': %s", w[0], b ? "the second must not be shorter than the first, the first at least 10ms" :
					 "at least 10ms");
		return;
	}
	*a = va;
	if (b)
		*b = vb;
}

static void line(struct reader *r, char *text)
{
	struct config *cfg = r->cfg;
	char *w[MAX_WORDS], *p = text;
	int n = 0;

	*strchrnul(text, '#') = '\0';
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		if (n == MAX_WORDS) {
			error(r, "more than %d words", MAX_WORDS);
			return;
		}
		w[n++] = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (*p)
			*p++ = '\0';
	}
	if (!n)
		return;
	if (!strcmp(w[0], "driver")) {
		rule(r, w, n);
	} else if (!strcmp(w[0], "group")) {
		if (n != 2) {
			error(r, "'group' takes one name");
			return;
		}
		free(cfg->group);
		cfg->group = xstrdup(w[1]);
	} else if (!strcmp(w[0], "heartbeat")) {
		duration(r, w, n, &cfg->interval_ms, &cfg->timeout_ms);
	} else if (!strcmp(w[0], "hang-timeout")) {
		duration(r, w, n, &cfg->hang_ms, NULL);
		if (cfg->hang_ms < 100) {	/* the drivers' least */
			error(r, "'hang-timeout': at least 100ms");
			cfg->hang_ms = 100;
		}
	} else if (!strcmp(w[0], "start-timeout")) {
		duration(r, w, n, &cfg->start_ms, NULL);
	} else if (!strcmp(w[0], "stop-timeout")) {
		duration(r, w, n, &cfg->stop_ms, NULL);
	} else if (!strcmp(w[0], "backoff")) {
		duration(r, w, n, &cfg->backoff_ms, &cfg->backoff_max_ms);
	} else {
		error(r, "unknown directive '%s' (driver, group, heartbeat, hang-timeout, start-timeout, stop-timeout, backoff)",
		      w[0]);
	}
}

/* Returns -1 if @file cannot be read (@missing_ok: absent is fine) */
static int read_file(struct reader *r, const char *file, bool missing_ok)
{
	FILE *f = fopen(file, "re");
	char *text = NULL;
	size_t size = 0;

	if (!f) {
		if (missing_ok && errno == ENOENT)
			return 0;
		pr_error(file, "%s", strerror(errno));
		r->errors++;
		return -1;
	}
	r->file = file;
	r->line = 0;
	while (getline(&text, &size, f) >= 0) {
		r->line++;
		line(r, text);
	}
	if (ferror(f)) {
		pr_error(file, "%s", strerror(errno));
		r->errors++;
	}
	free(text);
	fclose(f);
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int conf_file(const struct dirent *d)
{
	size_t len = strlen(d->d_name);

	return d->d_name[0] != '.' && len > 5 &&
	       !strcmp(d->d_name + len - 5, ".conf");
}

int config_read(struct config *cfg, const char *file, const char *dir)
{
	struct reader r = { .cfg = cfg, .tail = &cfg->rules };
	struct dirent **names;
	int i, n;

	*cfg = (struct config){
		.interval_ms = 1000, .timeout_ms = 3000, .hang_ms = 10000,
		.start_ms = 10000, .stop_ms = 5000,
		.backoff_ms = 100, .backoff_max_ms = 30000,
	};
	read_file(&r, file, dir != NULL);
	if (!dir)
		return r.errors;
	n = scandir(dir, &names, conf_file, by_name);
	if (n < 0) {
		if (errno != ENOENT) {
			pr_error(dir, "%s", strerror(errno));
			r.errors++;
		}
		return r.errors;
	}
	for (i = 0; i < n; i++) {
		char *path = xmalloc(strlen(dir) + strlen(names[i]->d_name) + 2);

		sprintf(path, "%s/%s", dir, names[i]->d_name);
		read_file(&r, path, true);
		free(path);
		free(names[i]);
	}
	free(names);
	return r.errors;
}

void config_free(struct config *cfg)
{
	struct rule *ru, *next;
	char **p;

	for (ru = cfg->rules; ru; ru = next) {
		next = ru->next;
		for (p = ru->params; *p; p++)
			free(*p);
		free(ru->params);
		free(ru->program);
		free(ru->where);
		free(ru);
	}
	free(cfg->group);
	cfg->rules = NULL;
	cfg->group = NULL;
}
