/* stepsources.h - the programs of the chain, as source: every line of each.
 *
 * Made at build time from the files themselves (embed-sources.cmake), so that
 * daemon-viewer shows the code that made a frame's change, installed or not,
 * numbered as in the file a student opens. No step program links it.
 */
#ifndef DAEMON_STEPS_STEPSOURCES_H
#define DAEMON_STEPS_STEPSOURCES_H

#include <stddef.h>

struct source_file {
	const char *path;		/* from the source tree's top: "steps/step2-setsid.c" */
	const char *const *lines;	/* lines[0] is line 1, without its newline */
	size_t count;
};

extern const struct source_file step_sources[];
extern const size_t step_source_count;

#endif
