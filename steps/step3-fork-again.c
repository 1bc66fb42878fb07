/* step3-fork-again - step 3 of 7: fork again, and let the session leader exit.
 *
 * Why a daemon needs it: after setsid() the process leads its session, and a
 * session leader that opens a terminal no session owns yet (a console, a serial
 * line, a fresh pseudo-terminal) without O_NOCTTY gets it as its controlling
 * terminal, and with it the hangups and job-control signals. The child of a
 * second fork is in the same session but is not its leader, so no open can
 * ever give it a controlling terminal. The leader exits; the child is
 * orphaned and adopted, as in step 1.
 *
 * Usage: step3-fork-again [NEXT-PROGRAM [ARGS...]]
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "steplib.h"

static const struct program program = {
	.name = "step3-fork-again",
	.step = "3",
	.synopsis = "[NEXT-PROGRAM [ARGS...]]",
	.purpose = "Step 3 of 7: fork again; the session leader exits, the child waits until\n"
		   "it is adopted, records who adopted it, then runs NEXT-PROGRAM. The child\n"
		   "is not a session leader, so opening a terminal cannot make it its\n"
		   "controlling terminal.",
};

int
main(int argc, char **argv)
{
	const char *values[1];
	int next = program_start(&program, argc, argv, values);
	pid_t leader = getpid();

	/*** the step ***/
	pid_t child = fork();
	if (child == -1)
		fail("fork", errno, NULL, EXIT_SYSCALL_FAILED);
	if (child > 0) {				/* the session leader leaves */
		(void)record("parent-exit", (char *)NULL);
		_exit(0);
	}

	struct proc_state now;				/* the child: in the session, not its leader */
	if (await_adoption(leader, &now) == -1)
		fail("waiting to be adopted", errno, NULL, EXIT_SYSCALL_FAILED);

	/*** going on ***/
	continue_chain(argv + next, "forked again: PID %d in session %d, which it does not lead; adopted by %s (PID %d)",
		       (int)now.pid, (int)now.sid, now.parent_comm, (int)now.ppid);
}
