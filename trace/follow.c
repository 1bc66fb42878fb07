/* follow.c - following every process and thread of a program (see follow.h).
 *
 * ptrace(2) in the order it is used: PTRACE_SEIZE (no TRACEME, no SIGSTOP:
 * the program starts with nothing added), options that report every fork,
 * vfork, clone, exec and exit as an event, PTRACE_SYSCALL to stop at each
 * call's entry and exit, PTRACE_GET_SYSCALL_INFO to read it, PTRACE_LISTEN
 * for a task in a group-stop, and PTRACE_INTERRUPT + PTRACE_DETACH to let go.
 */
#define _GNU_SOURCE
#include "follow.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arch.h"
#include "calls.h"
#include "job.h"
#include "procstate.h"
#include "record.h"
#include "restart.h"
#include "program.h"

/* Every kind of new task and every exec and exit reported; no EXITKILL: if
 * daemon-trace dies, the kernel detaches the tasks and they run on. */
#define SEIZE_OPTIONS (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | \
		       PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEVFORKDONE | \
		       PTRACE_O_TRACECLONE)

enum { DETACH_WAIT_MS = 5000 };	/* for the last stops before the kernel detaches what is left */

/* A traced thread. */
struct task {
	pid_t tid, tgid;
	int started;		/* its first stop was seen */
	int announced;		/* its parent's fork or clone event was seen */
	int held;		/* stopped at its first stop until that event comes */
	int in_syscall;		/* between a call's entry and exit stops */
	int exit_matters;	/* the call's end is asked and told (calls_exit_matters()) */
	int group_stopped;	/* in a group-stop (SIGSTOP, SIGTSTP, ...) since its last stop */
	struct syscall_call call;
	struct timespec call_began;
	struct restart_note restart;	/* a register a restart changed */
};

static struct {
	struct task *tasks;
	size_t count, capacity;
	pid_t first;
	int first_exited, first_status;
	int detaching;
	int detached_tasks, detached_processes;
} tracer;

static volatile sig_atomic_t stop_signal;

static void
note_stop_signal(int sig)
{
	stop_signal = sig;
}

static volatile sig_atomic_t alarm_rang;

static void
note_alarm(int sig)
{
	(void)sig;
	alarm_rang = 1;		/* and waitpid() fails with EINTR */
}

/* SIGALRM in ms, once; 0: none. Without SA_RESTART it ends a blocked
 * waitpid(), so it rings only at a deadline: the settle time, --seconds,
 * the detach's wait, not at a steady tick that would also break into
 * daemon-trace's own writes. */
static void
alarm_in(long long ms)
{
	struct itimerval once = { { 0, 0 }, { (time_t)(ms / 1000), (suseconds_t)(ms % 1000 * 1000) } };

	alarm_rang = 0;
	(void)setitimer(ITIMER_REAL, &once, NULL);
}

/*** tasks ***/

static struct task *
task_find(pid_t tid)
{
	for (size_t i = tracer.count; i-- > 0;)
		if (tracer.tasks[i].tid == tid)
			return &tracer.tasks[i];
	return NULL;
}

/* The thread group of tid, from /proc (a clone may be a thread or a process). */
static pid_t
tgid_of(pid_t tid)
{
	char status[PROCSTATE_STATUS_MAX], tgid[16];

	if (proc_status_read(tid, status, sizeof status) < 0 ||
	    proc_status_field(status, "Tgid", tgid, sizeof tgid) == -1)
		return tid;
	return (pid_t)strtol(tgid, NULL, 10);
}

/* A new task; tgid is its thread group when known (a fork's child leads its
 * own), else 0: /proc is asked. */
