// SPDX-License-Identifier: GPL-2.0
/*
 * The log of a driver process: one line per printk() on standard error,
 * "DRIVER ADDRESS: message" for a device's, "DRIVER: message" otherwise,
 * the kernel's level prefix read and dropped (KERN_DEBUG lines shown only
 * with --debug).  Its supervisor keeps the lines.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "udrv.h"

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

void udrv_vlog(const char *level, const char *prefix, const char *fmt,
	       va_list ap)
{
	char line[1024];
	size_t n;

	/* the level the message itself carries wins, as in printk() */
	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		level = fmt;
		fmt += 2;
	}
	if (level && level[0] == KERN_SOH[0] && level[1] == '7' &&
	    !udrv_opt.debug)
		return;
	vsnprintf(line, sizeof(line), fmt, ap);
	n = strlen(line);
	pthread_mutex_lock(&log_lock);
	/* one fprintf, one write: other processes (the supervisor, other
	 * instances) may share this stderr */
	fprintf(stderr, "%s%s%s: %s%s", udrv_driver_name ? udrv_driver_name : udrv_progname,
		prefix ? " " : "", prefix ? prefix : "", line,
		!n || line[n - 1] != '\n' ? "\n" : "");
	fflush(stderr);
	pthread_mutex_unlock(&log_lock);
}

int printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	udrv_vlog(NULL, NULL, fmt, ap);
	va_end(ap);
	return 0;
}

void udrv_dev_printk(const char *level, const struct device *dev,
		     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	udrv_vlog(level, dev ? dev->name : NULL, fmt, ap);
	va_end(ap);
}

int dev_err_probe(const struct device *dev, int err, const char *fmt, ...)
{
	va_list ap;

	if (err != -EPROBE_DEFER) {
		va_start(ap, fmt);
		udrv_vlog(KERN_ERR, dev ? dev->name : NULL, fmt, ap);
		va_end(ap);
	}
	return err;
}

void udrv_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	udrv_vlog(KERN_ERR, NULL, fmt, ap);
	va_end(ap);
}

void udrv_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	udrv_vlog(KERN_ERR, NULL, fmt, ap);
	va_end(ap);
	exit(1);
}

void udrv_bug(const char *file, int line)
{
	udrv_err("kernel BUG at %s:%d", file, line);
	abort();
}

void udrv_warn(const char *file, int line, const char *cond)
{
	udrv_err("WARNING: at %s:%d: %s", file, line, cond);
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!size)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	return (size_t)n < size ? n : (int)size - 1;
}

ssize_t strscpy(char *dst, const char *src, size_t count)
{
	size_t n;

	if (!count)
		return -E2BIG;
	n = strnlen(src, count);
	if (n == count) {
		memcpy(dst, src, count - 1);
		dst[count - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, n + 1);
	return n;
}
