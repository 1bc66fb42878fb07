/* verdict.h - is the process a program left behind a daemon? The checklist
 * (lib/checklist.h), item by item, with the kernel's evidence. */
#ifndef DAEMON_TRACE_VERDICT_H
#define DAEMON_TRACE_VERDICT_H

#include <stdio.h>
#include <sys/types.h>

#include "procstate.h"

/* daemon-trace's exit status, distinct from the program's own. */
enum verdict_code {
	VERDICT_DAEMON = 0,		/* every item passes */
	VERDICT_SYSCALL_FAILED = 1,	/* a system call of daemon-trace failed */
	VERDICT_FAILS_SOME = 3,		/* it went to the background, but fails an item */
	VERDICT_NO_DAEMON = 4,		/* nothing stayed, or it stayed in the foreground */
	VERDICT_REFUSED = 5		/* the kernel refused tracing */
};

/* What the verdict is about, beyond the processes calls.h recorded. */
struct verdict_input {
	const struct proc_state *origin;	/* daemon-trace itself: its caller's session, cwd, umask */
	const char *ended;		/* what ended the trace, in words */
	pid_t first;			/* the program's first process */
	int first_exited, first_status;
};

/* Finds the daemon, judges it, prints the verdict to out and records it. */
enum verdict_code verdict_give(const struct verdict_input *in, FILE *out);

/* Whether pid is a process that runs; else 0 with errno (ESRCH for a zombie). */
int verdict_alive(pid_t pid);

/* --pid: the same checklist from /proc alone, for a running process. */
enum verdict_code verdict_of_pid(pid_t pid, const struct proc_state *origin, FILE *out);

#endif
