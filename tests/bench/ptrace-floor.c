/* ptrace-floor - the floor of daemon-trace's design, for trace-bench.sh: the
 * same start (a child seized on a pipe) and the same stops (every call's
 * entry and exit, every fork, clone and exec), with nothing done at each but
 * waitpid(), PTRACE_GET_SYSCALL_INFO and the resume. No records, no /proc.
 *
 * With --state, it also reads the process state a record carries (lib's
 * proc_state_read(), as daemon-trace does) at each fork (the child's), exec
 * and exit, the events daemon-trace records in a program that only forks and
 * executes, and nothing else: what the kernel's /proc costs, apart from what
 * daemon-trace itself adds. (Every exit stop is read: the benchmark's
 * programs have no threads.)
 *
 *     ptrace-floor [--state] PROGRAM [ARGS...]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "procstate.h"

static struct proc_state state;

/* The process an event stop's record would be of: a fork's child, an exec's
 * or an exit's process; 0 for any other stop. */
static pid_t
recorded_pid(pid_t tid, int event)
{
	unsigned long child;

	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
		return ptrace(PTRACE_GETEVENTMSG, tid, 0, &child) == 0 ? (pid_t)child : 0;
	case PTRACE_EVENT_EXEC:
	case PTRACE_EVENT_EXIT:
		return tid;
	default:
		return 0;
	}
}

int
main(int argc, char **argv)
{
	int go[2], status, read_state = argc > 1 && strcmp(argv[1], "--state") == 0;
	char word;
	pid_t child, tid;
	struct __ptrace_syscall_info info;

	argv += read_state;
	argc -= read_state;
	if (argc < 2 || pipe2(go, O_CLOEXEC) == -1)
		return 2;
	if ((child = fork()) == 0) {
		if (read(go[0], &word, 1) != 1)
			_exit(1);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (ptrace(PTRACE_SEIZE, child, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC |
		   PTRACE_O_TRACEEXIT | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
		   PTRACE_O_TRACEVFORKDONE | PTRACE_O_TRACECLONE) == -1 ||
	    write(go[1], "g", 1) != 1) {
		perror("ptrace-floor");
		return 1;
	}
	close(go[1]);
	while ((tid = waitpid(-1, &status, __WALL)) > 0) {
		int sig = 0;
		pid_t recorded;

		if (!WIFSTOPPED(status))
			continue;
		if (WSTOPSIG(status) == (SIGTRAP | 0x80))
			(void)ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof info, &info);
		else if (status >> 16 == 0)
			sig = WSTOPSIG(status);
		else if (read_state && (recorded = recorded_pid(tid, status >> 16)) > 0)
			(void)proc_state_read(recorded, &state);
		(void)ptrace(PTRACE_SYSCALL, tid, 0, sig);
	}
	return 0;
}
