// SPDX-License-Identifier: GPL-2.0
/*
 * modrun - run a module program (modrun(1)).
 *
 *	modrun [--] FILE.ko [ARG...]	run the program module FILE.ko
 *	modrun --pack FILE.ko -o OUT	make OUT, an executable that carries
 *					FILE.ko and runs it
 *	OUT [ARG...]			(a packed program) run it
 *
 * The launcher loads the module if it is not loaded (with init_module(2),
 * from memory), starts an instance of it through /dev/modrun with its
 * arguments, copies its own standard input to the instance and the
 * instance's output to its own standard output and error, forwards
 * SIGINT and SIGTERM, and exits with the instance's status.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <modstub/modrun.h>

#include "file.h"
#include "launcher.h"
#include "msg.h"
#include "version.h"

#define IMAGE_MAX	(512u << 20)	/* the largest module or executable */
#define IO_SIZE		(256u << 10)	/* bytes moved per read */
#define LOAD_WAIT_MS	5000		/* for a module coming or going */

/* The launcher's own failures: beside any status a program can have */
#define STATUS_LAUNCHER	255

static void NORETURN fail(const char *fmt, ...) PRINTF(1, 2);
static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(MSG_ERROR, NULL, NULL, fmt, ap);
	va_end(ap);
	exit(STATUS_LAUNCHER);
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* The module's state in /sys/module/NAME/initstate, or "" if it has none */
static void module_state(const char *name, char *state, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	state[0] = '\0';
	snprintf(path, sizeof(path), "/sys/module/%s/initstate", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, state, len - 1);
	close(fd);
	if (n <= 0)
		n = 0;
	state[n] = '\0';
	state[strcspn(state, "\n")] = '\0';
}

/*
 * Make sure module @name is live, loading it from @ko if it is not there.
 * Returns whether this call loaded it.
 */
static bool ensure_loaded(const struct image *ko, const char *name)
{
	char state[32];
	int waited = 0;

	for (;;) {
		module_state(name, state, sizeof(state));
		if (strcmp(state, "live") == 0)
			return false;
		if (!state[0]) {
			if (syscall(SYS_init_module, ko->data, ko->size, "") == 0)
				return true;
			if (errno != EEXIST)
				fail("cannot load module %s: %s%s", name,
				     strerror(errno),
				     errno == EPERM ? " (loading modules needs CAP_SYS_MODULE)" :
				     errno == ENOENT ? " (is modrun.ko loaded?)" :
				     " (see dmesg)");
		}
		/* coming, or going: wait for it to settle */
		if (waited >= LOAD_WAIT_MS)
			fail("module %s stays %s", name, state[0] ? state : "in flux");
		sleep_ms(10);
		waited += 10;
	}
}

