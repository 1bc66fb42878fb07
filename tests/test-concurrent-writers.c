/* test-concurrent-writers - many processes record at once into one log, with
 * records of about 3 KB: every line must come out a whole record, each one
 * exactly once. Run by process/concurrent-writers.sh with DAEMON_STEPS_LOG set.
 *
 * Usage: test-concurrent-writers WRITERS RECORDS-EACH
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "logread.h"
#include "program.h"

enum { PAYLOAD_FIELDS = 5, PAYLOAD_BYTES = 500 };

static const struct program program = {
	.name = "test-concurrent-writers",
	.step = "test",
	.synopsis = "WRITERS RECORDS-EACH",
	.purpose = "Many processes record into one log at once.",
};

struct tally {
	int writers, each;
	char *seen;		/* seen[writer * each + sequence] */
	int damaged, duplicates;
};

/* The payload a writer puts in field f of record seq: recognisable throughout. */
static void
payload(char *out, int writer, int seq, int f)
{
	int n = snprintf(out, PAYLOAD_BYTES + 1, "w%d-s%d-f%d-", writer, seq, f);
	memset(out + n, 'a' + writer % 26, (size_t)(PAYLOAD_BYTES - n));
	out[PAYLOAD_BYTES] = '\0';
}

static void
write_records(int writer, int each)
{
	char fields[PAYLOAD_FIELDS][PAYLOAD_BYTES + 1], w[16], s[16];

	snprintf(w, sizeof w, "%d", writer);
	for (int seq = 0; seq < each; seq++) {
		snprintf(s, sizeof s, "%d", seq);
		for (int f = 0; f < PAYLOAD_FIELDS; f++)
			payload(fields[f], writer, seq, f);
		if (record("heartbeat", "writer", w, "seq", s, "p0", fields[0], "p1", fields[1],
			   "p2", fields[2], "p3", fields[3], "p4", fields[4], (char *)NULL) == -1) {
			perror("record");
			_exit(1);
		}
	}
	_exit(0);
}

static int
check_record(const struct logfmt_record *r, size_t line, void *context)
{
	struct tally *t = context;
	const char *w = logfmt_get(r, "writer"), *s = logfmt_get(r, "seq");
	char expected[PAYLOAD_BYTES + 1];

	if (w == NULL || s == NULL)
		return 0;	/* the start record */
	int writer = atoi(w), seq = atoi(s);
	if (writer < 0 || writer >= t->writers || seq < 0 || seq >= t->each) {
		printf("line %zu: writer %s, seq %s out of range\n", line, w, s);
		t->damaged++;
		return 0;
	}
	for (int f = 0; f < PAYLOAD_FIELDS; f++) {
		char key[4] = { 'p', (char)('0' + f), '\0' };
		payload(expected, writer, seq, f);
		if (!logfmt_get(r, key) || strcmp(logfmt_get(r, key), expected) != 0) {
			printf("line %zu: field %s damaged\n", line, key);
			t->damaged++;
		}
	}
	if (t->seen[writer * t->each + seq]++)
		t->duplicates++;
	return 0;
}

int
main(int argc, char **argv)
{
	const char *values[1];
	int next = program_start(&program, argc, argv, values);
	struct tally t = { 0 };
	struct log_read_stats stats;
	int missing = 0;

	if (argc - next != 2 || (t.writers = atoi(argv[next])) < 1 || (t.each = atoi(argv[next + 1])) < 1)
		usage_error("usage: test-concurrent-writers WRITERS RECORDS-EACH");
	for (int writer = 0; writer < t.writers; writer++) {
		pid_t pid = fork();
		if (pid == -1)
			fail("fork", errno, NULL, EXIT_SYSCALL_FAILED);
		if (pid == 0)
			write_records(writer, t.each);
	}
	for (int status, writer = 0; writer < t.writers; writer++)
		if (wait(&status) == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			fail("a writer", errno, NULL, EXIT_SYSCALL_FAILED);

	t.seen = calloc((size_t)t.writers * (size_t)t.each, 1);
	FILE *f = fopen(log_path(), "r");
	if (t.seen == NULL || f == NULL || log_read(f, LOG_READ_ALL, check_record, &t, &stats) == -1)
		fail("reading the log back", errno, NULL, EXIT_SYSCALL_FAILED);
	fclose(f);
	for (int i = 0; i < t.writers * t.each; i++)
		missing += !t.seen[i];
	free(t.seen);
	printf("%zu lines, %zu records, %zu bad lines, %d damaged fields, %d duplicates, %d missing\n",
	       stats.lines, stats.records, stats.bad_lines, t.damaged, t.duplicates, missing);
	return (stats.bad_lines || t.damaged || t.duplicates || missing) ? 1 : 0;
}
