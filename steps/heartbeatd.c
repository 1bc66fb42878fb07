/* heartbeatd - the daemon at the end of the chain: a heartbeat a second.
 *
 * It stands for the "simple server" a daemon exists to run. Once a second it
 * records its state and prints a line to stdout (which, in a daemon, goes to
 * /dev/null or a log). It records SIGHUP and SIGTERM as they arrive; SIGTERM
 * (or SIGINT) ends it, and so does --seconds, so that a classroom never
 * gathers stray daemons.
 *
 * It writes its PID to a pid file beside the log and keeps the file open and
 * locked while it runs: a second copy finds the lock taken and refuses to
 * start. The lock, not the file's existence, is the truth: a file left by a
 * crash is no obstacle.
 *
 * --try-tty PATH opens a terminal without O_NOCTTY and records whether the
 * kernel made it our controlling terminal: it does so for a session leader
 * (a chain without step 3), never for a process that leads no session.
 *
 * Started in the foreground by a service manager, the new-style way of
 * systemd's daemon(7), it forks nothing: the manager gives it a session of
 * its own and sets NOTIFY_SOCKET, and heartbeatd tells it READY=1 once it
 * serves (its pid file written) and STOPPING=1 as it leaves, the datagrams
 * sd_notify(3) sends. Without NOTIFY_SOCKET it sends nothing.
 *
 * Started the classic way by a first process that waits for it
 * (step1-fork --wait-ready), it tells that process at the same moment, by
 * the convention of s6's notification descriptor: a newline written to the
 * descriptor DAEMON_STEPS_READY_FD names, which it then closes. The number is
 * checked before heartbeatd opens anything: a number closed on the way (by a
 * step 6 that knows nothing of it) could name its own pid file a moment later.
 *
 * Usage: heartbeatd [--seconds N] [--try-tty PATH]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "steplib.h"

enum { DEFAULT_SECONDS = 30, MAX_SECONDS = 24 * 60 * 60 };

static const struct step_option options[] = {
	{ "seconds", "N", "exit after N seconds (default: 30, at most a day)" },
	{ "try-tty", "PATH", "open terminal PATH without O_NOCTTY; record if it became ours" },
	{ NULL, NULL, NULL },
};

static const struct program program = {
	.name = "heartbeatd",
	.step = "daemon",
	.synopsis = "[--seconds N] [--try-tty PATH]",
	.purpose = "The daemon at the end of a daemon-steps chain. Records its state and\n"
		   "prints a line once a second, records SIGHUP and SIGTERM, and exits on\n"
		   "SIGTERM or after N seconds. Keeps a locked pid file beside the log.\n"
		   "Once that file holds its PID it is ready, and says so: a line on the\n"
		   "descriptor " ENV_READY_FD " names (step1-fork --wait-ready waits for it),\n"
		   "and READY=1 to the socket NOTIFY_SOCKET names (a service manager).",
	.options = options,
	.exits = "  0    it ran until SIGTERM, SIGINT or the end of its seconds\n"
		 "  1    a system call failed, or another heartbeatd holds the pid file",
};

/* Creates, locks and fills the pid file; returns its descriptor. */
static int
take_pid_file(const char *path)
{
	struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	char text[32];
	int fd;

	for (;;) {
		fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd == -1)
			fail("open pid file", errno, path, EXIT_SYSCALL_FAILED);
		if (fcntl(fd, F_SETLK, &lock) == -1) {
			int err = errno;
			struct flock holder = lock;
			char hint[PATH_MAX + 96];
			/* the kernel names the holder: the file may not have its PID
			 * yet (a copy started at the same time is between its lock
			 * and its write); a lock let go meanwhile is ours to try again */
			if (fcntl(fd, F_GETLK, &holder) == -1)
				fail("asking who holds the pid file", errno, path, EXIT_SYSCALL_FAILED);
			if (holder.l_type == F_UNLCK) {
				close(fd);
				continue;
			}
			snprintf(hint, sizeof hint, "another heartbeatd (PID %d) holds the pid file %s",
				 (int)holder.l_pid, path);
			fail("locking the pid file", err, hint, EXIT_SYSCALL_FAILED);
		}
		/* a copy on its way out removes the file, then drops its lock: if
		 * that happened since our open, we hold a lock on a file nobody
		 * can find any more, and must take the one at path again */
		struct stat locked, named;
		if (fstat(fd, &locked) == -1)
			fail("fstat pid file", errno, path, EXIT_SYSCALL_FAILED);
		if (stat(path, &named) == 0 && named.st_dev == locked.st_dev &&
		    named.st_ino == locked.st_ino)
			break;
		close(fd);
	}
	int len = snprintf(text, sizeof text, "%d\n", (int)getpid());
	if (ftruncate(fd, 0) == -1 || write(fd, text, (size_t)len) != len)
		fail("writing the pid file", errno, path, EXIT_SYSCALL_FAILED);
	return fd;
}

