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
 * Usage: step1-fork [NEXT-PROGRAM [ARGS...]]
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "steplib.h"

static const struct program program = {
	.name = "step1-fork",
	.step = "1",
	.synopsis = "[NEXT-PROGRAM [ARGS...]]",
	.purpose = "Step 1 of 7: fork; the parent exits, the child waits until it is\n"
		   "orphaned and adopted, records who adopted it, then runs NEXT-PROGRAM.\n"
		   "The child is no longer a process-group leader, so setsid() can work.",
};

int
main(int argc, char **argv)
{
	const char *values[1];
	int next = program_start(&program, argc, argv, values);
	pid_t parent = getpid();

	/*** the step ***/
	pid_t child = fork();
	if (child == -1)
		fail("fork", errno, NULL, EXIT_SYSCALL_FAILED);
	if (child > 0) {				/* the parent: our work is done */
		(void)record("parent-exit", (char *)NULL);
		_exit(0);
	}

	struct proc_state now;				/* the child */
	if (await_adoption(parent, &now) == -1)
		fail("waiting to be adopted", errno, NULL, EXIT_SYSCALL_FAILED);

	/*** going on ***/
	continue_chain(argv + next, "forked: now PID %d in group %d (not its leader), adopted by %s (PID %d)",
		       (int)now.pid, (int)now.pgid, now.parent_comm, (int)now.ppid);
}
