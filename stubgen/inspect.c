// SPDX-License-Identifier: GPL-2.0
/*
 * stubgen inspect: reading a module's modstub sections, and printing them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "inspect.h"

/* Metadata into an array that grows by doubling */
struct meta_acc {
	struct inspection *in;
	unsigned int cap;
	int err;
};

static void meta_add(const char *key, size_t keylen, const char *value,
		     void *arg)
{
	struct meta_acc *acc = arg;
	struct inspection *in = acc->in;

	if (acc->err)
		return;
	if (in->nmeta == acc->cap) {
		unsigned int cap = acc->cap ? 2 * acc->cap : 16;
		struct inspect_meta *m = reallocarray(in->meta, cap,
						      sizeof(*m));

		if (!m) {
			acc->err = -ENOMEM;
			return;
		}
		in->meta = m;
		acc->cap = cap;
	}
	in->meta[in->nmeta++] = (struct inspect_meta){
		.key = key, .keylen = keylen, .value = value,
	};
}

int inspect_read(const struct ko_file *ko, struct inspection *in)
{
	struct meta_acc acc = { .in = in };
	uint32_t i;
	int err;

	memset(in, 0, sizeof(*in));
	in->path = ko->path;
	if (ko->modstubs.present) {
		err = ko_stub_table(ko, &in->st);
		if (err)
			return err;
		in->is_stub = true;
		in->stubs = calloc(in->st.hdr.nstubs ? in->st.hdr.nstubs : 1,
				   sizeof(*in->stubs));
		if (!in->stubs)
			return ko_err(ko->path, -ENOMEM, "out of memory");
		for (i = 0; i < in->st.hdr.nstubs; i++) {
			struct inspect_stub *s = &in->stubs[i];

			ko_stub_entry(ko, &in->st, i, &s->ent, &s->name,
				      &s->retfunc);
		}
	}
	err = ko_real_table(ko, &in->rt);
	if (err && err != -ENOENT)
		return err;
	if (!err) {
		in->is_real = true;
		in->reals = calloc(in->rt.hdr.nfuncs ? in->rt.hdr.nfuncs : 1,
				   sizeof(*in->reals));
		if (!in->reals)
			return ko_err(ko->path, -ENOMEM, "out of memory");
		for (i = 0; i < in->rt.hdr.nfuncs; i++)
			ko_real_entry(ko, &in->rt, i, &in->reals[i].ent,
				      &in->reals[i].name);
	}
	err = ko_modmeta(ko, meta_add, &acc);
	if (err == -ENOENT)
		return 0;
	if (err)
		return err;
	if (acc.err)
		return ko_err(ko->path, acc.err, "out of memory");
	in->has_meta = true;
	return 0;
}

void inspect_free(struct inspection *in)
{
	free(in->meta);
	free(in->stubs);
	free(in->reals);
	memset(in, 0, sizeof(*in));
}

/* An argnword as inspect prints it: "auto" (or null) before sealing */
static const char *argn_str(char *buf, size_t len, unsigned int argnword,
			    bool json)
{
	if (argnword == MODSTUB_ARGNWORD_AUTO)
		return json ? "null" : "auto";
	snprintf(buf, len, "%u", argnword);
	return buf;
}

/* A fingerprint: 16 hex digits, "-" (null) before sealing */
static const char *fp_str(char *buf, size_t len, uint64_t fp, bool json)
{
	if (!fp)
		return json ? "null" : "-";
	snprintf(buf, len, json ? "\"%016llx\"" : "%016llx",
		 (unsigned long long)fp);
	return buf;
}

static const char *class_str(uint16_t flags)
{
	return flags & MODSTUB_F_UNLOADABLE ? "unloadable" : "loadonly";
}

static const char *sealed_str(uint16_t flags)
{
	return flags & MODSTUB_F_SEALED ? "sealed" : "not sealed";
}

