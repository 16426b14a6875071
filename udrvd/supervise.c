// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon: one process per selected PCI function, supervised.
 *
 * An instance starts its program as
 *
 *	PROGRAM --instance N --heartbeat 3 --hang-timeout MS ADDRESS PARAMS...
 *
 * in a process group of its own, fd 3 one end of a SOCK_SEQPACKET pair
 * (udrv/heartbeat.c).  It is starting until the process says "ready",
 * then running: every interval it is sent "ping" and must answer in
 * time with "ok".  A process that exits or is killed when it was not
 * asked to stop, says it is hung, does not answer, or is not ready in
 * time (the last three are killed with SIGKILL) has failed: it is
 * started again after a delay that starts at the first backoff and
 * doubles with each failure in a row up to the maximum, where it stays;
 * a process that served for at least the maximum before it failed starts
 * a new row.  An instance whose program could not run (exit status 127)
 * or took its command line for bad (2) is not restarted until the
 * configuration is reloaded: it would only fail again.
 *
 * Everything happens in one thread, around poll(): signals through a
 * signalfd (SIGCHLD; SIGTERM and SIGINT stop everything and end the
 * daemon; SIGHUP reloads), the control socket, the heartbeats, and the
 * deadlines of the instances.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "udrvd.h"

enum inst_state {
	IS_STARTING,			/* until "ready" */
	IS_RUNNING,
	IS_STOPPING,			/* SIGTERM sent, as asked */
	IS_BACKOFF,			/* failed: to start at the deadline */
	IS_STOPPED,			/* as asked */
	IS_FAILED,			/* not restarted until a reload */
};

static const char *const state_names[] = {
	[IS_STARTING] = "starting", [IS_RUNNING] = "running",
	[IS_STOPPING] = "stopping", [IS_BACKOFF] = "backoff",
	[IS_STOPPED] = "stopped", [IS_FAILED] = "failed",
};

struct inst {
	char address[16];
	unsigned int instance;
	char *program, **params;	/* copies of the rule's */
	enum inst_state state;
	pid_t pid;			/* 0 when there is no process */
	int hb;				/* the heartbeat, or -1 */
	bool awaiting;			/* an answer to a ping */
	bool killed;			/* SIGKILL sent */
	bool then_start;		/* after the stop */
	bool then_remove;		/* after the stop: no rule any more */
	uint64_t started, ready_at, ping_at, next_ping;
	uint64_t deadline;		/* of the state */
	uint64_t failed_at;		/* 0, or when the last failure was seen */
	unsigned int failures;		/* in a row */
	unsigned int restarts;		/* after failures, in all */
	char reason[200];		/* why the daemon killed it */
	char last[400];			/* how the last process ended */
	struct inst *next;
};

static struct {
	const char *config, *config_dir;
	struct config cfg;
	struct inst *insts;
	bool shutting_down;
} d;

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *base(const char *path)
{
	return strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
}

/* What the daemon did: "udrvd: ADDRESS: MESSAGE", to the journal */
static void PRINTF(2, 3) say(const struct inst *in, const char *fmt, ...)
{
	va_list ap;
	char *text;
	int n;

	/* (one fprintf, one write: the drivers write to the same stderr) */
	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	fprintf(stderr, "%s: %s: %s\n", progname, in->address, text);
	free(text);
}

static void free_params(char **params)
{
	char **p;

	for (p = params; p && *p; p++)
		free(*p);
	free(params);
}

static char **copy_params(char *const *params)
{
	size_t n = 0, i;
	char **c;

	while (params[n])
		n++;
	c = xcalloc(n + 1, sizeof(*c));
	for (i = 0; i < n; i++)
		c[i] = xstrdup(params[i]);
	return c;
}

static bool same_params(char *const *a, char *const *b)
{
	for (; *a && *b; a++, b++) {
		if (strcmp(*a, *b))
			return false;
	}
	return !*a && !*b;
}

static void sd_notify_ready(void)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (!path || (path[0] != '/' && path[0] != '@') ||
	    strlen(path) >= sizeof(sa.sun_path))
		return;
	strcpy(sa.sun_path, path);
	if (path[0] == '@')
		sa.sun_path[0] = '\0';
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	sendto(fd, "READY=1", 7, MSG_NOSIGNAL, (struct sockaddr *)&sa,
	       offsetof(struct sockaddr_un, sun_path) + strlen(path));
	close(fd);
}

