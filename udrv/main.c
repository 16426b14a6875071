// SPDX-License-Identifier: GPL-2.0
/*
 * The process of a user-space driver:
 *
 *   NAME [--instance N] [--debug] [--heartbeat FD [--hang-timeout MS]]
 *        PCI-ADDRESS [PARAM=VALUE]...
 *
 * takes the PCI function through VFIO, sets the module parameters, runs
 * the driver's module_init() (whose pci_register_driver() probes the
 * function), and serves until SIGTERM, SIGINT or SIGHUP; then runs its
 * module_exit() and lets the function go.  Exit status: 0 after a stop,
 * 1 if the function cannot be taken or the driver's init fails, 2 for a
 * bad command line.  A driver that crashes kills only this process: the
 * kernel closes its VFIO and CUSE files, which resets the device and
 * removes /dev/NAME.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "msg.h"
#include "udrv.h"

struct udrv_options udrv_opt = {
	.heartbeat = -1,
	.hang_ms = 10000,
};
const char *udrv_progname = "udrv";
const char *udrv_driver_name;
struct module udrv_this_module;

static int (*init_fn)(void);
static void (*exit_fn)(void);

#define MAX_INFO	16
#define MAX_PARAMS	64

static struct {
	const char *tag, *value;
} infos[MAX_INFO];
static unsigned int ninfos;

static struct param {
	const char *name, *desc;
	enum udrv_param_type type;
	void *var;
} params[MAX_PARAMS];
static unsigned int nparams;

/* (from the driver's constructors, before main()) */
void udrv_set_init(int (*fn)(void))
{
	init_fn = fn;
}

void udrv_set_exit(void (*fn)(void))
{
	exit_fn = fn;
}

void udrv_set_info(const char *tag, const char *value)
{
	if (ninfos < MAX_INFO) {
		infos[ninfos].tag = tag;
		infos[ninfos++].value = value;
	}
}

void udrv_add_param(const char *name, enum udrv_param_type type, void *var)
{
	if (nparams == MAX_PARAMS) {
		fprintf(stderr, "udrv: more than %d module parameters\n", MAX_PARAMS);
		abort();
	}
	params[nparams].name = name;
	params[nparams].type = type;
	params[nparams++].var = var;
}

void udrv_param_desc(const char *name, const char *desc)
{
	unsigned int i;

	for (i = 0; i < nparams; i++) {
		if (!strcmp(params[i].name, name))
			params[i].desc = desc;
	}
}

static const char *info(const char *tag)
{
	unsigned int i;

	for (i = 0; i < ninfos; i++) {
		if (!strcmp(infos[i].tag, tag))
			return infos[i].value;
	}
	return NULL;
}

static const char *const type_names[] = {
	[UDRV_PARAM_bool] = "bool", [UDRV_PARAM_int] = "int",
	[UDRV_PARAM_uint] = "uint", [UDRV_PARAM_long] = "long",
	[UDRV_PARAM_ulong] = "ulong", [UDRV_PARAM_charp] = "charp",
};

/* NAME=VALUE, as the kernel parses module parameters; a usage error if bad */
static void set_param(const char *arg)
{
	const char *eq = strchr(arg, '=');
	const char *value = eq ? eq + 1 : NULL;
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	struct param *p = NULL;
	unsigned int i;
	char *end;
	long long v = 0;

	for (i = 0; i < nparams; i++) {
		if (strlen(params[i].name) == len &&
		    !strncmp(params[i].name, arg, len))
			p = &params[i];
	}
	if (!p)
		usage_error("unknown parameter '%.*s' (--help lists them)",
			    (int)len, arg);
	if (p->type == UDRV_PARAM_charp) {
		*(const char **)p->var = value ? value : "";
		return;
	}
	if (p->type == UDRV_PARAM_bool) {
		if (!value || !strcmp(value, "1") || !strcasecmp(value, "y") ||
		    !strcasecmp(value, "yes") || !strcasecmp(value, "true")) {
			*(bool *)p->var = true;
			return;
		}
		if (!strcmp(value, "0") || !strcasecmp(value, "n") ||
		    !strcasecmp(value, "no") || !strcasecmp(value, "false")) {
			*(bool *)p->var = false;
			return;
		}
		goto bad;
	}
	if (!value || !*value)
		goto bad;
	errno = 0;
	if (p->type == UDRV_PARAM_uint || p->type == UDRV_PARAM_ulong) {
		if (*value == '-')
			goto bad;
		v = (long long)strtoull(value, &end, 0);
	} else {
		v = strtoll(value, &end, 0);
	}
	if (errno || *end)
		goto bad;
	switch (p->type) {
	case UDRV_PARAM_int:
		if (v < INT_MIN || v > INT_MAX)
			goto bad;
		*(int *)p->var = v;
		break;
	case UDRV_PARAM_uint:
		if ((unsigned long long)v > UINT_MAX)
			goto bad;
		*(unsigned int *)p->var = v;
		break;
	case UDRV_PARAM_long:
		*(long *)p->var = v;
		break;
	default:
		*(unsigned long *)p->var = v;
		break;
	}
	return;
bad:
	usage_error("parameter %s: '%s' is not a %s", p->name,
		    value ? value : "", type_names[p->type]);
}

