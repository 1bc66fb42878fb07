/* calls.h - what daemon-trace records: the calls that make a daemon.
 *
 * follow.c tells this file of every event and of every system call's end;
 * this file keeps each traced process's lineage (what it inherited, which
 * recipe steps it and its ancestors did) and writes one record per call that
 * matters to daemonizing, with the process's state read from /proc while it
 * is stopped. The verdict reads the lineages.
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
};

enum { LINEAGE_FDS_MAX = 64, LINEAGE_PATH_MAX = 16 };

/* A traced process and what it inherited from the processes before it. */
struct traced_process {
	pid_t pid;
	pid_t forked_by;		/* the traced process that forked it; 0 for the first */
	int exited, exit_status;	/* a wait status, taken at its EXIT stop */
	int execs;
	char prog[32];
	/* the recipe steps done in its lineage, in order: "1", "2", ... */
	char path[LINEAGE_PATH_MAX + 1];
	int setsid_done;		/* its lineage has a session of its own */
	int second_fork_done;		/* and has forked after that */
	int vforked;			/* it was made by vfork */
	int setsid_failed;		/* a setsid() of its own failed, with this errno */
	/* its umask: as inherited, and what its lineage's umask() calls did */
	int umask_inherited, umask_calls, umask_last_old, umask_last_new;
	/* the descriptors above 2 it inherited from daemon-trace's caller and has not closed */
	int inherited[LINEAGE_FDS_MAX];
	int inherited_count, inherited_unknown;
	int own_on_stdio;		/* bit fd: a file of its own took 0, 1 or 2 */
	int landed_told;		/* bit fd: that was recorded once */
	int stdio_reopened;		/* bit fd: 0, 1 or 2 reopened on purpose */
	int stdio_lost_at_exec;		/* bit fd: reopened, then closed by an exec (close-on-exec) */
};

/* Starts recording: the log, the run id, and the caller's state. */
int calls_begin(const char *log_path, const char *run);

/* A process (tgid pid) executed a program; former is the thread that did it. */
void calls_exec(pid_t pid, int first);

/* parent forked child (a process, not a thread); vfork says how. */
void calls_fork(pid_t parent, pid_t child, int vfork);

/* A system call of a thread of process tgid begins; a run of closes ends at
 * any other call. (Credentials aside, what a daemon changes is per process.) */
void calls_entry(pid_t tgid, const struct syscall_call *call);

/* It ended with rval (a negative errno when is_error). */
void calls_exit(pid_t tgid, const struct syscall_call *call, int64_t rval, int is_error);

/* How many calls were of another architecture (a 32-bit program's), not decoded. */
unsigned long calls_foreign(void);

/* A wait status in words: "exited 0", "killed by TERM". */
void describe_wait_status(int status, char *out, size_t size);

/* A process's last thread is exiting, with the wait status. */
void calls_process_exit(pid_t pid, int status);

/* The number of records of recipe steps (step=1..7) made so far: what
 * settling watches (a daemon's own work, a worker forked, a command run from
 * its loop, is not daemonizing). */
unsigned long calls_recorded(void);

/* Whether a run of closes is going on: a daemon sweeping its descriptors
 * has not settled, however long the sweep takes under ptrace. */
int calls_busy(void);

/* Ends every run of closes still open, and writes the log. */
int calls_flush(void);

/* The processes seen, in order of appearance. */
const struct traced_process *calls_processes(int *count);

/* The log and run, for the verdict's record. */
struct record_log;
struct record_log *calls_log(void);
const char *calls_run(void);

#endif
