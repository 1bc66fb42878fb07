/* processes.c - what daemon-trace records of a program's processes and
 * sessions: fork, exec, exit, signals, setsid() and umask() (see
 * calls-parts.h).
 */
#define _GNU_SOURCE
#include "calls-parts.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t first;			/* the program's first process */
static char setid_ignored[PATH_MAX];	/* a set-user-ID or set-group-ID program run without its bit */

pid_t
calls_first_process(void)
{
	return first;
}

const char *
calls_setid_ignored(void)
{
	return setid_ignored[0] ? setid_ignored : NULL;
}

void
describe_wait_status(int status, char *out, size_t size)
{
	if (WIFSIGNALED(status))
		snprintf(out, size, "killed by %s", signal_short_name(WTERMSIG(status)) ?
			 signal_short_name(WTERMSIG(status)) : "a signal");
	else
		snprintf(out, size, "exited %d", WEXITSTATUS(status));
}

/*** fork, exec, exit ***/

static void
fork_call(struct traced_process *child, struct traced_process *parent_now, int vfork)
{
	const char *step = "trace";
	char by[24];
	int readable;

	if (!child->setsid_done) {
		step = "1";
	} else if (!child->second_fork_done) {
		step = "3";
		child->second_fork_done = 1;
		parent_now->second_fork_done = 1;	/* the one that stays is the child */
	}
	if (step[0] != 't')
		lineage_step(child, step[0]);
	child->vforked = vfork;
	readable = call_begin(child->pid, step, "fork");
	record_field(&call_writer, "call", vfork ? "vfork" : "fork");
	snprintf(by, sizeof by, "%d", (int)child->forked_by);
	record_field(&call_writer, "forked_by", by);
	call_end(readable);
}

void
calls_fork(pid_t parent, pid_t child, int vfork)
{
	struct traced_process *p = lineage_get(parent), *c;

	if (p == NULL)
		return;
	c = lineage_find(child);
	if (c == NULL || c->exited)
		c = lineage_add(child, p);
	if (c == NULL)
		return;
	readiness_fork(parent, child);
	fork_call(c, lineage_find(parent), vfork);
}

void
calls_exec(pid_t pid, int is_first)
{
	struct traced_process *p = lineage_get(pid);
	char line[RECORD_EXTRA_ROOM], exe_link[64], exe[PATH_MAX];
	ssize_t n;
	int readable;

	if (p == NULL)
		return;
	readable = call_begin(pid, "trace", "exec");
	snprintf(p->prog, sizeof p->prog, "%s", readable ? call_state.comm : "?");
	p->execs++;
	record_field(&call_writer, "call", "execve");
	snprintf(exe_link, sizeof exe_link, "/proc/%d/exe", (int)pid);
	if ((n = readlink(exe_link, exe, sizeof exe - 1)) > 0) {
		struct stat st;
		exe[n] = '\0';
		record_field(&call_writer, "exe", exe);
		/* under ptrace the kernel ignores the bits unless the tracer may
		 * trace what they would make (root may) */
		if (geteuid() != 0 && stat(exe_link, &st) == 0 && (st.st_mode & (S_ISUID | S_ISGID))) {
			record_field(&call_writer, "setid_ignored", "yes");
			snprintf(setid_ignored, sizeof setid_ignored, "%s", exe);
		}
	}
	proc_command_line(pid, line, sizeof line);
	record_field(&call_writer, "command", line);
	if (is_first)
		first = pid;
	p->exec_signals_known = readable && call_state.status_error == 0;
	p->exec_sig_ignored = call_state.sig_ignored;
	p->exec_sig_blocked = call_state.sig_blocked;
	p->exec_nenv = readable && call_state.environ_error == 0 ? call_state.nenv : -1;
	if (is_first && p->execs == 1 && readable) {	/* what the caller gave, once */
		lineage_from_caller(p, &call_state);
	} else {
		lineage_keep_open(p, readable ? &call_state : NULL);	/* the close-on-exec ones are gone */
		for (int fd = 0; fd < 3; fd++)
			if ((p->stdio_reopened & (1 << fd)) && readable &&
			    strcmp(call_state.stdio[fd], "closed") == 0) {
				p->stdio_lost_at_exec |= 1 << fd;
				p->stdio_reopened &= ~(1 << fd);
			}
	}
	call_end(readable);
}