static struct task *
task_add(pid_t tid, pid_t tgid)
{
	struct task *task;

	if (tracer.count == tracer.capacity) {
		size_t capacity = tracer.capacity ? 2 * tracer.capacity : 64;
		struct task *grown = realloc(tracer.tasks, capacity * sizeof *grown);
		if (grown == NULL) {
			fprintf(stderr, "daemon-trace: out of memory for task %d: it runs on untraced\n",
				(int)tid);
			return NULL;
		}
		tracer.tasks = grown;
		tracer.capacity = capacity;
	}
	task = &tracer.tasks[tracer.count++];
	memset(task, 0, sizeof *task);
	task->tid = tid;
	task->tgid = tgid ? tgid : tgid_of(tid);
	return task;
}

static void
task_remove(struct task *task)
{
	*task = tracer.tasks[--tracer.count];
}

/*** starting the program ***/

/* In the child: wait for the parent's word, then become the program. */
static noreturn void
become_program(int go, char **argv, char **envp)
{
	char word;
	ssize_t n;

	while ((n = read(go, &word, 1)) == -1 && errno == EINTR)
		;
	if (n != 1)
		_exit(EXIT_FAILURE);	/* daemon-trace gave up: never run the program */
	execvpe(argv[0], argv, envp);
	int err = errno;	/* before fprintf, which may change it */
	/* as a shell says it */
	if (err == ENOENT && strchr(argv[0], '/') == NULL)
		fprintf(stderr, "daemon-trace: %s: command not found\n", argv[0]);
	else
		fprintf(stderr, "daemon-trace: %s: %s\n", argv[0], strerror(err));
	_exit(err == ENOENT ? 127 : 126);
}

static void
install_handlers(void)
{
	struct sigaction stop = { .sa_handler = note_stop_signal };	/* no SA_RESTART */
	struct sigaction wake = { .sa_handler = note_alarm };		/* nor here */

	sigemptyset(&stop.sa_mask);
	sigemptyset(&wake.sa_mask);
	sigaction(SIGINT, &stop, NULL);
	sigaction(SIGTERM, &stop, NULL);
	sigaction(SIGHUP, &stop, NULL);
	sigaction(SIGALRM, &wake, NULL);
}

/* Gives up on the child before it executes anything (it reads EOF and
 * exits; SIGKILL makes sure), gives the terminal back; keeps errno. */
static void
abandon_child(pid_t child, int go)
{
	int err = errno, status;

	close(go);
	kill(child, SIGKILL);
	while (waitpid(child, &status, __WALL) == child && WIFSTOPPED(status))
		(void)ptrace(PTRACE_CONT, child, 0, 0);		/* seized: its exit stop */
	job_take_terminal();
	errno = err;
}

enum launch_result
follow_launch(char **argv, char **envp, enum start_mode mode, int tty_fd)
{
	int go[2];
	pid_t child;

	job_begin(mode, tty_fd);
	if (pipe2(go, O_CLOEXEC) == -1)
		return LAUNCH_FAILED;
	fflush(NULL);	/* the child must not write our buffers again */
	/* forked before any handler is installed: the child has the caller's
	 * signal mask and dispositions, as exec passes them on */
	child = fork();
	if (child == -1)
		return LAUNCH_FAILED;
	if (child == 0) {
		close(go[1]);
		become_program(go[0], argv, envp);
	}
	close(go[0]);
	tracer.first = child;
	if (job_control() && job_start(child) == -1) {
		abandon_child(child, go[1]);
		return LAUNCH_FAILED;
	}
	if (ptrace(PTRACE_SEIZE, child, 0, SEIZE_OPTIONS) == -1) {
		abandon_child(child, go[1]);
		return LAUNCH_REFUSED;
	}
	if (task_add(child, child) == NULL) {
		abandon_child(child, go[1]);
		return LAUNCH_FAILED;
	}
	tracer.tasks[0].started = tracer.tasks[0].announced = 1;
	install_handlers();
	if (write(go[1], "g", 1) != 1) {
		abandon_child(child, go[1]);
		return LAUNCH_FAILED;
	}
	close(go[1]);
	return LAUNCH_TRACED;
}

pid_t
follow_first_pid(void)
{
	return tracer.first;
}

int
follow_first_exited(int *status)
{
	*status = tracer.first_status;
	return tracer.first_exited;
}

