/* explain.h - the lesson's words: what each transition did, and why.
 *
 * All the text the viewer explains with lives in explain.c, as data looked up
 * by a record's step and event, so that docs and slides can quote the same
 * words (they can generate from `daemon-viewer --dump`).
 */
#ifndef DAEMON_STEPS_VIEWER_EXPLAIN_H
#define DAEMON_STEPS_VIEWER_EXPLAIN_H

#include "model.h"

struct explanation {
	const char *what;	/* what the call did, or what happened */
	const char *why;	/* why a daemon needs it; NULL when it says nothing */
	const char *without;	/* what goes wrong without it; or the quiz's answer */
	const char *without_label;	/* "Without it" or "Answer" */
};

/* The explanation of a record (there is always one, if only a general one). */
const struct explanation *explain(const struct entry *record);

/* A place on the timeline: the start, the pop quiz, the steps, the daemon. */
struct timeline_stop {
	const char *step;	/* the record's step field; "" for the start */
	const char *label;	/* "2 setsid" */
};

enum { TIMELINE_STOPS = 10 };

extern const struct timeline_stop timeline[TIMELINE_STOPS];

/* The timeline stop of a record's step (shell and demo are the start). */
int timeline_stop_of(const char *step);

/* What a step program does, for a headline ("setsid(): a new session"), or
 * NULL for a step field that is not a step program's. */
const char *step_call(const char *step);

#endif