/* gone: it has exited already (after the detach), its state with it */
static void
process_exit(pid_t pid, int status, int gone)
{
	struct traced_process *p = lineage_get(pid);
	char how[64];
	int readable;

	close_run_end_of(pid);
	readiness_process_exit(pid);
	if (p == NULL)
		return;
	p->exited = 1;
	p->exit_status = status;
	describe_wait_status(status, how, sizeof how);
	readable = call_begin(pid, "trace", "exit");
	if (gone)
		readable = 0;
	record_field(&call_writer, "status", how);
	if (pid == first)	/* the shell waits for this one: its prompt returns now */
		record_field(&call_writer, "prompt", "returns");
	call_end(readable);
}

void
calls_process_exit(pid_t pid, int status)
{
	process_exit(pid, status, 0);
}

void
calls_process_gone(pid_t pid, int status)
{
	process_exit(pid, status, 1);
}

/* The first process's job stopped (Ctrl-Z): the shell's prompt returns now too. */
void
calls_job_stopped(pid_t pid, int sig)
{
	int readable = call_begin(pid, "trace", "stop");

	record_fieldf(&call_writer, "status", "stopped by %s",
		      signal_short_name(sig) ? signal_short_name(sig) : "a signal");
	record_field(&call_writer, "prompt", "returns");
	call_end(readable);
}

/*** signals ***/

/* How the process handles sig, from the SigIgn and SigCgt masks of its
 * state just read. */
static const char *
signal_handling(int readable, const struct proc_state *state, int sig)
{
	if (!readable || state->status_error)
		return "unreadable";
	if (state->sig_caught & (1ULL << (sig - 1)))
		return "caught";
	return state->sig_ignored & (1ULL << (sig - 1)) ? "ignored" : "default";
}

void
calls_signal(pid_t tgid, int sig)
{
	struct traced_process *p = lineage_get(tgid);
	const char *name = signal_short_name(sig);
	int readable;

	if (p == NULL || sig < 1 || sig > 64 || (p->signals_told & (1ULL << (sig - 1))))
		return;
	p->signals_told |= 1ULL << (sig - 1);
	readable = call_begin(tgid, "trace", "signal");
	if (name)
		record_fieldf(&call_writer, "signal", "SIG%s", name);
	else
		record_fieldf(&call_writer, "signal", "%d", sig);
	record_field(&call_writer, "handled", signal_handling(readable, &call_state, sig));
	call_end(readable);
}

/*** session and umask ***/

void
setsid_call(struct traced_process *p, int64_t rval, int is_error)
{
	int readable = call_begin_result(p->pid, "2", "setsid", rval, is_error);

	if (is_error && rval == -EPERM)
		record_field(&call_writer, "hint", p->setsid_done ?
			     "it leads its session already: a second setsid() fails" :
			     "a process-group leader may not start a session");
	call_end(readable);
	if (is_error) {
		lineage_step_failed(p, '2', (int)-rval);
		return;
	}
	p->setsid_done = 1;
	p->second_fork_done = 0;
	lineage_step(p, '2');
}

void
umask_call(struct traced_process *p, int64_t rval, const struct syscall_call *call)
{
	int readable = call_begin(p->pid, "5", "after");

	record_field(&call_writer, "call", "umask");
	record_fieldf(&call_writer, "old_umask", "%04o", (unsigned)rval);
	lineage_umask(p, (int)rval, (int)(call->args[0] & 0777));
	/* whether the mask it has now is chosen: a call that puts back what the
	 * one before replaced chose nothing (the verdict's rule, lineage.c) */
	record_field(&call_writer, "umask_chosen", p->umask_chosen ? "yes" : "no");
	call_end(readable);
	lineage_step(p, '5');
}
