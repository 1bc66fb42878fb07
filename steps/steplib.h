/* steplib.h - the plumbing every daemon-steps program shares: options, the
 * transition log, error reports, and going on to the next program of a chain.
 *
 * The steps themselves are not in here: each step program shows its own, in
 * its main() between the comments "the step" and "going on" (daemon-viewer's
 * code pane shows those lines beside the step's frames).
 */
#ifndef DAEMON_STEPS_STEPLIB_H
#define DAEMON_STEPS_STEPLIB_H

#include <stdnoreturn.h>
#include <sys/types.h>

#include "procstate.h"
#include "record.h"	/* errno_name() */

/* One table of exit codes for every program (as env(1) and nohup(1) use 126, 127). */
enum exit_code {
	EXIT_SYSCALL_FAILED = 1,	/* a system call failed, setsid's EPERM included */
	EXIT_USAGE = 2,			/* unknown option, bad value, missing argument */
	EXIT_CANNOT_EXECUTE = 126,	/* the next program was found but could not run */
	EXIT_NOT_FOUND = 127		/* the next program was not found */
};

/* The environment that carries the chain's settings across exec. */
#define ENV_LOG   "DAEMON_STEPS_LOG"	/* the log's absolute path */
#define ENV_RUN   "DAEMON_STEPS_RUN"	/* the run id */
#define ENV_PAUSE "DAEMON_STEPS_PAUSE"	/* seconds each step waits after its record */
#define ENV_READY_FD "DAEMON_STEPS_READY_FD"	/* step1-fork --wait-ready: the descriptor the
						   daemon writes a line to when it is ready */

#define PROJECT_VERSION "1.0.0"

struct step_option {
	const char *name;	/* the long option: "dir" for --dir */
	const char *arg;	/* its argument's name, or NULL for a flag */
	const char *help;
};

struct program {
	const char *name;		/* as in messages and the log's prog field */
	const char *step;		/* the log's step field: "1".."7", "daemon", ... */
	const char *synopsis;		/* what follows the name in the usage line */
	const char *purpose;		/* a paragraph for --help */
	const struct step_option *options;	/* ended by an entry with no name */
	const char *exits;		/* its exit status table, when it is not a step's */
};

/*
 * Parses the options into values[i] (for options[i]; NULL when not given, ""
 * for a given flag), stopping at the first non-option so that the next
 * program's options stay its own. Answers --help and --version, settles the
 * log's path and the run id, and records the event "start", so a program that
 * cannot record stops before its step. Returns the index of the next program
 * in argv (argc when there is none). Exits 0 after --help or --version,
 * EXIT_USAGE on bad usage, EXIT_SYSCALL_FAILED when the log cannot be written.
 */
int program_start(const struct program *program, int argc, char **argv,
		  const char **values);

/* program_start() in two halves, for a program whose start record says more:
 * program_setup() does all but the record; record_start() records "start"
 * with the key/value pairs given (ended by NULL), or exits 1 saying why not. */
int program_setup(const struct program *program, int argc, char **argv,
		  const char **values);
void record_start(const char *key, ...);

/* Opens /dev/null on whichever of 0, 1 and 2 is closed (CI runs with no
 * stdin). The runner and the viewer do this; the steps must not (step 7). */
void ensure_stdio_open(void);

/* The running program's name, for messages. */
const char *program_name(void);

/*
 * Records one event of this process: its state read from /proc, then the
 * extra key/value pairs given, ended by NULL. Returns 0, or -1 with errno.
 */
int record(const char *event, ...);

/* The same for another process (the runner records its shell this way). */
int record_process(pid_t pid, const char *prog, const char *step,
		   const char *event, ...);

/*
 * A system call failed: prints "program: call failed: strerror" and the hint,
 * if any, to stderr, and records an "error" event with the errno's name.
 */
void report_failure(const char *call, int err, const char *hint);

/* report_failure(), then exit with code. In a forked child, exits with _exit. */
noreturn void fail(const char *call, int err, const char *hint, int code);

/* Bad usage: prints the message and a pointer to --help, exits EXIT_USAGE. */
noreturn void usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/*
 * What went wrong when getopt_long(), given an optstring that begins with ':',
 * returned ':' (an argument missing) or '?' (an unknown option, or an argument
 * given to a flag): a message for usage_error().
 */
struct option;
void option_problem(int returned, const struct option *longopts, char **argv,
		    char *message, size_t size);

/*
 * After a fork, in the child: polls, up to a deadline, until the parent is
 * gone. Returns 0, or -1 with errno ETIMEDOUT. (Linux's prctl(PR_SET_PDEATHSIG)
 * could send a signal instead, but the parent may be gone before it is set, so
 * a check like this one would still be needed.)
 */
int wait_until_orphaned(pid_t parent);

/*
 * After a fork, in the child: waits, up to a deadline, until the parent is
 * gone and the child has been adopted, then reads its state into *now and
 * records the event "after" with the adopter's name. Returns 0, or -1 with
 * errno (ETIMEDOUT when the parent never left).
 */
int await_adoption(pid_t parent, struct proc_state *now);

/*
 * Ends a step. With no next program, prints what the step did and exits 0.
 * Otherwise waits $DAEMON_STEPS_PAUSE seconds, if set, and executes next[0]
 * with next as its arguments: from the running program's own directory when it
 * is there, else searched in PATH. On failure records it and exits 126 or 127.
 */
noreturn void continue_chain(char **next, const char *done_fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Opens a fresh pseudo-terminal, one that no session owns yet, and puts its
 * slave's path in slave. The master is O_NOCTTY (the caller must not take it)
 * and O_CLOEXEC (nothing the caller runs keeps it). Exits on failure.
 */
int open_fresh_pty(char *slave, size_t size);

/* Waits for child to end; returns its wait status. Exits on failure. */
int wait_for_child(pid_t child);

/* Executes next[0] as continue_chain() does, without the pause. */
noreturn void exec_next(char **next);

/* Sleeps $DAEMON_STEPS_PAUSE seconds, if set, so a class can watch a state. */
void pause_if_asked(void);

/* Where the log is when DAEMON_STEPS_LOG is not set:
 * $XDG_RUNTIME_DIR/daemon-steps/transitions.log, else
 * ${TMPDIR:-/tmp}/daemon-steps-$UID/transitions.log. -1 when too long. */
int default_log_path(char *path, size_t size);

/* The log's absolute path, settled by program_start(). */
const char *log_path(void);

/* Settles the log's path (and the pid file's beside it) from DAEMON_STEPS_LOG
 * again, as program_setup() did: for a runner that moves its run to another
 * log. Returns 0, or -1 after saying why. */
int settle_log_path(void);

/* name, in the folder of the log; -1 when too long. */
int path_beside_log(const char *name, char *path, size_t size);

/* The descriptor DAEMON_STEPS_READY_FD names, the readiness pipe of
 * step1-fork --wait-ready: its number, -1 when it names none, -2 when it
 * names no number above 2 (0, 1 and 2 are stdio's, never a pipe passed on). */
int ready_fd_named(void);

/* The pid file of heartbeatd, beside the log. */
const char *pid_file_path(void);

/* The directory the running program was started from (for its siblings). */
const char *program_directory(void);

#endif