/* The child's side of a start: never returns */
static void NORETURN exec_driver(struct inst *in, int hb)
{
	char inst[16], hang[16];
	const char **argv;
	sigset_t none;
	size_t n = 0, i = 0;
	int null;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);	/* (the daemon's ignoring is not its) */
	setpgid(0, 0);
	null = open("/dev/null", O_RDONLY);
	if (null >= 0 && null != 0) {
		dup2(null, 0);
		close(null);
	}
	/* fd 3, without FD_CLOEXEC */
	if (hb == 3)
		fcntl(3, F_SETFD, 0);
	else if (dup2(hb, 3) < 0)
		_exit(127);
	while (in->params[n])
		n++;
	argv = xcalloc(n + 10, sizeof(*argv));
	snprintf(inst, sizeof(inst), "%u", in->instance);
	snprintf(hang, sizeof(hang), "%u", d.cfg.hang_ms);
	argv[i++] = in->program;
	argv[i++] = "--instance";
	argv[i++] = inst;
	argv[i++] = "--heartbeat";
	argv[i++] = "3";
	argv[i++] = "--hang-timeout";
	argv[i++] = hang;
	argv[i++] = in->address;
	for (n = 0; in->params[n]; n++)
		argv[i++] = in->params[n];
	execv(in->program, (char *const *)argv);
	fprintf(stderr, "%s: %s: cannot run %s: %s\n", progname, in->address,
		in->program, strerror(errno));
	_exit(127);
}

static void failed(struct inst *in, const char *why);

static void start(struct inst *in)
{
	char why[300];
	int sv[2];
	pid_t pid;

	in->reason[0] = '\0';
	in->killed = false;
	in->then_start = false;
	if (pci_bind_vfio(in->address, why, sizeof(why))) {
		snprintf(in->last, sizeof(in->last), "not started: %.200s", why);
		failed(in, in->last);
		return;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv)) {
		snprintf(in->last, sizeof(in->last), "not started: socketpair: %s",
			 strerror(errno));
		failed(in, in->last);
		return;
	}
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		snprintf(in->last, sizeof(in->last), "not started: fork: %s",
			 strerror(errno));
		failed(in, in->last);
		return;
	}
	if (!pid)
		exec_driver(in, sv[1]);
	close(sv[1]);
	in->pid = pid;
	in->hb = sv[0];
	in->state = IS_STARTING;
	in->awaiting = false;
	in->started = now_ms();
	in->deadline = in->started + d.cfg.start_ms;
	say(in, "started %s (pid %d) as instance %u", base(in->program), pid,
	    in->instance);
}

/* A start that is not a restart after a failure: a new row of failures */
static void start_anew(struct inst *in)
{
	in->failures = 0;
	in->failed_at = 0;
	start(in);
}

/* SIGKILL for @why, once; the failure is seen when it is reaped */
static void kill_hard(struct inst *in, const char *why)
{
	if (in->killed || !in->pid)
		return;
	snprintf(in->reason, sizeof(in->reason), "%s", why);
	say(in, "%s (pid %d): %s: killing it", base(in->program), in->pid, why);
	kill(in->pid, SIGKILL);
	in->killed = true;
}

/* Asked to stop: SIGTERM, and SIGKILL after the stop timeout */
static void stop(struct inst *in)
{
	if (!in->pid) {
		if (in->state != IS_FAILED || in->then_remove)
			in->state = IS_STOPPED;
		return;
	}
	if (in->state == IS_STOPPING)
		return;
	kill(in->pid, SIGTERM);
	in->state = IS_STOPPING;
	in->deadline = now_ms() + d.cfg.stop_ms;
}

static void failed(struct inst *in, const char *why)
{
	uint64_t now = now_ms();
	unsigned int delay, i;

	if (in->ready_at && now - in->ready_at >= d.cfg.backoff_max_ms)
		in->failures = 0;	/* it served well: a new row */
	in->ready_at = 0;
	in->failed_at = now;
	in->failures++;
	delay = d.cfg.backoff_ms;
	for (i = 1; i < in->failures && delay < d.cfg.backoff_max_ms; i++)
		delay = delay > d.cfg.backoff_max_ms / 2 ? d.cfg.backoff_max_ms :
							   delay * 2;
	in->state = IS_BACKOFF;
	in->deadline = now + delay;
	say(in, "%s; restarting in %u ms (failure %u in a row)", why, delay,
	    in->failures);
}

