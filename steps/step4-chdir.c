/* step4-chdir - step 4 of 7: change the working directory, to / by default.
 *
 * Why a daemon needs it: a process keeps its working directory busy. A daemon
 * started from /mnt/usb or a user's home would keep that filesystem from being
 * unmounted for as long as it runs. / is always mounted. (A daemon that needs
 * a directory of its own may choose it with --dir.) /proc/PID/cwd shows it.
 *
 * After it, every relative path means something else: a next program typed as
 * ./build/bin/step5-umask is looked up below / and not found (the error says
 * why; steplib's exec_next). Bare names work: each step finds the next beside
 * itself. A daemon's own relative paths, to its configuration say, break alike.
 *
 * Usage: step4-chdir [--dir DIR] [NEXT-PROGRAM [ARGS...]]
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "steplib.h"

static const struct step_option options[] = {
	{ "dir", "DIR", "the directory to change to (default: /)" },
	{ NULL, NULL, NULL },
};

static const struct program program = {
	.name = "step4-chdir",
	.step = "4",
	.synopsis = "[--dir DIR] [NEXT-PROGRAM [ARGS...]]",
	.purpose = "Step 4 of 7: chdir(\"/\"), so the daemon keeps no filesystem busy,\n"
		   "then runs NEXT-PROGRAM.",
	.options = options,
};

int
main(int argc, char **argv)
{
	const char *values[1];
	int next = program_start(&program, argc, argv, values);
	const char *dir = values[0] ? values[0] : "/";

	/*** the step ***/
	if (chdir(dir) == -1)
		fail("chdir", errno, NULL, EXIT_SYSCALL_FAILED);
	if (record("after", (char *)NULL) == -1)
		fail("recording", errno, NULL, EXIT_SYSCALL_FAILED);

	/*** going on ***/
	continue_chain(argv + next, "working directory is now %s", dir);
}
