/* test-logread - reading a log: records and bad lines counted, a line being
 * written left for the next call (LOG_READ_WHOLE_LINES), an early stop, and a
 * line longer than any record counted once, however it arrives. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "logread.h"

struct seen {
	char values[8][16];	/* the value of key k of each record */
	int count;
	int stop_after;		/* 0: never */
};

static int
remember(const struct logfmt_record *record, size_t line, void *context)
{
	struct seen *seen = context;
	const char *k = logfmt_get(record, "k");

	(void)line;
	if (seen->count < 8)
		snprintf(seen->values[seen->count], sizeof seen->values[0], "%s", k ? k : "-");
	seen->count++;
	return seen->stop_after && seen->count == seen->stop_after;
}

static void
append(FILE *f, const char *text)
{
	long at = ftell(f);
	fseek(f, 0, SEEK_END);
	fputs(text, f);
	fflush(f);
	fseek(f, at, SEEK_SET);
}

static void
test_whole_lines(void)
{
	FILE *f = tmpfile();
	struct seen seen = { 0 };
	struct log_read_stats stats;

	append(f, "v=1 k=1\nv=1 k=");
	CHECK(log_read(f, LOG_READ_WHOLE_LINES, remember, &seen, &stats) == 0, "read");
	CHECK(seen.count == 1 && stats.bad_lines == 0, "a half-written line waits: %d records, %zu bad",
	      seen.count, stats.bad_lines);
	append(f, "2\n");
	CHECK(log_read(f, LOG_READ_WHOLE_LINES, remember, &seen, &stats) == 0, "read on");
	CHECK(seen.count == 2 && strcmp(seen.values[1], "2") == 0 && stats.bad_lines == 0,
	      "once finished, it is read whole: %d records, second %s", seen.count, seen.values[1]);
	fclose(f);
}

static void
test_long_line_being_written(void)
{
	FILE *f = tmpfile();
	struct seen seen = { 0 };
	struct log_read_stats stats;
	static char long_line[3 * LOGFMT_RECORD_MAX];
	size_t bad = 0;

	memset(long_line, 'x', sizeof long_line - 1);
	append(f, "v=1 k=1\n");
	append(f, long_line);
	CHECK(log_read(f, LOG_READ_WHOLE_LINES, remember, &seen, &stats) == 0, "read");
	bad += stats.bad_lines;
	append(f, "\nv=1 k=2\n");
	CHECK(log_read(f, LOG_READ_WHOLE_LINES, remember, &seen, &stats) == 0, "read on");
	bad += stats.bad_lines;
	CHECK(seen.count == 2 && strcmp(seen.values[1], "2") == 0,
	      "the record after the long line: %d records, second %s", seen.count, seen.values[1]);
	CHECK(bad == 1, "the long line is one bad line, not %zu", bad);
	fclose(f);
}

static void
test_all_and_bad_lines(void)
{
	FILE *f = tmpfile();
	struct seen seen = { 0 };
	struct log_read_stats stats;
	static char long_line[LOGFMT_RECORD_MAX + 10];

	memset(long_line, 'y', sizeof long_line - 2);
	long_line[sizeof long_line - 2] = '\n';
	append(f, "v=1 k=1\nnot a record\n");
	append(f, long_line);
	fseek(f, 0, SEEK_END);
	fwrite("v=1 k=\0\n", 1, 8, f);
	fflush(f);
	fseek(f, 0, SEEK_SET);
	append(f, "v=1 k=last");
	CHECK(log_read(f, LOG_READ_ALL, remember, &seen, &stats) == 0, "read");
	CHECK(seen.count == 2 && strcmp(seen.values[1], "last") == 0,
	      "a last line without its newline is read: %d records", seen.count);
	CHECK(stats.lines == 5 && stats.bad_lines == 3 && stats.first_bad_line == 2,
	      "bad lines counted: %zu lines, %zu bad, first %zu", stats.lines, stats.bad_lines,
	      stats.first_bad_line);
	fclose(f);
}

static void
test_early_stop(void)
{
	FILE *f = tmpfile();
	struct seen seen = { .stop_after = 1 };
	struct log_read_stats stats;

	append(f, "v=1 k=1\nv=1 k=2\nv=1 k=3\n");
	CHECK(log_read(f, LOG_READ_ALL, remember, &seen, &stats) == 0 && seen.count == 1, "stop");
	seen.stop_after = 0;
	CHECK(log_read(f, LOG_READ_ALL, remember, &seen, &stats) == 0, "read on");
	CHECK(seen.count == 3 && strcmp(seen.values[1], "2") == 0,
	      "after a stop, the next call goes on from the next line: %d, %s", seen.count,
	      seen.values[1]);
	fclose(f);
}

int
main(void)
{
	test_whole_lines();
	test_long_line_being_written();
	test_all_and_bad_lines();
	test_early_stop();
	return checks_done();
}
