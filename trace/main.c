/* daemon-trace - watch a real program become a daemon, and check it against the recipe.
 *
 *     daemon-trace [OPTIONS] -- PROGRAM [ARGS...]
 *     daemon-trace --pid PID
 *
 * Starts PROGRAM as the caller's shell would have, follows every process and
 * thread it makes with ptrace (follow.c), records the calls that make a
 * daemon in the transition log (calls.c), detaches once it has settled, and
 * judges the process that stayed by the checklist (verdict.c). The daemon
 * runs on as if it had never been traced.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "calls.h"
#include "lineage.h"
#include "procstate.h"
#include "follow.h"
#include "program.h"
#include "verdict.h"

enum { DEFAULT_SETTLE_MS = 1000 };

enum { OPT_JOB_CONTROL, OPT_SETTLE, OPT_SECONDS, OPT_PID, OPT_VIEW, OPT_COUNT };

static const struct step_option options[] = {
	[OPT_JOB_CONTROL] = { "job-control", "yes|no",
			      "start it as a shell's job (yes) or a script's command (no)" },
	[OPT_SETTLE] = { "settle", "MS", "after the first process exits, stop once MS pass "
					 "with no recorded call (default: 1000)" },
	[OPT_SECONDS] = { "seconds", "N", "stop following after N seconds in any case" },
	[OPT_PID] = { "pid", "PID", "check a running process from /proc alone, no tracing" },
	[OPT_VIEW] = { "view", NULL, "after the verdict, replay the run in daemon-viewer (on a "
				     "terminal; the exit status stays the verdict's)" },
	[OPT_COUNT] = { NULL, NULL, NULL },
};

static const struct program program = {
	.name = "daemon-trace",
	.step = "trace",
	.synopsis = "[--job-control=yes|no] [--settle MS] [--seconds N] [--view]\n"
		    "                    -- PROGRAM [ARGS...]\n"
		    "       daemon-trace --pid PID",
	.purpose = "Starts PROGRAM as your shell would, follows every process it makes with\n"
		   "ptrace while it daemonizes, records each step in the transition log (replay\n"
		   "it with daemon-viewer), detaches, leaves the daemon running untraced, and\n"
		   "checks it item by item against the daemon checklist.",
	.options = options,
	.exits = "  0    a daemon: every item of the checklist passes\n"
		 "  1    a system call of daemon-trace failed\n"
		 "  3    a background process stayed, but it fails some item\n"
		 "  4    no daemon stayed: it ran in the foreground and exited, or stayed there\n"
		 "  5    tracing was refused (ptrace): what was found is printed\n"
		 "  126  PROGRAM was found but cannot be executed\n"
		 "  127  PROGRAM was not found",
};

/* A whole number in [min, max], or a usage error naming the option. */
static long
number_option(const char *name, const char *text, long min, long max)
{
	char *end;
	long value;

	errno = 0;
	value = strtol(text, &end, 10);
	if (errno || end == text || *end || value < min || value > max)
		usage_error("--%s needs a whole number from %ld to %ld, not '%s'", name, min, max,
			    text);
	return value;
}

/*
 * Job mode when daemon-trace is the foreground job of its controlling
 * terminal, as a shell's command typed at a prompt is: it leads the
 * terminal's foreground group. Else script mode, also in a foreground group
 * it does not lead (a command of make's, of a script typed at the prompt,
 * of sudo): there the program, untraced, would have been a member of that
 * group too, never its leader.
 */
static enum start_mode
choose_start(const char *forced, int *tty_fd)
{
	int job;

	*tty_fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	job = *tty_fd != -1 && tcgetpgrp(*tty_fd) == getpgrp() && getpgrp() == getpid();
	if (forced && strcmp(forced, "yes") == 0) {
		if (*tty_fd == -1)
			usage_error("--job-control=yes needs a controlling terminal, and there is none");
		return START_JOB;
	}
	if (forced && strcmp(forced, "no") != 0)
		usage_error("--job-control takes yes or no, not '%s'", forced);
	return job && !forced ? START_JOB : START_SCRIPT;
}