/* The descriptor a waiting first process reads (s6's notification descriptor). */
struct readiness {
	const char *named;	/* DAEMON_STEPS_READY_FD's text, NULL: nobody waits */
	int fd;			/* open and a pipe or a socket, else -1 */
	int err;		/* why not: EBADF (closed), EINVAL (not a pipe or socket) */
};

/* Checks the descriptor DAEMON_STEPS_READY_FD names, before we open anything. */
static struct readiness
readiness_named(void)
{
	struct readiness ready = { .named = getenv(ENV_READY_FD), .fd = -1 };
	struct stat st;
	char *end;
	long fd;

	if (ready.named == NULL || ready.named[0] == '\0') {
		ready.named = NULL;
		return ready;
	}
	fd = strtol(ready.named, &end, 10);
	if (*end || end == ready.named || fd < 3 || fd > 65535)
		ready.err = EINVAL;
	else if (fstat((int)fd, &st) == -1)
		ready.err = errno;
	else if (!S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode))
		ready.err = EINVAL;	/* a file or a terminal: not what a starter waits on */
	else
		ready.fd = (int)fd;
	return ready;
}

/*
 * Tells the waiting first process that we are ready: one newline, then the
 * descriptor is closed (its end-of-file is the reader's "no more"). Recorded
 * first, so that the log has our "ready" before the first process's exit:
 * tells=yes, or tells=no and why not. SIGPIPE is ignored meanwhile: a reader
 * gone (its starter killed) is a failure to report, not a reason to die.
 */
static void
tell_waiting_starter(struct readiness *ready)
{
	struct sigaction ignore = { .sa_handler = SIG_IGN }, old;

	if (ready->named == NULL)
		return;
	if (ready->fd == -1) {
		(void)record("ready", "ready_fd", ready->named, "tells", "no", "ready_errno",
			     errno_name(ready->err), (char *)NULL);
		return;
	}
	(void)record("ready", "ready_fd", ready->named, "tells", "yes", (char *)NULL);
	sigemptyset(&ignore.sa_mask);
	if (sigaction(SIGPIPE, &ignore, &old) == -1)
		fail("sigaction", errno, NULL, EXIT_SYSCALL_FAILED);
	if (write(ready->fd, "\n", 1) == -1)
		report_failure("telling the waiting first process", errno, ENV_READY_FD);
	if (sigaction(SIGPIPE, &old, NULL) == -1)
		fail("sigaction", errno, NULL, EXIT_SYSCALL_FAILED);
	close(ready->fd);
	ready->fd = -1;
}

/* Opens a terminal the way a careless daemon would, and tells what happened. */
static void
try_terminal(const char *path)
{
	struct proc_state before, after;
	int fd;

	if (proc_state_read(getpid(), &before) == -1)
		fail("reading /proc/self", errno, NULL, EXIT_SYSCALL_FAILED);
	fd = open(path, O_RDWR | O_CLOEXEC);	/* no O_NOCTTY, on purpose */
	if (fd == -1) {
		report_failure("open --try-tty terminal", errno, path);
		return;
	}
	if (proc_state_read(getpid(), &after) == -1)
		fail("reading /proc/self", errno, NULL, EXIT_SYSCALL_FAILED);
	/* the terminal stays ours after close: only the hangup matters now */
	close(fd);
	int taken = strcmp(before.tty, after.tty) != 0;
	if (record("after", "tried_tty", path, "tty_taken", taken ? "yes" : "no",
		   (char *)NULL) == -1)
		fail("recording", errno, NULL, EXIT_SYSCALL_FAILED);
}

/*
 * Tells the service manager our state, as sd_notify(3) does: one datagram to
 * the Unix socket $NOTIFY_SOCKET names (a leading '@' is Linux's abstract
 * namespace). A failure is reported and recorded, and the daemon goes on: a
 * manager that cannot be told is the manager's problem, not the service's.
 */
