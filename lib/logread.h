/* logread.h - reading a transition log record by record, bad lines counted. */
#ifndef DAEMON_STEPS_LOGREAD_H
#define DAEMON_STEPS_LOGREAD_H

#include <stddef.h>
#include <stdio.h>

#include "logfmt.h"

struct log_read_stats {
	size_t lines;
	size_t records;
	size_t bad_lines;
	size_t first_bad_line;		/* 1-based; 0 when every line was a record */
	enum logfmt_error first_error;
};

/* Called for each record, which is valid only during the call; a non-zero
 * return stops the reading. */
typedef int (*log_visit_fn)(const struct logfmt_record *record, size_t line_number,
			    void *context);

enum log_read_mode {
	LOG_READ_ALL,		/* a last line without its newline is a (truncated) line */
	LOG_READ_WHOLE_LINES	/* it is being written: leave it for a later call */
};

/*
 * Reads the lines of file from where it stands: records go to visit, other
 * lines (too long, not logfmt, binary) are counted in *stats. Memory stays
 * bounded whatever the file holds. Afterwards the file stands after the last
 * line read (for a file that can seek), so a later call reads on.
 * Returns 0, or -1 with errno when reading failed.
 */
int log_read(FILE *file, enum log_read_mode mode, log_visit_fn visit, void *context,
	     struct log_read_stats *stats);

/*
 * The state fields that are sets and lists, read back from their text:
 * log_signal_set() reads sigign, sigcgt or sigblk ("SIGHUP,SIG34-SIG64",
 * "none") into *set, bit n-1 for signal n as /proc has them;
 * log_id_list() reads uid, gid ("0,0,0,0": real, effective, saved, fs) or
 * groups ("4,24", "none") into ids, and returns how many it holds.
 * Both return -1 for a value that is not one ("unreadable (EACCES)", "?").
 */
int log_signal_set(const char *text, unsigned long long *set);
int log_id_list(const char *text, long *ids, int max);

/* A record's time= ("2026-11-25T08:52:41.122679Z", UTC) in seconds since
 * the epoch; -1 when it is not one. */
double log_time_seconds(const char *time);

#endif
