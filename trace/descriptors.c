/* descriptors.c - what daemon-trace records of a program's descriptors:
 * runs of closes (step 6), 0, 1 and 2 reopened (step 7), terminals opened
 * (see calls-parts.h).
 */
#define _GNU_SOURCE
#include "calls-parts.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/kcmp.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

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

static struct close_run runs[CLOSE_RUNS_MAX];
static int active_runs;

/*** runs of closes ***/

static struct close_run *
close_run_of(pid_t pid, int create)
{
	struct close_run *free_run = NULL;

	for (int i = 0; i < CLOSE_RUNS_MAX; i++) {
		if (runs[i].calls && runs[i].pid == pid)
			return &runs[i];
		if (runs[i].calls == 0 && free_run == NULL)
			free_run = &runs[i];
	}
	if (!create || free_run == NULL)
		return NULL;
	memset(free_run, 0, sizeof *free_run);
	free_run->pid = pid;
	free_run->range_start = free_run->range_end = -1;
	free_run->lo = -1;
	active_runs++;
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
	active_runs--;
	if (!run->sweeping && run->calls < 3) {
		run->calls = 0;
		return;
	}
	readable = call_begin(run->pid, "6", "after");
	record_field(&call_writer, "call", run->how);
	record_field(&call_writer, "closed", run->list_len ? run->list : "none");
	format_range(tried, sizeof tried, run->lo, run->hi);
	record_field(&call_writer, "tried", tried);
	record_fieldf(&call_writer, "calls", "%d", run->calls);
	record_fieldf(&call_writer, "failed", "%d", run->failed);
	if (run->cloexec)
		record_field(&call_writer, "cloexec", "marked close-on-exec only: closed at the next exec");
	call_end(readable);
	if (p && run->closed)
		lineage_step(p, '6');
	run->calls = 0;
}

void
close_run_end_of(pid_t pid)
{
	struct close_run *run = active_runs ? close_run_of(pid, 0) : NULL;

	if (run)
		close_run_end(run);
}

void
close_call(struct traced_process *p, const struct syscall_call *call, int64_t rval, int is_error)
{
	struct close_run *run;

	if (call->nr == SYS_close) {
		long fd = (long)(int)call->args[0];
		if ((is_error && rval != -EBADF) || (run = close_run_of(p->pid, 1)) == NULL)
			return;
		close_run_add(run, "close", fd, fd, !is_error);
		/* 0, 1 and 2 alone make no sweep: a program closes 1 and 2 as it
		 * exits (coreutils' close_stdout), a daemon closes all three (three
		 * calls) or a range */
		run->sweeping |= !is_error && fd > 2 && lineage_inherits(p, fd);
		if (!is_error)
			lineage_forget(p, fd, fd);
		return;
	}
	long lo = (long)(unsigned)call->args[0];
	long hi = call->args[1] > 0x7fffffff ? 0x7fffffff : (long)call->args[1];
	if ((run = close_run_of(p->pid, 1)) == NULL)
		return;
	close_run_add(run, "close_range", lo, hi, !is_error);
	run->sweeping = 1;
	if (call->args[2] & CLOSE_RANGE_CLOEXEC)
		run->cloexec = 1;
	else if (!is_error)
		lineage_forget(p, lo, hi);
}

int
close_runs_busy(void)
{
	for (int i = 0; i < CLOSE_RUNS_MAX && active_runs; i++)
		if (runs[i].calls && (runs[i].sweeping || runs[i].calls >= 3))
			return 1;
	return 0;
}

void
close_runs_end(void)
{
	for (int i = 0; i < CLOSE_RUNS_MAX && active_runs; i++)
		if (runs[i].calls)
			close_run_end(&runs[i]);
}

/*** descriptors given ***/

/* A terminal that can become a controlling terminal (a pseudo-terminal's
 * master, /dev/ptmx, never does). */
