/* demo-daemon7.c - daemon-demo --daemon7: systemd's daemon(7) steps in the
 * chain, and what leaving them out leaves (see demo.h). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "demo.h"
#include "steplib.h"

const char *const daemon7_programs[DAEMON7_STEPS] = {
	"step0a-reset-signals", "step0b-clean-env", "step8-drop-privileges",
};

void
stage_inherited_signals(void)
{
	sigset_t term;

	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	if (signal(SIGHUP, SIG_IGN) == SIG_ERR)
		fail("signal", errno, NULL, EXIT_SYSCALL_FAILED);
	if (sigprocmask(SIG_BLOCK, &term, NULL) == -1)
		fail("sigprocmask", errno, NULL, EXIT_SYSCALL_FAILED);
}

void
tell_daemon7_missing(int skipped_0a, int skipped_0b, const char *sigign, const char *sigblk,
		     const char *nenv)
{
	const char *name = program_name();

	if (skipped_0a)
		printf("%s: without step 0a, heartbeatd started with the signals daemon-demo "
		       "staged, as nohup\n%s: and a careless starter leave them: it ignores %s "
		       "(sigign), so a kill -HUP\n%s: is never recorded, and it blocks %s "
		       "(sigblk).\n", name, name, sigign, name, sigblk);
	if (skipped_0b)
		printf("%s: without step 0b, heartbeatd has the starter's whole environment: "
		       "nenv=%s.\n", name, nenv);
}
