// SPDX-License-Identifier: GPL-2.0
/*
 * udrvd: the manager of user-space drivers (udrvd(8)).
 *
 *	udrvd [OPTIONS] run		the daemon, in the foreground
 *	udrvd [OPTIONS] check		the configuration, and what it selects
 *	udrvd [OPTIONS] status		the daemon's instances
 *	udrvd [OPTIONS] start|stop|restart ADDRESS...|all
 *	udrvd [OPTIONS] reload
 */
#include <getopt.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "udrvd.h"
#include "version.h"

static void usage(FILE *f)
{
	fputs(
"Usage: udrvd [OPTIONS] COMMAND [ARGS]\n"
"Run user-space drivers (udrv(7)) as supervised processes, one per PCI\n"
"function, as udrv.conf(5) says.\n"
"\n"
"Commands:\n"
"  run           the daemon: bind the selected functions to vfio-pci,\n"
"                start and watch their drivers; in the foreground\n"
"  check         check the configuration and print what it selects\n"
"  status        the daemon's instances, their state and last exit\n"
"  start ADDRESS...|all    start instances stopped or failed\n"
"  stop ADDRESS...|all     stop them (SIGTERM), no restart\n"
"  restart ADDRESS...|all  stop and start them again\n"
"  reload        read the configuration again (as SIGHUP does)\n"
"\n"
"Options:\n"
"  -c, --config FILE  the main file (" UDRVD_CONFIG ")\n"
"  -d, --config-dir DIR  the directory of *.conf files read after it\n"
"                (" UDRVD_CONFIG_DIR ")\n"
"  -s, --socket PATH  the daemon's control socket (" UDRVD_SOCKET ")\n"
"  -h, --help    this help\n"
"  --version     print the version\n"
"\n"
"Exit status: 0 if done, 1 on error, 2 on bad usage.\n", f);
}

static int check(const char *config, const char *dir)
{
	struct config cfg;
	struct func *funcs;
	char drv[64];
	int i, n, errors;

	errors = config_read(&cfg, config, dir);
	if (errors) {
		config_free(&cfg);
		return 1;
	}
	if (cfg.group && !getgrnam(cfg.group)) {
		pr_error(NULL, "group %s: no such group", cfg.group);
		config_free(&cfg);
		return 1;
	}
	n = pci_select(&cfg, &funcs);
	if (n < 0) {
		config_free(&cfg);
		return 1;
	}
	printf("heartbeat %ums %ums, hang-timeout %ums, start-timeout %ums, stop-timeout %ums, backoff %ums %ums, group %s\n",
	       cfg.interval_ms, cfg.timeout_ms, cfg.hang_ms, cfg.start_ms,
	       cfg.stop_ms, cfg.backoff_ms, cfg.backoff_max_ms,
	       cfg.group ? cfg.group : "(root only)");
	for (i = 0; i < n; i++) {
		char **p;

		pci_driver_of(funcs[i].address, drv, sizeof(drv));
		printf("%s %04x:%04x %s instance %u", funcs[i].address,
		       funcs[i].vendor, funcs[i].device, funcs[i].rule->program,
		       funcs[i].instance);
		for (p = funcs[i].rule->params; *p; p++)
			printf(" %s", *p);
		printf(" (%s; now %s)\n", funcs[i].rule->where,
		       *drv ? drv : "no driver");
		if (access(funcs[i].rule->program, X_OK))
			pr_warning(funcs[i].rule->where, "%s: cannot be run",
				   funcs[i].rule->program);
	}
	if (!n)
		printf("no PCI function selected\n");
	free(funcs);
	config_free(&cfg);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "config-dir", required_argument, NULL, 'd' },
		{ "socket", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = UDRVD_CONFIG, *dir = UDRVD_CONFIG_DIR;
	const char *sock = UDRVD_SOCKET, *cmd;
	int opt, nargs;

	progname = "udrvd";
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:c:d:s:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config = optarg;
			break;
		case 'd':
			dir = optarg;
			break;
		case 's':
			sock = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("udrvd (modstub) %s\n", MODSTUB_VERSION);
			return 0;
		default:
			usage_error_getopt(opt, argv, NULL);
		}
	}
	if (optind >= argc)
		usage_error("no command given (run, check, status, start, stop, restart, reload)");
	cmd = argv[optind];
	nargs = argc - optind - 1;
	if (!strcmp(cmd, "run") || !strcmp(cmd, "check")) {
		if (nargs)
			usage_error("%s: takes no argument", cmd);
		return cmd[0] == 'r' ? supervise(config, dir, sock) :
				       check(config, dir);
	}
	if (!strcmp(cmd, "status") || !strcmp(cmd, "reload")) {
		if (nargs)
			usage_error("%s: takes no argument", cmd);
	} else if (!strcmp(cmd, "start") || !strcmp(cmd, "stop") ||
		   !strcmp(cmd, "restart")) {
		if (!nargs)
			usage_error("%s: needs PCI addresses, or all", cmd);
	} else {
		usage_error("unknown command '%s' (run, check, status, start, stop, restart, reload)",
			    cmd);
	}
	return control_call(sock, argv + optind, nargs + 1);
}