/* How the process of @in ended, from waitpid()'s @status */
static void reaped(struct inst *in, int status)
{
	char how[120];
	bool bad_setup = false;

	if (WIFEXITED(status)) {
		snprintf(how, sizeof(how), "exited with status %d",
			 WEXITSTATUS(status));
		bad_setup = WEXITSTATUS(status) == 2 || WEXITSTATUS(status) == 127;
	} else {
		snprintf(how, sizeof(how), "killed by signal %d (%s)%s",
			 WTERMSIG(status), strsignal(WTERMSIG(status)),
			 WCOREDUMP(status) ? ", core dumped" : "");
	}
	snprintf(in->last, sizeof(in->last), "%.64s (pid %d) %.100s%s%.200s",
		 base(in->program), in->pid, how, in->reason[0] ? ": " : "",
		 in->reason);
	in->pid = 0;
	if (in->hb >= 0)
		close(in->hb);
	in->hb = -1;

	if (in->state == IS_STOPPING) {
		say(in, "%s, as asked", in->last);
		in->state = IS_STOPPED;
		if (in->then_start && !d.shutting_down)
			start_anew(in);
		return;
	}
	if (d.shutting_down) {
		say(in, "%s", in->last);
		in->state = IS_STOPPED;
		return;
	}
	if (bad_setup && !in->reason[0]) {
		in->state = IS_FAILED;
		in->ready_at = 0;
		say(in, "%s: not restarted (a bad command line or program: fix the configuration and reload)",
		    in->last);
		return;
	}
	failed(in, in->last);
}

static void reap(void)
{
	struct inst *in;
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (in = d.insts; in && in->pid != pid; in = in->next)
			;
		if (in)
			reaped(in, status);
	}
}

static void heartbeat(struct inst *in)
{
	char msg[512];
	ssize_t n;
	uint64_t now = now_ms();

	n = recv(in->hb, msg, sizeof(msg) - 1, MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		/*
		 * Closed as the process ends, and waitpid() will tell; or by
		 * a process that lives on, which then answers no more pings:
		 * the heartbeat's timeout runs from now.
		 */
		close(in->hb);
		in->hb = -1;
		if (!in->awaiting) {
			in->awaiting = true;
			in->ping_at = now;
		}
		return;
	}
	msg[n] = '\0';
	if (!strcmp(msg, "ready") && in->state == IS_STARTING) {
		in->state = IS_RUNNING;
		in->ready_at = now;
		in->next_ping = now + d.cfg.interval_ms;
		if (in->failed_at)
			say(in, "%s (pid %d) ready in %llu ms; restarted %llu ms after the failure",
			    base(in->program), in->pid,
			    (unsigned long long)(now - in->started),
			    (unsigned long long)(now - in->failed_at));
		else
			say(in, "%s (pid %d) ready in %llu ms", base(in->program),
			    in->pid, (unsigned long long)(now - in->started));
		in->failed_at = 0;
	} else if (!strcmp(msg, "ok")) {
		in->awaiting = false;
	} else if (!strncmp(msg, "hung ", 5)) {
		char why[sizeof(in->reason)];

		snprintf(why, sizeof(why), "hung: %.190s", msg + 5);
		kill_hard(in, why);
	}
}

/* Kills @in if its deadline has passed: @what did not happen in @ms */
static void overdue(struct inst *in, uint64_t now, const char *what,
		    unsigned int ms)
{
	char why[100];

	if (now < in->deadline || in->killed)
		return;
	snprintf(why, sizeof(why), "%s in %u ms", what, ms);
	kill_hard(in, why);
}

/* The heartbeat of a running instance: a ping due, an answer overdue */
static void beat(struct inst *in, uint64_t now)
{
	if (in->awaiting) {
		in->deadline = in->ping_at + d.cfg.timeout_ms;
		overdue(in, now, "no answer to the heartbeat", d.cfg.timeout_ms);
		return;
	}
	if (now >= in->next_ping && in->hb >= 0) {
		if (send(in->hb, "ping", 4, MSG_DONTWAIT | MSG_NOSIGNAL) == 4) {
			in->awaiting = true;
			in->ping_at = now;
		}
		in->next_ping = now + d.cfg.interval_ms;
	}
	in->deadline = in->awaiting ? in->ping_at + d.cfg.timeout_ms :
				      in->next_ping;
}

/* The deadlines that have passed; the time to the next one (-1: none) */
static int deadlines(void)
{
	uint64_t now = now_ms(), next = UINT64_MAX;
	struct inst *in;

	for (in = d.insts; in; in = in->next) {
		switch (in->state) {
		case IS_STARTING:
			overdue(in, now, "not ready", d.cfg.start_ms);
			break;
		case IS_RUNNING:
			beat(in, now);
			break;
		case IS_STOPPING:
			overdue(in, now, "did not stop", d.cfg.stop_ms);
			break;
		case IS_BACKOFF:
			if (now >= in->deadline && !d.shutting_down) {
				in->restarts++;
				start(in);
			}
			break;
		case IS_STOPPED:
		case IS_FAILED:
			continue;
		}
		if (!in->killed && next > in->deadline)
			next = in->deadline;
	}
	if (next == UINT64_MAX)
		return -1;
	now = now_ms();
	return next <= now ? 0 : next - now > 60000 ? 60000 : (int)(next - now);
}