/*** the calls ***/

static void
syscall_stop(struct task *task)
{
	struct __ptrace_syscall_info info;

	/* entry and exit stops alternate: after an entry seen, the next
	 * syscall-stop is that call's exit */
	if (task->in_syscall && !task->exit_matters && !tracer.detaching) {
		task->in_syscall = 0;
		return;
	}
	if (ptrace(PTRACE_GET_SYSCALL_INFO, task->tid, sizeof info, &info) <= 0)
		return;
	if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
		task->in_syscall = 1;
		task->call.nr = info.entry.nr;
		memcpy(task->call.args, info.entry.args, sizeof task->call.args);
		task->call.arch = info.arch;
		arch_to_native(task->tid, &task->call);	/* a 32-bit program's call too */
		task->exit_matters = calls_exit_matters(&task->call);
		if (task->exit_matters)		/* a restart shortens its timeout by the time spent */
			clock_gettime(CLOCK_MONOTONIC, &task->call_began);
		if (!tracer.detaching)
			calls_entry(task->tgid, &task->call);
	} else if (info.op == PTRACE_SYSCALL_INFO_EXIT && task->in_syscall) {
		task->in_syscall = 0;
		/* an EINTR that only the tracing caused is not the program's */
		if (info.exit.is_error && info.exit.rval == -EINTR &&
		    restart_interrupted(task->tid, &task->call, &task->call_began, &task->restart))
			return;
		restart_done(task->tid, &task->restart);
		if (!tracer.detaching)
			calls_exit(task->tid, task->tgid, &task->call, info.exit.rval, info.exit.is_error);
	}
}

/*** events ***/

/* Whether a task of process tgid is still traced. */
static int
process_traced(pid_t tgid)
{
	for (size_t i = 0; i < tracer.count; i++)
		if (tracer.tasks[i].tgid == tgid)
			return 1;
	return 0;
}

static void
resume(struct task *task, int sig)
{
	if (tracer.detaching) {
		pid_t tgid = task->tgid;
		int detached = ptrace(PTRACE_DETACH, task->tid, 0, sig) == 0;
		task_remove(task);
		if (detached) {
			tracer.detached_tasks++;
			tracer.detached_processes += !process_traced(tgid);	/* its last task */
		}
	} else {
		(void)ptrace(PTRACE_SYSCALL, task->tid, 0, sig);
	}
}

/* The process group of tid, from /proc/TID/stat; 0 when it cannot be read. */
static pid_t
pgid_of(pid_t tid)
{
	struct proc_stat stat;

	return proc_stat_read(tid, &stat) == 0 ? stat.pgid : 0;
}

/*
 * Whether the program's job is stopped, as a shell counts it: every task in
 * its process group is in a group-stop. A Ctrl-Z stops each task on its own
 * and each is reported apart; only the last makes the job stopped.
 */
static int
job_stopped(const struct task *reporting)
{
	if (!job_control() || tracer.first_exited || pgid_of(reporting->tid) != tracer.first)
		return 0;
	for (size_t i = 0; i < tracer.count; i++) {
		const struct task *task = &tracer.tasks[i];
		if (!task->group_stopped && !task->held && pgid_of(task->tid) == tracer.first)
			return 0;
	}
	return 1;
}

/* A fork, vfork or clone event: the new task is known, and runs once its first stop came. */
static void
new_task_event(pid_t parent_tid, pid_t parent_tgid, int event)
{
	unsigned long message;
	struct task *child;

	if (ptrace(PTRACE_GETEVENTMSG, parent_tid, 0, &message) == -1)
		return;
	child = task_find((pid_t)message);
	if (child == NULL && (child = task_add((pid_t)message, event == PTRACE_EVENT_CLONE ?
							  0 : (pid_t)message)) == NULL)
		return;
	child->announced = 1;
	if (child->tgid == child->tid && !tracer.detaching)
		calls_fork(parent_tgid, child->tid, event == PTRACE_EVENT_VFORK);
	if (child->held) {
		child->held = 0;
		resume(child, 0);
	}
}

