// SPDX-License-Identifier: GPL-2.0
/*
 * targsuser: calls each function of targs through its stub and checks the
 * result against what it computes itself.  Write a kind to
 * /sys/kernel/debug/targsuser/run:
 *
 *	stub, ustub, wstub	call that kind's functions; reading the file
 *				gives "ok 8" or the first wrong result
 *	absent			call the wstubs, expecting their retfuncs'
 *				values (targs not loaded)
 *	layout			tl_query() of a struct tl_dev { 7, 5, "abc" }:
 *				reading the file gives its result
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "targs_api.h"
#include "tlayout_api.h"

static struct dentry *dir;
static DEFINE_MUTEX(lock);	/* serialises runs, protects result */
static char result[160];

/* Distinct 64-bit values: every byte differs between arguments */
#define V(i)	(0x0101010101010101ULL * (i) + 0x8000000000000000ULL + (i))

static u64 hash(const u64 *v, int n)
{
	u64 h = TARGS_SEED;
	int i;

	for (i = 0; i < n; i++)
		h = targs_mix(h, v[i]);
	return h;
}

struct targs_fns {
	u64 (*s8)(struct targs_s8 s, u64 x);
	u64 (*s16)(u64 x, struct targs_s16 s);
	u64 (*s24)(struct targs_s24 s, u64 x);
	u64 (*s32)(u64 x, struct targs_s32 s, u64 y);
	struct targs_s16 (*r16)(u64 x, u64 y);
	struct targs_s32 (*r32)(u64 a, u64 b, u64 c, u64 d, u64 e, u64 f);
	u64 (*ten)(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6, u64 a7,
		   u64 a8, u64 a9, u64 a10);
	u64 (*mix)(u32 a, struct targs_s16 b, u8 c, u16 d, u32 e,
		   struct targs_s16 f, struct targs_s8 g);
};

/*
 * The calls are direct, through the stubs' exports: a function pointer
 * table here would only be filled with the same addresses.
 */
#define TARGS_FNS(k) {							\
	targs_s8_##k, targs_s16_##k, targs_s24_##k, targs_s32_##k,	\
	targs_r16_##k, targs_r32_##k, targs_ten_##k, targs_mix_##k }

static const struct targs_fns by_kind[] = {
	TARGS_FNS(stub), TARGS_FNS(ustub), TARGS_FNS(wstub),
};
static const char *const kinds[] = { "stub", "ustub", "wstub" };

#define CHECK(what, got, want) do {					\
	if ((got) != (want)) {						\
		snprintf(result, sizeof(result),			\
			 "%s_%s: got %#llx, expected %#llx", what, kind,	\
			 (unsigned long long)(got),			\
			 (unsigned long long)(want));			\
		return;							\
	}								\
	n++;								\
} while (0)

