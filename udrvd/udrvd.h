/* SPDX-License-Identifier: GPL-2.0 */
/*
 * udrvd: the manager of user-space drivers (udrvd(8), udrv.conf(5)).
 * A file per stage:
 *
 *   main.c       the command line: the daemon (run), check, and the
 *                client's commands
 *   config.c     udrv.conf and the .conf files of udrv.d: the rules
 *   pci.c        the PCI functions the rules select, and binding them
 *                to vfio-pci
 *   supervise.c  the daemon: one process per function, its heartbeat,
 *                restarts with backoff, the event loop
 *   control.c    the control socket, both ends
 */
#ifndef UDRVD_H
#define UDRVD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "msg.h"
#include "util.h"

#include <modstub/vocab.h>

#define UDRVD_CONFIG		MODSTUB_UDRV_CONFIG
#define UDRVD_CONFIG_DIR	MODSTUB_UDRV_CONFIG_DIR
#define UDRVD_SOCKET		MODSTUB_UDRVD_SOCKET
#define UDRVD_CMD_MAX		256	/* a command to the socket */

/* A rule: which functions run which program */
struct rule {
	char *where;			/* file:line, for messages */
	bool by_address;		/* else by vendor:device */
	char address[16];		/* 0000:00:03.0 */
	unsigned int vendor, device;
	char *program;			/* absolute */
	char **params;			/* NULL-terminated PARAM=VALUE */
	struct rule *next;
};

struct config {
	struct rule *rules;		/* in the order read */
	char *group;			/* may use the commands, or NULL */
	unsigned int interval_ms;	/* of the heartbeat */
	unsigned int timeout_ms;	/* for its answer */
	unsigned int hang_ms;		/* --hang-timeout of the drivers */
	unsigned int start_ms;		/* from the start to "ready" */
	unsigned int stop_ms;		/* from SIGTERM to SIGKILL */
	unsigned int backoff_ms;	/* the first delay of a restart */
	unsigned int backoff_max_ms;	/* the longest */
};

/*
 * Read @file (absent is fine if @dir has rules) and @dir's *.conf in
 * order of name into @cfg.  Returns the number of errors, each printed
 * as file:line: error: ...
 */
int config_read(struct config *cfg, const char *file, const char *dir);
void config_free(struct config *cfg);

/* The PCI function a rule selects */
struct func {
	char address[16];
	unsigned int vendor, device;
	const struct rule *rule;
	unsigned int instance;		/* among those of its program */
};

/*
 * The functions of the running system that @cfg's rules select, in order
 * of address: a rule by address wins over one by ID.  Returns how many,
 * *@funcs to free(); -1 after an error.
 */
int pci_select(const struct config *cfg, struct func **funcs);
/* The driver @address is bound to into @buf ("" for none) */
void pci_driver_of(const char *address, char *buf, size_t len);
/*
 * Bind @address to vfio-pci (driver_override, unbind, drivers_probe) and
 * check that its VFIO group is there.  Returns 0, or -1 with the reason
 * in @why.
 */
int pci_bind_vfio(const char *address, char *why, size_t len);
/*
 * Give @address back to the kernel: no driver_override, unbound from
 * vfio-pci, probed by whichever driver of the kernel takes it.
 */
void pci_release_vfio(const char *address);
/* modprobe the modules the drivers need; the number that failed */
int pci_load_modules(void);

/* The daemon; returns its exit status */
int supervise(const char *config, const char *config_dir, const char *sock);

/* control.c: the daemon's end */
int control_listen(const char *path, const char *group);
void control_close(int fd, const char *path);
/*
 * Take one client of the listening @fd, read its command and run it with
 * @run, which writes the reply into @out and returns 0 (done) or -1 (an
 * error, the first line of @out saying what).  Only root and the members
 * of @group may run commands other than "status".
 */
void control_serve(int fd, const char *group,
		   int (*run)(char **argv, int argc, struct buf *out));
/* The client: send @argv as one command to @path; returns the exit status */
int control_call(const char *path, char **argv, int argc);

/* Durations: "250ms", "3s", "1m" or milliseconds; false if not one */
bool parse_duration(const char *s, unsigned int *ms);

#endif
