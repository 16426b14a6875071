/* SPDX-License-Identifier: GPL-2.0 */
/* API of the golden test modules: the functions their stubs stand in for. */
#ifndef GOLDEN_API_H
#define GOLDEN_API_H

int gaf_open(int minor);
long gaf_read(long fd, long len);
void gaf_hook(void);

int gmm_compute(int x);

void gwo_notify(void);
int gwo_count(void);
long gwo_many(long a1, long a2, long a3, long a4, long a5, long a6,
	      long a7, long a8);

long gua_none(void);
long gua_eight(long a1, long a2, long a3, long a4, long a5, long a6,
	       long a7, long a8);
long gua_many(long a1, long a2, long a3, long a4, long a5, long a6,
	      long a7, long a8, long a9, long a10, long a11, long a12,
	      long a13, long a14, long a15, long a16);

int grs_get(int key);
int grs_get_alt(int key);
const char *grs_name(void);

int gth_first(void);

struct gan_pair { long a, b; };
long gan_pair(struct gan_pair p, int x);
long gan_wide(long a1, long a2, long a3, long a4, long a5, struct gan_pair p);
long gan_given(long a1, long a2, long a3, long a4, long a5, long a6,
	       long a7, long a8);

int gpi_start(void);
int gpi_query(int q);

int glo_start(void);
int gem_run(void);
int ges_run(void);
int gal_go(void);
int gln_call(void);
int gds_run(void);

int stubmod(void);
int hdr(void);
int count(void);

/* autoclean.modmeta */
long g_ac_a(long x);
int g_ac_b(int x);
long g_acd_a(long x);

#endif
