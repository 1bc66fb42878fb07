/* logread.c - reading a transition log (see logread.h). */
#include "logread.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"	/* signal_short_name() */

/* Read in large blocks: lines are found with memchr, not byte by byte. */
enum { BLOCK = 1 << 16 };

static void
count_bad(struct log_read_stats *stats, enum logfmt_error error)
{
	if (stats->bad_lines++ == 0) {
		stats->first_bad_line = stats->lines;
		stats->first_error = error;
	}
}

/* One line, without its newline; returns the visitor's answer. */
static int
take_line(const char *line, size_t len, log_visit_fn visit, void *context,
	  struct log_read_stats *stats)
{
	static struct logfmt_record record;	/* large: kept off the stack */
	enum logfmt_error error;

	stats->lines++;
	if (len + 1 > LOGFMT_RECORD_MAX) {	/* + 1: the newline */
		count_bad(stats, LOGFMT_TOO_LONG);
		return 0;
	}
	if (memchr(line, '\0', len) != NULL) {
		count_bad(stats, LOGFMT_BAD_VALUE);
		return 0;
	}
	error = logfmt_parse(line, len, &record);
	if (error != LOGFMT_OK) {
		count_bad(stats, error);
		return 0;
	}
	stats->records++;
	return visit(&record, stats->lines, context);
}

int
log_read(FILE *file, enum log_read_mode mode, log_visit_fn visit, void *context,
	 struct log_read_stats *stats)
{
	static char block[BLOCK];
	size_t start = 0, end = 0;	/* the unread part of block */
	long block_at = ftell(file);	/* where block[0] is in the file; -1: a pipe */
	long long_line_at = -1;		/* where a line longer than any record began */
	int stopped = 0;

	memset(stats, 0, sizeof *stats);
	while (!stopped) {
		char *newline = memchr(block + start, '\n', end - start);

		if (newline != NULL) {
			size_t len = (size_t)(newline - (block + start));
			if (long_line_at >= 0) {
				stats->lines++;
				count_bad(stats, LOGFMT_TOO_LONG);
				long_line_at = -1;
			} else {
				stopped = take_line(block + start, len, visit, context, stats);
			}
			start += len + 1;
			continue;
		}
		/* no whole line left: keep the start of the next one, read more */
		if (end - start >= LOGFMT_RECORD_MAX) {
			/* more than a record: drop what is here, remember where it began
			 * (on a pipe, where nothing can be read again, only that it did) */
			if (long_line_at < 0)
				long_line_at = block_at < 0 ? 0 : block_at + (long)start;
			start = end;
		}
		memmove(block, block + start, end - start);
		if (block_at >= 0)
			block_at += (long)start;
		end -= start;
		start = 0;
		size_t got = fread(block + end, 1, sizeof block - end, file);
		if (got == 0)
			break;
		end += got;
	}
	if (ferror(file)) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	if (!stopped && (end > start || long_line_at >= 0)) {	/* a last line without its newline */
		if (mode == LOG_READ_WHOLE_LINES && block_at >= 0) {
			/* it is being written: the next call reads it again, from its start */
			(void)fseek(file, long_line_at >= 0 ? long_line_at : block_at + (long)start,
				    SEEK_SET);
			clearerr(file);
			return 0;
		}
		if (long_line_at >= 0) {
			stats->lines++;
			count_bad(stats, LOGFMT_TOO_LONG);
		} else {
			(void)take_line(block + start, end - start, visit, context, stats);
		}
		return 0;
	}
	/* stopped early: stand after the last line taken */
	if (stopped && block_at >= 0)
		(void)fseek(file, block_at + (long)start, SEEK_SET);
	return 0;
}

/* One signal of a set's text ("SIGHUP", "SIG34"), up to its end; 0: none. */
static int
signal_number(const char *name, size_t len)
{
	char *end;
	long number;

	if (len < 4 || strncmp(name, "SIG", 3) != 0)
		return 0;
	name += 3;
	len -= 3;
	for (int sig = 1; sig <= 64; sig++) {
		const char *abbreviation = signal_short_name(sig);
		if (abbreviation && strlen(abbreviation) == len && strncmp(abbreviation, name, len) == 0)
			return sig;
	}
	number = strtol(name, &end, 10);
	return end == name + len && number >= 1 && number <= 64 ? (int)number : 0;
}

int
log_signal_set(const char *text, unsigned long long *set)
{
	*set = 0;
	if (strcmp(text, "none") == 0)
		return 0;
	while (*text) {
		size_t len = strcspn(text, ",");
		const char *dash = memchr(text, '-', len);
		int first = signal_number(text, dash ? (size_t)(dash - text) : len);
		int last = dash ? signal_number(dash + 1, len - (size_t)(dash - text) - 1) : first;

		if (first == 0 || last < first)
			return -1;
		for (int sig = first; sig <= last; sig++)
			*set |= 1ULL << (sig - 1);
		text += len;
		if (*text == ',' && *++text == '\0')
			return -1;
	}
	return 0;
}

int
log_id_list(const char *text, long *ids, int max)
{
	int count = 0;

	if (strcmp(text, "none") == 0)
		return 0;
	while (count < max) {
		char *end;
		long id = strtol(text, &end, 10);

		if (end == text || id < 0 || (*end != ',' && *end != '\0'))
			return -1;
		ids[count++] = id;
		if (*end == '\0')
			return count;
		text = end + 1;
	}
	return -1;
}

/* Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
static long
days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

double
log_time_seconds(const char *time)
{
	int year, month, day, hour, minute, second, used = 0;
	double fraction = 0;

	if (sscanf(time, "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
		   &second, &used) != 6 || used != 19)
		return -1;
	if (time[used] == '.') {
		double scale = 0.1;
		for (const char *p = time + used + 1; isdigit((unsigned char)*p); p++, scale /= 10)
			fraction += (*p - '0') * scale;
	}
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
	    second > 60)
		return -1;
	return (double)days_from_civil(year, month, day) * 86400.0 + hour * 3600.0 +
	       minute * 60.0 + second + fraction;
}
