/* explain.h - the steps' names: the timeline's stops, and what each step
 * program calls, for the headline. A frame's explanation is lesson.h's. */
#ifndef DAEMON_STEPS_VIEWER_EXPLAIN_H
#define DAEMON_STEPS_VIEWER_EXPLAIN_H

#include "model.h"

/* A place on the timeline: the start, the pop quiz, the steps, the daemon. */
struct timeline_stop {
	const char *step;	/* the record's step field; "" for the start */
	const char *label;	/* "2 setsid" */
};

enum { TIMELINE_STOPS = 13 };

extern const struct timeline_stop timeline[TIMELINE_STOPS];

/* The timeline stop of a record's step (shell and demo are the start). */
int timeline_stop_of(const char *step);

/* What a step program does, for a headline ("setsid(): a new session"), or
 * NULL for a step field that is not a step program's. */
const char *step_call(const char *step);

#endif
