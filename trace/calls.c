/* calls.c - the records daemon-trace makes of a program's calls (see calls.h).
 *
 * Each record is the steps' own: run, time, prog (the traced process's name),
 * step (the recipe step the call stands for, or "trace"), event ("after" a
 * call that worked, "error" one that failed, "exec", "fork", "exit"), the
 * call and its result, then the process's state read from /proc while it is
 * stopped.
 */
#define _GNU_SOURCE
#include "calls.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lineage.h"
#include "procstate.h"
#include "record.h"

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#else
#error "daemon-trace knows the system call numbers of x86-64 and AArch64 only"
#endif

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* A run of close() or close_range() calls of one process, told in one record. */
struct close_run {
	pid_t pid;
	int calls, failed, closed;
	int cloexec;			/* close_range(..., CLOSE_RANGE_CLOEXEC): only marked */
	int sweeping;			/* closes an inherited descriptor above 2, or a range */
	const char *how;		/* "close", "close_range" or both */
	long lo, hi;			/* the descriptors tried */
	char list[RECORD_EXTRA_ROOM];	/* the ones closed, as ranges: "0-2,5" */
	size_t list_len;
	long range_start, range_end;	/* the range being built; -1: none */
};

enum { CLOSE_RUNS_MAX = 16 };

static struct {
	struct record_log log;
	char run[64];
	unsigned long recorded;		/* records of recipe steps: what settling watches */
	int recording_step;		/* the record being made stands for a step */
	struct close_run runs[CLOSE_RUNS_MAX];
	int active_runs;
	unsigned long foreign_calls;	/* of another architecture: not decoded */
	char pid_file[PATH_MAX];	/* the last pid file written, the PID in it, and by whom */
	pid_t pid_file_holds, pid_file_writer;
	pid_t first;			/* the program's first process */
	char setid_ignored[PATH_MAX];	/* a set-user-ID or set-group-ID program run without its bit */
} rec;

/* The record being made, and the state it ends with. */
static struct logfmt_writer writer;
static struct proc_state state;

/*** records ***/

/* Reads pid's state and begins its record. */
static int
begin(pid_t pid, const char *step, const char *event)
{
	int readable = proc_state_read(pid, &state) == 0;
	const struct traced_process *p = lineage_find(pid);

	if (!readable) {
		state.pid = pid;
		state.nfds = -errno;	/* the errno, for end() */
	}
	record_begin(&writer, rec.run, readable ? state.comm : p ? p->prog : "?", step, event);
	rec.recording_step = step[0] >= '1' && step[0] <= '7';
	return readable;
}

/* Ends the record with the state, into the buffered log. */
static void
end(int readable)
{
	if (readable)
		record_state(&writer, &state);
	else
		record_state_unreadable(&writer, state.pid, -state.nfds);
	if (record_log_add(&rec.log, &writer) == -1)
		fprintf(stderr, "daemon-trace: cannot write the log: %s\n", strerror(errno));
	if (rec.recording_step)
		rec.recorded++;
}

/* The call's result: event "after", or "error" with the errno's name. */
static void
begin_call(pid_t pid, const char *step, const char *call, int64_t rval, int is_error,
	   int *readable)
{
	*readable = begin(pid, step, is_error ? "error" : "after");
	record_field(&writer, "call", call);
	if (is_error) {
		record_field(&writer, "errno", errno_name((int)-rval));
		record_field(&writer, "error", strerror((int)-rval));
	} else {
		record_fieldf(&writer, "result", "%lld", (long long)rval);
	}
}

/* "HUP" for SIGHUP, or NULL (glibc before 2.32 has no sigabbrev_np). */
static const char *
signal_abbreviation(int sig)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
	return sigabbrev_np(sig);
#else
	(void)sig;
	return NULL;
#endif
}

void
describe_wait_status(int status, char *out, size_t size)
{
	if (WIFSIGNALED(status))
		snprintf(out, size, "killed by %s", signal_abbreviation(WTERMSIG(status)) ?
			 signal_abbreviation(WTERMSIG(status)) : "a signal");
	else
		snprintf(out, size, "exited %d", WEXITSTATUS(status));
}

/*** runs of closes ***/

