/* step2-setsid - step 2 of 7: start a new session.
 *
 * Why a daemon needs it: a process in the user's session keeps the user's
 * terminal as its controlling terminal: it belongs to a login that will end,
 * the terminal's job control can stop it (SIGTTIN when it reads), and when the
 * terminal goes away it is left with none, a member of a session that is
 * gone. setsid() makes the caller the leader of a new session and of a new
 * process group, with no controlling terminal at all.
 *
 * The kernel refuses setsid() with EPERM to a process-group leader (a process
 * group whose ID is the caller's PID exists), because the group would then be
 * split across two sessions. Every job of a job-control shell is a group
 * leader: that is why step 1 forks first. Leave step 1 out and watch it fail.
 *
 * Usage: step2-setsid [NEXT-PROGRAM [ARGS...]]
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "steplib.h"

static const struct program program = {
	.name = "step2-setsid",
	.step = "2",
	.synopsis = "[NEXT-PROGRAM [ARGS...]]",
	.purpose = "Step 2 of 7: setsid(); the process becomes the leader of a new session\n"
		   "and process group, with no controlling terminal, then runs NEXT-PROGRAM.\n"
		   "Fails with EPERM in a process-group leader: fork first (step1-fork).",
};

int
main(int argc, char **argv)
{
	const char *values[1];
	int next = program_start(&program, argc, argv, values);

	/*** the step ***/
	if (setsid() == -1) {
		int err = errno;
		char hint[160];
		snprintf(hint, sizeof hint,
			 "process group %d already exists and this process leads it: a group "
			 "leader may not start a session; fork first (step1-fork)", (int)getpid());
		fail("setsid", err, err == EPERM ? hint : NULL, EXIT_SYSCALL_FAILED);
	}
	if (record("after", (char *)NULL) == -1)
		fail("recording", errno, NULL, EXIT_SYSCALL_FAILED);

	/*** going on ***/
	continue_chain(argv + next, "new session %d, process group %d, no controlling terminal",
		       (int)getsid(0), (int)getpgrp());
}
