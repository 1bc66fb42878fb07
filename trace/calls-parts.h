/* calls-parts.h - what the parts of daemon-trace's recorder share.
 *
 * calls.c takes each system call's end from follow.c, in daemon-trace's own
 * numbering whatever the program's architecture (arch.h: a 32-bit program's
 * open() is SYS_open too), and hands it to the part that knows it:
 *   processes.c    fork, exec, exit, signals, setsid, umask (the process and its session)
 *   descriptors.c  runs of closes (step 6), 0, 1, 2 reopened (step 7), terminals opened
 *   credentials.c  setuid() and its relatives
 *   pidfile.c      pid files
 *   readiness.c    the first listen(), and a readiness pipe the first process waits on
 * Each part writes its records with the helpers below: one record at a time
 * (daemon-trace is one thread), with the process's state read while it is
 * stopped.
 */
#ifndef DAEMON_TRACE_CALLS_PARTS_H
#define DAEMON_TRACE_CALLS_PARTS_H

#include <stdint.h>
#include <sys/types.h>

#include "calls.h"
#include "lineage.h"
#include "procstate.h"
#include "record.h"

/*** the record being made (calls.c) ***/

extern struct logfmt_writer call_writer;
extern struct proc_state call_state;	/* the state it ends with, read by call_begin() */

/* Reads pid's state and begins its record; returns whether it was readable. */
int call_begin(pid_t pid, const char *step, const char *event);

/* The same for a call's result: event "after" with result=, or "error" with
 * the errno's name. */
int call_begin_result(pid_t pid, const char *step, const char *call, int64_t rval, int is_error);

/* Ends the record with the state, or why it was unreadable (readable 0
 * where call_begin() found it readable: the process is known gone), into the
 * log. */
void call_end(int readable);

/*** processes.c ***/

/* The program's first process (0 before its first exec). */
pid_t calls_first_process(void);

void setsid_call(struct traced_process *p, int64_t rval, int is_error);
void umask_call(struct traced_process *p, int64_t rval, const struct syscall_call *call);

/*** descriptors.c ***/

/* A close() or close_range() of process p, added to its run of closes. */
void close_call(struct traced_process *p, const struct syscall_call *call, int64_t rval,
		int is_error);

/* Ends process pid's run of closes, if it has one, with its record. */
void close_run_end_of(pid_t pid);

/* Whether a run of closes that is a sweep goes on; ends them all. */
int close_runs_busy(void);
void close_runs_end(void);

/* A call (named call) gave process p the descriptor fd; flags_known: flags
 * are open()'s; onto: it was put there on purpose (dup2 onto it). */
void descriptor_given(struct traced_process *p, const char *call, long fd, int flags_known,
		      long flags, int onto);

/* openat2(), whose flags are in memory: descriptor_given() once read. */
void openat2_call(pid_t tid, struct traced_process *p, const struct syscall_call *call, int64_t fd);

/*** credentials.c ***/

/* The credential call's name, or NULL when nr is none. */
const char *credential_call(long nr);

void credential_change(pid_t tid, struct traced_process *p, const char *name,
		       const struct syscall_call *call, int64_t rval, int is_error);

/*** pidfile.c ***/

/* A write that may be a pid file's. */
void maybe_pid_file(pid_t tid, pid_t tgid, const struct syscall_call *call, int64_t written);

/* A rename that worked, which may have given the pid file its name. */
void maybe_pid_file_renamed(pid_t tid, pid_t tgid, const struct syscall_call *call);

/*** readiness.c ***/

/* Every call's entry (a wait begins; who writes to or closes the pipe). */
void readiness_entry(pid_t tgid, const struct syscall_call *call);

/* A read() or readv() of process tgid ended: a wait's end. */
void readiness_read_done(pid_t tgid, const struct syscall_call *call, int64_t rval, int is_error);

void readiness_fork(pid_t parent, pid_t child);
void readiness_process_exit(pid_t pid);

/* A record of a recipe step of process pid was made. */
void readiness_step_recorded(pid_t pid);

/* A listen() that worked. */
void listen_call(pid_t tgid, const struct syscall_call *call, int64_t rval);

#endif