static struct close_run *
close_run_of(pid_t pid, int create)
{
	struct close_run *free_run = NULL;

	for (int i = 0; i < CLOSE_RUNS_MAX; i++) {
		if (rec.runs[i].calls && rec.runs[i].pid == pid)
			return &rec.runs[i];
		if (rec.runs[i].calls == 0 && free_run == NULL)
			free_run = &rec.runs[i];
	}
	if (!create || free_run == NULL)
		return NULL;
	memset(free_run, 0, sizeof *free_run);
	free_run->pid = pid;
	free_run->range_start = free_run->range_end = -1;
	free_run->lo = -1;
	rec.active_runs++;
	return free_run;
}

/* "5", "3-19", or "0 and up" for close_range(0, ~0U). */
static void
format_range(char *out, size_t size, long lo, long hi)
{
	if (hi >= 0x7fffffff)
		snprintf(out, size, "%ld and up", lo);
	else if (lo == hi)
		snprintf(out, size, "%ld", lo);
	else
		snprintf(out, size, "%ld-%ld", lo, hi);
}

static void
close_list_flush_range(struct close_run *run)
{
	char item[48], range[40];
	int n;

	if (run->range_start < 0)
		return;

	format_range(range, sizeof range, run->range_start, run->range_end);
	n = snprintf(item, sizeof item, "%s%s", run->list_len ? "," : "", range);
	if (n > 0 && run->list_len + (size_t)n < sizeof run->list - 4) {
		memcpy(run->list + run->list_len, item, (size_t)n + 1);
		run->list_len += (size_t)n;
	} else if (run->list_len + 4 < sizeof run->list && !strstr(run->list, "...")) {
		memcpy(run->list + run->list_len, ",...", 5);
		run->list_len += 4;
	}
	run->range_start = run->range_end = -1;
}

static void
close_run_add(struct close_run *run, const char *how, long lo, long hi, int closed)
{
	run->calls++;
	if (run->how == NULL)
		run->how = how;
	else if (strcmp(run->how, how) != 0)
		run->how = "close, close_range";
	if (run->lo < 0 || lo < run->lo)
		run->lo = lo;
	if (hi > run->hi)
		run->hi = hi;
	if (!closed) {
		run->failed++;
		return;
	}
	run->closed++;
	if (run->range_start >= 0 && lo == run->range_end + 1) {
		run->range_end = hi;
		return;
	}
	close_list_flush_range(run);
	run->range_start = lo;
	run->range_end = hi;
}

/*
 * A run that sweeps descriptors is step 6, told in one record; a process
 * closing a file of its own (a log it opened) is not a step and is not told.
 */
static void
close_run_end(struct close_run *run)
{
	struct traced_process *p = lineage_find(run->pid);
	char tried[64];
	int readable;

	close_list_flush_range(run);
	rec.active_runs--;
	if (!run->sweeping && run->calls < 3) {
		run->calls = 0;
		return;
	}
	readable = begin(run->pid, "6", "after");
	record_field(&writer, "call", run->how);
	record_field(&writer, "closed", run->list_len ? run->list : "none");
	format_range(tried, sizeof tried, run->lo, run->hi);
	record_field(&writer, "tried", tried);
	record_fieldf(&writer, "calls", "%d", run->calls);
	record_fieldf(&writer, "failed", "%d", run->failed);
	if (run->cloexec)
		record_field(&writer, "cloexec", "marked close-on-exec only: closed at the next exec");
	end(readable);
	if (p && run->closed)
		lineage_step(p, '6');
	run->calls = 0;
}

/*** the calls ***/

/* A terminal that can become a controlling terminal (a pseudo-terminal's
 * master, /dev/ptmx, never does). */
static int
is_terminal_path(const char *path)
{
	return strncmp(path, "/dev/pts/", 9) == 0 || strncmp(path, "/dev/tty", 8) == 0 ||
	       strcmp(path, "/dev/console") == 0;
}

/* A call that gave the descriptor fd: 0, 1 or 2 reopened; a terminal opened. */
/*
 * A call that gave the descriptor fd. 0, 1 or 2 reopened on purpose (dup2
 * onto it, or /dev/null opened while it was the lowest free number) is step
 * 7; a file that only took the lowest free number landed there by accident,
 * which is told as such. A terminal opened is told with or without O_NOCTTY
 * and whether it became the controlling terminal.
 */