/* @s as a number of @min to @max into *@v; false if it is not one */
static bool number(const char *s, unsigned long min, unsigned long max,
		   unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 10);
	return !errno && !*end && *s && *s != '-' && *v >= min && *v <= max;
}

static void usage(FILE *f)
{
	const char *desc = info("description");
	unsigned int i;

	fprintf(f, "Usage: %s [--instance N] [--debug] [--heartbeat FD [--hang-timeout MS]]\n"
		"       %*s PCI-ADDRESS [PARAM=VALUE]...\n",
		udrv_progname, (int)strlen(udrv_progname), "");
	if (desc)
		fprintf(f, "%s\n", desc);
	fputs("\nThe driver, run as a process that serves one PCI function bound to\n"
	      "vfio-pci (PCI-ADDRESS: 0000:00:03.0), until SIGTERM, SIGINT or SIGHUP.\n\n"
	      "  --instance N  the first number the driver's IDAs give (the N of\n"
	      "                /dev/nameN); 0 by default\n"
	      "  --debug       print the driver's debug messages too\n"
	      "  --heartbeat FD  supervised by udrvd(8): say \"ready\" and answer\n"
	      "                its heartbeat on the SOCK_SEQPACKET socket FD\n"
	      "  --hang-timeout MS  a thread that runs the driver's code this long\n"
	      "                outside an interruptible wait is hung (10000)\n"
	      "  --help        print this help\n\n"
	      "Exit status: 0 after a stop, 1 if the device cannot be taken or\n"
	      "the driver fails to start, 2 for a bad command line.  See udrv(7).\n",
	      f);
	if (nparams)
		fputs("\nParameters:\n", f);
	for (i = 0; i < nparams; i++)
		fprintf(f, "  %s (%s)%s%s\n", params[i].name,
			type_names[params[i].type], params[i].desc ? ": " : "",
			params[i].desc ? params[i].desc : "");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "instance", required_argument, NULL, 'i' },
		{ "debug", no_argument, NULL, 'd' },
		{ "heartbeat", required_argument, NULL, 'b' },
		{ "hang-timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	sigset_t stop;
	unsigned long v;
	int opt, sig, err, i, type;
	socklen_t len = sizeof(type);

	udrv_progname = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	progname = udrv_progname;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:i:db:t:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'i':
			if (!number(optarg, 0, 1000000, &v))
				usage_error("--instance: '%s' is not a number of 0 to 1000000",
					    optarg);
			udrv_opt.instance = v;
			break;
		case 'd':
			udrv_opt.debug = true;
			break;
		case 'b':
			if (!number(optarg, 0, INT_MAX, &v) ||
			    getsockopt(v, SOL_SOCKET, SO_TYPE, &type, &len) ||
			    type != SOCK_SEQPACKET)
				usage_error("--heartbeat: '%s' is not the file descriptor of a SOCK_SEQPACKET socket",
					    optarg);
			udrv_opt.heartbeat = v;
			break;
		case 't':
			if (!number(optarg, 100, 3600000, &v))
				usage_error("--hang-timeout: '%s' is not a number of 100 to 3600000 (ms)",
					    optarg);
			udrv_opt.hang_ms = v;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage_error_getopt(opt, argv, NULL);
		}
	}
	if (optind >= argc)
		usage_error("no PCI address given");
	udrv_opt.address = argv[optind];
	for (i = optind + 1; i < argc; i++)
		set_param(argv[i]);
	if (!init_fn) {
		fprintf(stderr, "%s: the driver has no module_init()\n", udrv_progname);
		return 1;
	}
	udrv_this_module.name = udrv_progname;

	/* the stop signals are taken by sigwait(), here, only */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (udrv_pci_take(udrv_opt.address))
		return 1;
	err = init_fn();
	if (err) {
		udrv_err("%s: the driver's init failed with error %d",
			 udrv_opt.address, err);
		udrv_pci_release();
		return 1;
	}
	udrv_heartbeat_start();
	if (sigwait(&stop, &sig) == 0)
		printk(KERN_INFO "%s: %s: stopping\n", udrv_opt.address,
		       strsignal(sig));
	if (exit_fn)
		exit_fn();
	udrv_pci_release();
	return 0;
}
