/* restart.h - a system call that only the tracing interrupted, restarted
 * as an untraced run would have had it.
 *
 * daemon-trace's PTRACE_INTERRUPT at the detach, and a signal the process
 * ignores (untraced, the kernel would drop it; under ptrace it is queued),
 * wake a sleeping call. Most calls then restart by themselves (read, poll,
 * select, ppoll, pselect6, nanosleep, futex: the kernel gives ERESTART* and
 * keeps their timeouts running); a few fail with EINTR where an untraced run
 * never would (epoll_wait, sigtimedwait, accept with SO_RCVTIMEO). This
 * file turns such an EINTR back into the call, with a relative timeout
 * shortened by the time already spent. The registers involved are the
 * architecture's: restart.c keeps them in one place.
 */
#ifndef DAEMON_TRACE_RESTART_H
#define DAEMON_TRACE_RESTART_H

#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "calls.h"

/* What a restart changed in a task, to be put back at the restarted call's
 * end while the task is still traced. */
struct restart_note {
	int changed;		/* 0: nothing to put back */
	uint32_t arch;		/* the task's (AUDIT_ARCH_*): which registers are its arguments */
	int arg;		/* the argument register changed */
	uint64_t original;	/* what the program had there */
};

/*
 * Thread tid is at the exit of call, begun at began, which failed with
 * EINTR. When nothing but the tracing caused it (no signal the process
 * catches is pending), sets the registers back onto the call, with a
 * relative timeout shortened by the time spent, and returns 1; else 0: the
 * EINTR is real. note is updated.
 */
int restart_interrupted(pid_t tid, const struct syscall_call *call, const struct timespec *began,
			struct restart_note *note);

/* The restarted call has ended: the program's own register back. */
void restart_done(pid_t tid, struct restart_note *note);

#endif
