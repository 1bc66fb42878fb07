/* step6-close-fds - step 6 of 7: close every inherited file descriptor.
 *
 * Why a daemon needs it: a daemon inherits whatever its starter had open: the
 * terminal on 0, 1 and 2, a pipe that a caller waits on for end-of-file, a
 * file on a filesystem someone wants to unmount, a socket. Held open, each
 * keeps something alive that should not be. The classic recipe closes all of
 * them, 0, 1 and 2 included (step 7 reopens those).
 *
 * "All of them" is harder than it looks. The classic loop closes every number
 * up to sysconf(_SC_OPEN_MAX), the soft RLIMIT_NOFILE: 1024 on a desktop, but
 * a million or more in many containers, where the loop makes a million system
 * calls to close perhaps five descriptors. Linux 5.9 added close_range(2), one
 * call for the lot. Some seccomp profiles refuse it with EPERM rather than
 * ENOSYS, so on any error we fall back: first to the list of open descriptors
 * in /proc/self/fd, then to the loop.
 *
 * All but one: a first process that waits for the daemon to be ready
 * (step1-fork --wait-ready) reads a pipe whose write end the chain carries,
 * its number in DAEMON_STEPS_READY_FD. Closed here, the daemon could never
 * say it is ready, and the first process would read end-of-file and report
 * that the daemon never came up. So that one is kept; --close-ready-fd closes
 * it anyway, as a recipe that knows nothing of it does, to show exactly that.
 *
 * Usage: step6-close-fds [--method auto|close_range|proc|loop] [--close-ready-fd]
 *                        [NEXT-PROGRAM [ARGS...]]
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "steplib.h"

static const struct step_option options[] = {
	{ "method", "HOW", "auto (default), close_range, proc or loop" },
	{ "close-ready-fd", NULL, "close " ENV_READY_FD "'s descriptor too (see below)" },
	{ NULL, NULL, NULL },
};

static const struct program program = {
	.name = "step6-close-fds",
	.step = "6",
	.synopsis = "[--method HOW] [--close-ready-fd] [NEXT-PROGRAM [ARGS...]]",
	.purpose = "Step 6 of 7: close every inherited descriptor, 0, 1 and 2 included, then\n"
		   "run NEXT-PROGRAM. Uses close_range(2), falling back to the list in\n"
		   "/proc/self/fd and then to the classic loop up to sysconf(_SC_OPEN_MAX).\n"
		   "\n"
		   "It keeps one: the descriptor " ENV_READY_FD " names (a number above 2),\n"
		   "the pipe a first process waits on (step1-fork --wait-ready) until the\n"
		   "daemon says it is ready. --close-ready-fd closes it too: that first\n"
		   "process then reads end-of-file and says the daemon never came up.",
	.options = options,
};

/* Linux >= 5.9: one call closes every descriptor from 0 up (two around keep). */
static int
close_with_close_range(int keep)
{
#ifdef SYS_close_range
	if (keep < 0)
		return (int)syscall(SYS_close_range, 0U, ~0U, 0U);
	if (syscall(SYS_close_range, 0U, (unsigned)keep - 1, 0U) == -1)
		return -1;
	return (int)syscall(SYS_close_range, (unsigned)keep + 1, ~0U, 0U);
#else
	(void)keep;
	errno = ENOSYS;
	return -1;
#endif
}

/* Linux: close just the descriptors that are open, as /proc lists them. */
static int
close_with_proc(int keep)
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *entry;

	if (dir == NULL)
		return -1;
	while ((entry = readdir(dir)) != NULL) {
		int fd = atoi(entry->d_name);
		if (entry->d_name[0] != '.' && fd != dirfd(dir) && fd != keep)
			close(fd);	/* EBADF is no failure here: it is already closed */
	}
	return closedir(dir);
}

/* POSIX: try every number the limit allows; the cost grows with the limit. */
static int
close_with_loop(int keep)
{
	long max = sysconf(_SC_OPEN_MAX);

	if (max == -1)
		max = 1024;	/* no limit reported: guess the traditional one */
	for (long fd = 0; fd < max; fd++)
		if (fd != keep)
			close((int)fd);
	return 0;
}

/* The ways to close everything, best first: "auto" tries them in this order. */
static const struct {
	const char *name;
	int (*close_all)(int keep);	/* keep: a descriptor left open, -1: none */
} methods[] = {
	{ "close_range", close_with_close_range },
	{ "proc", close_with_proc },
	{ "loop", close_with_loop },
};
enum { METHODS = sizeof methods / sizeof methods[0] };

/* The readiness descriptor the chain carries, or -1: none named, or not above 2. */
static int
readiness_descriptor(void)
{
	const char *text = getenv(ENV_READY_FD);
	char *end;
	long fd;

	if (text == NULL || text[0] == '\0')
		return -1;
	fd = strtol(text, &end, 10);
	return (*end == '\0' && fd > 2 && fd < 65536) ? (int)fd : -1;
}

int
main(int argc, char **argv)
{
	const char *values[2];
	int next = program_start(&program, argc, argv, values);
	const char *asked = values[0] ? values[0] : "auto";
	int ready_fd = readiness_descriptor();
	char ready_text[16];
	size_t first = 0, last = METHODS - 1;	/* the methods to try */
	size_t m;
	int result = -1;

	if (strcmp(asked, "auto") != 0) {
		for (first = 0; first < METHODS && strcmp(methods[first].name, asked) != 0; first++)
			;
		if (first == METHODS)
			usage_error("--method wants auto, close_range, proc or loop, not '%s'", asked);
		last = first;
	}

	snprintf(ready_text, sizeof ready_text, "%d", ready_fd);

	/*** the step ***/
	/* the record tells how long closing took: the loop's cost grows with the limit */
	struct timespec started, finished;
	clock_gettime(CLOCK_MONOTONIC, &started);

	/* the first process may be waiting on the readiness pipe: keep its write end */
	int keep = values[1] ? -1 : ready_fd;

	/* stderr is among what we close: errors from here on are in the log only */
	for (m = first; m <= last && (result = methods[m].close_all(keep)) == -1; m++)
		;
	if (result == -1)
		fail(methods[last].name, errno, NULL, EXIT_SYSCALL_FAILED);
	clock_gettime(CLOCK_MONOTONIC, &finished);

	char took[32];
	snprintf(took, sizeof took, "%ld", (long)((finished.tv_sec - started.tv_sec) * 1000000L +
						   (finished.tv_nsec - started.tv_nsec) / 1000));
	/* kept_fd: what is still open on purpose; closed_ready_fd: what should have been;
	 * with no readiness descriptor, ready_key is NULL and ends the list there */
	const char *ready_key = ready_fd == -1 ? NULL : keep == -1 ? "closed_ready_fd" : "kept_fd";
	if (record("after", "method", methods[m].name, "close_us", took, ready_key, ready_text,
		   (char *)NULL) == -1)
		exit(EXIT_SYSCALL_FAILED);	/* nothing left to tell it with */

	/*** going on ***/
	if (keep != -1)
		continue_chain(argv + next, "closed every descriptor but %d, the readiness pipe "
			       "(with %s)", keep, methods[m].name);
	continue_chain(argv + next, "closed every descriptor (with %s)", methods[m].name);
}
