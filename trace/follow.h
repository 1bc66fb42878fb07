/* follow.h - following a program's processes and threads with ptrace.
 *
 * One tracer per program: the state lives in follow.c. It starts the program
 * as the caller's shell would, seizes it before its first instruction, is told
 * by ptrace events of every fork, clone, exec and exit, stops the tasks only
 * at their system calls, hands each call to calls.h to record, and in the
 * end detaches every task so that the daemon runs on as if never traced.
 */
#ifndef DAEMON_TRACE_FOLLOW_H
#define DAEMON_TRACE_FOLLOW_H

#include <sys/types.h>

/* How the program is started (see docs/trace.md). */
enum start_mode {
	START_SCRIPT,	/* in daemon-trace's process group; the terminal untouched */
	START_JOB	/* a process group of its own, the terminal's foreground */
};

/* Why following stopped. */
enum follow_end {
	END_SETTLED,	/* the first process exited, then nothing recorded for the settle time */
	END_TIME_UP,	/* --seconds passed */
	END_SIGNAL,	/* SIGINT, SIGTERM or SIGHUP reached daemon-trace */
	END_ALL_GONE	/* every traced process exited */
};

/* What launching found. */
enum launch_result {
	LAUNCH_TRACED,
	LAUNCH_REFUSED,		/* PTRACE_SEIZE failed: errno says why */
	LAUNCH_FAILED		/* fork, pipe or the terminal failed: errno says why */
};

/*
 * Forks the child that becomes argv[0], with the environment envp and
 * everything else as daemon-trace received it; in START_JOB mode gives it a
 * process group of its own and the terminal tty_fd. The child waits on a
 * pipe until it is seized, then executes the program. On refusal the child
 * is killed before it ever executes.
 */
enum launch_result follow_launch(char **argv, char **envp, enum start_mode mode, int tty_fd);

/* The first process's PID. */
pid_t follow_first_pid(void);

/*
 * Follows until settled: the first process exited and settle_ms passed with
 * no recorded call; or seconds passed (0: no limit); or a signal came.
 */
enum follow_end follow_run(int settle_ms, int seconds);

/* Detaches every task; counts them and their processes. */
void follow_detach(int *tasks, int *processes);

/*
 * After the detach: waits for a first process that stayed in the
 * foreground, as the caller's shell waits for its job. In job mode a stop
 * (Ctrl-Z) stops daemon-trace too, until the shell continues it; each time
 * the shell's prompt would return (the stop, the exit) is recorded. Returns
 * the wait status, or -1 with errno.
 */
int follow_wait_foreground(void);

/* Whether the first process has exited, and then its wait status. */
int follow_first_exited(int *status);

#endif