static void inst_free(struct inst *in)
{
	free(in->program);
	free_params(in->params);
	free(in);
}

static void remove_stopped(void)
{
	struct inst **pp = &d.insts, *in;

	while ((in = *pp)) {
		if (in->then_remove && !in->pid) {
			char drv[64];

			pci_release_vfio(in->address);
			pci_driver_of(in->address, drv, sizeof(drv));
			say(in, "no rule selects it any more: given back to the kernel (driver: %s)",
			    *drv ? drv : "none");
			*pp = in->next;
			inst_free(in);
		} else {
			pp = &in->next;
		}
	}
}

/*
 * Put the configuration @cfg (read, without errors; the daemon's from
 * now on, or freed) in force with the functions it selects: instances for
 * new ones, restarted where their rule changed, stopped and removed where
 * none selects them any more.  An error keeps the old one in force.
 */
static int load(struct config *cfg, struct buf *out)
{
	struct func *funcs;
	struct inst *in, **tail;
	int n, i;

	n = pci_select(cfg, &funcs);
	if (n < 0) {
		config_free(cfg);
		buf_printf(out, "error cannot list the PCI functions\n");
		return -1;
	}
	config_free(&d.cfg);
	d.cfg = *cfg;
	if (n)
		pci_load_modules();
	for (in = d.insts; in; in = in->next) {
		for (i = 0; i < n && strcmp(funcs[i].address, in->address); i++)
			;
		if (i == n) {
			in->then_remove = true;
			in->then_start = false;
			stop(in);
		}
	}
	for (i = 0; i < n; i++) {
		const struct func *f = &funcs[i];

		tail = &d.insts;
		for (in = d.insts; in && strcmp(in->address, f->address);
		     in = in->next)
			tail = &in->next;
		if (in && !strcmp(in->program, f->rule->program) &&
		    same_params(in->params, f->rule->params) &&
		    in->instance == f->instance) {
			if (in->state == IS_FAILED)
				start_anew(in);
			continue;
		}
		if (!in) {
			in = xcalloc(1, sizeof(*in));
			snprintf(in->address, sizeof(in->address), "%s", f->address);
			in->hb = -1;
			in->state = IS_STOPPED;
			in->then_start = true;
			*tail = in;
		} else {
			free(in->program);
			free_params(in->params);
			say(in, "its rule changed (%s)", f->rule->where);
			in->then_start = in->state != IS_STOPPED ||
					 in->then_start;
		}
		in->program = xstrdup(f->rule->program);
		in->params = copy_params(f->rule->params);
		in->instance = f->instance;
		if (!in->then_start)
			continue;
		if (in->pid) {
			stop(in);
			in->then_start = true;
		} else {
			start_anew(in);
		}
	}
	free(funcs);
	remove_stopped();
	buf_printf(out, "ok\n");
	return 0;
}

static int reload(struct buf *out)
{
	struct config cfg;

	fprintf(stderr, "%s: reloading %s and %s\n", progname, d.config,
		d.config_dir);
	if (config_read(&cfg, d.config, d.config_dir)) {
		config_free(&cfg);
		buf_printf(out, "error the configuration has errors (see the daemon's log): not reloaded\n");
		return -1;
	}
	return load(&cfg, out);
}

static struct inst *find(const char *address)
{
	struct inst *in;
	char full[32];

	snprintf(full, sizeof(full), "%s%s", strlen(address) == 7 ? "0000:" : "",
		 address);
	for (in = d.insts; in; in = in->next) {
		if (!strcasecmp(in->address, full))
			return in;
	}
	return NULL;
}

static void status(struct buf *out)
{
	uint64_t now = now_ms();
	struct inst *in;

	buf_printf(out, "ok\n%-13s %-16s %4s %-8s %7s %8s %7s  %s\n", "ADDRESS",
		   "PROGRAM", "INST", "STATE", "PID", "RESTARTS", "UP", "LAST");
	for (in = d.insts; in; in = in->next) {
		char up[24] = "-";

		if (in->state == IS_RUNNING)
			snprintf(up, sizeof(up), "%llus",
				 (unsigned long long)(now - in->ready_at) / 1000);
		buf_printf(out, "%-13s %-16s %4u %-8s %7d %8u %7s  %s\n",
			   in->address, base(in->program), in->instance,
			   state_names[in->state], in->pid, in->restarts, up,
			   in->last[0] ? in->last : "-");
	}
}

