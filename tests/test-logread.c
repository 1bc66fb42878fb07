/* test-logread - reading a log: records and bad lines counted, a line being
 * written left for the next call (LOG_READ_WHOLE_LINES), an early stop, and a
 * line longer than any record counted once, however it arrives; the state's
 * signal sets and ID lists read back as written, and the status lines they
 * come from read as the kernel writes them. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "logread.h"
#include "procstate.h"
#include "record.h"

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

static void
test_signal_sets(void)
{
	const unsigned long long sets[] = {
		0, 1ULL << (SIGHUP - 1), (1ULL << (SIGHUP - 1)) | (1ULL << (SIGTERM - 1)),
		~0ULL, 0xfffffffe00000000ULL, 1ULL << 33, 0x1800000000ULL | (1ULL << (SIGPIPE - 1)),
	};
	char text[600];
	unsigned long long back;

	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		format_signal_set(sets[i], text, sizeof text);
		CHECK(log_signal_set(text, &back) == 0 && back == sets[i],
		      "%llx written as %s reads back as %llx", sets[i], text, back);
	}
	format_signal_set((1ULL << (SIGHUP - 1)) | (1ULL << (SIGTERM - 1)), text, sizeof text);
	CHECK(strcmp(text, "SIGHUP,SIGTERM") == 0, "SIGHUP and SIGTERM by name: %s", text);
	format_signal_set(0, text, sizeof text);
	CHECK(strcmp(text, "none") == 0, "the empty set: %s", text);
	format_signal_set(0xfffffffe00000000ULL, text, sizeof text);
	CHECK(strcmp(text, "SIG34-SIG64") == 0, "the real-time signals as a run: %s", text);
	CHECK(log_signal_set("unreadable (EACCES)", &back) == -1, "an unreadable set is no set");
	CHECK(log_signal_set("SIGHUP,", &back) == -1 && log_signal_set("SIGNOPE", &back) == -1 &&
	      log_signal_set("SIG9-SIG3", &back) == -1, "malformed sets are refused");
}

static void
test_id_lists(void)
{
	long ids[4];

	CHECK(log_id_list("0,65534,65534,65534", ids, 4) == 4 && ids[0] == 0 && ids[3] == 65534,
	      "uid's four IDs");
	CHECK(log_id_list("none", ids, 4) == 0, "no supplementary groups");
	CHECK(log_id_list("unreadable (EACCES)", ids, 4) == -1 && log_id_list("1,2,3,4,5", ids, 4) == -1 &&
	      log_id_list("1,,2", ids, 4) == -1 && log_id_list("?", ids, 4) == -1,
	      "refused: unreadable, too many, malformed");
}

static void
test_status_field(void)
{
	const char *status = "Name:\tbash\nUmask:\t0022\nState:\tS (sleeping)\n"
			     "Uid:\t0\t65534\t65534\t65534\nGroups:\t4 24 \nSigIgn:\t0000000000000001\n";
	char value[64];

	CHECK(proc_status_field(status, "Uid", value, sizeof value) == 0 &&
	      strcmp(value, "0 65534 65534 65534") == 0, "Uid's four, tabs made spaces: %s", value);
	CHECK(proc_status_field(status, "Groups", value, sizeof value) == 0 &&
	      strcmp(value, "4 24") == 0, "Groups without its trailing blank: '%s'", value);
	CHECK(proc_status_field(status, "Name", value, sizeof value) == 0 && strcmp(value, "bash") == 0,
	      "the first line: %s", value);
	CHECK(proc_status_field(status, "Sig", value, sizeof value) == -1,
	      "a key is matched whole, not as the start of another");
	CHECK(proc_status_field(status, "Gid", value, sizeof value) == -1, "an absent line");
	CHECK(proc_status_field(status, "Uid", value, 4) == -1, "too small a buffer is said");
}

int
main(void)
{
	test_signal_sets();
	test_id_lists();
	test_status_field();
	test_whole_lines();
	test_long_line_being_written();
	test_all_and_bad_lines();
	test_early_stop();
	return checks_done();
}
