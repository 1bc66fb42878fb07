/* step7-reopen-stdio - step 7 of 7: open /dev/null (or a log) on 0, 1 and 2.
 *
 * Why a daemon needs it: after step 6, descriptors 0, 1 and 2 are closed, and
 * open() always returns the lowest free number. The daemon's first open() of
 * its pid file or its log would become descriptor 0, the next 1: a library
 * that prints to stdout or reads stdin would then write into that file or read
 * from it. Putting /dev/null (or a log file, for stdout and stderr) on 0, 1 and
 * 2 keeps those numbers taken. Then we check with fstat() that they really are
 * what we meant (APUE's daemonize() checks at least that open() returned 0,
 * 1 and 2).
 *
 * Usage: step7-reopen-stdio [--log FILE] [NEXT-PROGRAM [ARGS...]]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "steplib.h"

static const struct step_option options[] = {
	{ "log", "FILE", "append stdout and stderr to FILE (default: /dev/null)" },
	{ NULL, NULL, NULL },
};

static const struct program program = {
	.name = "step7-reopen-stdio",
	.step = "7",
	.synopsis = "[--log FILE] [NEXT-PROGRAM [ARGS...]]",
	.purpose = "Step 7 of 7: open /dev/null on descriptors 0, 1 and 2 (or FILE on 1 and\n"
		   "2), check them with fstat(), then run NEXT-PROGRAM.",
	.options = options,
};

/*
 * Makes target a copy of fd that survives exec. dup2() clears close-on-exec on
 * the copy, but when fd already is target (open() took the lowest free number)
 * dup2() does nothing at all, so the flag is cleared by hand.
 */
static int
place_on(int fd, int target)
{
	if (fd == target)
		return fcntl(fd, F_SETFD, 0);
	return dup2(fd, target) == -1 ? -1 : 0;
}

/* Whether fd is the same file as st describes. */
static int
is_same_file(int fd, const struct stat *st)
{
	struct stat now;

	return fstat(fd, &now) == 0 && now.st_dev == st->st_dev &&
	       now.st_ino == st->st_ino && now.st_rdev == st->st_rdev;
}

int
main(int argc, char **argv)
{
	const char *values[1];
	int next = program_start(&program, argc, argv, values);
	const char *out_path = values[0] ? values[0] : "/dev/null";

	/*** the step ***/
	int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null_fd == -1)
		fail("open /dev/null", errno, NULL, EXIT_SYSCALL_FAILED);
	int out_fd = null_fd;
	if (values[0]) {
		/* an explicit mode: after step 5 the umask may be 0 */
		out_fd = open(out_path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (out_fd == -1)
			fail("open --log file", errno, NULL, EXIT_SYSCALL_FAILED);
	}

	/* what 0, 1 and 2 must turn out to be, asked before they are placed */
	struct stat null_st, out_st;
	if (fstat(null_fd, &null_st) == -1 || fstat(out_fd, &out_st) == -1)
		fail("fstat", errno, NULL, EXIT_SYSCALL_FAILED);

	if (place_on(null_fd, 0) == -1 || place_on(out_fd, 1) == -1 || place_on(out_fd, 2) == -1)
		fail("dup2", errno, NULL, EXIT_SYSCALL_FAILED);

	if (!is_same_file(0, &null_st) || !is_same_file(1, &out_st) || !is_same_file(2, &out_st))
		fail("checking descriptors 0, 1 and 2", EBADF, NULL, EXIT_SYSCALL_FAILED);
	if (null_fd > 2)
		close(null_fd);
	if (out_fd > 2 && out_fd != null_fd)
		close(out_fd);

	if (record("after", (char *)NULL) == -1)
		fail("recording", errno, NULL, EXIT_SYSCALL_FAILED);

	/*** going on ***/
	continue_chain(argv + next, "descriptor 0 is /dev/null, 1 and 2 are %s", out_path);
}