static int command(char **argv, int argc, struct buf *out)
{
	struct inst *in;
	bool all;
	int i;

	if (!strcmp(argv[0], "status") && argc == 1) {
		status(out);
		return 0;
	}
	if (!strcmp(argv[0], "reload") && argc == 1)
		return reload(out);
	if (strcmp(argv[0], "start") && strcmp(argv[0], "stop") &&
	    strcmp(argv[0], "restart")) {
		buf_printf(out, "error unknown command '%s'\n", argv[0]);
		return -1;
	}
	if (argc < 2) {
		buf_printf(out, "error '%s' needs PCI addresses, or all\n", argv[0]);
		return -1;
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "all") && !find(argv[i])) {
			buf_printf(out, "error %s: no rule selects it\n", argv[i]);
			return -1;
		}
	}
	for (i = 1; i < argc; i++) {
		all = !strcmp(argv[i], "all");
		for (in = all ? d.insts : find(argv[i]); in;
		     in = all ? in->next : NULL) {
			if (in->then_remove)
				continue;
			say(in, "%s, as asked", argv[0]);
			if (!strcmp(argv[0], "stop")) {
				in->then_start = false;
				stop(in);
			} else if (in->pid && argv[0][0] == 'r') {
				stop(in);
				in->then_start = true;
			} else if (!in->pid) {
				start_anew(in);
			} else if (in->state == IS_STOPPING) {
				in->then_start = true;
			}
		}
	}
	buf_printf(out, "ok\n");
	return 0;
}

int supervise(const char *config, const char *config_dir, const char *sock)
{
	struct pollfd *fds = NULL;
	struct signalfd_siginfo si;
	struct config cfg;
	struct buf out;
	struct inst *in;
	sigset_t mask;
	int sfd, lfd, n, nfds, timeout;

	d.config = config;
	d.config_dir = config_dir;
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN);
	sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0)
		die("signalfd: %s", strerror(errno));
	if (config_read(&cfg, config, config_dir)) {
		pr_error(NULL, "the configuration has errors: not started");
		config_free(&cfg);
		return 1;
	}
	lfd = control_listen(sock, cfg.group);
	if (lfd < 0) {
		config_free(&cfg);
		return 1;
	}
	buf_init(&out);
	if (load(&cfg, &out)) {
		control_close(lfd, sock);
		buf_free(&out);
		return 1;
	}
	if (!d.insts)
		fprintf(stderr, "%s: no PCI function is selected by %s or %s\n",
			progname, config, config_dir);
	sd_notify_ready();

	for (;;) {
		timeout = deadlines();
		remove_stopped();
		if (d.shutting_down) {
			for (in = d.insts; in && !in->pid; in = in->next)
				;
			if (!in)
				break;
		}
		nfds = 2;
		for (in = d.insts; in; in = in->next)
			nfds += in->hb >= 0;
		fds = xrealloc(fds, nfds * sizeof(*fds));
		fds[0] = (struct pollfd){ .fd = sfd, .events = POLLIN };
		fds[1] = (struct pollfd){ .fd = lfd, .events = POLLIN };
		n = 2;
		for (in = d.insts; in; in = in->next) {
			if (in->hb >= 0)
				fds[n++] = (struct pollfd){ .fd = in->hb,
							    .events = POLLIN };
		}
		if (poll(fds, nfds, timeout) < 0) {
			if (errno == EINTR)
				continue;
			die("poll: %s", strerror(errno));
		}
		if (fds[0].revents) {
			while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
				if (si.ssi_signo == SIGHUP) {
					buf_reset(&out);
					reload(&out);
				} else if (si.ssi_signo != SIGCHLD &&
					   !d.shutting_down) {
					fprintf(stderr, "%s: %s: stopping every driver\n",
						progname, strsignal(si.ssi_signo));
					d.shutting_down = true;
					for (in = d.insts; in; in = in->next)
						stop(in);
				}
			}
			reap();
		}
		if (fds[1].revents)
			control_serve(lfd, d.cfg.group, command);
		/* (an instance may be gone: look each fd up again) */
		for (n = 2; n < nfds; n++) {
			if (!fds[n].revents)
				continue;
			for (in = d.insts; in && in->hb != fds[n].fd; in = in->next)
				;
			if (in)
				heartbeat(in);
		}
	}
	free(fds);
	buf_free(&out);
	control_close(lfd, sock);
	fprintf(stderr, "%s: every driver stopped\n", progname);
	while ((in = d.insts)) {
		d.insts = in->next;
		inst_free(in);
	}
	config_free(&d.cfg);
	close(sfd);
	return 0;
}
