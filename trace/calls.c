/* calls.c - the records daemon-trace makes of a program's calls (see calls.h):
 * each system call's end handed to the part that knows it (calls-parts.h).
 *
 * Each record is the steps' own: run, time, prog (the traced process's name),
 * step (the recipe step the call stands for, or "trace"), event ("after" a
 * call that worked, "error" one that failed, "exec", "fork", "exit"), the
 * call and its result, then the process's state read from /proc while it is
 * stopped.
 */
#define _GNU_SOURCE
#include "calls-parts.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "arch.h"

static struct {
	struct record_log log;
	char run[64];
	unsigned long recorded;		/* records of recipe steps: what settling watches */
	int recording_step;		/* the record being made stands for a step */
	int state_errno;		/* why /proc refused call_state's process, or 0 */
	unsigned long foreign_calls;	/* of an architecture arch.c has no table for */
} rec;

struct logfmt_writer call_writer;
struct proc_state call_state;

/*** records ***/

int
call_begin(pid_t pid, const char *step, const char *event)
{
	int readable = proc_state_read(pid, &call_state) == 0;
	const struct traced_process *p = lineage_find(pid);

	rec.state_errno = readable ? 0 : errno;
	if (!readable)
		call_state.pid = pid;
	record_begin(&call_writer, rec.run, readable ? call_state.comm : p ? p->prog : "?", step,
		     event);
	rec.recording_step = step[0] >= '1' && step[0] <= '7';
	return readable;
}

void
call_end(int readable)
{
	if (!readable && rec.state_errno == 0)
		rec.state_errno = ESRCH;	/* its caller knows it gone */
	if (rec.state_errno == 0)
		record_state(&call_writer, &call_state);
	else
		record_state_unreadable(&call_writer, call_state.pid, rec.state_errno);
	if (record_log_add(&rec.log, &call_writer) == -1)
		fprintf(stderr, "daemon-trace: cannot write the log: %s\n", strerror(errno));
	if (rec.recording_step) {
		rec.recorded++;
		readiness_step_recorded(call_state.pid);
	}
}

int
call_begin_result(pid_t pid, const char *step, const char *call, int64_t rval, int is_error)
{
	int readable = call_begin(pid, step, is_error ? "error" : "after");

	record_field(&call_writer, "call", call);
	if (is_error) {
		record_field(&call_writer, "errno", errno_name((int)-rval));
		record_field(&call_writer, "error", strerror((int)-rval));
	} else {
		record_fieldf(&call_writer, "result", "%lld", (long long)rval);
	}
	return readable;
}

/*** the calls ***/

void
calls_entry(pid_t tgid, const struct syscall_call *call)
{
	if (call->nr != SYS_close && call->nr != SYS_close_range)
		close_run_end_of(tgid);		/* a run of closes ends at any other call */
	readiness_entry(tgid, call);
}

/*
 * The calls whose end tells nothing: none is recorded, and none can sleep, so
 * none fails with an EINTR that tracing caused (restart.c). They are most of
 * what a program calls while it starts (the loader's mmap and mprotect, a
 * shell's signal masks before an exec); not asking their result saves a
 * ptrace call at each one's exit stop (trace-bench: about 17,000 of 92,000
 * in 400 fork+exec). A call added to calls_exit() must not be listed here.
 */
int
calls_exit_matters(const struct syscall_call *call)
{
	if (!call->decoded)
		return 1;		/* counted at its end: calls_foreign() */
	switch ((long)call->nr) {
	case SYS_brk:
	case SYS_mmap:
	case SYS_munmap:
	case SYS_mprotect:
	case SYS_arch_prctl:
	case SYS_set_tid_address:
	case SYS_set_robust_list:
	case SYS_rseq:
	case SYS_prlimit64:
	case SYS_rt_sigaction:
	case SYS_rt_sigprocmask:
	case SYS_getpid:
	case SYS_gettid:
	case SYS_getppid:
	case SYS_getuid:
	case SYS_geteuid:
	case SYS_getgid:
	case SYS_getegid:
	case SYS_getpgrp:
	case SYS_uname:
		return 0;
	default:
		return 1;
	}
}