static void
notify_manager(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un address = { .sun_family = AF_UNIX };
	size_t length;
	int fd;

	if (path == NULL || path[0] == '\0')
		return;
	length = strlen(path);
	if ((path[0] != '/' && path[0] != '@') || length >= sizeof address.sun_path) {
		report_failure("using NOTIFY_SOCKET", EINVAL,
			       "it must be an absolute path or @name, of at most 107 bytes");
		return;
	}
	memcpy(address.sun_path, path, length);
	if (path[0] == '@')
		address.sun_path[0] = '\0';
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		report_failure("socket for NOTIFY_SOCKET", errno, path);
		return;
	}
	if (sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&address,
		   (socklen_t)(offsetof(struct sockaddr_un, sun_path) + length)) == -1)
		report_failure("sending to NOTIFY_SOCKET", errno, path);
	else
		(void)record("notify", "sent", state, (char *)NULL);
	close(fd);
}

static double
seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static struct timespec
timespec_of(double seconds)
{
	if (seconds < 0)
		seconds = 0;
	return (struct timespec){ (time_t)seconds,
				  (long)((seconds - (double)(time_t)seconds) * 1e9) };
}

static void
beat(int count)
{
	char number[16];
	int printed;

	snprintf(number, sizeof number, "%d", count);
	printed = printf("heartbeatd[%d]: heartbeat %d\n", (int)getpid(), count);
	if (printed < 0 || fflush(stdout) == EOF) {
		/* no stdout (a chain without step 7): the line went nowhere */
		int err = errno;
		clearerr(stdout);
		(void)record("heartbeat", "beat", number, "stdout_errno", errno_name(err),
			     (char *)NULL);
		return;
	}
	(void)record("heartbeat", "beat", number, (char *)NULL);
}

int
main(int argc, char **argv)
{
	const char *values[2];
	int next = program_start(&program, argc, argv, values);
	struct readiness ready = readiness_named();	/* before our own opens */
	long seconds = DEFAULT_SECONDS;
	sigset_t wanted;
	struct timespec started;

	if (argv[next])
		usage_error("heartbeatd runs no next program ('%s')", argv[next]);
	if (values[0]) {
		char *end;
		seconds = strtol(values[0], &end, 10);
		if (*end || end == values[0] || seconds < 1 || seconds > MAX_SECONDS)
			usage_error("--seconds wants a whole number from 1 to %d, not '%s'",
				    MAX_SECONDS, values[0]);
	}

	/* signals are taken one at a time with sigtimedwait(): no handler can race */
	sigemptyset(&wanted);
	sigaddset(&wanted, SIGTERM);
	/* a signal ignored on entry stays ignored, as shells do: that is how
	 * nohup works for SIGHUP, and how a shell without job control keeps
	 * Ctrl-C's SIGINT from its & commands (a blocked signal is queued even
	 * when its action is "ignore", so it must not be waited for) */
	const int unless_ignored[] = { SIGHUP, SIGINT };
	for (size_t i = 0; i < sizeof unless_ignored / sizeof unless_ignored[0]; i++) {
		struct sigaction action;
		if (sigaction(unless_ignored[i], NULL, &action) == -1)
			fail("sigaction", errno, NULL, EXIT_SYSCALL_FAILED);
		if (action.sa_handler != SIG_IGN)
			sigaddset(&wanted, unless_ignored[i]);
	}
	if (sigprocmask(SIG_BLOCK, &wanted, NULL) == -1)
		fail("sigprocmask", errno, NULL, EXIT_SYSCALL_FAILED);

	int pid_fd = take_pid_file(pid_file_path());
	if (values[1])
		try_terminal(values[1]);
	notify_manager("READY=1");
	tell_waiting_starter(&ready);

	clock_gettime(CLOCK_MONOTONIC, &started);
	const char *reason = "time is up";
	for (int count = 1; count <= seconds;) {
		struct timespec wait = timespec_of((double)count - seconds_since(&started));
		siginfo_t info;
		int sig = sigtimedwait(&wanted, &info, &wait);

		if (sig == -1 && errno == EAGAIN) {
			beat(count++);
		} else if (sig == SIGHUP) {
			(void)record("signal", "signal", "SIGHUP", (char *)NULL);
		} else if (sig > 0) {
			reason = sig == SIGTERM ? "SIGTERM" : "SIGINT";
			(void)record("signal", "signal", reason, (char *)NULL);
			break;
		} else if (errno != EINTR) {
			fail("sigtimedwait", errno, NULL, EXIT_SYSCALL_FAILED);
		}
	}

	notify_manager("STOPPING=1");
	if (unlink(pid_file_path()) == -1)
		report_failure("removing the pid file", errno, pid_file_path());
	close(pid_fd);
	(void)record("exit", "reason", reason, (char *)NULL);
	return 0;
}