/* ptrace refused: what was found, and what to do about each. */
static void
explain_refusal(void)
{
	char line[256], status[PROCSTATE_STATUS_MAX], field[32];
	FILE *f;
	int mode;

	if ((f = fopen("/proc/sys/kernel/yama/ptrace_scope", "re")) != NULL) {
		if (fgets(line, sizeof line, f))
			fprintf(stderr, "daemon-trace: Yama's ptrace_scope is %.*s (3 forbids all "
				"tracing until reboot; 2 needs CAP_SYS_PTRACE: run as root)\n",
				(int)strcspn(line, "\n"), line);
		fclose(f);
	}
	if (proc_status_read(getpid(), status, sizeof status) >= 0) {
		if (proc_status_field(status, "CapEff", field, sizeof field) == 0 &&
		    !(strtoull(field, NULL, 16) & (1ULL << 19)))
			fprintf(stderr, "daemon-trace: CapEff lacks CAP_SYS_PTRACE (a container "
				"may need --cap-add=SYS_PTRACE)\n");
		if (proc_status_field(status, "Seccomp", field, sizeof field) == 0 &&
		    (mode = atoi(field)) != 0)
			fprintf(stderr, "daemon-trace: a seccomp filter is on daemon-trace itself "
				"(Seccomp: %d), which may deny ptrace: run it outside the "
				"sandbox or container that set it\n", mode);
	}
	fprintf(stderr, "daemon-trace: the program was not started\n");
}

static const char *
end_in_words(enum follow_end end, int settle_ms, int seconds, char *out, size_t size)
{
	switch (end) {
	case END_SETTLED:
		snprintf(out, size, "settled: the first process exited, then %d ms with no "
			 "recorded call", settle_ms);
		break;
	case END_TIME_UP:
		snprintf(out, size, "--seconds %d passed", seconds);
		break;
	case END_SIGNAL:
		snprintf(out, size, "daemon-trace was asked to stop (a signal)");
		break;
	case END_ALL_GONE:
		snprintf(out, size, "every traced process exited");
		break;
	}
	return out;
}

/* Whether the first process became the program (its exec worked). */
static int
ever_executed(pid_t first)
{
	const struct traced_process *p = lineage_find(first);

	return p != NULL && p->execs > 0;
}

/*
 * --view: daemon-viewer on the run, found as daemon-demo finds it (beside
 * this program, installed or in the build folder, else on the PATH), in a
 * child, so that the exit status stays the verdict's. Only on a terminal
 * whose foreground daemon-trace is: else it says so.
 */
static void
view_run(void)
{
	char viewer[PATH_MAX];
	char *argv[] = { "daemon-viewer", "--run", (char *)calls_run(), (char *)log_path(), NULL };
	sigset_t none;
	pid_t child;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) ||
	    tcgetpgrp(STDOUT_FILENO) != getpgrp()) {
		printf("daemon-trace: --view needs a terminal in the foreground: replay it as "
		       "\"Replay it\" above says\n");
		return;
	}
	fflush(stdout);
	if ((child = fork()) == -1) {
		report_failure("fork (for daemon-viewer)", errno, NULL);
		return;
	}
	if (child == 0) {
		sigemptyset(&none);	/* the tracer's mask is not the viewer's */
		sigprocmask(SIG_SETMASK, &none, NULL);
		execv(viewer_path(viewer, sizeof viewer), argv);
		execvp(argv[0], argv);
		report_failure("cannot open daemon-viewer", errno, NULL);
		_exit(127);
	}
	while (waitpid(child, NULL, 0) == -1 && errno == EINTR)
		;	/* the viewer's own status is not the verdict's */
}

/* The command line, as the start record shows it. */
static void
join_words(char **words, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (char **w = words; *w && used < size; w++)
		used += (size_t)snprintf(out + used, size - used, "%s%s", w == words ? "" : " ", *w);
}