static void run(const struct targs_fns *f, const char *kind)
{
	struct targs_s8 s8 = { V(1) };
	struct targs_s16 s16 = { V(2), V(3) };
	struct targs_s24 s24 = { V(4), V(5), V(6) };
	struct targs_s32 s32 = { V(7), V(8), V(9), V(10) };
	struct targs_s16 r16;
	struct targs_s32 r32;
	int n = 0;

	{
		u64 v[] = { V(1), V(11) };

		CHECK("targs_s8", f->s8(s8, V(11)), hash(v, 2));
	}
	{
		u64 v[] = { V(12), V(2), V(3) };

		CHECK("targs_s16", f->s16(V(12), s16), hash(v, 3));
	}
	{
		u64 v[] = { V(4), V(5), V(6), V(13) };

		CHECK("targs_s24", f->s24(s24, V(13)), hash(v, 4));
	}
	{
		u64 v[] = { V(14), V(7), V(8), V(9), V(10), V(15) };

		CHECK("targs_s32", f->s32(V(14), s32, V(15)), hash(v, 6));
	}
	r16 = f->r16(V(16), V(17));
	CHECK("targs_r16.a", r16.a, V(16) * 3);
	CHECK("targs_r16.b", r16.b, V(17) ^ V(16));
	r32 = f->r32(V(18), V(19), V(20), V(21), V(22), V(23));
	CHECK("targs_r32.a", r32.a, V(18) + V(19));
	CHECK("targs_r32.d", r32.d, V(23) - V(18));
	{
		u64 v[] = { V(24), V(25), V(26), V(27), V(28), V(29), V(30),
			    V(31), V(32), V(33) };

		CHECK("targs_ten", f->ten(V(24), V(25), V(26), V(27), V(28),
					  V(29), V(30), V(31), V(32), V(33)),
		      hash(v, 10));
	}
	{
		struct targs_s16 b = { V(35), V(36) }, ff = { V(40), V(41) };
		struct targs_s8 g = { V(42) };
		u64 v[] = { V(34) & U32_MAX, V(35), V(36), V(37) & U8_MAX,
			    V(38) & U16_MAX, V(39) & U32_MAX, V(40), V(41),
			    V(42) };

		CHECK("targs_mix", f->mix(V(34) & U32_MAX, b, V(37) & U8_MAX,
					  V(38) & U16_MAX, V(39) & U32_MAX,
					  ff, g),
		      hash(v, 9));
	}
	snprintf(result, sizeof(result), "ok %d", n);
}

/* The wstubs with targs absent: their retfuncs answer. */
static void run_absent(void)
{
	const struct targs_fns *f = &by_kind[2];
	const char *kind = "wstub";
	struct targs_s16 r16;
	struct targs_s32 r32;
	int n = 0;

	CHECK("targs_s8", f->s8((struct targs_s8){ 1 }, 2), 0ULL);
	r16 = f->r16(1, 2);
	CHECK("targs_r16.a", r16.a, 0xdeadULL);
	CHECK("targs_r16.b", r16.b, 16ULL);
	r32 = f->r32(1, 2, 3, 4, 5, 6);
	CHECK("targs_r32.a", r32.a, 0xdeadULL);
	CHECK("targs_r32.b", r32.b, 32ULL);
	snprintf(result, sizeof(result), "ok %d", n);
}

static ssize_t run_write(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos)
{
	char buf[16];
	size_t i;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	strim(buf);
	mutex_lock(&lock);
	if (strcmp(buf, "absent") == 0) {
		run_absent();
	} else if (strcmp(buf, "layout") == 0) {
		struct tl_dev dev = { .unit = 7, .count = 5, .name = "abc" };

		snprintf(result, sizeof(result), "%ld", tl_query(&dev));
	} else {
		for (i = 0; i < ARRAY_SIZE(kinds); i++)
			if (strcmp(buf, kinds[i]) == 0)
				break;
		if (i == ARRAY_SIZE(kinds)) {
			mutex_unlock(&lock);
			return -EINVAL;
		}
		run(&by_kind[i], kinds[i]);
	}
	mutex_unlock(&lock);
	return len;
}

static ssize_t run_read(struct file *file, char __user *ubuf, size_t len,
			loff_t *ppos)
{
	char buf[sizeof(result) + 1];
	int n;

	mutex_lock(&lock);
	n = scnprintf(buf, sizeof(buf), "%s\n", result);
	mutex_unlock(&lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static const struct file_operations run_fops = {
	.owner = THIS_MODULE,
	.read = run_read,
	.write = run_write,
};

static int __init targsuser_init(void)
{
	dir = debugfs_create_dir("targsuser", NULL);
	debugfs_create_file("run", 0600, dir, NULL, &run_fops);
	return 0;
}

static void __exit targsuser_exit(void)
{
	debugfs_remove_recursive(dir);
}

module_init(targsuser_init);
module_exit(targsuser_exit);

MODULE_DESCRIPTION("modstub test: calls with every shape of arguments through every kind of stub");
MODULE_LICENSE("GPL");
