/* job.c - the program as the caller's shell's job (see job.h). */
#define _GNU_SOURCE
#include "job.h"

#include <errno.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include "calls.h"
#include "record.h"
#include "program.h"

static struct {
	enum start_mode mode;
	int tty_fd;
	pid_t group;		/* the program's process group: its first process */
} job = { .tty_fd = -1 };

void
job_begin(enum start_mode mode, int tty_fd)
{
	job.mode = mode;
	job.tty_fd = tty_fd;
}

int
job_control(void)
{
	return job.mode == START_JOB;
}

/* tcsetpgrp() from a background group sends SIGTTOU: block it, do not ignore it. */
static int
give_terminal(pid_t group)
{
	sigset_t ttou, old;
	int result;

	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, &old);
	result = tcsetpgrp(job.tty_fd, group);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return result;
}

int
job_start(pid_t first)
{
	job.group = first;
	/* as a job-control shell does; the child waits, so there is no race */
	return setpgid(first, first) == -1 || give_terminal(first) == -1 ? -1 : 0;
}

void
job_take_terminal(void)
{
	if (job_control() && job.group && tcgetpgrp(job.tty_fd) == job.group)
		(void)give_terminal(getpgrp());
}

void
job_stop(int sig)
{
	calls_job_stopped(job.group, sig);
	if (record_log_flush(calls_log()) == -1)
		report_failure("writing the log", errno, NULL);
	job_take_terminal();
	(void)kill(getpid(), sig);		/* here it stays until SIGCONT */
	if (tcgetpgrp(job.tty_fd) == getpgrp())	/* fg, not bg */
		(void)give_terminal(job.group);
	(void)kill(-job.group, SIGCONT);
}
