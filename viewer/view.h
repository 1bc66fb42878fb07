/* view.h - the full-screen curses view: draws frames, turns keys into commands. */
#ifndef DAEMON_STEPS_VIEWER_VIEW_H
#define DAEMON_STEPS_VIEWER_VIEW_H

#include <stdio.h>

#include "model.h"

struct view_options {
	const char *log_name;	/* for messages */
	const char *run_id;	/* --run, or NULL for the newest run */
	int follow;		/* --follow: read on as records arrive */
	int normalize;		/* --normalize */
	int code;		/* --code: start with the code pane shown */
	int predict;		/* --predict: ask before each step's result */
};

/*
 * Replays the log on the terminal until the user quits. model holds what has
 * been read of log so far; with follow, the view reads on. Restores the
 * terminal on every way out, Ctrl-C and SIGTERM included (it then dies of
 * the same signal). Returns the exit status.
 */
int view_run(struct model *model, FILE *log, const struct view_options *options);

#endif
