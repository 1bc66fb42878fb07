/* viewer-bench-log - writes a long transition log for the viewer's benchmark.
 *
 * Usage: viewer-bench-log TEMPLATE-LOG RECORDS > LOG
 *
 * Copies TEMPLATE-LOG (a real run), then writes heartbeats of its last
 * heartbeat record until the output holds RECORDS records: one a second, the
 * beat counting up, with a SIGHUP every 250,000 beats, as a daemon left
 * running for days would. Written with the project's own record writer.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "logfmt.h"
#include "names.h"

enum { SIGNAL_EVERY = 250000 };

/* A record like template, at time `at`, as heartbeat `beat` or a signal. */
static void
write_like(const struct logfmt_record *template, double at, long beat, int is_signal)
{
	struct logfmt_writer w;
	time_t seconds = (time_t)at;
	struct tm utc;
	char when[64], number[32];

	gmtime_r(&seconds, &utc);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S.000000Z", &utc);
	snprintf(number, sizeof number, "%ld", beat);
	logfmt_start(&w);
	for (size_t i = 0; i < template->count; i++) {
		const char *key = template->fields[i].key, *value = template->fields[i].value;
		if (i == 0)	/* v=1, which logfmt_start() wrote */
			continue;
		if (strcmp(key, "time") == 0)
			value = when;
		else if (strcmp(key, "event") == 0 && is_signal)
			value = "signal";
		else if (strcmp(key, "beat") == 0 && is_signal)
			key = "signal", value = "SIGHUP";
		else if (strcmp(key, "beat") == 0)
			value = number;
		logfmt_add(&w, key, value);
	}
	fwrite(w.line, 1, logfmt_finish(&w), stdout);
}

int
main(int argc, char **argv)
{
	static char line[LOGFMT_RECORD_MAX + 2], heartbeat_line[LOGFMT_RECORD_MAX + 2];
	static struct logfmt_record record, heartbeat;
	long wanted, written = 0, beat;
	double at;
	FILE *template;

	if (argc != 3 || (wanted = atol(argv[2])) < 1 || (template = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: viewer-bench-log TEMPLATE-LOG RECORDS > LOG\n");
		return 2;
	}
	while (fgets(line, sizeof line, template)) {
		fputs(line, stdout);
		written++;
		if (logfmt_parse(line, strlen(line), &record) == LOGFMT_OK &&
		    logfmt_get(&record, "beat"))
			memcpy(heartbeat_line, line, sizeof line);	/* the last one wins */
	}
	fclose(template);
	if (logfmt_parse(heartbeat_line, strlen(heartbeat_line), &heartbeat) != LOGFMT_OK) {
		fprintf(stderr, "viewer-bench-log: %s has no heartbeat to repeat\n", argv[1]);
		return 1;
	}
	beat = atol(logfmt_get(&heartbeat, "beat"));
	at = log_time_seconds(logfmt_get(&heartbeat, "time"));
	for (; written < wanted; written++) {
		int is_signal = (written % SIGNAL_EVERY) == 0;
		if (!is_signal)
			beat++;
		at += is_signal ? 0.5 : 1;
		write_like(&heartbeat, at, beat, is_signal);
	}
	return fflush(stdout) == EOF ? 1 : 0;
}
