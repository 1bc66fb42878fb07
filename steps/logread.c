/* logread.c - reading a transition log (see logread.h). */
#define _GNU_SOURCE	/* getc_unlocked */
#include "logread.h"

#include <errno.h>
#include <string.h>

static void
count_bad(struct log_read_stats *stats, enum logfmt_error error)
{
	if (stats->bad_lines++ == 0) {
		stats->first_bad_line = stats->lines;
		stats->first_error = error;
	}
}

int
log_read(FILE *file, log_visit_fn visit, void *context, struct log_read_stats *stats)
{
	static char line[LOGFMT_RECORD_MAX];
	static struct logfmt_record record;	/* large: kept off the stack */
	int c = 0;

	memset(stats, 0, sizeof *stats);
	while (c != EOF) {
		size_t len = 0;
		int too_long = 0, has_nul = 0;
		enum logfmt_error error;

		/* a line of any length is read, but only a record's worth is kept */
		while ((c = getc_unlocked(file)) != EOF && c != '\n') {
			if (c == '\0')
				has_nul = 1;
			if (len < sizeof line)
				line[len++] = (char)c;
			else
				too_long = 1;
		}
		if (c == EOF && len == 0)
			break;
		stats->lines++;
		if (too_long || len + 1 > LOGFMT_RECORD_MAX) {	/* + 1: the newline */
			count_bad(stats, LOGFMT_TOO_LONG);
			continue;
		}
		if (has_nul) {
			count_bad(stats, LOGFMT_BAD_VALUE);
			continue;
		}
		error = logfmt_parse(line, len, &record);
		if (error != LOGFMT_OK) {
			count_bad(stats, error);
			continue;
		}
		stats->records++;
		if (visit(&record, stats->lines, context))
			break;
	}
	if (ferror(file)) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return 0;
}
