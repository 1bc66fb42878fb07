/* ptrace-floor - the floor of daemon-trace's design, for trace-bench.sh: the
 * same start (a child seized on a pipe) and the same stops (every call's
 * entry and exit, every fork, clone and exec), with nothing done at each but
 * waitpid(), PTRACE_GET_SYSCALL_INFO and the resume. No records, no /proc.
 *
 *     ptrace-floor PROGRAM [ARGS...]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int go[2], status;
	char word;
	pid_t child, tid;
	struct __ptrace_syscall_info info;

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

		if (!WIFSTOPPED(status))
			continue;
		if (WSTOPSIG(status) == (SIGTRAP | 0x80))
			(void)ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof info, &info);
		else if (status >> 16 == 0)
			sig = WSTOPSIG(status);
		(void)ptrace(PTRACE_SYSCALL, tid, 0, sig);
	}
	return 0;
}
