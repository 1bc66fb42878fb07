/* step1-fork - step 1 of 7: fork, and let the parent exit.
 *
 * Why a daemon needs it: the shell started us as a job, and a job-control
 * shell makes every job a process-group leader. A group leader may not call
 * setsid() (step 2 would fail with EPERM). Our child gets a new PID but stays
 * in our group, so it is not a leader. The parent exits at once, which also
 * gives the shell its prompt back; the child is orphaned and adopted by PID 1
 * or by a subreaper such as `systemd --user` (so "PPID 1" is no proof of a
 * daemon: we record the adopter's name).
 *
 * At once is too early: the shell, or a script's next line, takes the
 * parent's exit for "the service is up", and the daemon is not up yet. With
 * --wait-ready the parent waits until it is, as daemon(7) asks: before the
 * fork it makes a pipe, the child carries the write end down the chain (its
 * number in DAEMON_STEPS_READY_FD, the convention of s6's notification
 * descriptor: the daemon writes a line to it when it is ready, then closes
 * it), and the parent reads. A line: the daemon is up, exit 0. End of file
 * without one: every holder closed its end, the daemon died or a step closed
 * the descriptor, exit 3. The child is then not orphaned until that moment.
 *
 * Usage: step1-fork [--wait-ready] [NEXT-PROGRAM [ARGS...]]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "steplib.h"

enum { EXIT_NOT_READY = 3 };	/* --wait-ready: the daemon never said it was ready */

static const struct step_option options[] = {
	{ "wait-ready", NULL, "exit only once the daemon says it is ready (see below)" },
	{ NULL, NULL, NULL },
};

static const struct program program = {
	.name = "step1-fork",
	.step = "1",
	.synopsis = "[--wait-ready] [NEXT-PROGRAM [ARGS...]]",
	.purpose = "Step 1 of 7: fork; the parent exits, the child waits until it is\n"
		   "orphaned and adopted, records who adopted it, then runs NEXT-PROGRAM.\n"
		   "The child is no longer a process-group leader, so setsid() can work.\n"
		   "\n"
		   "With --wait-ready the parent exits only when the daemon is ready: the\n"
		   "child's chain gets the write end of a pipe, its number in " ENV_READY_FD ",\n"
		   "and the daemon writes a line to it once it serves (heartbeatd: once its pid\n"
		   "file holds its PID). The parent exits 0 on that line, 3 when the pipe\n"
		   "ends without one: the daemon died first, or a step closed the descriptor.",
	.options = options,
	.exits = "  0    success; with --wait-ready: the daemon said it is ready\n"
		 "  1    a system call failed\n"
		 "  3    --wait-ready: the daemon never said it is ready (the pipe ended\n"
		 "       without a line: it died first, or a step closed the descriptor)\n"
		 "  126  the next program was found but cannot be executed\n"
		 "  127  the next program was not found",
};

static double
milliseconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

/* The parent with --wait-ready: reads until the daemon's line or the end of
 * the pipe, records which, and exits with what it means. */
static noreturn void
wait_until_ready(int ready, const char *write_end, pid_t child)
{
	struct timespec started;
	char byte, waited[32];
	ssize_t got;

	(void)record("ready-wait", "ready_fd", write_end, (char *)NULL);
	clock_gettime(CLOCK_MONOTONIC, &started);
	while ((got = read(ready, &byte, 1)) == 1 && byte != '\n')
		;			/* s6's convention: anything up to a newline */
	if (got == -1)
		fail("reading the readiness pipe", errno, NULL, EXIT_SYSCALL_FAILED);
	snprintf(waited, sizeof waited, "%.1f", milliseconds_since(&started));
	if (got == 1) {
		(void)record("parent-exit", "ready", "yes", "ready_fd", write_end, "waited_ms", waited,
			     (char *)NULL);
		_exit(0);
	}
	(void)record("parent-exit", "ready", "no", "ready_fd", write_end, "waited_ms", waited,
		     (char *)NULL);
	fprintf(stderr, "%s: the daemon never said it was ready: the readiness pipe (descriptor "
		"%s in the chain) ended without a line after %s ms\n%s: it died before it was "
		"ready, or a step closed that descriptor; run %s of the log %s tells which (the "
		"chain began as PID %d)\n", program_name(), write_end, waited, program_name(),
		getenv(ENV_RUN), log_path(), (int)child);
	_exit(EXIT_NOT_READY);
}

int
main(int argc, char **argv)
{
	const char *values[1];
	int next = program_start(&program, argc, argv, values);
	int wait_ready = values[0] != NULL;
	int ready_pipe[2] = { -1, -1 };
	char write_end[16] = "";
	pid_t parent = getpid();

	if (wait_ready) {
		/* no O_CLOEXEC: the write end must live through every exec of the chain */
		if (pipe(ready_pipe) == -1)
			fail("pipe for --wait-ready", errno, NULL, EXIT_SYSCALL_FAILED);
		snprintf(write_end, sizeof write_end, "%d", ready_pipe[1]);
		if (setenv(ENV_READY_FD, write_end, 1) == -1)
			fail("setenv " ENV_READY_FD, errno, NULL, EXIT_SYSCALL_FAILED);
	}

	/*** the step ***/
	pid_t child = fork();
	if (child == -1)
		fail("fork", errno, NULL, EXIT_SYSCALL_FAILED);
	if (child > 0 && wait_ready) {			/* the parent waits: see above */
		close(ready_pipe[1]);			/* else it would never read end-of-file */
		wait_until_ready(ready_pipe[0], write_end, child);
	}
	if (child > 0) {				/* the parent: our work is done */
		(void)record("parent-exit", (char *)NULL);
		_exit(0);
	}

	struct proc_state now;				/* the child */
	if (wait_ready) {				/* not orphaned: the parent waits for us */
		char forker[24];
		close(ready_pipe[0]);
		snprintf(forker, sizeof forker, "%d", (int)parent);
		if (proc_state_read(getpid(), &now) == -1 ||
		    record("after", "forked_by", forker, "ready_fd", write_end, (char *)NULL) == -1)
			fail("recording", errno, NULL, EXIT_SYSCALL_FAILED);
	} else if (await_adoption(parent, &now) == -1) {
		fail("waiting to be adopted", errno, NULL, EXIT_SYSCALL_FAILED);
	}

	/*** going on ***/
	if (wait_ready)
		continue_chain(argv + next, "forked: now PID %d in group %d (not its leader); "
			       "PID %d waits until descriptor %s says the daemon is ready",
			       (int)now.pid, (int)now.pgid, (int)parent, write_end);
	continue_chain(argv + next, "forked: now PID %d in group %d (not its leader), adopted by %s (PID %d)",
		       (int)now.pid, (int)now.pgid, now.parent_comm, (int)now.ppid);
}
