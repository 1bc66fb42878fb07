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

/*
 * Reads every line of file: records go to visit, other lines (too long, not
 * logfmt, binary) are counted in *stats. Memory stays bounded whatever the
 * file holds. Returns 0, or -1 with errno when reading failed.
 */
int log_read(FILE *file, log_visit_fn visit, void *context, struct log_read_stats *stats);

#endif
