/* record.h - one record of the transition log, written the one way every
 * program writes it: the event's header, its own fields, then a process's
 * state as /proc shows it (procstate.h), appended to the log in one write(2).
 *
 * The step programs record themselves and the shell they came from;
 * daemon-trace records the processes it follows, while they are stopped.
 * Both build records with these functions, so a traced run reads like the
 * demo's.
 */
#ifndef DAEMON_STEPS_RECORD_H
#define DAEMON_STEPS_RECORD_H

#include <stddef.h>
#include <sys/types.h>

#include "logfmt.h"
#include "procstate.h"

/* How much of a record the large, variable fields may take. */
enum { RECORD_CWD_ROOM = 1024, RECORD_FDS_ROOM = 600, RECORD_STDIO_ROOM = 400,
       RECORD_EXTRA_ROOM = 512 };

/* Starts a record: v=1, run, the time now, prog, step and event. */
void record_begin(struct logfmt_writer *w, const char *run, const char *prog,
		  const char *step, const char *event);

/* One of the event's own fields, cut to RECORD_EXTRA_ROOM. */
void record_field(struct logfmt_writer *w, const char *key, const char *value);

/* The same, printf-style. */
void record_fieldf(struct logfmt_writer *w, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The state fields, last in a record (pid ... cwd, sigign ... nenv). */
void record_state(struct logfmt_writer *w, const struct proc_state *state);

/* In place of the state when /proc could not be read at all: pid, and every
 * other state field "unreadable (ENAME)", never empty. */
void record_state_unreadable(struct logfmt_writer *w, pid_t pid, int err);

/*
 * Ends the record and appends it to the log at path as one write(2) to a
 * descriptor opened O_APPEND for it, so records of processes writing at the
 * same time never interleave. Returns 0, or -1 with errno.
 */
int record_append(const char *path, struct logfmt_writer *w);

/*
 * The same log kept open and written buffered, for a writer of many records
 * (daemon-trace): whole records only, several per write(2), still O_APPEND,
 * so the records of other writers never land inside one of them.
 */
struct record_log {
	int fd;
	size_t used;
	char buffer[16 * LOGFMT_RECORD_MAX];
};

/* Opens the log at path. Returns 0, or -1 with errno. */
int record_log_open(struct record_log *log, const char *path);

/* Ends the record and adds it, writing the buffer first when it is full.
 * Returns 0, or -1 with errno when a write failed. */
int record_log_add(struct record_log *log, struct logfmt_writer *w);

/* Writes what is buffered. Returns 0, or -1 with errno. */
int record_log_flush(struct record_log *log);

/* Flushes and closes. Returns 0, or -1 with errno. */
int record_log_close(struct record_log *log);

/* The errno's symbolic name ("EPERM"). */
const char *errno_name(int err);

/* "HUP" for SIGHUP; NULL for a signal without a name (the real-time ones,
 * and every one before glibc 2.32, which has no sigabbrev_np). */
const char *signal_short_name(int sig);

/* A set of signals (bit n-1 for signal n, as /proc shows them) as the log
 * writes it: "SIGHUP,SIGPIPE", a run of unnamed ones as "SIG34-SIG64",
 * "none" for the empty set. log_signal_set() reads it back. */
void format_signal_set(unsigned long long set, char *out, size_t size);

#endif
