/* job.h - the program as the caller's shell's job.
 *
 * In job mode (START_JOB) the program is what a job-control shell makes of a
 * command typed at its prompt: a process group of its own, the terminal's
 * foreground group. daemon-trace is itself that shell's job: it gives the
 * terminal to the program's group, takes it back when the program is done
 * with it, and stops and continues with the program's job, so that the shell
 * sees its job as it would untraced. In script mode nothing here touches the
 * terminal.
 */
#ifndef DAEMON_TRACE_JOB_H
#define DAEMON_TRACE_JOB_H

#include <sys/types.h>

#include "follow.h"

/* How the program is started, and the controlling terminal (job mode). */
void job_begin(enum start_mode mode, int tty_fd);

/* Whether it is started as a shell's job. */
int job_control(void);

/* Job mode: first, still waiting to execute, leads a process group of its
 * own, the terminal's foreground. Returns 0, or -1 with errno. */
int job_start(pid_t first);

/* The program's group is done with the terminal (its first process exited,
 * or was given up): daemon-trace's group takes it back, if it is the
 * program's. */
void job_take_terminal(void);

/*
 * The program's job stopped with sig (Ctrl-Z): records that the shell's
 * prompt returns, takes the terminal back and stops daemon-trace with the
 * same signal, so that the shell sees its job stopped; when the shell
 * continues it (fg, bg), gives the program's group the terminal again, if
 * daemon-trace has it, and SIGCONT.
 */
void job_stop(int sig);

#endif
