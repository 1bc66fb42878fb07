/* step0a-reset-signals - before step 1: every signal back to its default
 * action, and none blocked.
 *
 * Why a daemon needs it: a signal's "ignore" and the signal mask are inherited
 * through fork() and kept by exec() (only a handler is reset by exec: its
 * address means nothing in the new program). A daemon started from nohup, or
 * from a shell script that ran it with `&` and no job control, inherits
 * SIGHUP (or SIGINT) ignored: the "reload on SIGHUP" an administrator sends
 * never arrives. One started by a program that had blocked SIGTERM never gets
 * SIGTERM delivered to its handler, so it cannot be stopped the usual way.
 * systemd's daemon(7) resets both first, before the first fork, so the
 * daemon starts from the state the kernel gives a new program, whoever
 * started it. SIGKILL and SIGSTOP cannot be changed at all, and glibc keeps
 * signals 32 and 33 for itself: sigaction() refuses those with EINVAL.
 *
 * Usage: step0a-reset-signals [NEXT-PROGRAM [ARGS...]]
 */
#define _GNU_SOURCE	/* NSIG */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "steplib.h"

static const struct program program = {
	.name = "step0a-reset-signals",
	.step = "0a",
	.synopsis = "[NEXT-PROGRAM [ARGS...]]",
	.purpose = "Before step 1 (daemon(7)): every signal's action back to the default and\n"
		   "an empty signal mask, so that nothing ignored or blocked by whoever started\n"
		   "the chain (nohup, a script) reaches the daemon; then runs NEXT-PROGRAM.",
};

int
main(int argc, char **argv)
{
	const char *values[1];
	int next = program_start(&program, argc, argv, values);

	/*** the step ***/
	struct sigaction default_action = { .sa_handler = SIG_DFL };
	sigemptyset(&default_action.sa_mask);
	for (int sig = 1; sig < NSIG; sig++)		/* EINVAL: KILL, STOP, glibc's 32, 33 */
		if (sigaction(sig, &default_action, NULL) == -1 && errno != EINVAL)
			fail("sigaction", errno, NULL, EXIT_SYSCALL_FAILED);

	sigset_t none;
	sigemptyset(&none);
	if (sigprocmask(SIG_SETMASK, &none, NULL) == -1)
		fail("sigprocmask", errno, NULL, EXIT_SYSCALL_FAILED);
	if (record("after", (char *)NULL) == -1)
		fail("recording", errno, NULL, EXIT_SYSCALL_FAILED);

	/*** going on ***/
	continue_chain(argv + next, "every signal has its default action, none is blocked");
}
