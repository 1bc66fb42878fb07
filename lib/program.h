/* program.h - what every daemon-steps program shares, the step programs,
 * daemon-demo, daemon-viewer and daemon-trace alike: its options and --help,
 * the transition log's place and records of its own process, error reports,
 * and the exit codes.
 */
#ifndef DAEMON_STEPS_PROGRAM_H
#define DAEMON_STEPS_PROGRAM_H

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

/* The folder of the log ("/tmp/daemon-steps-0"; "" for a log in /); -1
 * when too long. */
int log_folder(char *folder, size_t size);

/* name, in the folder of the log; -1 when too long. */
int path_beside_log(const char *name, char *path, size_t size);

/* The pid file of heartbeatd, beside the log. */
const char *pid_file_path(void);

/* The directory the running program was started from (for its siblings). */
const char *program_directory(void);

/* The working directory the program started in, "" when unknown. */
const char *program_start_directory(void);

/* dir + "/" + name into out (name alone when dir is ""); -1 when too long. */
int join_path(char *out, size_t size, const char *dir, const char *name);

/* daemon-viewer beside the running program, as its user can type it:
 * "./build/bin/daemon-viewer" below the working directory, else its whole
 * path (its name alone when the program's directory is not known). */
const char *viewer_path(char *out, size_t size);

/* Prints the log's path and the command that replays run, ready to paste
 * (naming the log when it is not the one the viewer reads by default):
 * "The log: ...", "Replay it: ./build/bin/daemon-viewer --run RUN". */
void print_where_to_replay(const char *run);

#endif
