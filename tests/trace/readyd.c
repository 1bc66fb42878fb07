/* readyd - a small server for daemon-trace's tests that daemonizes as
 * daemon(7) says: the first process waits on a readiness pipe until the
 * daemon, after both forks, setsid, chdir, umask, closing what it inherited,
 * listening on 127.0.0.1 (a port the kernel chooses free) and writing its pid
 * file under a temporary name and renaming it, says it is ready. It then
 * answers every connection with "readyd PID\n", and ends by itself after 60 s
 * without one.
 *
 *     readyd [--openat2] [--socketcall] [--ready write|close|none|listen] [--delay MS]
 *            PIDFILE REPORT
 *
 * --ready write: the daemon writes a byte to the pipe (the default); close:
 *   it closes its end, and end-of-file says "ready"; none: no pipe, the first
 *   process exits at once and the daemon waits until it has, then begins;
 *   listen: the same, but the first process listens before it forks (as
 *   nginx does), and the daemon serves on the socket it inherits.
 * --openat2: 0, 1, 2 reopened on /dev/null with openat2(); a fresh
 *   pseudo-terminal's slave opened with it, with O_NOCTTY and without; the pid
 *   file renamed with renameat2() relative to a directory descriptor.
 * --delay MS: the daemon waits MS before it says it is ready (default 200).
 * --socketcall: built 32-bit for x86, listen() goes through socketcall(2),
 *   as C libraries did before i386 numbered listen() itself (Linux 4.3); on
 *   an architecture without socketcall it is listen().
 * REPORT gets what it did, one line each: "port N", "pty /dev/pts/N" (the
 * daemon), "waited N ms" (the first process, its own clock around read()).
 * Exit status: 0 ready, 1 a call failed (said on stderr while there is one),
 * 2 bad usage, 3 the pipe ended without a byte (--ready write).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/net.h>
#include <linux/openat2.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char *report_path;
static int via_socketcall;	/* --socketcall */

static noreturn void
die(const char *what)
{
	fprintf(stderr, "readyd: %s: %s\n", what, strerror(errno));
	_exit(1);	/* a child after fork: the parent's buffers are not ours */
}

static void
report(const char *format, long value, const char *text)
{
	char line[256];
	int fd = open(report_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	int len = text ? snprintf(line, sizeof line, format, text) : snprintf(line, sizeof line, format, value);

	if (fd == -1 || write(fd, line, (size_t)len) != len || close(fd) == -1)
		die("report");
}

static long long
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static int
openat2_path(int dirfd, const char *path, int flags)
{
	struct open_how how = { .flags = (unsigned long long)flags | O_CLOEXEC };

	return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof how);
}

/* 0, 1, 2 onto /dev/null: with openat2, each lands on the lowest free number. */
static void
reopen_stdio(int use_openat2)
{
	int null;

	if (use_openat2) {
		for (int fd = 0; fd < 3; fd++) {
			struct open_how how = { .flags = O_RDWR };	/* not close-on-exec */
			close(fd);
			if (syscall(SYS_openat2, AT_FDCWD, "/dev/null", &how, sizeof how) != fd)
				die("openat2 /dev/null");
		}
		return;
	}
	if ((null = open("/dev/null", O_RDWR)) == -1)
		die("open /dev/null");
	for (int fd = 0; fd < 3; fd++)
		if (dup2(null, fd) == -1)
			die("dup2");
	if (null > 2)
		close(null);
}

/* A fresh pseudo-terminal's slave, opened with openat2 with and without
 * O_NOCTTY: after the second fork neither becomes the controlling terminal. */
static void
open_fresh_terminal(void)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC), a, b;
	const char *name;

	if (master == -1 || grantpt(master) == -1 || unlockpt(master) == -1 ||
	    (name = ptsname(master)) == NULL)
		die("posix_openpt");
	if ((a = openat2_path(AT_FDCWD, name, O_RDWR | O_NOCTTY)) == -1 ||
	    (b = openat2_path(AT_FDCWD, name, O_RDWR)) == -1)
		die("openat2 the terminal");
	report("pty %s\n", 0, name);
	close(a);
	close(b);
	close(master);
}

