// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for udrvd's reader of udrv.conf (udrvd/config.c).
 *
 * Each input is the text of a configuration file, read by config_read()
 * from a memfd as the daemon reads /etc/modstub/udrv.conf; its errors are
 * formatted as usual, into /dev/null.  The configuration it yields must
 * hold together (every rule with an absolute program, its parameters
 * PARAM=VALUE, the timeouts within the directives' bounds), and is freed
 * after each input, so that a leak is reported too.  Seeds: fuzz/udrvd/
 * and the configurations of testsuite/udrvd.sh; see testsuite/fuzz.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "udrvd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fd = -1;
static char path[32];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct rule *ru;
	char **p;

	if (fd < 0) {
		msg_out = fopen("/dev/null", "w");
		progname = "udrvd";
		fd = memfd_create("udrv.conf", 0);
		if (!msg_out || fd < 0)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	if (!config_read(&cfg, path, NULL)) {
		for (ru = cfg.rules; ru; ru = ru->next) {
			if (ru->program[0] != '/' || !ru->where)
				abort();
			for (p = ru->params; *p; p++) {
				if (!strchr(*p, '=') || **p == '=' || **p == '-')
					abort();
			}
		}
		if (cfg.backoff_max_ms < cfg.backoff_ms || cfg.hang_ms < 100 ||
		    cfg.timeout_ms < cfg.interval_ms)
			abort();
	}
	config_free(&cfg);
	return 0;
}