static void
new_descriptor(struct traced_process *p, const char *call, long fd, int flags_known, long flags,
	       int onto)
{
	char link[64], target[PATH_MAX];
	ssize_t n;
	int terminal, readable, on_purpose, told;

	snprintf(link, sizeof link, "/proc/%d/fd/%ld", (int)p->pid, fd);
	n = readlink(link, target, sizeof target - 1);
	target[n > 0 ? n : 0] = '\0';
	terminal = flags_known && is_terminal_path(target);
	if (fd > 2 && !terminal)
		return;
	on_purpose = fd <= 2 && (onto || strcmp(target, "/dev/null") == 0);
	if (fd <= 2) {
		told = p->landed_told & (1 << fd);
		if (on_purpose) {
			p->stdio_reopened |= 1 << fd;
		} else {
			p->landed_told |= 1 << fd;
			if (told && !terminal)
				return;		/* the same accident again: told once */
		}
	}
	readable = begin(p->pid, on_purpose ? "7" : "trace", "after");
	record_field(&writer, "call", call);
	record_fieldf(&writer, "result", "%ld", fd);
	if (fd <= 2)
		record_fieldf(&writer, on_purpose ? "reopened" : "landed_on", "%ld", fd);
	if (terminal) {
		record_field(&writer, "tried_tty", target);
		record_field(&writer, "noctty", (flags & O_NOCTTY) ? "yes" : "no");
		record_field(&writer, "tty_taken", readable && strncmp(target, "/dev/", 5) == 0 &&
			     strcmp(target + 5, state.tty) == 0 ? "yes" : "no");
	}
	end(readable);
	if (on_purpose)
		lineage_step(p, '7');
}

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
	readable = begin(child->pid, step, "fork");
	record_field(&writer, "call", vfork ? "vfork" : "fork");
	snprintf(by, sizeof by, "%d", (int)child->forked_by);
	record_field(&writer, "forked_by", by);
	end(readable);
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
	fork_call(c, lineage_find(parent), vfork);
}

/* The process's command line, its arguments joined by spaces. */
static void
read_command_line(pid_t pid, char *out, size_t size)
{
	char path[64];
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
	out[0] = '\0';
	if ((f = fopen(path, "re")) == NULL)
		return;
	n = fread(out, 1, size - 1, f);
	fclose(f);
	out[n] = '\0';
	for (size_t i = 0; n > 0 && i < n - 1; i++)
		if (out[i] == '\0')
			out[i] = ' ';
}

void
calls_exec(pid_t pid, int first)
{
	struct traced_process *p = lineage_get(pid);
	char line[RECORD_EXTRA_ROOM], exe_link[64], exe[PATH_MAX];
	ssize_t n;
	int readable;

	if (p == NULL)
		return;
	readable = begin(pid, "trace", "exec");
	snprintf(p->prog, sizeof p->prog, "%s", readable ? state.comm : "?");
	p->execs++;
	record_field(&writer, "call", "execve");
	snprintf(exe_link, sizeof exe_link, "/proc/%d/exe", (int)pid);
	if ((n = readlink(exe_link, exe, sizeof exe - 1)) > 0) {
		struct stat st;
		exe[n] = '\0';
		record_field(&writer, "exe", exe);
		/* under ptrace the kernel ignores the bits unless the tracer may
		 * trace what they would make (root may) */
		if (geteuid() != 0 && stat(exe_link, &st) == 0 && (st.st_mode & (S_ISUID | S_ISGID))) {
			record_field(&writer, "setid_ignored", "yes");
			snprintf(rec.setid_ignored, sizeof rec.setid_ignored, "%s", exe);
		}
	}
	read_command_line(pid, line, sizeof line);
	record_field(&writer, "command", line);
	if (first)
		rec.first = pid;
	if (first && p->execs == 1 && readable) {	/* what the caller gave, once */
		p->umask_inherited = state.umask;
		lineage_from_caller(p, &state);
	} else {
		lineage_keep_open(p);		/* the close-on-exec ones are gone */
		for (int fd = 0; fd < 3; fd++)
			if ((p->stdio_reopened & (1 << fd)) && readable &&
			    strcmp(state.stdio[fd], "closed") == 0) {
				p->stdio_lost_at_exec |= 1 << fd;
				p->stdio_reopened &= ~(1 << fd);
			}
	}
	end(readable);
}

/* gone: it has exited already (after the detach), its state with it */
static void
process_exit(pid_t pid, int status, int gone)
{
	struct traced_process *p = lineage_get(pid);
	struct close_run *run = rec.active_runs ? close_run_of(pid, 0) : NULL;
	char how[64];
	int readable;

	if (run)
		close_run_end(run);
	if (p == NULL)
		return;
	p->exited = 1;
	p->exit_status = status;
	describe_wait_status(status, how, sizeof how);
	readable = begin(pid, "trace", "exit");
	if (gone) {
		readable = 0;
		state.pid = pid;
		state.nfds = -ESRCH;
	}
	record_field(&writer, "status", how);
	if (pid == rec.first)	/* the shell waits for this one: its prompt returns now */
		record_field(&writer, "prompt", "returns");
	end(readable);
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
	int readable = begin(pid, "trace", "stop");

	record_fieldf(&writer, "status", "stopped by %s",
		      signal_abbreviation(sig) ? signal_abbreviation(sig) : "a signal");
	record_field(&writer, "prompt", "returns");
	end(readable);
}

