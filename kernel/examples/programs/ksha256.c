// SPDX-License-Identifier: GPL-2.0
/*
 * ksha256: prints the SHA-256 of its standard input as sha256sum(1) does
 * ("HEX  -").  The module program hashes with the kernel's crypto API; the
 * user-space build of the same source has its own SHA-256 (FIPS 180-4),
 * the one part that differs between the two.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK	65536

#ifdef __KERNEL__
#include <crypto/hash.h>

struct hash {
	struct crypto_shash *tfm;
	struct shash_desc *desc;
};

static int hash_init(struct hash *h)
{
	h->tfm = crypto_alloc_shash("sha256", 0, 0);
	if (IS_ERR(h->tfm))
		return -1;
	h->desc = malloc(sizeof(*h->desc) + crypto_shash_descsize(h->tfm));
	if (!h->desc) {
		crypto_free_shash(h->tfm);
		return -1;
	}
	h->desc->tfm = h->tfm;
	return crypto_shash_init(h->desc) ? -1 : 0;
}

static void hash_update(struct hash *h, const void *p, size_t n)
{
	crypto_shash_update(h->desc, p, n);
}

static void hash_final(struct hash *h, unsigned char out[32])
{
	crypto_shash_final(h->desc, out);
	free(h->desc);
	crypto_free_shash(h->tfm);
}
#else
#include <stdint.h>

struct hash {
	uint32_t s[8];
	uint64_t len;
	unsigned char buf[64];
	size_t n;
};

static const uint32_t k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n)	(((x) >> (n)) | ((x) << (32 - (n))))

static void compress(struct hash *h, const unsigned char *p)
{
	uint32_t w[64], v[8], t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | p[4 * i + 1] << 16 |
		       p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++)
		w[i] = w[i - 16] + w[i - 7] +
		       (ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3)) +
		       (ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10));
	memcpy(v, h->s, sizeof(v));
	for (i = 0; i < 64; i++) {
		t1 = v[7] + (ROR(v[4], 6) ^ ROR(v[4], 11) ^ ROR(v[4], 25)) +
		     ((v[4] & v[5]) ^ (~v[4] & v[6])) + k[i] + w[i];
		t2 = (ROR(v[0], 2) ^ ROR(v[0], 13) ^ ROR(v[0], 22)) +
		     ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
		memmove(v + 1, v, 7 * sizeof(v[0]));
		v[4] += t1;
		v[0] = t1 + t2;
	}
	for (i = 0; i < 8; i++)
		h->s[i] += v[i];
}

static int hash_init(struct hash *h)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(h->s, iv, sizeof(iv));
	h->len = 0;
	h->n = 0;
	return 0;
}

static void hash_update(struct hash *h, const void *data, size_t n)
{
	const unsigned char *p = data;

	h->len += n;
	while (n) {
		size_t c = 64 - h->n < n ? 64 - h->n : n;

		memcpy(h->buf + h->n, p, c);
		h->n += c;
		p += c;
		n -= c;
		if (h->n == 64) {
			compress(h, h->buf);
			h->n = 0;
		}
	}
}

static void hash_final(struct hash *h, unsigned char out[32])
{
	uint64_t bits = h->len * 8;
	unsigned char pad = 0x80, len[8];
	int i;

	hash_update(h, &pad, 1);
	pad = 0;
	while (h->n != 56)
		hash_update(h, &pad, 1);
	for (i = 0; i < 8; i++)
		len[i] = bits >> (56 - 8 * i);
	hash_update(h, len, 8);
	for (i = 0; i < 32; i++)
		out[i] = h->s[i / 4] >> (24 - 8 * (i % 4));
}
#endif

int main(int argc, char **argv)
{
	/* not static, and not on the stack: instances share the module's data */
	struct hash *h = malloc(sizeof(*h));
	char *buf = malloc(BLOCK);
	unsigned char sum[32];
	size_t n;
	int i;

	(void)argc;
	if (!h || !buf || hash_init(h)) {
		fprintf(stderr, "%s: cannot set up SHA-256\n", argv[0]);
		return 1;
	}
	while ((n = fread(buf, 1, BLOCK, stdin)) > 0)
		hash_update(h, buf, n);
	if (ferror(stdin)) {
		fprintf(stderr, "%s: read error\n", argv[0]);
		return 1;
	}
	hash_final(h, sum);
	for (i = 0; i < 32; i++)
		printf("%02x", sum[i]);
	printf("  -\n");
	free(buf);
	free(h);
	return 0;
}