void
calls_exit(pid_t tid, pid_t tgid, const struct syscall_call *call, int64_t rval, int is_error)
{
	struct traced_process *p;
	int readable;
	long nr = (long)call->nr;

	if (!call->decoded) {
		rec.foreign_calls++;
		return;
	}
	switch (nr) {
	case SYS_setsid:
		if ((p = lineage_get(tgid)))
			setsid_call(p, rval, is_error);
		break;
	case SYS_setpgid:
		readable = call_begin_result(tgid, "trace", "setpgid", rval, is_error);
		record_fieldf(&call_writer, "args", "%lld, %lld", (long long)(int)call->args[0],
			      (long long)(int)call->args[1]);
		call_end(readable);
		break;
	case SYS_chdir:
	case SYS_fchdir:
		readable = call_begin_result(tgid, "4", nr == SYS_chdir ? "chdir" : "fchdir", rval,
					     is_error);
		call_end(readable);
		if ((p = lineage_get(tgid)) && is_error)
			lineage_step_failed(p, '4', (int)-rval);
		else if (p)
			lineage_step(p, '4');
		break;
	case SYS_umask:
		if ((p = lineage_get(tgid)))
			umask_call(p, rval, call);
		break;
	case SYS_close:
	case SYS_close_range:
		if ((p = lineage_get(tgid)))
			close_call(p, call, rval, is_error);
		break;
#ifdef SYS_open
	case SYS_open:
		if (!is_error && (p = lineage_get(tgid)))
			descriptor_given(p, "open", (long)rval, 1, (long)call->args[1], 0);
		break;
#endif
	case SYS_openat:
		if (!is_error && (p = lineage_get(tgid)))
			descriptor_given(p, "openat", (long)rval, 1, (long)call->args[2], 0);
		break;
	case SYS_openat2:
		if (!is_error && (p = lineage_get(tgid)))
			openat2_call(tid, p, call, rval);
		break;
	case SYS_dup:
		if (!is_error && (p = lineage_get(tgid)))
			descriptor_given(p, "dup", (long)rval, 0, 0, 0);
		break;
#ifdef SYS_dup2
	case SYS_dup2:
#endif
	case SYS_dup3:
		/* dup2(fd, fd) does nothing */
		if (!is_error && call->args[0] != call->args[1] && (p = lineage_get(tgid))) {
			lineage_forget(p, (long)rval, (long)rval);
			descriptor_given(p, nr == SYS_dup3 ? "dup3" : "dup2", (long)rval, 0, 0, 1);
		}
		break;
	case SYS_fcntl:
		if (!is_error && (call->args[1] == F_DUPFD || call->args[1] == F_DUPFD_CLOEXEC) &&
		    (p = lineage_get(tgid)))
			descriptor_given(p, "fcntl F_DUPFD", (long)rval, 0, 0, 0);
		break;
	case SYS_ioctl:
		if (call->args[1] == TIOCSCTTY || call->args[1] == TIOCNOTTY) {
			readable = call_begin_result(tgid, "trace", call->args[1] == TIOCSCTTY ?
						     "ioctl TIOCSCTTY" : "ioctl TIOCNOTTY",
						     rval, is_error);
			call_end(readable);
		}
		break;
	case SYS_read:
	case SYS_readv:
		readiness_read_done(tgid, call, rval, is_error);
		break;
	case SYS_listen:
		if (!is_error)
			listen_call(tgid, call, rval);
		break;
	case SYS_write:
	case SYS_pwrite64:
		if (!is_error)
			maybe_pid_file(tid, tgid, call, rval);
		break;
#ifdef SYS_rename
	case SYS_rename:
#endif
	case SYS_renameat:
	case SYS_renameat2:
		if (!is_error)
			maybe_pid_file_renamed(tid, tgid, call);
		break;
	default:
		if (credential_call(nr) && (p = lineage_get(tgid)))
			credential_change(tid, p, credential_call(nr), call, rval, is_error);
		break;
	}
}

/*** the whole ***/

int
calls_begin(const char *log_path, const char *run)
{
	snprintf(rec.run, sizeof rec.run, "%s", run);
	return record_log_open(&rec.log, log_path);
}

unsigned long
calls_foreign(void)
{
	return rec.foreign_calls;
}

unsigned long
calls_recorded(void)
{
	return rec.recorded;
}

int
calls_busy(void)
{
	return close_runs_busy();
}

int
calls_flush(void)
{
	close_runs_end();
	return record_log_flush(&rec.log);
}

struct record_log *
calls_log(void)
{
	return &rec.log;
}

const char *
calls_run(void)
{
	return rec.run;
}