/* Another thread of task's process is in an execve(): the kernel ends every
 * other thread of it, the leader among them, before the exec is told. */
static int
thread_execing(const struct task *task)
{
	for (size_t i = 0; i < tracer.count; i++) {
		const struct task *other = &tracer.tasks[i];
		if (other != task && other->tgid == task->tgid && other->in_syscall &&
		    (other->call.nr == SYS_execve || other->call.nr == SYS_execveat))
			return 1;
	}
	return 0;
}

/* An event stop; task may move in the table meanwhile (it is found again by its tid). */
static void
event_stop(struct task *task, int event, int sig)
{
	unsigned long message = 0;
	pid_t tid = task->tid;

	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		new_task_event(task->tid, task->tgid, event);
		break;
	case PTRACE_EVENT_EXEC:
		/* a thread that was not the leader took over the leader's PID
		 * (ptrace(2)): the leader's entry is that thread's now */
		if (ptrace(PTRACE_GETEVENTMSG, tid, 0, &message) == 0 && (pid_t)message != tid) {
			struct task *former = task_find((pid_t)message);
			if (former) {
				struct task execing = *former;
				task_remove(former);
				if ((task = task_find(tid)) == NULL)
					return;
				execing.tid = tid;
				*task = execing;
			}
		}
		if (!tracer.detaching)
			calls_exec(task->tgid, task->tgid == tracer.first);
		break;
	case PTRACE_EVENT_EXIT:
		/* the leader's exit is the process's, unless another thread's
		 * exec is ending every other thread */
		if (task->tid == task->tgid && !tracer.detaching && !thread_execing(task) &&
		    ptrace(PTRACE_GETEVENTMSG, task->tid, 0, &message) == 0)
			calls_process_exit(task->tgid, (int)message);
		break;
	case PTRACE_EVENT_STOP:
		if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
			/* a group-stop: stays stopped, and we still hear of SIGCONT */
			if (tracer.detaching) {
				resume(task, 0);	/* detached in a group-stop, it stays stopped */
			} else {
				task->group_stopped = 1;
				(void)ptrace(PTRACE_LISTEN, task->tid, 0, 0);
				if (job_stopped(task))
					job_stop(sig);
			}
			return;
		}
		if (!task->started) {
			task->started = 1;
			if (!task->announced && !tracer.detaching) {
				task->held = 1;		/* its parent's event comes next */
				return;
			}
		}
		break;
	default:
		break;
	}
	if ((task = task_find(tid)) != NULL)
		resume(task, 0);
}

/* One waitpid() result. */
static void
handle(pid_t tid, int status)
{
	struct task *task = task_find(tid);

	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		if (tid == tracer.first) {
			tracer.first_exited = 1;
			tracer.first_status = status;
			job_take_terminal();
		}
		if (task)
			task_remove(task);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	/* a stop from a task not seen yet: its parent's event comes; with no
	 * room to follow it, it runs on untraced rather than stay stopped */
	if (task == NULL && (task = task_add(tid, 0)) == NULL) {
		int sig = WSTOPSIG(status);
		(void)ptrace(PTRACE_DETACH, tid, 0, status >> 16 == 0 && sig != (SIGTRAP | 0x80) ? sig : 0);
		return;
	}
	task->group_stopped = 0;	/* until this stop says otherwise */
	if (WSTOPSIG(status) == (SIGTRAP | 0x80)) {
		syscall_stop(task);
		resume(task, 0);
	} else if (status >> 16 != 0) {
		event_stop(task, status >> 16, WSTOPSIG(status));
	} else {
		if (!tracer.detaching)
			calls_signal(task->tgid, WSTOPSIG(status));
		resume(task, WSTOPSIG(status));		/* delivered unchanged, at once */
	}
}

static long long
ms_since(const struct timespec *then)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - then->tv_sec) * 1000LL + (now.tv_nsec - then->tv_nsec) / 1000000;
}

