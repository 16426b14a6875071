// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket of the daemon, a SOCK_SEQPACKET socket: a client
 * sends one command, its words separated by newlines, and gets one
 * reply whose first line is "ok" or "error MESSAGE" and whose rest is
 * for the user.  The socket is the daemon's (mode 0600, or 0660 with the
 * configuration's group), and the daemon checks each client's
 * credentials too: only root and the group's members may change
 * anything; "status" is for whoever can connect.
 */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "udrvd.h"

#define MAX_ARGS	32
#define MAX_GROUPS	256

static int address(const char *path, struct sockaddr_un *sa)
{
	*sa = (struct sockaddr_un){ .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(sa->sun_path)) {
		pr_error(path, "too long for a socket's path");
		return -1;
	}
	strcpy(sa->sun_path, path);
	return 0;
}

int control_listen(const char *path, const char *group)
{
	struct sockaddr_un sa;
	struct group *gr = NULL;
	char dir[PATH_MAX];
	int fd, probe;

	if (address(path, &sa))
		return -1;
	if (group) {
		gr = getgrnam(group);
		if (!gr) {
			pr_error(NULL, "group %s: no such group", group);
			return -1;
		}
	}
	snprintf(dir, sizeof(dir), "%s", path);
	if (strrchr(dir, '/') && strrchr(dir, '/') != dir) {
		*strrchr(dir, '/') = '\0';
		if (mkdir(dir, 0755) && errno != EEXIST) {
			pr_error(dir, "%s", strerror(errno));
			return -1;
		}
	}
	/* a socket left by a daemon that died, or one that serves */
	probe = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (probe >= 0 && !connect(probe, (struct sockaddr *)&sa, sizeof(sa))) {
		close(probe);
		pr_error(path, "another udrvd serves it");
		return -1;
	}
	if (probe >= 0)
		close(probe);
	unlink(path);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    chmod(path, gr ? 0660 : 0600) ||
	    (gr && chown(path, 0, gr->gr_gid)) || listen(fd, 16)) {
		pr_error(path, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

void control_close(int fd, const char *path)
{
	close(fd);
	unlink(path);
}

/* Root, or a member of @group (its primary group or another) */
static bool allowed(int fd, const char *group)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	gid_t groups[MAX_GROUPS];
	struct group *gr;
	unsigned int i, n;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len))
		return false;
	if (cred.uid == 0)
		return true;
	if (!group)
		return false;
	gr = getgrnam(group);
	if (!gr)
		return false;
	if (cred.gid == gr->gr_gid)
		return true;
	len = sizeof(groups);
	if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len))
		return false;
	n = len / sizeof(gid_t);
	for (i = 0; i < n; i++) {
		if (groups[i] == gr->gr_gid)
			return true;
	}
	return false;
}

void control_serve(int lfd, const char *group,
		   int (*run)(char **argv, int argc, struct buf *out))
{
	struct timeval tv = { 1, 0 };
	char msg[UDRVD_CMD_MAX + 1], *argv[MAX_ARGS + 1], *p;
	struct buf out;
	ssize_t n;
	int fd, argc = 0;

	fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0)
		return;
	/* a client that connects and says nothing holds up no one long */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	buf_init(&out);
	n = recv(fd, msg, sizeof(msg), 0);
	if (n <= 0 || n > UDRVD_CMD_MAX || memchr(msg, '\0', n)) {
		buf_printf(&out, "error not a command of at most %d bytes\n",
			   UDRVD_CMD_MAX);
		goto reply;
	}
	msg[n] = '\0';
	for (p = strtok(msg, "\n"); p; p = strtok(NULL, "\n")) {
		if (argc == MAX_ARGS) {
			buf_printf(&out, "error more than %d words\n", MAX_ARGS);
			goto reply;
		}
		argv[argc++] = p;
	}
	argv[argc] = NULL;
	if (!argc) {
		buf_printf(&out, "error an empty command\n");
		goto reply;
	}
	if (strcmp(argv[0], "status") && !allowed(fd, group)) {
		buf_printf(&out, "error %s: only root%s%s may do that\n", argv[0],
			   group ? " and the group " : "", group ? group : "");
		goto reply;
	}
	run(argv, argc, &out);
reply:
	send(fd, out.s ? out.s : "", out.len, MSG_NOSIGNAL);
	buf_free(&out);
	close(fd);
}

int control_call(const char *path, char **argv, int argc)
{
	struct sockaddr_un sa;
	struct buf cmd;
	char *reply, *nl;
	ssize_t n;
	int fd, i, ret = 1;

	if (address(path, &sa))
		return 1;
	buf_init(&cmd);
	for (i = 0; i < argc; i++) {
		if (strchr(argv[i], '\n'))
			usage_error("'%s': a newline in a word", argv[i]);
		buf_printf(&cmd, "%s%s", i ? "\n" : "", argv[i]);
	}
	if (cmd.len > UDRVD_CMD_MAX)
		usage_error("the command is longer than %d bytes", UDRVD_CMD_MAX);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		pr_error(path, "%s (is udrvd running?)", strerror(errno));
		goto out;
	}
	if (send(fd, cmd.s, cmd.len, MSG_NOSIGNAL) != (ssize_t)cmd.len) {
		pr_error(path, "%s", strerror(errno));
		goto out;
	}
	/* one message, as long as it is */
	n = recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC);
	if (n <= 0) {
		pr_error(path, "no reply from udrvd");
		goto out;
	}
	reply = xmalloc(n + 1);
	n = recv(fd, reply, n, 0);
	if (n <= 0) {
		pr_error(path, "no reply from udrvd");
		free(reply);
		goto out;
	}
	reply[n] = '\0';
	nl = strchrnul(reply, '\n');
	if (!strncmp(reply, "ok", 2) && nl == reply + 2) {
		ret = 0;
		fputs(*nl ? nl + 1 : "", stdout);
	} else {
		bool more = *nl;

		*nl = '\0';
		pr_error(NULL, "%s", strncmp(reply, "error ", 6) ? reply : reply + 6);
		if (more)
			fputs(nl + 1, stdout);
	}
	free(reply);
out:
	if (fd >= 0)
		close(fd);
	buf_free(&cmd);
	return ret;
}