/* The pid file, written beside and renamed: a reader never sees it half-written. */
static void
write_pid_file(const char *path, int use_renameat2)
{
	char temporary[4096], line[32];
	int fd, len = snprintf(line, sizeof line, "%d\n", (int)getpid());

	snprintf(temporary, sizeof temporary, "%s.tmp", path);
	if ((fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) == -1 ||
	    write(fd, line, (size_t)len) != len || close(fd) == -1)
		die("write the pid file");
	if (!use_renameat2) {
		if (rename(temporary, path) == -1)
			die("rename");
		return;
	}
	/* relative to the folder, by its descriptor */
	char folder[4096];
	const char *slash = strrchr(path, '/');
	int dir;
	snprintf(folder, sizeof folder, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
	if ((dir = open(folder[0] ? folder : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    syscall(SYS_renameat2, dir, strrchr(temporary, '/') ? strrchr(temporary, '/') + 1 : temporary,
		    dir, slash ? slash + 1 : path, 0) == -1)
		die("renameat2");
	close(dir);
}

static int
listen_as_asked(int sock, int backlog)
{
#ifdef SYS_socketcall
	if (via_socketcall) {
		unsigned long args[] = { (unsigned long)sock, (unsigned long)backlog };
		return (int)syscall(SYS_socketcall, SYS_LISTEN, args);
	}
#endif
	return listen(sock, backlog);
}

/* A socket listening on 127.0.0.1, on the port the kernel chooses free. */
static int
listen_on_loopback(void)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof addr;
	int sock = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (sock == -1 || bind(sock, (struct sockaddr *)&addr, sizeof addr) == -1 ||
	    listen_as_asked(sock, 16) == -1 || getsockname(sock, (struct sockaddr *)&addr, &len) == -1)
		die("listen on 127.0.0.1");
	report("port %ld\n", ntohs(addr.sin_port), NULL);
	return sock;
}

/* Until the first process has exited (a zombie or gone). */
static void
await_exit_of(pid_t pid)
{
	char path[64], stat[512];
	long long deadline = now_ms() + 5000;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	while (now_ms() < deadline) {
		FILE *f = fopen(path, "re");
		int gone = f == NULL;
		if (f) {
			gone = fgets(stat, sizeof stat, f) && strrchr(stat, ')') && strrchr(stat, ')')[2] == 'Z';
			fclose(f);
		}
		if (gone)
			return;
		nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
	}
}

static void
serve(int sock)
{
	struct pollfd listening = { sock, POLLIN, 0 };
	char line[32];
	int len = snprintf(line, sizeof line, "readyd %d\n", (int)getpid());

	while (poll(&listening, 1, 60 * 1000) == 1) {
		int client = accept4(sock, NULL, NULL, SOCK_CLOEXEC);
		if (client == -1)
			continue;
		(void)write(client, line, (size_t)len);
		close(client);
	}
}

/* The daemon, after both forks: the rest of the recipe, then "ready". */
static void
become_daemon(int ready, int sock, int use_openat2, long delay_ms, pid_t first,
	      const char *pid_file, const char *mode)
{
	/* what it keeps: the readiness pipe, or the first process's socket */
	int kept = ready >= 0 ? ready : sock;

	if (strcmp(mode, "none") == 0 || strcmp(mode, "listen") == 0)
		await_exit_of(first);
	if (chdir("/") == -1)
		die("chdir");
	umask(022);
	/* all the caller gave, but that */
	if (kept > 3 && syscall(SYS_close_range, 3, kept - 1, 0) == -1)
		die("close_range");
	if (syscall(SYS_close_range, kept > 2 ? kept + 1 : 3, ~0U, 0) == -1)
		die("close_range");
	if (sock < 0)
		sock = listen_on_loopback();
	write_pid_file(pid_file, use_openat2);
	if (use_openat2)
		open_fresh_terminal();
	reopen_stdio(use_openat2);
	nanosleep(&(struct timespec){ delay_ms / 1000, delay_ms % 1000 * 1000000 }, NULL);
	if (strcmp(mode, "write") == 0 && write(ready, "R", 1) != 1)
		_exit(1);
	if (ready >= 0)
		close(ready);
	serve(sock);
	_exit(0);
}

int
main(int argc, char **argv)
{
	const char *mode = "write";
	long delay_ms = 200;
	int use_openat2 = 0, pipe_fds[2] = { -1, -1 }, sock = -1, arg = 1;
	pid_t first = getpid(), child;

	for (; arg < argc && strncmp(argv[arg], "--", 2) == 0; arg++)
		if (strcmp(argv[arg], "--openat2") == 0)
			use_openat2 = 1;
		else if (strcmp(argv[arg], "--socketcall") == 0)
			via_socketcall = 1;
		else if (strcmp(argv[arg], "--ready") == 0 && arg + 1 < argc)
			mode = argv[++arg];
		else if (strcmp(argv[arg], "--delay") == 0 && arg + 1 < argc)
			delay_ms = atol(argv[++arg]);
		else
			break;
	if (argc - arg != 2 || (strcmp(mode, "write") && strcmp(mode, "close") &&
				strcmp(mode, "none") && strcmp(mode, "listen"))) {
		fprintf(stderr, "usage: readyd [--openat2] [--socketcall] "
			"[--ready write|close|none|listen] [--delay MS] PIDFILE REPORT\n");
		return 2;
	}
	report_path = argv[arg + 1];
	if (strcmp(mode, "listen") == 0)
		sock = listen_on_loopback();
	else if (strcmp(mode, "none") != 0 && pipe2(pipe_fds, O_CLOEXEC) == -1)
		die("pipe2");
	if ((child = fork()) == -1)
		die("fork");
	if (child > 0) {
		char byte;
		ssize_t n;
		long long began;

		if (pipe_fds[0] == -1)
			return 0;	/* --ready none or listen: "started" at once */
		close(pipe_fds[1]);
		began = now_ms();
		while ((n = read(pipe_fds[0], &byte, 1)) == -1 && errno == EINTR)
			;
		report("waited %ld ms\n", (long)(now_ms() - began), NULL);
		return n == 1 || (n == 0 && strcmp(mode, "close") == 0) ? 0 : 3;
	}
	if (pipe_fds[0] != -1)
		close(pipe_fds[0]);
	if (setsid() == -1)
		die("setsid");
	if ((child = fork()) == -1)
		die("fork");
	if (child > 0)
		_exit(0);
	become_daemon(pipe_fds[1], sock, use_openat2, delay_ms, first, argv[arg], mode);
	return 0;
}
