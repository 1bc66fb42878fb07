/* notify-listener - a test helper that stands for a service manager: it
 * reads the sd_notify datagrams a service sends to $NOTIFY_SOCKET.
 *
 *   notify-listener SOCKET PIDFILE SECONDS
 *
 * Binds a datagram Unix socket at SOCKET (a leading '@': Linux's abstract
 * namespace), then prints each message it receives as a line, with the
 * sender's PID as the kernel gives it (SO_PASSCRED, as systemd checks it) and
 * what PIDFILE holds at that moment: "READY=1 from 1234, pid file 1234".
 * Exits 0 after a STOPPING=1, 1 when SECONDS pass first or a call fails,
 * 2 on bad usage. A path socket is removed on the way out.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static const char *socket_path;

static void
die(const char *what)
{
	fprintf(stderr, "notify-listener: %s failed: %s\n", what, strerror(errno));
	if (socket_path[0] == '/')
		unlink(socket_path);
	exit(1);
}

/* The first line of path, or "none". */
static void
read_pid_file(const char *path, char *out, size_t size)
{
	FILE *file = fopen(path, "re");

	snprintf(out, size, "none");
	if (file == NULL)
		return;
	if (fgets(out, (int)size, file) == NULL)
		snprintf(out, size, "empty");
	out[strcspn(out, "\n")] = '\0';
	fclose(file);
}

int
main(int argc, char **argv)
{
	struct sockaddr_un address = { .sun_family = AF_UNIX };
	int on = 1, fd;
	time_t deadline;

	if (argc != 4 || strlen(argv[1]) >= sizeof address.sun_path || atoi(argv[3]) < 1) {
		fprintf(stderr, "usage: notify-listener SOCKET PIDFILE SECONDS\n");
		return 2;
	}
	socket_path = argv[1];
	memcpy(address.sun_path, socket_path, strlen(socket_path));
	if (socket_path[0] == '@')
		address.sun_path[0] = '\0';
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd == -1)
		die("socket");
	if (bind(fd, (struct sockaddr *)&address,
		 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(socket_path))) == -1)
		die("bind");
	if (setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on) == -1)
		die("setsockopt SO_PASSCRED");
	printf("listening\n");
	fflush(stdout);

	deadline = time(NULL) + atoi(argv[3]);
	for (;;) {
		char text[4096], control[CMSG_SPACE(sizeof(struct ucred))], pid_file[64];
		struct iovec part = { text, sizeof text - 1 };
		struct msghdr message = { .msg_iov = &part, .msg_iovlen = 1,
					  .msg_control = control, .msg_controllen = sizeof control };
		struct pollfd wait = { fd, POLLIN, 0 };
		long sender = -1;
		ssize_t n;
		int left = (int)(deadline - time(NULL));

		if (left <= 0) {
			fprintf(stderr, "notify-listener: no STOPPING=1 within %s s\n", argv[3]);
			break;
		}
		if (poll(&wait, 1, left * 1000) == -1 && errno != EINTR)
			die("poll");
		if (!(wait.revents & POLLIN))
			continue;
		n = recvmsg(fd, &message, 0);
		if (n == -1)
			die("recvmsg");
		text[n] = '\0';
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c))
			if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
				struct ucred credentials;
				memcpy(&credentials, CMSG_DATA(c), sizeof credentials);
				sender = (long)credentials.pid;
			}
		read_pid_file(argv[2], pid_file, sizeof pid_file);
		printf("%s from %ld, pid file %s\n", text, sender, pid_file);
		fflush(stdout);
		if (strcmp(text, "STOPPING=1") == 0) {
			if (socket_path[0] == '/')
				unlink(socket_path);
			return 0;
		}
	}
	if (socket_path[0] == '/')
		unlink(socket_path);
	return 1;
}