/* /dev/modrun, loading modrun.ko first if it is not there */
static int open_device(void)
{
	int fd = open(MODRUN_DEVICE, O_RDWR | O_CLOEXEC);
	pid_t pid;
	int st;

	if (fd >= 0 || errno != ENOENT)
		goto out;
	pid = fork();
	if (pid < 0)
		fail("fork: %s", strerror(errno));
	if (pid == 0) {
		execlp("modprobe", "modprobe", "-q", "modrun", (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	fd = open(MODRUN_DEVICE, O_RDWR | O_CLOEXEC);
out:
	if (fd < 0)
		fail("cannot open %s: %s%s", MODRUN_DEVICE, strerror(errno),
		     errno == ENOENT ? " (modprobe modrun failed: is it installed?)" :
		     errno == EPERM || errno == EACCES ?
		     " (running module programs needs CAP_SYS_MODULE)" : "");
	return fd;
}

/* Start the instance: argv as one block of NUL-terminated strings */
static void start(int dev, const struct image *ko, const char *name,
		  int argc, char **argv)
{
	struct modrun_start st = { .size = sizeof(st) };
	size_t len = 0, off = 0;
	bool loaded = false;
	char *args;
	int i, waited = 0;

	if (argc > (int)MODRUN_ARGC_MAX)
		fail("%d arguments: at most %u", argc, MODRUN_ARGC_MAX);
	for (i = 0; i < argc; i++) {
		len += strlen(argv[i]) + 1;
		if (len > MODRUN_ARGS_MAX)
			fail("the arguments take more than %u bytes", MODRUN_ARGS_MAX);
	}
	args = xmalloc(len);
	for (i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;

		memcpy(args + off, argv[i], n);
		off += n;
	}
	strcpy(st.module, name);
	st.argc = argc;
	st.args_len = len;
	st.args = (uintptr_t)args;

	for (;;) {
		loaded |= ensure_loaded(ko, name);
		st.flags = loaded ? MODRUN_F_UNLOAD : 0;
		if (ioctl(dev, MODRUN_START, &st) == 0)
			break;
		/* not registered: coming, or going since we looked */
		if (errno != ENOENT || waited >= LOAD_WAIT_MS)
			fail("cannot start %s: %s%s", name, strerror(errno),
			     errno == ENOENT ? " (it is loaded but is no module program)" : "");
		sleep_ms(10);
		waited += 10;
	}
	free(args);
}

/* Write all of @data to @fd (stdout or stderr), waiting when it is full */
static int write_all(int fd, const unsigned char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			struct pollfd p = { fd, POLLOUT, 0 };

			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				return -errno;
			poll(&p, 1, -1);
			continue;
		}
		data += n;
		len -= n;
	}
	return 0;
}

/*
 * Copy the instance's output frames in @buf (@len bytes) out; returns 1
 * when the exit frame came (*@status), -errno on a write error.
 */
static int put_frames(const unsigned char *buf, size_t len, int *status)
{
	size_t off = 0;

	while (off < len) {
		struct modrun_frame h;
		int err;

		if (len - off < sizeof(h))
			fail("a truncated frame from %s", MODRUN_DEVICE);
		memcpy(&h, buf + off, sizeof(h));
		off += sizeof(h);
		if (h.len > len - off)
			fail("a frame of %u bytes with %zu left", h.len, len - off);
		switch (h.stream) {
		case MODRUN_STDOUT:
		case MODRUN_STDERR:
			err = write_all(h.stream == MODRUN_STDOUT ? 1 : 2,
					buf + off, h.len);
			if (err)
				return err;
			break;
		case MODRUN_EXIT:
			if (h.len != sizeof(int32_t))
				fail("an exit frame of %u bytes", h.len);
			memcpy(status, buf + off, sizeof(int32_t));
			return 1;
		default:
			fail("a frame of unknown stream %u", h.stream);
		}
		off += h.len;
	}
	return 0;
}

/* Relay standard input, output and signals until the instance exits */
static int relay(int dev)
{
	unsigned char *in = xmalloc(IO_SIZE), *out = xmalloc(IO_SIZE);
	size_t inlen = 0, inoff = 0;
	bool stdin_open = true;
	sigset_t set;
	int sfd, status = STATUS_LAUNCHER;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		fail("sigprocmask: %s", strerror(errno));
	sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0)
		fail("signalfd: %s", strerror(errno));
	signal(SIGPIPE, SIG_IGN);

	for (;;) {
		struct pollfd p[3] = {
			{ dev, POLLIN | (inlen ? POLLOUT : 0), 0 },
			{ stdin_open && !inlen ? 0 : -1, POLLIN, 0 },
			{ sfd, POLLIN, 0 },
		};
		ssize_t n;

		if (poll(p, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			fail("poll: %s", strerror(errno));
		}
		if (p[2].revents) {
			struct signalfd_siginfo si;

			while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
				__u32 sig = si.ssi_signo;

				if (ioctl(dev, MODRUN_SIGNAL, &sig) && errno != ESRCH)
					fail("cannot forward signal %u: %s", sig,
					     strerror(errno));
			}
		}
		if (p[1].revents) {
			n = read(0, in, IO_SIZE);
			if (n > 0) {
				inlen = n;
				inoff = 0;
			} else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
				/* the end of standard input, or no more of it */
				stdin_open = false;
				ioctl(dev, MODRUN_STDIN_EOF);
			}
		}
		if (inlen && p[0].revents & POLLOUT) {
			n = write(dev, in + inoff, inlen);
			if (n > 0) {
				inoff += n;
				inlen -= n;
			} else if (n < 0 && errno == EPIPE) {
				/* the instance takes no more input */
				inlen = 0;
				stdin_open = false;
			} else if (n < 0 && errno != EINTR && errno != EAGAIN) {
				fail("write to %s: %s", MODRUN_DEVICE, strerror(errno));
			}
		}
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			int err;

			n = read(dev, out, IO_SIZE);
			if (n < 0) {
				if (errno == EINTR || errno == EAGAIN)
					continue;
				fail("read from %s: %s", MODRUN_DEVICE, strerror(errno));
			}
			if (n == 0)
				fail("the instance ended without an exit status");
			err = put_frames(out, n, &status);
			if (err == 1)
				break;
			if (err == -EPIPE) {
				/* as a program whose output pipe closed */
				status = 128 + SIGPIPE;
				break;
			}
			if (err < 0)
				fail("cannot write the program's output: %s",
				     strerror(-err));
		}
	}
	free(in);
	free(out);
	close(sfd);
	return status;
}

