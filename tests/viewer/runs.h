/* runs.h - finding runs and frames in a model, for the viewer's unit tests. */
#ifndef DAEMON_STEPS_TESTS_VIEWER_RUNS_H
#define DAEMON_STEPS_TESTS_VIEWER_RUNS_H

#include <stdio.h>
#include <string.h>

#include "model.h"

/* The run with this id, or NULL. */
static inline const struct run *
run_named(const struct model *model, const char *id)
{
	long index = model_find_run(model, id);
	return index < 0 ? NULL : model_run(model, (size_t)index);
}

/* The first frame of run with this step and event. */
static inline size_t
frame_of(const struct run *run, const char *step, const char *event)
{
	for (size_t f = 0; f < run->count; f++)
		if (strcmp(entry_text(run->frames[f].record, "step"), step) == 0 &&
		    strcmp(entry_text(run->frames[f].record, "event"), event) == 0)
			return f;
	return NO_FRAME;
}

/* Reads the log at path into model (a test's main does, first); -1, said on
 * stderr, when it cannot be read. */
static inline int
read_test_log(struct model *model, const char *path)
{
	FILE *log = fopen(path, "r");
	int read;

	model_init(model);
	if (log == NULL) {
		perror(path);
		return -1;
	}
	read = model_read(model, log, LOG_READ_ALL);
	if (read == -1)
		perror(path);
	fclose(log);
	return read;
}

#endif