/* How the process handles sig, from its SigIgn and SigCgt masks. */
static const char *
signal_handling(pid_t pid, int sig)
{
	char path[64], line[256];
	unsigned long long mask, ignored = 0, caught = 0;
	FILE *status;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((status = fopen(path, "re")) == NULL)
		return "unreadable";
	while (fgets(line, sizeof line, status))
		if (sscanf(line, "SigIgn: %llx", &mask) == 1)
			ignored = mask;
		else if (sscanf(line, "SigCgt: %llx", &mask) == 1)
			caught = mask;
	fclose(status);
	if (caught & (1ULL << (sig - 1)))
		return "caught";
	return ignored & (1ULL << (sig - 1)) ? "ignored" : "default";
}

void
calls_signal(pid_t tgid, int sig)
{
	struct traced_process *p = lineage_get(tgid);
	const char *name = signal_abbreviation(sig);
	int readable;

	if (p == NULL || sig < 1 || sig > 64 || (p->signals_told & (1ULL << (sig - 1))))
		return;
	p->signals_told |= 1ULL << (sig - 1);
	readable = begin(tgid, "trace", "signal");
	if (name)
		record_fieldf(&writer, "signal", "SIG%s", name);
	else
		record_fieldf(&writer, "signal", "%d", sig);
	record_field(&writer, "handled", signal_handling(tgid, sig));
	end(readable);
}

void
calls_entry(pid_t tgid, const struct syscall_call *call)
{
	struct close_run *run;

	if (rec.active_runs == 0 || call->nr == SYS_close || call->nr == SYS_close_range)
		return;
	if ((run = close_run_of(tgid, 0)) != NULL)
		close_run_end(run);
}

static void
umask_call(struct traced_process *p, int64_t rval, const struct syscall_call *call)
{
	int readable = begin(p->pid, "5", "after");

	record_field(&writer, "call", "umask");
	record_fieldf(&writer, "old_umask", "%04o", (unsigned)rval);
	end(readable);
	p->umask_calls++;
	p->umask_last_old = (int)rval;
	p->umask_last_new = (int)(call->args[0] & 0777);
	lineage_step(p, '5');
}

static void
setsid_call(struct traced_process *p, int64_t rval, int is_error)
{
	int readable;

	begin_call(p->pid, "2", "setsid", rval, is_error, &readable);
	if (is_error && rval == -EPERM)
		record_field(&writer, "hint", p->setsid_done ?
			     "it leads its session already: a second setsid() fails" :
			     "a process-group leader may not start a session");
	end(readable);
	if (is_error) {
		p->setsid_failed = (int)-rval;
	} else {
		p->setsid_done = 1;
		p->second_fork_done = 0;
		lineage_step(p, '2');
	}
}

/*** pid files ***/

/* A PID in decimal, padded with blanks or zeros and ended by a newline at
 * most, as pid files hold it; 0 when text is not one. */
static pid_t
pid_in(const char *text, size_t len)
{
	size_t i = 0;
	long pid = 0;

	while (i < len && (text[i] == ' ' || text[i] == '0'))
		i++;
	if (i == len || text[i] < '1' || text[i] > '9')
		return 0;
	for (; i < len && text[i] >= '0' && text[i] <= '9'; i++) {
		pid = pid * 10 + (text[i] - '0');
		if (pid >= 1 << 22)	/* past pid_max: no PID, and no overflow */
			return 0;
	}
	while (i < len && (text[i] == ' ' || text[i] == '\n'))
		i++;
	return i == len ? (pid_t)pid : 0;
}

