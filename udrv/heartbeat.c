// SPDX-License-Identifier: GPL-2.0
/*
 * The heartbeat of a supervised driver process (udrvd(8)).
 *
 * The manager gives the process one end of a SOCK_SEQPACKET socket pair
 * (--heartbeat FD).  Once the driver's init has succeeded the process
 * sends "ready"; then a thread of its own answers each "ping" with "ok",
 * or with "hung WHAT" when the watchdog (sched.c) finds one of the
 * driver's threads hung.  The manager kills a process that says it is
 * hung or does not answer in time.  The thread takes no lock the driver
 * takes, so its answer does not wait for the driver: it says that the
 * process is scheduled and that no thread is stuck in the driver's code.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/kernel.h>

#include "udrv.h"

static pthread_t heartbeat_tid;

static void *heartbeat_thread(void *arg)
{
	u64 limit = (u64)udrv_opt.hang_ms * 1000000;
	int fd = udrv_opt.heartbeat;
	char out[256], in[16];
	ssize_t n;

	(void)arg;
	for (;;) {
		n = recv(fd, in, sizeof(in), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;		/* the manager is gone */
		if (n != 4 || memcmp(in, "ping", 4))
			continue;
		strcpy(out, "hung ");
		if (!udrv_task_hung(limit, out + 5, sizeof(out) - 5))
			strcpy(out, "ok");
		if (send(fd, out, strlen(out), MSG_NOSIGNAL) < 0)
			break;
	}
	return NULL;
}

void udrv_heartbeat_start(void)
{
	if (udrv_opt.heartbeat < 0)
		return;
	if (send(udrv_opt.heartbeat, "ready", 5, MSG_NOSIGNAL) < 0) {
		udrv_err("--heartbeat %d: %s: not supervised", udrv_opt.heartbeat,
			 strerror(errno));
		return;
	}
	udrv_thread(&heartbeat_tid, heartbeat_thread, NULL, "the heartbeat");
}
