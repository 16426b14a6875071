// SPDX-License-Identifier: GPL-2.0
/*
 * stubcore: the runtime of modstub's autoload stub modules.
 *
 * This is the first stage of the runtime: it checks and records the stub
 * tables of stub modules and provides the standard retfuncs and the slow
 * paths the stubs jump to.  Every unresolved stub answers with its retfunc;
 * loading the real module on the first call is the next stage.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include <modstub/abi.h>
#include <modstub/stubcore.h>

/* One registered stub module. */
struct stubmod {
	struct list_head node;
	struct module *owner;
	struct modstub_hdr *tab;
};

/* Protects stubmods. */
static DEFINE_MUTEX(stubmods_lock);
static LIST_HEAD(stubmods);

static_assert(sizeof(struct modstub_hdr) == 40);
static_assert(sizeof(struct modstub_ent) == 48);
static_assert(offsetof(struct modstub_ent, retfunc) == 32);

static const char *tab_str(const struct modstub_hdr *tab, u32 off)
{
	return (const char *)tab + off;
}

/* Is @off the start of a NUL-terminated string inside the table? */
static bool tab_str_ok(const struct modstub_hdr *tab, u32 off)
{
	if (off < tab->hdr_size || off >= tab->size)
		return false;
	return memchr(tab_str(tab, off), '\0', tab->size - off) != NULL;
}

static int check_table(struct module *owner, struct modstub_hdr *tab)
{
	const char *who = owner ? owner->name : "?";
	struct modstub_ent *ents;
	u32 i;

	if (tab->magic != MODSTUB_MAGIC) {
		pr_err("%s: no stub table (bad magic %#x)\n", who, tab->magic);
		return -ENOEXEC;
	}
	if (tab->version != MODSTUB_ABI_VERSION) {
		pr_err("%s: stub table ABI version %u, stubcore speaks %u\n",
		       who, tab->version, MODSTUB_ABI_VERSION);
		return -ENOEXEC;
	}
	if (tab->hdr_size != sizeof(*tab) ||
	    tab->ent_size != sizeof(struct modstub_ent) ||
	    tab->size < tab->hdr_size ||
	    tab->nstubs > (tab->size - tab->hdr_size) / tab->ent_size) {
		pr_err("%s: malformed stub table (header %u, entry %u, %u stubs in %u bytes)\n",
		       who, tab->hdr_size, tab->ent_size, tab->nstubs,
		       tab->size);
		return -ENOEXEC;
	}
	if (!tab_str_ok(tab, tab->module_off) ||
	    !tab_str_ok(tab, tab->stubmod_off)) {
		pr_err("%s: malformed stub table (bad module name)\n", who);
		return -ENOEXEC;
	}

	ents = (struct modstub_ent *)((char *)tab + tab->hdr_size);
	for (i = 0; i < tab->nstubs; i++) {
		struct modstub_ent *e = &ents[i];

		if (!tab_str_ok(tab, e->name_off) ||
		    !tab_str_ok(tab, e->retfunc_off) ||
		    e->kind < MODSTUB_KIND_STRONG || e->kind > MODSTUB_KIND_WEAK ||
		    e->argnword > MODSTUB_MAX_ARGNWORD ||
		    !e->entry || !e->slow || !e->retfunc) {
			pr_err("%s: malformed stub table (entry %u)\n", who, i);
			return -ENOEXEC;
		}
	}
	return 0;
}

int modstub_register(struct module *owner, struct modstub_hdr *tab)
{
	struct stubmod *sm;
	int err;

	err = check_table(owner, tab);
	if (err)
		return err;

	sm = kzalloc(sizeof(*sm), GFP_KERNEL);
	if (!sm)
		return -ENOMEM;
	sm->owner = owner;
	sm->tab = tab;

	mutex_lock(&stubmods_lock);
	list_add_tail(&sm->node, &stubmods);
	mutex_unlock(&stubmods_lock);

	pr_debug("%s: %u stubs for module %s\n", owner->name, tab->nstubs,
		 tab_str(tab, tab->module_off));
	return 0;
}
EXPORT_SYMBOL_GPL(modstub_register);

void modstub_unregister(struct modstub_hdr *tab)
{
	struct stubmod *sm, *tmp;

	mutex_lock(&stubmods_lock);
	list_for_each_entry_safe(sm, tmp, &stubmods, node) {
		if (sm->tab == tab) {
			list_del(&sm->node);
			kfree(sm);
			break;
		}
	}
	mutex_unlock(&stubmods_lock);
}
EXPORT_SYMBOL_GPL(modstub_unregister);

EXPORT_SYMBOL_GPL(modstub_slow_strong);
EXPORT_SYMBOL_GPL(modstub_slow_ustub);

long nomod_zero(void)
{
	return 0;
}
EXPORT_SYMBOL_GPL(nomod_zero);

long nomod_minus_one(void)
{
	return -1;
}
EXPORT_SYMBOL_GPL(nomod_minus_one);

long nomod_einval(void)
{
	return -EINVAL;
}
EXPORT_SYMBOL_GPL(nomod_einval);

long nomod_enosys(void)
{
	return -ENOSYS;
}
EXPORT_SYMBOL_GPL(nomod_enosys);

long nomod_enodev(void)
{
	return -ENODEV;
}
EXPORT_SYMBOL_GPL(nomod_enodev);

long nomod_enoent(void)
{
	return -ENOENT;
}
EXPORT_SYMBOL_GPL(nomod_enoent);

void nomod_void(void)
{
}
EXPORT_SYMBOL_GPL(nomod_void);

MODULE_DESCRIPTION("Runtime of modstub autoload stub modules");
MODULE_LICENSE("GPL");