void inspect_print_text(FILE *f, const struct inspection *in)
{
	char abuf[16], fbuf[24];
	unsigned int i;

	fprintf(f, "%s:\n", in->path);
	if (in->has_meta) {
		fprintf(f, " metadata:\n");
		for (i = 0; i < in->nmeta; i++)
			fprintf(f, "  %-12.*s %s\n", (int)in->meta[i].keylen,
				in->meta[i].key, in->meta[i].value);
	} else {
		fprintf(f, " no modmeta metadata\n");
	}

	if (in->is_stub) {
		const struct stub_table *st = &in->st;

		fprintf(f, " stub table (ABI %u, %s): stub module %s of %s, class %s, %u stubs\n",
			st->hdr.version, sealed_str(st->hdr.flags),
			st->stubmod, st->module, class_str(st->hdr.flags),
			st->hdr.nstubs);
		fprintf(f, "  %-32s %-6s %-24s %-8s %s\n", "function", "kind",
			"retfunc", "argnword", "fingerprint");
		for (i = 0; i < st->hdr.nstubs; i++) {
			const struct inspect_stub *s = &in->stubs[i];

			fprintf(f, "  %-32s %-6s %-24s %-8s %s\n", s->name,
				modstub_kind_name(s->ent.kind), s->retfunc,
				argn_str(abuf, sizeof(abuf), s->ent.argnword,
					 false),
				fp_str(fbuf, sizeof(fbuf), s->ent.fingerprint,
				       false));
		}
	}

	if (in->is_real) {
		const struct real_table *rt = &in->rt;

		fprintf(f, " real functions (ABI %u, %s) of %s, reached through %s_stub: %u\n",
			rt->hdr.version, sealed_str(rt->hdr.flags),
			rt->module, rt->module, rt->hdr.nfuncs);
		fprintf(f, "  %-32s %-6s %-8s %s\n", "function", "kind",
			"argnword", "fingerprint");
		for (i = 0; i < rt->hdr.nfuncs; i++) {
			const struct inspect_real *r = &in->reals[i];

			fprintf(f, "  %-32s %-6s %-8s %s\n", r->name,
				modstub_kind_name(r->ent.kind),
				argn_str(abuf, sizeof(abuf), r->ent.argnword,
					 false),
				fp_str(fbuf, sizeof(fbuf), r->ent.fingerprint,
				       false));
		}
	}
}

/* @s (@len bytes) as a JSON string */
static void json_str(FILE *f, const char *s, size_t len)
{
	size_t i;

	fputc('"', f);
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void json_cstr(FILE *f, const char *s)
{
	json_str(f, s, strlen(s));
}

void inspect_print_json(FILE *f, const struct inspection *in, bool first)
{
	char abuf[16], fbuf[24];
	unsigned int i;

	fprintf(f, "%s  {\n    \"file\": ", first ? "" : ",\n");
	json_cstr(f, in->path);
	fprintf(f, ",\n    \"metadata\": [");
	for (i = 0; i < in->nmeta; i++) {
		fprintf(f, "%s\n      [", i ? "," : "");
		json_str(f, in->meta[i].key, in->meta[i].keylen);
		fputs(", ", f);
		json_cstr(f, in->meta[i].value);
		fputc(']', f);
	}
	fprintf(f, "%s]", in->nmeta ? "\n    " : "");

	if (in->is_stub) {
		const struct stub_table *st = &in->st;

		fprintf(f, ",\n    \"stub_table\": {\n      \"abi\": %u,\n      \"module\": ",
			st->hdr.version);
		json_cstr(f, st->module);
		fprintf(f, ",\n      \"stub_module\": ");
		json_cstr(f, st->stubmod);
		fprintf(f, ",\n      \"class\": \"%s\",\n      \"sealed\": %s,\n      \"stubs\": [",
			class_str(st->hdr.flags),
			st->hdr.flags & MODSTUB_F_SEALED ? "true" : "false");
		for (i = 0; i < st->hdr.nstubs; i++) {
			const struct inspect_stub *s = &in->stubs[i];

			fprintf(f, "%s\n        {\"function\": ", i ? "," : "");
			json_cstr(f, s->name);
			fprintf(f, ", \"kind\": \"%s\", \"retfunc\": ",
				modstub_kind_name(s->ent.kind));
			json_cstr(f, s->retfunc);
			fprintf(f, ", \"argnword\": %s, \"fingerprint\": %s}",
				argn_str(abuf, sizeof(abuf), s->ent.argnword,
					 true),
				fp_str(fbuf, sizeof(fbuf), s->ent.fingerprint,
				       true));
		}
		fprintf(f, "%s]\n    }", st->hdr.nstubs ? "\n      " : "");
	}

	if (in->is_real) {
		const struct real_table *rt = &in->rt;

		fprintf(f, ",\n    \"real_table\": {\n      \"abi\": %u,\n      \"module\": ",
			rt->hdr.version);
		json_cstr(f, rt->module);
		fprintf(f, ",\n      \"sealed\": %s,\n      \"functions\": [",
			rt->hdr.flags & MODSTUB_F_SEALED ? "true" : "false");
		for (i = 0; i < rt->hdr.nfuncs; i++) {
			const struct inspect_real *r = &in->reals[i];

			fprintf(f, "%s\n        {\"function\": ", i ? "," : "");
			json_cstr(f, r->name);
			fprintf(f, ", \"kind\": \"%s\", \"argnword\": %s, \"fingerprint\": %s}",
				modstub_kind_name(r->ent.kind),
				argn_str(abuf, sizeof(abuf), r->ent.argnword,
					 true),
				fp_str(fbuf, sizeof(fbuf), r->ent.fingerprint,
				       true));
		}
		fprintf(f, "%s]\n    }", rt->hdr.nfuncs ? "\n      " : "");
	}
	fprintf(f, "\n  }");
}