static void usage(FILE *f)
{
	fprintf(f,
"Usage: modrun [--] FILE.ko [ARG...]\n"
"       modrun --pack FILE.ko -o OUT\n"
"Run the module program FILE.ko (a module of type program, modmeta(5)):\n"
"load it if it is not loaded, run its main() with ARG... as an instance tied\n"
"to this process, connected to its standard input, output and error, and\n"
"exit with its status.  With --pack, make OUT, an executable that carries\n"
"FILE.ko and runs it with its own arguments.\n"
"\n"
"  -p, --pack FILE.ko  make a packed program of FILE.ko (with -o)\n"
"  -o, --output OUT    the packed program to write\n"
"  -h, --help          show this help and exit\n"
"  -V, --version       show the version and exit\n"
"\n"
"Exit status: the program's (0 to 255); 128 + N if signal N ended it;\n"
"139 (and a message) if it crashed in the kernel; 255 if modrun itself\n"
"failed (the message says why).  See modrun(1).\n");
}

/* OUT: a copy of this executable with @ko in MODRUN_IMAGE_SECTION */
static int pack(const char *ko_path, const char *out)
{
	struct image ko, sec;
	char name[MODSTUB_MODNAME_MAX + 1];
	char self[PATH_MAX];
	char *data, *arg;
	ssize_t n;
	size_t len;
	pid_t pid;
	int err, st;

	err = read_file(ko_path, IMAGE_MAX, READ_REGULAR, &data, &len, NULL);
	if (err)
		fail("%s: %s", ko_path, strerror(-err));
	ko.data = (const unsigned char *)data;
	ko.size = len;
	if (elf_section(&ko, ".gnu.linkonce.this_module", &sec) ||
	    module_name(&ko, name, sizeof(name)))
		fail("%s: not a kernel module (an uncompressed .ko)", ko_path);
	free(data);
	if (asprintf(&arg, "%s=%s", MODRUN_IMAGE_SECTION, ko_path) < 0)
		fail("out of memory");
	/* this executable, by name: objcopy's /proc/self/exe is objcopy */
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0 || n == sizeof(self) - 1)
		fail("cannot find this executable: %s", n < 0 ? strerror(errno) :
		     "path too long");
	self[n] = '\0';
	pid = fork();
	if (pid < 0)
		fail("fork: %s", strerror(errno));
	if (pid == 0) {
		const char *objcopy = getenv("OBJCOPY");

		if (!objcopy || !*objcopy)
			objcopy = "objcopy";
		execlp(objcopy, objcopy, "--add-section", arg,
		       "--set-section-flags", MODRUN_IMAGE_SECTION "=noload,readonly",
		       self, out, (char *)NULL);
		fprintf(stderr, "%s: error: cannot run %s: %s\n", progname,
			objcopy, strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	free(arg);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		fail("objcopy failed: %s not made", out);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "pack", required_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *pack_ko = NULL, *out = NULL;
	struct image self, ko;
	char name[MODSTUB_MODNAME_MAX + 1];
	char *data, *kodata = NULL;
	size_t len;
	int c, dev, status;

	/* a packed program speaks under its own name */
	progname = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];

	/* a packed program: all of argv is the program's */
	if (read_file("/proc/self/exe", IMAGE_MAX, 0, &data, &len, NULL))
		fail("cannot read /proc/self/exe: %s", strerror(errno));
	self.data = (const unsigned char *)data;
	self.size = len;
	if (elf_section(&self, MODRUN_IMAGE_SECTION, &ko) == 0)
		goto run;
	free(data);
	data = NULL;
	progname = "modrun";

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:p:o:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			pack_ko = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("modrun (modstub) %s\n", MODSTUB_VERSION);
			return 0;
		default:
			usage_error_getopt(c, argv, NULL);
		}
	}
	if (pack_ko || out) {
		if (!pack_ko || !out)
			usage_error("--pack and --output go together");
		if (optind != argc)
			usage_error("--pack takes no other argument");
		return pack(pack_ko, out);
	}
	if (optind == argc)
		usage_error("no module program given");
	{
		int err = read_file(argv[optind], IMAGE_MAX, READ_REGULAR,
				    &kodata, &len, NULL);

		if (err)
			fail("%s: %s", argv[optind], strerror(-err));
	}
	ko.data = (const unsigned char *)kodata;
	ko.size = len;
	argc -= optind;
	argv += optind;
run:
	if (module_name(&ko, name, sizeof(name)))
		fail("%s: not a kernel module (an uncompressed .ko)",
		     kodata ? argv[0] : MODRUN_IMAGE_SECTION);
	dev = open_device();
	start(dev, &ko, name, argc, argv);
	free(data);
	free(kodata);
	status = relay(dev);
	close(dev);
	if (status & MODRUN_STATUS_CRASH_BIT)
		fprintf(stderr, "%s: %s crashed in the kernel (an oops: see the kernel log)\n",
			progname, name);
	return status & 0xff;
}
