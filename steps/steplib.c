/* steplib.c - what the step programs share beyond lib/program.c: terminals,
 * the readiness descriptor, and going on to the next program of a chain (see
 * steplib.h). */
#define _GNU_SOURCE
#include "steplib.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*** terminals ***/

int
open_fresh_pty(char *slave, size_t size)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (master == -1)
		fail("posix_openpt", errno, NULL, EXIT_SYSCALL_FAILED);
	if (grantpt(master) == -1 || unlockpt(master) == -1 ||
	    ptsname_r(master, slave, size) != 0)
		fail("preparing a pseudo-terminal", errno, NULL, EXIT_SYSCALL_FAILED);
	return master;
}

int
wait_for_child(pid_t child)
{
	int status;

	while (waitpid(child, &status, 0) == -1)
		if (errno != EINTR)
			fail("waitpid", errno, NULL, EXIT_SYSCALL_FAILED);
	return status;
}

int
ready_fd_named(void)
{
	const char *text = getenv(ENV_READY_FD);
	char *end;
	long fd;

	if (text == NULL || text[0] == '\0')
		return -1;
	fd = strtol(text, &end, 10);
	return (*end == '\0' && fd > 2 && fd < 65536) ? (int)fd : -2;
}

/*** going on ***/

static double
pause_seconds(void)
{
	const char *text = getenv(ENV_PAUSE);
	char *end;
	double seconds;

	if (text == NULL || text[0] == '\0')
		return 0;
	seconds = strtod(text, &end);
	return (*end == '\0' && seconds > 0 && seconds <= 3600) ? seconds : 0;
}

void
pause_if_asked(void)
{
	double seconds = pause_seconds();
	struct timespec wait = { (time_t)seconds,
				 (long)((seconds - (double)(time_t)seconds) * 1e9) };

	while (seconds > 0 && nanosleep(&wait, &wait) == -1 && errno == EINTR)
		;
}

int
wait_until_orphaned(pid_t parent)
{
	/* the parent exits at once: look often, so the chain loses no time */
	const struct timespec tick = { 0, 100 * 1000 };		/* 0.1 ms */
	struct timespec now, deadline;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += 10;
	while (getppid() == parent) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > deadline.tv_sec ||
		    (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec)) {
			errno = ETIMEDOUT;
			return -1;
		}
		nanosleep(&tick, NULL);
	}
	return 0;
}

int
await_adoption(pid_t parent, struct proc_state *now)
{
	char forker[24];

	if (wait_until_orphaned(parent) == -1)
		return -1;
	if (proc_state_read(getpid(), now) == -1)
		return -1;
	/* ppid now names the adopter: forked_by keeps who the child came from */
	snprintf(forker, sizeof forker, "%d", (int)parent);
	return record("after", "forked_by", forker, "adopter", now->parent_comm, (char *)NULL);
}

noreturn void
continue_chain(char **next, const char *done_fmt, ...)
{

	if (next[0] == NULL) {
		va_list ap;
		printf("%s: ", program_name());
		va_start(ap, done_fmt);
		vprintf(done_fmt, ap);
		va_end(ap);
		printf("\n%s: no next program to run; stopping here.\n", program_name());
		exit(0);
	}
	pause_if_asked();
	exec_next(next);
}

/*
 * Why a next program named by a relative path (./build/bin/step5-umask) was
 * not found: the kernel looks it up from the working directory, which step 4
 * changes. Says so when this program changed it and the path named a program
 * from where it started (where the chain started: steps 1 to 3 stay there),
 * and what to type instead: the bare name when the program is beside this
 * one, or the absolute path.
 */
static void
explain_relative_path(const char *name, char *hint, size_t size)
{
	char now[PATH_MAX], meant[2 * PATH_MAX], sibling[PATH_MAX];
	const char *path = name, *base = strrchr(name, '/') + 1;
	int bare = join_path(sibling, sizeof sibling, program_directory(), base) == 0 &&
		   access(sibling, X_OK) == 0;

	if (getcwd(now, sizeof now) == NULL)
		snprintf(now, sizeof now, "unknown");
	while (strncmp(path, "./", 2) == 0)
		path += 2;
	const char *started_in = program_start_directory();
	int moved_away = started_in[0] && strcmp(started_in, now) != 0 &&
			 join_path(meant, sizeof meant, started_in, path) == 0 &&
			 access(meant, X_OK) == 0;
	if (!moved_away) {
		snprintf(hint, size, "the next program, '%s', was not found from the working "
			 "directory, %s%s%s%s", name, now, bare ? "; name it bare: '" : "",
			 bare ? base : "", bare ? "'" : "");
		return;
	}
	snprintf(hint, size, "the next program, '%s', was not found: a relative path, and %s "
		 "changed the working directory from %s, where the chain started, to %s; name the "
		 "programs bare%s%s%s or by absolute paths (%s)", name, program_name(),
		 started_in, now, bare ? " ('" : "", bare ? base : "",
		 bare ? "': each step finds the next beside itself)" : "", meant);
}

noreturn void
exec_next(char **next)
{
	char sibling[PATH_MAX], hint[4 * PATH_MAX];
	int err;

	/* the chain's programs are siblings: find them first beside this one */
	if (strchr(next[0], '/') == NULL && program_directory()[0]) {
		if (join_path(sibling, sizeof sibling, program_directory(), next[0]) == 0 &&
		    access(sibling, X_OK) == 0)
			execv(sibling, next);
	}
	execvp(next[0], next);
	err = errno;
	if (err == ENOENT && next[0][0] != '/' && strchr(next[0], '/'))
		explain_relative_path(next[0], hint, sizeof hint);
	else
		snprintf(hint, sizeof hint, "the next program, '%s', %s", next[0],
			 err == ENOENT ? "was not found" : "cannot be executed");
	fail("exec", err, hint, err == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_EXECUTE);
}

/*** asking as another user ***/

int
user_may_access(uid_t uid, gid_t gid, const char *path, int mode)
{
	uid_t our_uid = geteuid();
	gid_t our_gid = getegid();
	int count = getgroups(0, NULL), err = 0;
	gid_t *our_groups = malloc(((size_t)(count > 0 ? count : 0) + 1) * sizeof *our_groups);

	if (count == -1 || our_groups == NULL || getgroups(count, our_groups) == -1)
		fail("getgroups", errno, NULL, EXIT_SYSCALL_FAILED);
	if (setgroups(1, &gid) == -1 || setegid(gid) == -1 || seteuid(uid) == -1)
		fail("taking the user's IDs", errno, NULL, EXIT_SYSCALL_FAILED);
	if (faccessat(AT_FDCWD, path, mode, AT_EACCESS) == -1)
		err = errno;
	if (seteuid(our_uid) == -1 || setegid(our_gid) == -1 ||
	    setgroups((size_t)count, our_groups) == -1)
		fail("taking root's IDs back", errno, NULL, EXIT_SYSCALL_FAILED);
	free(our_groups);
	return err;
}
