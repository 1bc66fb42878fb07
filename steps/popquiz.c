/* popquiz - "Why can't we do just a single fork?", answered by the kernel.
 *
 * Two answers that texts often confuse, each shown with real processes:
 *
 * 1. Why fork BEFORE setsid(): a process-group leader may not start a
 *    session (EPERM). A child made a group leader, as a job-control shell
 *    makes every job, fails; its own child, which leads nothing, succeeds.
 *
 * 2. Why fork AGAIN after setsid(): a session leader that opens a terminal no
 *    session owns yet, without O_NOCTTY, gets it as its controlling terminal.
 *    Two separate lineages open a fresh pseudo-terminal each: the session
 *    leader (fork, setsid) takes its terminal; the child of a second fork
 *    (fork, setsid, fork) gets none. Separate lineages, because a grandchild
 *    of the first would simply inherit the terminal its parent took.
 *
 * popquiz makes its own pseudo-terminals, so it runs the same in a class, in
 * a script and in CI. Every outcome is printed and recorded in the log.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "steplib.h"

static const struct step_option options[] = {
	{ "ask", NULL, "ask each question first; Enter shows the kernel's answer" },
	{ NULL, NULL, NULL },
};

static const struct program program = {
	.name = "popquiz",
	.step = "quiz",
	.synopsis = "[--ask]",
	.purpose = "The pop quiz \"why can't we do just a single fork?\", answered by the\n"
		   "kernel: a process-group leader's setsid() fails with EPERM (fork before\n"
		   "setsid), and a session leader that opens a fresh pseudo-terminal gets it\n"
		   "as its controlling terminal (fork again). Exits 0 when the kernel\n"
		   "answered as expected, 1 otherwise.",
	.exits = "  0    the kernel answered as expected (the EPERM it provokes included)\n"
		 "  1    it did not, or a system call failed",
	.options = options,
};

static int asking;	/* --ask: a question, then the answer */

/* With --ask, puts the question and waits for the student's answer (a line). */
static void
ask(const char *question)
{
	char answer[256];

	if (!asking)
		return;
	printf("%s\n   Your answer? (Enter shows the kernel's) ", question);
	fflush(stdout);
	if (fgets(answer, sizeof answer, stdin) == NULL)
		printf("\n");
	printf("\n");
}

/*** the pieces each lesson needs ***/

/* Forks with stdout flushed, so no buffered line is printed twice. */
static pid_t
fork_flushed(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == -1)
		fail("fork", errno, NULL, EXIT_SYSCALL_FAILED);
	return pid;
}

/* In a child: flush what it printed and leave, the expected outcome or not. */
static noreturn void
leave(int as_expected)
{
	fflush(stdout);
	_exit(as_expected ? 0 : 1);
}

