/* waiter - a program for daemon-trace's detach tests: one process blocks in
 * epoll_wait(-1) on FIFO, its child in sigtimedwait() for SIGUSR1, and each
 * writes to REPORT what its call returned: "woke" or "SIGUSR1" when the test
 * wakes it, "EINTR" when the call was interrupted, which an untraced run
 * never sees (no signal handler is installed). Ends after 60 s.
 *
 *     waiter FIFO REPORT
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

static void
report(const char *path, const char *what)
{
	char line[128];
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	int len = snprintf(line, sizeof line, "%d %s\n", (int)getpid(), what);

	if (fd != -1) {
		(void)write(fd, line, (size_t)len);
		close(fd);
	}
}

static int
wait_for_signal(const char *path)
{
	sigset_t usr1;
	struct timespec timeout = { 60, 0 };

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	report(path, "sigtimedwait");
	for (;;) {
		int sig = sigtimedwait(&usr1, NULL, &timeout);
		if (sig == SIGUSR1) {
			report(path, "SIGUSR1");
			return 0;
		}
		report(path, errno == EINTR ? "EINTR in sigtimedwait" : strerror(errno));
		if (errno != EINTR)
			return 1;
	}
}

static int
wait_for_fifo(const char *fifo, const char *path)
{
	int fd = open(fifo, O_RDWR | O_NONBLOCK | O_CLOEXEC);	/* RDWR: never EOF */
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event event = { .events = EPOLLIN };

	if (fd == -1 || ep == -1 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &event) == -1) {
		report(path, strerror(errno));
		return 1;
	}
	report(path, "epoll_wait");
	for (;;) {
		int n = epoll_wait(ep, &event, 1, -1);
		if (n == 1) {
			report(path, "woke");
			return 0;
		}
		report(path, errno == EINTR ? "EINTR in epoll_wait" : strerror(errno));
		if (errno != EINTR)
			return 1;
	}
}

int
main(int argc, char **argv)
{
	pid_t child;

	if (argc != 3) {
		fprintf(stderr, "usage: waiter FIFO REPORT\n");
		return 2;
	}
	child = fork();
	if (child == -1)
		return 1;
	if (child == 0)
		return wait_for_signal(argv[2]);
	return wait_for_fifo(argv[1], argv[2]);
}
