// SPDX-License-Identifier: GPL-2.0
/*
 * The C escapes of a string: decoding one, reporting one that is bad, and
 * the loop over a string body.
 */
#include <stdbool.h>

#include "diag.h"
#include "escape.h"

/* What decoding one character or escape may find wrong */
enum escape_error {
	ESC_OK,
	ESC_NUL,		/* a NUL, raw or after a backslash */
	ESC_OCTAL_RANGE,	/* \400 and up */
	ESC_HEX_EMPTY,		/* \x with no digit */
	ESC_UNKNOWN,		/* \q, or a backslash-newline */
};

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The escape after a backslash, its first letter @c; *@i moves past it. */
static enum escape_error escape(const char *s, size_t len, size_t *i, int c,
				char *out)
{
	int v = 0, n;

	switch (c) {
	case 'n': *out = '\n'; return ESC_OK;
	case 't': *out = '\t'; return ESC_OK;
	case 'r': *out = '\r'; return ESC_OK;
	case 'a': *out = '\a'; return ESC_OK;
	case 'b': *out = '\b'; return ESC_OK;
	case 'f': *out = '\f'; return ESC_OK;
	case 'v': *out = '\v'; return ESC_OK;
	case 'e': *out = 033; return ESC_OK;
	case '\\': case '"': case '\'': case '?':
		*out = c;
		return ESC_OK;
	case '0': case '1': case '2': case '3':
	case '4': case '5': case '6': case '7':
		v = c - '0';
		for (n = 1; n < 3 && *i < len && s[*i] >= '0' && s[*i] <= '7';
		     n++)
			v = v * 8 + (s[(*i)++] - '0');
		if (v > 0xff)
			return ESC_OCTAL_RANGE;
		break;
	case 'x':
		for (n = 0; n < 2 && *i < len && hexval(s[*i]) >= 0; n++)
			v = v * 16 + hexval(s[(*i)++]);
		if (!n)
			return ESC_HEX_EMPTY;
		break;
	default:
		return ESC_UNKNOWN;
	}
	if (!v)
		return ESC_NUL;
	*out = v;
	return ESC_OK;
}

/*
 * Report @err for the bytes [@start, @end) of the body of the string at
 * @loc; @s and @len are the body.
 */
static void report(const struct srcpos *loc, enum escape_error err,
		   const char *s, size_t len, size_t start, size_t end)
{
	struct srcpos epos = *loc;

	/* the body starts one column after the quote */
	epos.first_column = loc->first_column + 1 + start;
	epos.last_column = loc->first_column + end;
	epos.last_line = epos.first_line;
	if (loc->first_line != loc->last_line)
		epos.first_column = epos.last_column = loc->first_column;

	switch (err) {
	case ESC_OK:
		break;
	case ESC_NUL:
		diag(CHK_BAD_STRING, &epos, "NUL character in string");
		break;
	case ESC_OCTAL_RANGE:
		diag(CHK_BAD_STRING, &epos,
		     "octal escape sequence out of range");
		break;
	case ESC_HEX_EMPTY:
		diag(CHK_BAD_STRING, &epos,
		     "\\x used with no following hex digits");
		break;
	case ESC_UNKNOWN:
		if (start + 1 < len &&
		    (s[start + 1] == '\n' || s[start + 1] == '\r'))
			diag(CHK_BAD_STRING, &epos,
			     "backslash-newline in string");
		else
			diag(CHK_BAD_STRING, &epos,
			     "unknown escape sequence '\\%c'",
			     start + 1 < len ? s[start + 1] : ' ');
		break;
	}
}

char *unescape(struct arena *a, const struct srcpos *loc, const char *s,
	       size_t len)
{
	char *out = arena_alloc(a, len + 1);
	size_t i = 0, o = 0;
	bool bad = false;

	while (i < len) {
		size_t start = i;
		enum escape_error err;
		int c = (unsigned char)s[i++];

		if (c == '\\') {
			/* a backslash at the very end: reported as a NUL */
			c = i < len ? (unsigned char)s[i++] : 0;
			err = c ? escape(s, len, &i, c, &out[o]) : ESC_NUL;
		} else {
			/* a raw NUL would cut the string short */
			err = c ? ESC_OK : ESC_NUL;
			out[o] = c;
		}
		if (err) {
			report(loc, err, s, len, start, i);
			bad = true;
			continue;
		}
		o++;
	}
	out[o] = '\0';
	return bad ? NULL : out;
}