/* Waits for a child; whether it saw what the lesson expects. */
static int
child_as_expected(pid_t pid)
{
	int status = wait_for_child(pid);

	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Opens slave without O_NOCTTY, records and prints what the kernel did; returns 1 if taken. */
static int
open_terminal_carelessly(const char *slave, const char *quiz)
{
	struct proc_state before, after;

	if (proc_state_read(getpid(), &before) == -1)
		fail("reading /proc/self", errno, NULL, EXIT_SYSCALL_FAILED);
	int fd = open(slave, O_RDWR | O_CLOEXEC);	/* no O_NOCTTY, on purpose */
	if (fd == -1)
		fail("open the pseudo-terminal", errno, slave, EXIT_SYSCALL_FAILED);
	if (proc_state_read(getpid(), &after) == -1)
		fail("reading /proc/self", errno, NULL, EXIT_SYSCALL_FAILED);
	int taken = strcmp(before.tty, after.tty) != 0;
	if (record("after", "quiz", quiz, "tried_tty", slave, "tty_taken", taken ? "yes" : "no",
		   (char *)NULL) == -1)
		fail("recording", errno, NULL, EXIT_SYSCALL_FAILED);
	if (taken)
		printf("     it became its controlling terminal: tty %s -> %s, "
		       "foreground group %d -> %d\n",
		       before.tty, after.tty, (int)before.tpgid, (int)after.tpgid);
	else
		printf("     no controlling terminal: tty stays %s\n", after.tty);
	close(fd);
	return taken;
}

/*** lesson 1: why fork before setsid ***/

/* In the group leader's child: setsid() works. */
static noreturn void
child_starts_session(void)
{
	if (setsid() == -1) {
		report_failure("setsid", errno, NULL);
		leave(0);
	}
	if (record("after", "quiz", "fork-then-setsid", (char *)NULL) == -1)
		fail("recording", errno, NULL, EXIT_SYSCALL_FAILED);
	printf("     setsid() succeeded: PID %d now leads session %d, with no terminal.\n",
	       (int)getpid(), (int)getsid(0));
	leave(1);
}

static noreturn void
group_leader_tries_setsid(void)
{
	if (setpgid(0, 0) == -1)		/* lead a group, as a shell's job does */
		fail("setpgid", errno, NULL, EXIT_SYSCALL_FAILED);
	printf("   PID %d made itself a process-group leader (setpgid(0, 0)), as a shell\n"
	       "   does for every job, then called setsid():\n", (int)getpid());

	int refused = setsid() == -1 && errno == EPERM;
	if (refused) {
		(void)record("error", "quiz", "leader-setsid", "call", "setsid", "errno", "EPERM",
			     "error", strerror(EPERM),
			     "hint", "a process-group leader may not start a session",
			     (char *)NULL);
		printf("     setsid() failed: EPERM (%s)\n", strerror(EPERM));
	} else {
		(void)record("after", "quiz", "leader-setsid", (char *)NULL);
		printf("     setsid() did NOT fail: this kernel breaks the rule.\n");
	}
	printf("   A group leader may not start a session: its group would be split\n"
	       "   across two sessions. Its child is in that group but does not lead it:\n");

	pid_t child = fork_flushed();
	if (child == 0)
		child_starts_session();
	leave(child_as_expected(child) && refused);
}

static int
lesson_fork_before_setsid(void)
{
	ask("Question 1: a job-control shell makes every job a process-group leader.\n"
	    "   What happens when such a process calls setsid() without forking first?");
	printf("1. Why fork BEFORE setsid()?\n");
	pid_t child = fork_flushed();
	if (child == 0)
		group_leader_tries_setsid();
	int ok = child_as_expected(child);
	printf("   So the first fork exists to make setsid() possible.\n\n");
	return ok;
}

/*** lesson 2: why fork again after setsid ***/

static noreturn void
session_leader_opens(const char *slave)
{
	if (setsid() == -1)
		fail("setsid", errno, NULL, EXIT_SYSCALL_FAILED);
	printf("   PID %d called setsid() and leads session %d. It opened %s,\n"
	       "   a fresh pseudo-terminal, without O_NOCTTY:\n", (int)getpid(), (int)getsid(0), slave);
	leave(open_terminal_carelessly(slave, "leader-opens-tty"));
}

static noreturn void
second_child_opens(const char *slave)
{
	if (setsid() == -1)
		fail("setsid", errno, NULL, EXIT_SYSCALL_FAILED);
	pid_t child = fork_flushed();
	if (child > 0)
		leave(child_as_expected(child));	/* the leader waits, so the story stays in order */

	printf("   PID %d, the child of a second fork (session %d, which its parent\n"
	       "   leads), opened %s the same way:\n", (int)getpid(), (int)getsid(0), slave);
	leave(!open_terminal_carelessly(slave, "non-leader-opens-tty"));
}

static int
lesson_fork_again(void)
{
	char first_slave[64], second_slave[64];
	int first_master = open_fresh_pty(first_slave, sizeof first_slave);
	int second_master = open_fresh_pty(second_slave, sizeof second_slave);

	ask("Question 2: after fork and setsid(), the process leads a new session with\n"
	    "   no terminal. What if it opens a terminal that no session owns yet, and\n"
	    "   what does a second fork change?");
	printf("2. Why fork AGAIN after setsid()?\n");
	pid_t leader = fork_flushed();
	if (leader == 0)
		session_leader_opens(first_slave);
	int ok = child_as_expected(leader);

	pid_t lineage = fork_flushed();
	if (lineage == 0)
		second_child_opens(second_slave);
	ok = child_as_expected(lineage) && ok;

	printf("   So the second fork exists so the daemon can never take a terminal\n"
	       "   by accident.\n");
	close(first_master);
	close(second_master);
	return ok;
}

int
main(int argc, char **argv)
{
	const char *values[1];
	int next = program_start(&program, argc, argv, values);

	asking = values[0] != NULL;
	if (argv[next])
		usage_error("popquiz takes no arguments ('%s')", argv[next]);

	printf("Pop quiz: why can't we do just a single fork?\n"
	       "Two different answers, often confused. The kernel gives both.\n\n");
	int ok = lesson_fork_before_setsid();
	ok = lesson_fork_again() && ok;
	if (!ok)
		printf("\npopquiz: the kernel did not answer as expected: see the log %s\n",
		       log_path());
	return ok ? 0 : EXIT_SYSCALL_FAILED;
}
