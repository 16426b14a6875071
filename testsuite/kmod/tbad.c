// SPDX-License-Identifier: GPL-2.0
/*
 * tbad: a stub module with a broken stub table, for the refusal tests.
 * Parameter "fault": 1 bad magic, 2 other ABI version, 3 more stubs than
 * the table holds, 4 a table outside the module, 5 a table that stubgen
 * did not seal.  The table is written by hand, so it says itself that it
 * is sealed.
 */
#include <linux/module.h>
#include <linux/slab.h>

#include <modstub/stubcore.h>

static int fault;
module_param(fault, int, 0444);

static struct {
	struct modstub_hdr hdr;
	char pool[16];
} tab = {
	.hdr = {
		.magic = MODSTUB_MAGIC,
		.version = MODSTUB_ABI_VERSION,
		.flags = MODSTUB_F_SEALED,
		.hdr_size = sizeof(struct modstub_hdr),
		.ent_size = sizeof(struct modstub_ent),
		.size = sizeof(struct modstub_hdr) + 16,
		.module_off = sizeof(struct modstub_hdr),
		.stubmod_off = sizeof(struct modstub_hdr) + 5,
	},
	.pool = "tnon\0tbad",
};

static int __init tbad_init(void)
{
	struct modstub_hdr *h = &tab.hdr;
	int err;

	switch (fault) {
	case 1:
		h->magic = 0x12345678;
		break;
	case 2:
		h->version = MODSTUB_ABI_VERSION + 1;
		break;
	case 3:
		h->nstubs = 1000;
		break;
	case 5:
		h->flags &= ~MODSTUB_F_SEALED;
		break;
	case 4:
		h = kmemdup(&tab, sizeof(tab), GFP_KERNEL);
		if (!h)
			return -ENOMEM;
		break;
	}
	err = modstub_register(THIS_MODULE, h);
	if (fault == 4)
		kfree(h);
	if (!err)
		modstub_unregister(h);	/* only reached with fault=0 */
	return err;
}

static void __exit tbad_exit(void)
{
}

module_init(tbad_init);
module_exit(tbad_exit);

MODULE_DESCRIPTION("modstub test: stub module with a broken stub table");
MODULE_LICENSE("GPL");