static int
is_terminal_path(const char *path)
{
	return strncmp(path, "/dev/pts/", 9) == 0 || strncmp(path, "/dev/tty", 8) == 0 ||
	       strcmp(path, "/dev/console") == 0;
}

/*
 * Whether pid's descriptor fd (0, 1 or 2) is again the very open file its
 * caller gave: daemon-trace's own 0, 1 and 2 are the caller's, which the
 * program inherited. kcmp(2), Linux's, compares open file descriptions: a
 * saved copy put back is the same one, a new open of the same /dev/null is
 * not. A shell does that around a command's 2>/dev/null (pyenv's and
 * rbenv's shims run such commands before they execute the program).
 */
int
calls_stdio_is_callers(pid_t pid, long fd)
{
	return syscall(SYS_kcmp, getpid(), pid, KCMP_FILE, fd, fd) == 0;
}

/*
 * A call that gave the descriptor fd. 0, 1 or 2 reopened on purpose (dup2
 * onto it, or /dev/null opened while it was the lowest free number) is step
 * 7, unless it put back the caller's own, which undoes it; a file that only
 * took the lowest free number landed there by accident, which is told as
 * such. A terminal opened is told with or without O_NOCTTY and whether it
 * became the controlling terminal.
 */
void
descriptor_given(struct traced_process *p, const char *call, long fd, int flags_known, long flags,
		 int onto)
{
	char target[PATH_MAX];
	int terminal, readable, on_purpose, restored = 0, told;

	(void)proc_fd_target(p->pid, fd, target, sizeof target);
	terminal = flags_known && is_terminal_path(target);
	if (fd > 2 && !terminal)
		return;
	on_purpose = fd <= 2 && (onto || strcmp(target, "/dev/null") == 0);
	if (on_purpose && (p->stdio_reopened & (1 << fd)) && calls_stdio_is_callers(p->pid, fd)) {
		restored = 1;
		on_purpose = 0;
	}
	if (fd <= 2) {
		told = p->landed_told & (1 << fd);
		if (restored) {
			p->stdio_reopened &= ~(1 << fd);
		} else if (on_purpose) {
			p->stdio_reopened |= 1 << fd;
		} else {
			p->landed_told |= 1 << fd;
			if (told && !terminal)
				return;		/* the same accident again: told once */
		}
	}
	readable = call_begin(p->pid, on_purpose ? "7" : "trace", "after");
	record_field(&call_writer, "call", call);
	record_fieldf(&call_writer, "result", "%ld", fd);
	if (fd <= 2)
		record_fieldf(&call_writer, on_purpose ? "reopened" : restored ? "restored" :
			      "landed_on", "%ld", fd);
	if (terminal) {
		record_field(&call_writer, "tried_tty", target);
		record_field(&call_writer, "noctty", (flags & O_NOCTTY) ? "yes" : "no");
		record_field(&call_writer, "tty_taken", readable && strncmp(target, "/dev/", 5) == 0 &&
			     strcmp(target + 5, call_state.tty) == 0 ? "yes" : "no");
	}
	call_end(readable);
	if (on_purpose)
		lineage_step(p, '7');
	else if (restored && p->stdio_reopened == 0)
		lineage_step_undone(p, '7');
}

/* openat2(dirfd, path, how, size): its flags are in the struct open_how it
 * points to, read from the calling thread's memory (flags, a __u64, is its
 * first member). Unreadable, the descriptor is still told, but no terminal. */
void
openat2_call(pid_t tid, struct traced_process *p, const struct syscall_call *call, int64_t fd)
{
	uint64_t flags = 0;
	struct iovec local = { &flags, sizeof flags }, remote = { (void *)call->args[2], sizeof flags };
	int known = call->args[3] >= sizeof flags &&
		    process_vm_readv(tid, &local, 1, &remote, 1, 0) == (ssize_t)sizeof flags;

	descriptor_given(p, "openat2", (long)fd, known, (long)flags, 0);
}