/* A write of at most 32 bytes to a regular file that holds a traced PID. */
static void
maybe_pid_file(pid_t tid, pid_t tgid, const struct syscall_call *call, int64_t written)
{
	char text[33], link[64], path[PATH_MAX];
	struct iovec local = { text, (size_t)written }, remote = { (void *)call->args[1], (size_t)written };
	struct stat st;
	pid_t pid;
	ssize_t n;
	int readable;

	if (written <= 0 || written > 32 ||
	    process_vm_readv(tid, &local, 1, &remote, 1, 0) != (ssize_t)written ||
	    (pid = pid_in(text, (size_t)written)) == 0 || lineage_find(pid) == NULL)
		return;
	snprintf(link, sizeof link, "/proc/%d/fd/%d", (int)tgid, (int)call->args[0]);
	if (stat(link, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (n = readlink(link, path, sizeof path - 1)) <= 0)
		return;
	path[n] = '\0';
	snprintf(rec.pid_file, sizeof rec.pid_file, "%s", path);
	rec.pid_file_holds = pid;
	rec.pid_file_writer = tgid;
	readable = begin(tgid, "trace", "after");
	record_field(&writer, "call", call->nr == SYS_write ? "write" : "pwrite64");
	record_field(&writer, "pid_file", path);
	record_fieldf(&writer, "holds", "%d", (int)pid);
	end(readable);
}

const char *
calls_setid_ignored(void)
{
	return rec.setid_ignored[0] ? rec.setid_ignored : NULL;
}

const char *
calls_pid_file(pid_t *holds, pid_t *writer_pid)
{
	*holds = rec.pid_file_holds;
	*writer_pid = rec.pid_file_writer;
	return rec.pid_file[0] ? rec.pid_file : NULL;
}

/* The credential calls: per thread in the kernel, and glibc makes every
 * thread call it when the program calls setuid() once. */
static const char *
credential_call(long nr)
{
	switch (nr) {
	case SYS_setuid: return "setuid";
	case SYS_setgid: return "setgid";
	case SYS_setreuid: return "setreuid";
	case SYS_setregid: return "setregid";
	case SYS_setresuid: return "setresuid";
	case SYS_setresgid: return "setresgid";
	case SYS_setgroups: return "setgroups";
	case SYS_setfsuid: return "setfsuid";
	case SYS_setfsgid: return "setfsgid";
	default: return NULL;
	}
}

/* The thread's Uid: or Gid: line of /proc (real, effective, saved, fs). */
static void
read_ids(pid_t tid, const char *which, char *out, size_t size)
{
	char path[64], line[256];
	FILE *status;

	snprintf(path, sizeof path, "/proc/%d/status", (int)tid);
	snprintf(out, size, "?");
	if ((status = fopen(path, "re")) == NULL)
		return;
	while (fgets(line, sizeof line, status))
		if (strncmp(line, which, strlen(which)) == 0) {
			char *ids = line + strlen(which);
			ids += strspn(ids, " \t");
			ids[strcspn(ids, "\n")] = '\0';
			for (char *c = ids; *c; c++)
				if (*c == '\t')
					*c = ' ';
			snprintf(out, size, "%s", ids);
			break;
		}
	fclose(status);
}

/* One record of a change of credentials, however many threads glibc made
 * repeat it: the same call with the same arguments is told once. */
static void
credential_change(pid_t tid, struct traced_process *p, const char *name,
		  const struct syscall_call *call, int64_t rval, int is_error)
{
	const uint64_t signature[4] = { call->nr, call->args[0], call->args[1], call->args[2] };
	char ids[96];
	int readable;

	if (memcmp(p->last_credentials, signature, sizeof signature) == 0)
		return;
	memcpy(p->last_credentials, signature, sizeof signature);
	begin_call(p->pid, "trace", name, rval, is_error, &readable);
	if (call->nr == SYS_setgroups)
		record_fieldf(&writer, "args", "%d groups", (int)call->args[0]);
	else if (strncmp(name, "setres", 6) == 0)
		record_fieldf(&writer, "args", "%d, %d, %d", (int)call->args[0], (int)call->args[1],
			      (int)call->args[2]);
	else if (strncmp(name, "setre", 5) == 0)
		record_fieldf(&writer, "args", "%d, %d", (int)call->args[0], (int)call->args[1]);
	else
		record_fieldf(&writer, "args", "%d", (int)call->args[0]);
	read_ids(tid, "Uid:", ids, sizeof ids);
	record_field(&writer, "uids", ids);
	read_ids(tid, "Gid:", ids, sizeof ids);
	record_field(&writer, "gids", ids);
	end(readable);
}

void
calls_exit(pid_t tid, pid_t tgid, const struct syscall_call *call, int64_t rval, int is_error)
{
	struct traced_process *p;
	int readable;
	long nr = (long)call->nr;

	if (call->arch != NATIVE_ARCH) {
		rec.foreign_calls++;
		return;
	}
	switch (nr) {
	case SYS_setsid:
		if ((p = lineage_get(tgid)))
			setsid_call(p, rval, is_error);
		break;
	case SYS_setpgid:
		begin_call(tgid, "trace", "setpgid", rval, is_error, &readable);
		record_fieldf(&writer, "args", "%lld, %lld", (long long)(int)call->args[0],
			      (long long)(int)call->args[1]);
		end(readable);
		break;
	case SYS_chdir:
	case SYS_fchdir:
		begin_call(tgid, "4", nr == SYS_chdir ? "chdir" : "fchdir", rval, is_error, &readable);
		end(readable);
		if (!is_error && (p = lineage_get(tgid)))
			lineage_step(p, '4');
		break;
	case SYS_umask:
		if ((p = lineage_get(tgid)))
			umask_call(p, rval, call);
		break;
	case SYS_close: {
		struct close_run *run;
		long fd = (long)(int)call->args[0];
		if ((is_error && rval != -EBADF) || (p = lineage_get(tgid)) == NULL ||
		    (run = close_run_of(tgid, 1)) == NULL)
			break;
		close_run_add(run, "close", fd, fd, !is_error);
		/* 0, 1 and 2 alone make no sweep: a program closes 1 and 2 as it
		 * exits (coreutils' close_stdout), a daemon closes all three (three
		 * calls) or a range */
		run->sweeping |= !is_error && fd > 2 && lineage_inherits(p, fd);
		if (!is_error)
			lineage_forget(p, fd, fd);
		break;
	}
	case SYS_close_range: {
		struct close_run *run;
		long lo = (long)(unsigned)call->args[0];
		long hi = call->args[1] > 0x7fffffff ? 0x7fffffff : (long)call->args[1];
		if ((p = lineage_get(tgid)) == NULL || (run = close_run_of(tgid, 1)) == NULL)
			break;
		close_run_add(run, "close_range", lo, hi, !is_error);
		run->sweeping = 1;
		if (call->args[2] & CLOSE_RANGE_CLOEXEC)
			run->cloexec = 1;
		else if (!is_error)
			lineage_forget(p, lo, hi);
		break;
	}
#ifdef SYS_open
	case SYS_open:
		if (!is_error && (p = lineage_get(tgid)))
			new_descriptor(p, "open", (long)rval, 1, (long)call->args[1], 0);
		break;
#endif
	case SYS_openat:
		if (!is_error && (p = lineage_get(tgid)))
			new_descriptor(p, "openat", (long)rval, 1, (long)call->args[2], 0);
		break;
	case SYS_dup:
		if (!is_error && (p = lineage_get(tgid)))
			new_descriptor(p, "dup", (long)rval, 0, 0, 0);
		break;
#ifdef SYS_dup2
	case SYS_dup2:
#endif
	case SYS_dup3:
		/* dup2(fd, fd) does nothing */
		if (!is_error && call->args[0] != call->args[1] && (p = lineage_get(tgid))) {
			lineage_forget(p, (long)rval, (long)rval);
			new_descriptor(p, nr == SYS_dup3 ? "dup3" : "dup2", (long)rval, 0, 0, 1);
		}
		break;
	case SYS_fcntl:
		if (!is_error && (call->args[1] == F_DUPFD || call->args[1] == F_DUPFD_CLOEXEC) &&
		    (p = lineage_get(tgid)))
			new_descriptor(p, "fcntl F_DUPFD", (long)rval, 0, 0, 0);
		break;
	case SYS_ioctl:
		if (call->args[1] == TIOCSCTTY || call->args[1] == TIOCNOTTY) {
			begin_call(tgid, "trace", call->args[1] == TIOCSCTTY ? "ioctl TIOCSCTTY"
					     : "ioctl TIOCNOTTY", rval, is_error, &readable);
			end(readable);
		}
		break;
	case SYS_write:
	case SYS_pwrite64:
		if (!is_error)
			maybe_pid_file(tid, tgid, call, rval);
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
	for (int i = 0; i < CLOSE_RUNS_MAX && rec.active_runs; i++)
		if (rec.runs[i].calls && (rec.runs[i].sweeping || rec.runs[i].calls >= 3))
			return 1;
	return 0;
}

int
calls_flush(void)
{
	for (int i = 0; i < CLOSE_RUNS_MAX && rec.active_runs; i++)
		if (rec.runs[i].calls)
			close_run_end(&rec.runs[i]);
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