int
main(int argc, char **argv)
{
	extern char **environ;
	const char *values[OPT_COUNT];
	char **caller_environment, command[512], ended[160];
	size_t env_count = 0;
	struct proc_state origin;
	int tty_fd, settle_ms = DEFAULT_SETTLE_MS, seconds = 0, tasks, processes, first_status;
	enum start_mode mode;
	enum launch_result launched;
	enum follow_end end;
	enum verdict_code verdict;

	/* the program gets the caller's environment, not the log settings set below */
	while (environ[env_count])
		env_count++;
	if ((caller_environment = calloc(env_count + 1, sizeof *caller_environment)) == NULL)
		fail("calloc", errno, NULL, VERDICT_SYSCALL_FAILED);
	memcpy(caller_environment, environ, env_count * sizeof *environ);
	unsetenv(ENV_RUN);		/* every trace is a run of its own */

	int next = program_setup(&program, argc, argv, values);
	if (values[OPT_SETTLE])
		settle_ms = (int)number_option("settle", values[OPT_SETTLE], 0, 3600 * 1000);
	if (values[OPT_SECONDS])
		seconds = (int)number_option("seconds", values[OPT_SECONDS], 1, 24 * 3600);
	if (proc_state_read(getpid(), &origin) == -1)
		fail("reading /proc/self", errno, NULL, VERDICT_SYSCALL_FAILED);
	if (values[OPT_PID]) {
		pid_t pid = (pid_t)number_option("pid", values[OPT_PID], 1, 1 << 22);
		if (argv[next])
			usage_error("--pid checks a running process: no PROGRAM with it");
		if (values[OPT_VIEW])
			usage_error("--pid traces nothing: there is no run to --view");
		if (!verdict_alive(pid)) {
			char what[64];
			snprintf(what, sizeof what, "reading /proc/%d", (int)pid);
			fail(what, errno, NULL, VERDICT_SYSCALL_FAILED);
		}
		return verdict_of_pid(pid, &origin, stdout);
	}
	if (argv[next] == NULL)
		usage_error("no PROGRAM to trace");
	mode = choose_start(values[OPT_JOB_CONTROL], &tty_fd);

	join_words(argv + next, command, sizeof command);
	record_start("traced", command, "program", argv[next],
		     "start", mode == START_JOB ? "job" : "script", (char *)NULL);
	if (calls_begin(log_path(), getenv(ENV_RUN)) == -1)
		fail("opening the log", errno, NULL, VERDICT_SYSCALL_FAILED);

	launched = follow_launch(argv + next, caller_environment, mode, tty_fd);
	if (launched == LAUNCH_REFUSED) {
		report_failure("PTRACE_SEIZE", errno, "the kernel refused to let daemon-trace trace it");
		explain_refusal();
		return VERDICT_REFUSED;
	}
	if (launched == LAUNCH_FAILED)
		fail("starting the program", errno, NULL, VERDICT_SYSCALL_FAILED);

	end = follow_run(settle_ms, seconds);
	if (calls_flush() == -1)
		report_failure("writing the log", errno, NULL);
	follow_detach(&tasks, &processes);

	struct verdict_input in = {
		.origin = &origin,
		.ended = end_in_words(end, settle_ms, seconds, ended, sizeof ended),
		.first = follow_first_pid(),
	};
	in.first_exited = follow_first_exited(&first_status);
	in.first_status = first_status;
	/* the program never ran: the child said why, as a shell would; its status */
	if (in.first_exited && !ever_executed(in.first))
		return WIFEXITED(first_status) ? WEXITSTATUS(first_status) : VERDICT_SYSCALL_FAILED;
	printf("daemon-trace: detached %d task%s of %d process%s\n", tasks, tasks == 1 ? "" : "s",
	       processes, processes == 1 ? "" : "es");
	verdict = verdict_give(&in, stdout);
	print_where_to_replay(calls_run());	/* in a script's output too: the run is found by it */
	fflush(stdout);
	/* a program that stayed in the foreground: wait for it, as a shell would */
	if (!in.first_exited && follow_wait_foreground() == -1)
		report_failure("waiting for the program", errno, NULL);
	if (values[OPT_VIEW])
		view_run();	/* once the terminal is daemon-trace's again */
	return verdict;
}
