// SPDX-License-Identifier: GPL-2.0
/*
 * modrun_bad: bad requests on /dev/modrun, each of which must get its
 * errno (and the kernel no oops).  Run as root in the VM with tprog
 * registered (the scenario program_bad.sh); prints one line per request
 * and exits 1 if any got another answer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <unistd.h>

#include <modstub/modrun.h>

static int failures;

static void expect(const char *what, long ret, int want)
{
	int got = ret < 0 ? errno : 0;

	if (got == want) {
		printf("ok   %s: %s\n", what, want ? strerror(want) : "0");
	} else {
		printf("FAIL %s: got %s, expected %s\n", what,
		       got ? strerror(got) : "success",
		       want ? strerror(want) : "success");
		failures++;
	}
}

static int dev(void)
{
	int fd = open(MODRUN_DEVICE, O_RDWR);

	if (fd < 0) {
		perror(MODRUN_DEVICE);
		exit(2);
	}
	return fd;
}

/* A start request for tprog with @argc strings in @args (@len bytes) */
static struct modrun_start req(const char *args, unsigned int len,
			       unsigned int argc)
{
	struct modrun_start st = { .size = sizeof(st) };

	strcpy(st.module, "tprog");
	st.argc = argc;
	st.args_len = len;
	st.args = (unsigned long)args;
	return st;
}

int main(void)
{
	static const char good[] = "tprog\0exit\0" "7";
	struct modrun_start st;
	char buf[64];
	__u32 sig;
	int fd = dev(), fd2;

	/* before MODRUN_START */
	expect("read before start", read(fd, buf, sizeof(buf)), ESRCH);
	expect("write before start", write(fd, "x", 1), ESRCH);
	sig = 2;
	expect("signal before start", ioctl(fd, MODRUN_SIGNAL, &sig), ESRCH);
	expect("stdin eof before start", ioctl(fd, MODRUN_STDIN_EOF), ESRCH);
	expect("unknown ioctl", ioctl(fd, _IO(MODRUN_IOC_MAGIC, 99)), ENOTTY);

	/* malformed starts */
	st = req(good, sizeof(good), 3);
	st.size = 8;
	expect("start of the wrong size", ioctl(fd, MODRUN_START, &st), EINVAL);
	st = req(good, sizeof(good), 3);
	st.flags = 0x8000;
	expect("start with unknown flags", ioctl(fd, MODRUN_START, &st), EINVAL);
	st = req(good, sizeof(good), 3);
	memset(st.module, 'x', sizeof(st.module));
	expect("module name without its NUL", ioctl(fd, MODRUN_START, &st), EINVAL);
	st = req(good, sizeof(good), 0);
	expect("argc 0", ioctl(fd, MODRUN_START, &st), EINVAL);
	st = req(good, sizeof(good), MODRUN_ARGC_MAX + 1);
	expect("argc over the limit", ioctl(fd, MODRUN_START, &st), EINVAL);
	st = req(good, sizeof(good), 2);
	expect("fewer arguments than the strings", ioctl(fd, MODRUN_START, &st), EINVAL);
	st = req(good, sizeof(good), 4);
	expect("more arguments than the strings", ioctl(fd, MODRUN_START, &st), EINVAL);
	st = req(good, sizeof(good) - 1, 3);
	expect("strings without their last NUL", ioctl(fd, MODRUN_START, &st), EINVAL);
	st = req(good, MODRUN_ARGS_MAX + 1, 3);
	expect("args over the limit", ioctl(fd, MODRUN_START, &st), EINVAL);
	st = req((const char *)16, sizeof(good), 3);
	expect("args at a bad address", ioctl(fd, MODRUN_START, &st), EFAULT);
	expect("request at a bad address", ioctl(fd, MODRUN_START, (void *)16), EFAULT);
	st = req(good, sizeof(good), 3);
	strcpy(st.module, "no_such_program");
	expect("a program not loaded", ioctl(fd, MODRUN_START, &st), ENOENT);
	st = req(good, sizeof(good), 3);
	strcpy(st.module, "modrun");
	expect("a module that is no program", ioctl(fd, MODRUN_START, &st), ENOENT);

	/* a good start, then what is wrong once it runs */
	st = req(good, sizeof(good), 3);
	expect("a good start", ioctl(fd, MODRUN_START, &st), 0);
	expect("a second start", ioctl(fd, MODRUN_START, &st), EBUSY);
	sig = 9;
	expect("a signal it does not forward", ioctl(fd, MODRUN_SIGNAL, &sig), EINVAL);
	expect("a signal at a bad address", ioctl(fd, MODRUN_SIGNAL, (void *)16), EFAULT);
	expect("read into 8 bytes", read(fd, buf, 8), EINVAL);
	expect("read into a bad address", syscall(SYS_read, fd, 16L, 64L), EFAULT);
	close(fd);

	/* without CAP_SYS_MODULE, even root cannot open the device */
	if (prctl(PR_CAPBSET_DROP, CAP_SYS_MODULE, 0, 0, 0)) {
		perror("PR_CAPBSET_DROP");
		return 2;
	}
	{
		struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
		struct __user_cap_data_struct d[2];

		if (syscall(SYS_capget, &h, d)) {
			perror("capget");
			return 2;
		}
		d[CAP_SYS_MODULE / 32].effective &= ~(1u << (CAP_SYS_MODULE % 32));
		d[CAP_SYS_MODULE / 32].permitted &= ~(1u << (CAP_SYS_MODULE % 32));
		if (syscall(SYS_capset, &h, d)) {
			perror("capset");
			return 2;
		}
	}
	fd2 = open(MODRUN_DEVICE, O_RDWR);
	expect("open without CAP_SYS_MODULE", fd2, EPERM);
	return failures ? 1 : 0;
}
