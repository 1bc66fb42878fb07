/* model.h - the viewer's model: a transition log read into runs and frames.
 *
 * Plain C, no terminal: the curses view, the --dump output and the unit tests
 * all stand on it. A log holds records (lib/logfmt.h); each record belongs
 * to a run (its `run` field). Within a run, records become frames: a frame is
 * a transition, and a record that changes nothing but the time and the beat
 * number (a heartbeat like the one before it) joins the frame before it as a
 * count, so a day of heartbeats is one frame, not 86,400.
 */
#ifndef DAEMON_STEPS_VIEWER_MODEL_H
#define DAEMON_STEPS_VIEWER_MODEL_H

#include <stddef.h>
#include <stdio.h>

#include "logfmt.h"
#include "logread.h"

/* The state part of a record: what a daemon's steps change. */
enum state_field {
	SF_PID, SF_PPID, SF_PARENT, SF_PGID, SF_SID, SF_TTY, SF_TPGID,
	SF_CWD, SF_UMASK, SF_NFDS, SF_FDS, SF_FD0, SF_FD1, SF_FD2,
	/* what daemon(7) adds: signals ignored, caught and blocked, who it runs
	 * as, its environment's size */
	SF_SIGIGN, SF_SIGCGT, SF_SIGBLK, SF_UID, SF_GID, SF_GROUPS, SF_NENV,
	SF_COUNT
};

/* The record key of a state field ("pgid"). */
const char *state_field_key(enum state_field field);

/* A record the model keeps: its fields, copied into one allocation. */
struct entry {
	size_t count;
	struct logfmt_field fields[];	/* the text follows the array */
};

/* The value of key in entry, or NULL. */
const char *entry_get(const struct entry *entry, const char *key);

/* The value of key, or "" when the record lacks it (old or cut records). */
const char *entry_text(const struct entry *entry, const char *key);

/* The descriptors above 2 of a record's fds list ("0,1,2,5"), at most max of
 * them, into out; returns how many. */
size_t descriptors_above_stdio(const char *list, int *out, size_t max);

/* Keeps, of the count descriptors in held, those list (a later fds list)
 * still has open: one closed once is no longer what it was, even when its
 * number comes back. Returns how many are kept. */
size_t descriptors_still_open(int *held, size_t count, const char *list);

/* Whether a step field is a step program's: "1".."7", and daemon(7)'s
 * "0a", "0b" and "8". */
int step_is_program(const char *step);

/* Whether a step field is a step program's or the daemon's. */
int step_is_chain(const char *step);

/* Whether a skip list ("3", "0a,6") names step. */
int skip_list_names(const char *list, const char *step);

/*
 * Whether a record matches a row of a table of the lesson (the explanation's
 * sentences, the code shown): its step and event as the row names them ("*":
 * any; step "step": a step program; "chain": those and the daemon) and, when key is
 * set, key in the record, with value unless value is NULL.
 */
int entry_matches(const struct entry *record, const char *step, const char *event,
		  const char *key, const char *value);

/* Which stories a run tells: records are compared only within their thread,
 * so the pop quiz's processes are never diffed against the daemon's. */
enum thread { THREAD_DAEMON, THREAD_QUIZ };

struct frame {
	struct entry *record;	/* the record that opened the frame */
	size_t line;		/* its line number in the log */
	size_t repeats;		/* records that joined it: heartbeats like it */
	char last_time[40];	/* time of the last record joined, when repeats > 0 */
	char last_beat[24];	/* its beat number, if it had one */
	enum thread thread;
	size_t previous;	/* the frame it is compared with: the newest one of its
				 * process, else of the one it was forked by; or NO_FRAME */
	unsigned changed;	/* 1u << state_field for each field that changed */
};

#define NO_FRAME ((size_t)-1)	/* no such frame */

struct run {
	char *id;
	struct frame *frames;
	size_t count, capacity;
	size_t records;
	size_t last_of_thread[2];	/* the newest frame of each thread, or NO_FRAME */
};

struct model {
	struct run *runs;	/* in the order their first record appears */
	size_t count, capacity;
	struct log_read_stats stats;	/* over every read of the log so far */
	size_t last_run;	/* the run of the previous record: usually the next one's */
	int out_of_memory;
};

void model_init(struct model *model);
void model_free(struct model *model);

/*
 * Reads the records file holds from where the last read stopped (so --follow
 * can call it again as records arrive; it reads LOG_READ_WHOLE_LINES, so a
 * record being written is left for the next call). Returns 0, or -1 with
 * errno set when reading failed or memory ran out (ENOMEM).
 */
int model_read(struct model *model, FILE *file, enum log_read_mode mode);

/* Adds one record, as model_read() does for each (for tests and the fuzzer).
 * Returns 0, or -1 when memory ran out. */
int model_add(struct model *model, const struct logfmt_record *record, size_t line);

/* Runs newest first: index 0 is the run whose first record came last. */
const struct run *model_run(const struct model *model, size_t newest_first);

/* The index (newest first) of the run with id, or -1. */
long model_find_run(const struct model *model, const char *id);

/* The frame that shows what step `step` ("1".."7") did: its "after" frame,
 * else (it failed) its error, else its first frame; NO_FRAME when the run
 * has none of that step. */
size_t run_find_step(const struct run *run, const char *step);

/* What the run shows, in a word or two, for a list or a page's title: the
 * program that started it ("daemon-demo", "step1-fork"), and for a trace
 * the program traced ("daemon-trace: dnsmasq", its command's first word
 * without its folder). */
void run_subject(const struct run *run, char *out, size_t size);

#endif
