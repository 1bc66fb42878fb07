/* demo-ready.c - daemon-demo's readiness figure (see demo.h): when the
 * prompt came back, the chain's first process's exit, against the moment
 * heartbeatd was ready, both read from the records' timestamps.
 *
 * heartbeatd is ready once its pid file holds its PID. With --wait-ready it
 * records "ready" at that moment, and the first process exits after it.
 * Without, nobody waits and it records no "ready"; its next record, what
 * --try-tty did, follows the pid file as closely, and stands for it. */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "steplib.h"

void
readiness_note(struct readiness_news *news, const struct logfmt_record *r)
{
	const char *prog = logfmt_get(r, "prog"), *event = logfmt_get(r, "event");
	const char *time = logfmt_get(r, "time");

	if (prog == NULL || event == NULL || time == NULL)
		return;
	if (strcmp(prog, "step1-fork") == 0 && strcmp(event, "parent-exit") == 0) {
		snprintf(news->first_exit, sizeof news->first_exit, "%s", time);
		news->waited = logfmt_get(r, "ready") != NULL;
	} else if (strcmp(prog, "heartbeatd") == 0 && strcmp(event, "ready") == 0) {
		snprintf(news->ready, sizeof news->ready, "%s", time);
		news->ready_recorded = 1;
	} else if (strcmp(prog, "heartbeatd") == 0 && logfmt_get(r, "tried_tty") &&
		   !news->ready_recorded) {
		snprintf(news->ready, sizeof news->ready, "%s", time);
	}
}

double
readiness_gap_ms(const struct readiness_news *news)
{
	if (!news->first_exit[0] || !news->ready[0])
		return 0;
	return milliseconds_between(news->ready, news->first_exit);
}

void
readiness_print(const struct readiness_news *news)
{
	const char *name = program_name();
	double gap = readiness_gap_ms(news);

	if (!news->first_exit[0] || !news->ready[0])
		return;		/* no step 1 (--skip 1), or heartbeatd never got there */
	if (gap < 0)
		printf("%s: the prompt came back %.1f ms BEFORE heartbeatd was ready (its pid\n"
		       "%s: file holding its PID): step1-fork's parent exited at once. A script's\n"
		       "%s: next line would find no daemon yet; --wait-ready waits for it.\n",
		       name, -gap, name, name);
	else if (news->waited)
		printf("%s: the prompt came back %.1f ms after heartbeatd was ready: step1-fork's\n"
		       "%s: parent waited for heartbeatd's line on the readiness pipe.\n",
		       name, gap, name);
	else
		printf("%s: the prompt came back %.1f ms after heartbeatd was ready, though\n"
		       "%s: step1-fork's parent did not wait for it.\n", name, gap, name);
}
