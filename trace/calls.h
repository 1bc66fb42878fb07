/* calls.h - what daemon-trace records: the calls that make a daemon.
 *
 * follow.c tells calls.c of every event and of every system call's end;
 * calls.c and its parts (calls-parts.h) write one record per call that
 * matters to daemonizing, with the process's state read from /proc while it
 * is stopped, and keep each process's lineage (lineage.h) up to date for the
 * verdict.
 */
#ifndef DAEMON_TRACE_CALLS_H
#define DAEMON_TRACE_CALLS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* A system call as its entry stop showed it. */
struct syscall_call {
	uint64_t nr;
	uint64_t args[6];
	uint32_t arch;		/* AUDIT_ARCH_*: another architecture numbers its calls otherwise */
	int decoded;		/* nr and args are in daemon-trace's own numbering (arch.h) */
};

/* Starts recording: the log, the run id, and the caller's state. */
int calls_begin(const char *log_path, const char *run);

/* A process (tgid pid) executed a program; first: it is the program's first process. */
void calls_exec(pid_t pid, int first);

/* parent forked child (a process, not a thread); vfork says how. */
void calls_fork(pid_t parent, pid_t child, int vfork);

/* A system call of a thread of process tgid begins; a run of closes ends at
 * any other call. (Credentials aside, what a daemon changes is per process.) */
void calls_entry(pid_t tgid, const struct syscall_call *call);

/* Whether the call's end matters: whether follow.c must read its result at
 * its exit stop and tell calls_exit(). */
int calls_exit_matters(const struct syscall_call *call);

/* It ended, in thread tid, with rval (a negative errno when is_error). */
void calls_exit(pid_t tid, pid_t tgid, const struct syscall_call *call, int64_t rval,
		int is_error);

/* A set-user-ID or set-group-ID program daemon-trace, not being root, saw
 * executed: the kernel ran it without that privilege. NULL when none. */
const char *calls_setid_ignored(void);

/* The last pid file seen written (a write of at most 32 bytes to a regular
 * file, holding a traced PID in decimal), by the name it has now, or NULL; the PID it holds and the
 * process that wrote it. */
const char *calls_pid_file(pid_t *holds, pid_t *writer);

/* The name the pid file was written under when it was renamed into place
 * since (rename, renameat, renameat2), or NULL. */
const char *calls_pid_file_written_as(void);

/* The first listen() of the program's processes, or NULL: its local address
 * ("127.0.0.1:8080", "[::1]:8080", a unix socket's path), from /proc/PID/net;
 * the process that listened, and whether the first process had exited then. */
const char *calls_listened(pid_t *by, int *first_exited);

/* Whether pid's descriptor fd (0, 1 or 2) is the very open file daemon-trace's
 * caller gave (kcmp(2) against daemon-trace's own fd). */
int calls_stdio_is_callers(pid_t pid, long fd);

enum { READINESS_HOLDERS_MAX = 16, READINESS_WAITS_MAX = 8 };

/* The first process waiting in read() on a pipe whose write end other traced
 * processes held (daemon(7)'s readiness pipe), until one wrote to it or all
 * closed it. */
struct readiness_wait {
	unsigned long inode;
	long long waited_ms;
	int written;		/* a byte came; else end-of-file: every other end closed */
	pid_t ended_by;		/* the one seen writing, or closing it last; 0 when not seen */
	pid_t holders[READINESS_HOLDERS_MAX];	/* the traced processes with its write end */
	int holders_count;
};

/* The wait on a pipe that process pid held, or NULL. */
const struct readiness_wait *calls_readiness_of(pid_t pid);

/* Whether a process other than the first still did a recipe step, or its
 * first listen(), after the first process had exited. */
int calls_late_after_first_exit(void);

/* How many calls were of an architecture daemon-trace has no table for
 * (arch.c: on AArch64, a 32-bit ARM program's), not decoded. */
unsigned long calls_foreign(void);

/* A wait status in words: "exited 0", "killed by TERM". */
void describe_wait_status(int status, char *out, size_t size);

/* A signal is being delivered to a thread of process tgid (told once per
 * process and signal: a SIGCHLD per child would drown the rest). */
void calls_signal(pid_t tgid, int sig);

/* A process's last thread is exiting, with the wait status. */
void calls_process_exit(pid_t pid, int status);

/* The same of an untraced process that has exited: its state fields say
 * "unreadable (ESRCH)". */
void calls_process_gone(pid_t pid, int status);

/* The job of the first process, pid, stopped with sig, as a shell sees it. */
void calls_job_stopped(pid_t pid, int sig);

/* The number of records of recipe steps (step=1..7) made so far: what
 * settling watches (a daemon's own work, a worker forked, a command run from
 * its loop, is not daemonizing). */
unsigned long calls_recorded(void);

/* Whether a run of closes is going on: a daemon sweeping its descriptors
 * has not settled, however long the sweep takes under ptrace. */
int calls_busy(void);

/* Ends every run of closes still open, and writes the log. */
int calls_flush(void);

/* The log and run, for the verdict's record. */
struct record_log;
struct record_log *calls_log(void);
const char *calls_run(void);

#endif
