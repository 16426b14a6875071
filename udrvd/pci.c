// SPDX-License-Identifier: GPL-2.0
/*
 * The PCI functions of the running system that the rules select, and
 * handing them to vfio-pci: the kernel's own driver for a function that a
 * process drives, which it holds through the function's IOMMU group.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "udrvd.h"

#define PCI_DEVICES	"/sys/bus/pci/devices"

static unsigned int read_hex(const char *address, const char *attr)
{
	char path[PATH_MAX], text[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), PCI_DEVICES "/%s/%s", address, attr);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (!fgets(text, sizeof(text), f))
		text[0] = '\0';
	fclose(f);
	return strtoul(text, NULL, 16);
}

static int by_address(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int pci_select(const struct config *cfg, struct func **funcs)
{
	struct dirent **names;
	struct func *f = NULL;
	int i, j, n, count = 0;

	n = scandir(PCI_DEVICES, &names, NULL, by_address);
	if (n < 0) {
		pr_error(PCI_DEVICES, "%s", strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct rule *ru, *match = NULL;
		unsigned int vendor, device;
		const char *a = names[i]->d_name;

		if (a[0] == '.' || strlen(a) != 12)
			goto next;
		vendor = read_hex(a, "vendor");
		device = read_hex(a, "device");
		for (ru = cfg->rules; ru; ru = ru->next) {
			if (ru->by_address && !strcmp(ru->address, a)) {
				match = ru;
				break;
			}
			if (!ru->by_address && !match && ru->vendor == vendor &&
			    ru->device == device)
				match = ru;
		}
		if (!match)
			goto next;
		f = xrealloc(f, (count + 1) * sizeof(*f));
		snprintf(f[count].address, sizeof(f[count].address), "%.12s", a);
		f[count].vendor = vendor;
		f[count].device = device;
		f[count].rule = match;
		/* the functions of one program are its instances 0, 1, ... */
		f[count].instance = 0;
		for (j = 0; j < count; j++) {
			if (!strcmp(f[j].rule->program, match->program))
				f[count].instance++;
		}
		count++;
next:
		free(names[i]);
	}
	free(names);
	*funcs = f;
	return count;
}

void pci_driver_of(const char *address, char *buf, size_t len)
{
	char path[PATH_MAX], target[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), PCI_DEVICES "/%s/driver", address);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0) {
		snprintf(buf, len, "%s", "");
		return;
	}
	target[n] = '\0';
	snprintf(buf, len, "%s", strrchr(target, '/') ? strrchr(target, '/') + 1 : target);
}

/* Writes @value to @path; 0 or an errno */
static int sysfs_write(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	int err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, value, strlen(value)) != (ssize_t)strlen(value))
		err = errno ? errno : EIO;
	close(fd);
	return err;
}

int pci_bind_vfio(const char *address, char *why, size_t len)
{
	char path[PATH_MAX], target[PATH_MAX], drv[64], node[64];
	const char *group;
	struct timespec pause = { 0, 10000000 };
	int err, tries;
	ssize_t n;

	pci_driver_of(address, drv, sizeof(drv));
	if (strcmp(drv, "vfio-pci")) {
		snprintf(path, sizeof(path), PCI_DEVICES "/%s/driver_override",
			 address);
		err = sysfs_write(path, "vfio-pci");
		if (err) {
			snprintf(why, len, "%s: %s", path, strerror(err));
			return -1;
		}
		if (*drv) {
			snprintf(path, sizeof(path), PCI_DEVICES "/%s/driver/unbind",
				 address);
			err = sysfs_write(path, address);
			if (err) {
				snprintf(why, len, "cannot unbind it from %s: %s",
					 drv, strerror(err));
				return -1;
			}
		}
		err = sysfs_write("/sys/bus/pci/drivers_probe", address);
		pci_driver_of(address, drv, sizeof(drv));
		if (strcmp(drv, "vfio-pci")) {
			snprintf(why, len, "vfio-pci does not take it (%s): is the IOMMU on (intel_iommu=on)?",
				 err ? strerror(err) : "not bound");
			return -1;
		}
	}
	snprintf(path, sizeof(path), PCI_DEVICES "/%s/iommu_group", address);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0) {
		snprintf(why, len, "it has no IOMMU group");
		return -1;
	}
	target[n] = '\0';
	group = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	snprintf(node, sizeof(node), "/dev/vfio/%.32s", group);
	/* (made by devtmpfs as vfio-pci binds; udev may still be at it) */
	for (tries = 0; access(node, F_OK) && tries < 100; tries++)
		nanosleep(&pause, NULL);
	if (access(node, F_OK)) {
		snprintf(why, len, "%s: %s", node, strerror(errno));
		return -1;
	}
	return 0;
}

void pci_release_vfio(const char *address)
{
	char path[PATH_MAX], drv[64];

	snprintf(path, sizeof(path), PCI_DEVICES "/%s/driver_override", address);
	sysfs_write(path, "\n");
	pci_driver_of(address, drv, sizeof(drv));
	if (!strcmp(drv, "vfio-pci")) {
		snprintf(path, sizeof(path), PCI_DEVICES "/%s/driver/unbind",
			 address);
		sysfs_write(path, address);
	}
	/* (no driver may want it: not an error) */
	sysfs_write("/sys/bus/pci/drivers_probe", address);
}

int pci_load_modules(void)
{
	static const char *const mods[][2] = {
		{ "vfio_pci", "vfio-pci" },
		{ "vfio_iommu_type1", "vfio_iommu_type1" },
		{ "cuse", "cuse" },
	};
	char path[64];
	unsigned int i;
	int failed = 0;

	for (i = 0; i < ARRAY_SIZE(mods); i++) {
		const char *const argv[] = { "modprobe", "-q", mods[i][1], NULL };

		snprintf(path, sizeof(path), "/sys/module/%s", mods[i][0]);
		if (!access(path, F_OK))
			continue;
		if (run_program(argv)) {
			pr_error(NULL, "modprobe %s failed: the drivers need it",
				 mods[i][1]);
			failed++;
		}
	}
	return failed;
}
