/* demo.h - daemon-demo's parts: the demo itself (daemon-demo.c), stopping what
 * a demo left running (demo-stop.c), and a run shown as a table (demo-table.c). */
#ifndef DAEMON_STEPS_DEMO_H
#define DAEMON_STEPS_DEMO_H

#include <stddef.h>

enum { STEPS = 7 };

/* The step programs, in the chain's order (defined in daemon-demo.c). */
extern const char *const step_programs[STEPS];

/*** daemon(7)'s steps (demo-daemon7.c): --daemon7 puts 0a and 0b before
 * step 1 and, as root, step 8 (privileges) after step 7 ***/

enum { DAEMON7_STEPS = 3 };

/* step0a-reset-signals, step0b-clean-env, step8-drop-privileges */
extern const char *const daemon7_programs[DAEMON7_STEPS];

/* The user step 8 drops to in the demo: nobody, as every Unix has it. */
#define DROP_USER "nobody"

/* In the chain's first process, before its exec: SIGHUP ignored, as nohup
 * leaves it, and SIGTERM blocked, as a careless starter leaves it, so that
 * step 0a has something to reset and --skip 0a shows what stays. Exits on
 * failure. */
void stage_inherited_signals(void);

/* Whether step 8 can be in the chain: only root has privileges to drop, to
 * a DROP_USER there is, who can enter the folder its own would be made in.
 * When it cannot, says why in one line and returns 0. */
int drop_possible(void);

/* Moves the run to a log that DROP_USER can write, with heartbeatd's pid file
 * beside it: a folder of that user's own beside the log's folder (made here,
 * or one made before and still only that user's), the log in it. Exits on
 * failure. */
void prepare_drop(void);

/* Gives the terminal heartbeatd is offered to DROP_USER, as login(1) gives a
 * user theirs: else the daemon could not open it after step 8. */
void give_terminal_to_drop_user(const char *slave);

/* The folder prepare_drop() uses for the log in use. Exits when too long. */
void drop_folder(char *path, size_t size);

/* For --stop: moves to the log of that folder, when there is one, and
 * returns 1; else 0. */
int use_drop_log(void);

/* What a skipped 0a, 0b or 8 left, as heartbeatd's first record shows it. */
void tell_daemon7_missing(int skipped_0a, int skipped_0b, int skipped_8, const char *sigign,
			  const char *sigblk, const char *nenv, const char *uid);

/*** stopping (demo-stop.c): the daemon, named by the pid file, and a chain
 * still on its way there, found by the log and the run its environment names ***/

enum stop { STOP_FAILED = -1, STOP_NONE, STOP_DONE, STOP_NOT_OURS };

/* Stops the heartbeatd named in the pid file, and only a heartbeatd: sends
 * SIGTERM, waits until it is gone, says so, or says why it did not go. */
enum stop stop_daemon(void);

/* Stops the processes of chains on this log that are still running: the steps
 * and heartbeatd whose environment names the log and, unless run is NULL, that
 * run. Says which it stopped; returns how many, or -1 when one did not go (it
 * says why). */
int stop_chain(const char *run);

/*** readiness (demo-ready.c): when the prompt came back, against when the
 * daemon was ready ***/

struct logfmt_record;

struct readiness_news {
	char first_exit[40];	/* step1-fork's parent-exit: the prompt comes back */
	char ready[40];		/* heartbeatd's ready record, or its first after its pid file */
	int ready_recorded;	/* ready is heartbeatd's own ready record */
	int waited;		/* the first process waited for it (--wait-ready) */
};

/* Notes what a record of the run tells of readiness. */
void readiness_note(struct readiness_news *news, const struct logfmt_record *r);

/* The first process's exit after the daemon was ready, in ms (< 0: before). */
double readiness_gap_ms(const struct readiness_news *news);

/* Says when the prompt came back against the daemon's readiness, by how much. */
void readiness_print(const struct readiness_news *news);

/* From one record's time= to another's, in ms (defined in daemon-demo.c). */
double milliseconds_between(const char *from, const char *to);

/*** the table (demo-table.c) ***/

/* Prints the records of run, one a line, in columns as wide as their values
 * (a working directory too wide is cut, keeping its end); what an event adds
 * goes on a line of its own below. */
void print_run(const char *run);

#endif
