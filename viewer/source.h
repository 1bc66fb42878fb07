/* source.h - the code beside a frame: which lines of which program made the
 * frame's change, and the call among them (the code pane: key c, --code).
 *
 * The lines are the programs' source as this viewer was built with it
 * (stepsources.h), numbered as in the files. A step's frames show its step:
 * the lines its main() marks between the comments "the step" and "going on",
 * with its call marked (on the step's first frame, the call about to come);
 * step 6's "after" shows the function its method= names, heartbeatd's and the
 * pop quiz's frames the function that acted, and an error the call that
 * failed. Plain C, no canvas: the unit tests check it line by line.
 */
#ifndef DAEMON_STEPS_VIEWER_SOURCE_H
#define DAEMON_STEPS_VIEWER_SOURCE_H

#include "model.h"
#include "stepsources.h"

struct excerpt {
	const struct source_file *file;	/* NULL: no code for this frame */
	char function[64];		/* the function the lines are in: "main" */
	int first, last;		/* the lines shown, numbered as in the file */
	int call;			/* the line of the call, marked; 0 when none */
};

/* The excerpt of the frame that record opened. */
void excerpt_of(const struct entry *record, struct excerpt *excerpt);

/* Line n of file (1 is the first), or "" past its end. */
const char *source_line(const struct source_file *file, int n);

#endif
