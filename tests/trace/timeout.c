/* timeout - a program for daemon-trace's timeout test: waits in one call
 * with a relative timeout of 2 s that nothing ends early, then appends to
 * REPORT "CALL MS RESULT": how long the call took in milliseconds, and what
 * it returned ("timeout", or the errno's name). Untraced, every call takes
 * 2000 ms; a detach that restarted the call with its whole timeout again
 * would make it longer. It first appends "CALL waiting PID". epoll_wait_caught
 * catches SIGUSR1 (no SA_RESTART) and waits in epoll_wait: SIGUSR1 ends
 * the call with EINTR, a real one, untraced or traced. Built 32-bit
 * (gcc -m32), sigtimedwait_time64 and semtimedop_time64 are the calls with a
 * 64-bit timespec that a 32-bit program may make (glibc 2.36 makes the older
 * ones, with a 32-bit timespec, when the time fits).
 *
 *     timeout CALL REPORT
 *     CALL: sigtimedwait epoll_wait epoll_pwait2 semtimedop select pselect ppoll poll
 *           nanosleep clock_nanosleep epoll_wait_caught
 *           sigtimedwait_time64 semtimedop_time64 (32-bit only)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/time_types.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char *call, *report_path;

static void
report(const char *what)
{
	FILE *f = fopen(report_path, "ae");

	if (f) {
		fprintf(f, "%s %s\n", call, what);
		fclose(f);
	}
}

static void
note_signal(int sig)
{
	(void)sig;	/* only ends the call */
}

static void
report_waiting(void)
{
	char line[64];

	snprintf(line, sizeof line, "waiting %d", (int)getpid());
	report(line);
}

/* semtimedop() with a 64-bit timespec, which only a 32-bit program has. */
static int
semtimedop_time64(int sem, struct sembuf *down, const struct __kernel_timespec *timeout)
{
#ifdef SYS_semtimedop_time64
	return (int)syscall(SYS_semtimedop_time64, sem, down, 1, timeout);
#else
	(void)sem, (void)down, (void)timeout;
	errno = ENOSYS;
	return -1;
#endif
}

/* 1: the call timed out, as it should; 0: it returned otherwise (errno). */
static int
wait_in_call(void)
{
	struct timespec two = { 2, 0 };
	struct __kernel_timespec two_64 = { 2, 0 };	/* the calls' own struct, 64-bit on i386 too */
	struct timeval two_tv = { 2, 0 };
	struct pollfd none = { .fd = -1 };
	sigset_t usr1;
	int ep;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	if (strcmp(call, "sigtimedwait") == 0) {
		sigprocmask(SIG_BLOCK, &usr1, NULL);
		return sigtimedwait(&usr1, NULL, &two) == -1 && errno == EAGAIN;
	}
	if (strcmp(call, "select") == 0)
		return select(0, NULL, NULL, NULL, &two_tv) == 0;
	if (strcmp(call, "pselect") == 0)
		return pselect(0, NULL, NULL, NULL, &two, NULL) == 0;
	if (strcmp(call, "ppoll") == 0)
		return ppoll(&none, 1, &two, NULL) == 0;
	if (strcmp(call, "poll") == 0)
		return poll(&none, 1, 2000) == 0;
	if (strcmp(call, "nanosleep") == 0)
		return nanosleep(&two, NULL) == 0;
	if (strcmp(call, "clock_nanosleep") == 0)
		return (errno = clock_nanosleep(CLOCK_MONOTONIC, 0, &two, NULL)) == 0;
#ifdef SYS_rt_sigtimedwait_time64
	if (strcmp(call, "sigtimedwait_time64") == 0) {
		sigprocmask(SIG_BLOCK, &usr1, NULL);
		return syscall(SYS_rt_sigtimedwait_time64, &usr1, NULL, &two_64, _NSIG / 8) == -1 &&
		       errno == EAGAIN;
	}
#endif
	if (strcmp(call, "semtimedop") == 0 || strcmp(call, "semtimedop_time64") == 0) {
		/* a semaphore of 0 taken down by one: waits; removed after */
		int sem = semget(IPC_PRIVATE, 1, 0600), timed_out;
		struct sembuf down = { 0, -1, 0 };
		if (sem == -1)
			return 0;
		timed_out = (strcmp(call, "semtimedop") == 0 ? semtimedop(sem, &down, 1, &two) :
			     semtimedop_time64(sem, &down, &two_64)) == -1 && errno == EAGAIN;
		int err = errno;
		semctl(sem, 0, IPC_RMID);
		errno = err;
		return timed_out;
	}
	if ((ep = epoll_create1(EPOLL_CLOEXEC)) == -1)
		return 0;
	if (strcmp(call, "epoll_wait") == 0)
		return epoll_wait(ep, &(struct epoll_event){ 0 }, 1, 2000) == 0;
	if (strcmp(call, "epoll_wait_caught") == 0) {
		struct sigaction caught = { .sa_handler = note_signal };
		sigemptyset(&caught.sa_mask);
		sigaction(SIGUSR1, &caught, NULL);
		report_waiting();
		return epoll_wait(ep, &(struct epoll_event){ 0 }, 1, 2000) == 0;
	}
#ifdef SYS_epoll_pwait2
	if (strcmp(call, "epoll_pwait2") == 0)
		return syscall(SYS_epoll_pwait2, ep, &(struct epoll_event){ 0 }, 1, &two_64, NULL, 0) == 0;
#endif
	errno = ENOSYS;
	return 0;
}

int
main(int argc, char **argv)
{
	struct timespec began, ended;
	char line[128];
	int timed_out;

	if (argc != 3) {
		fprintf(stderr, "usage: timeout CALL REPORT\n");
		return 2;
	}
	call = argv[1];
	report_path = argv[2];
	if (strcmp(call, "epoll_wait_caught") != 0)
		report_waiting();	/* that one says it once its handler is in place */
	clock_gettime(CLOCK_MONOTONIC, &began);
	timed_out = wait_in_call();
	clock_gettime(CLOCK_MONOTONIC, &ended);
	snprintf(line, sizeof line, "%lld %s",
		 (ended.tv_sec - began.tv_sec) * 1000LL + (ended.tv_nsec - began.tv_nsec) / 1000000,
		 timed_out ? "timeout" : strerrorname_np(errno));
	report(line);
	return timed_out ? 0 : 1;
}