enum follow_end
follow_run(int settle_ms, int seconds)
{
	struct timespec began;
	long long quiet_since = 0, alarm_at = -1;	/* ms since began */
	unsigned long recorded = calls_recorded();

	clock_gettime(CLOCK_MONOTONIC, &began);
	for (;;) {
		long long now, deadline = seconds > 0 ? seconds * 1000LL : -1;
		int status;
		pid_t tid;

		if (tracer.first_exited && (deadline < 0 || quiet_since + settle_ms < deadline))
			deadline = quiet_since + settle_ms;
		/* the settle deadline only moves later: an alarm that rang early is set again */
		if (deadline >= 0 && (alarm_at < 0 || alarm_rang || deadline < alarm_at)) {
			now = ms_since(&began);
			alarm_in(deadline > now ? deadline - now : 1);
			alarm_at = deadline;
		}
		if ((tid = waitpid(-1, &status, __WALL)) > 0)
			handle(tid, status);
		else if (errno == ECHILD)
			return END_ALL_GONE;
		if (tracer.count == 0)
			return END_ALL_GONE;
		if (stop_signal)
			return END_SIGNAL;
		if (calls_recorded() != recorded || calls_busy()) {
			recorded = calls_recorded();
			quiet_since = ms_since(&began);
		}
		/* the clock is read at a stop only when a deadline runs: the time
		 * a tracee waits for the tracer at each stop is what tracing costs */
		if (seconds <= 0 && !tracer.first_exited)
			continue;
		now = ms_since(&began);
		if (seconds > 0 && now >= seconds * 1000LL)
			return END_TIME_UP;
		if (tracer.first_exited && now - quiet_since >= settle_ms)
			return END_SETTLED;
	}
}

void
follow_detach(int *tasks, int *processes)
{
	tracer.detaching = 1;
	for (size_t i = tracer.count; i-- > 0;) {
		struct task *task = &tracer.tasks[i];
		if (task->held)
			resume(task, 0);
		else
			(void)ptrace(PTRACE_INTERRUPT, task->tid, 0, 0);
	}
	/* each task is detached at its next stop; a vfork parent stops only
	 * once its child has executed or exited */
	alarm_in(DETACH_WAIT_MS);
	while (tracer.count > 0 && !alarm_rang) {
		int status;
		pid_t tid = waitpid(-1, &status, __WALL);

		if (tid > 0)
			handle(tid, status);
		else if (errno == ECHILD)
			break;
	}
	alarm_in(0);
	/* what is left the kernel detaches when daemon-trace exits */
	*tasks = tracer.detached_tasks;
	*processes = tracer.detached_processes;
}

int
follow_wait_foreground(void)
{
	siginfo_t info, told;
	int status, stops = job_control() ? WSTOPPED : 0;	/* a script's shell sees no stop */

	for (;;) {
		/* WNOWAIT: its stop is taken as told below, only once it is handled */
		if (waitid(P_PID, tracer.first, &info, WEXITED | WNOWAIT | stops) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (info.si_code == CLD_TRAPPED) {	/* still traced: the detach's wait ended first */
			(void)ptrace(PTRACE_DETACH, tracer.first, 0,
				     info.si_status == SIGTRAP ? 0 : info.si_status);
			continue;
		}
		if (info.si_code != CLD_STOPPED)
			break;
		(void)waitid(P_PID, tracer.first, &told, WSTOPPED | WNOHANG);	/* the stop, told */
		job_stop(info.si_status);
	}
	status = info.si_code == CLD_EXITED ? info.si_status << 8 :
		 info.si_status | (info.si_code == CLD_DUMPED ? WCOREFLAG : 0);
	calls_process_gone(tracer.first, status);	/* the shell's prompt returns now */
	if (record_log_flush(calls_log()) == -1)
		report_failure("writing the log", errno, NULL);
	job_take_terminal();
	while (waitpid(tracer.first, &status, 0) == -1 && errno == EINTR)
		;
	return status;
}
