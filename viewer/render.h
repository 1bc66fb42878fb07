/* render.h - laying a frame out on a canvas, and --dump.
 *
 * One frame reads, top to bottom: the timeline; a headline (who did what,
 * with the record's own extra fields); the process's state with every field
 * that changed as old -> new, beside the daemon checklist; the diagram of
 * sessions, process groups and processes (ghosts included); the explanation.
 * Every mark that colour gives on screen also has a character ('*', '[x]',
 * '>', 'x'), so the monochrome screen and the dump say the same.
 */
#ifndef DAEMON_STEPS_VIEWER_RENDER_H
#define DAEMON_STEPS_VIEWER_RENDER_H

#include <stdio.h>

#include "canvas.h"
#include "model.h"
#include "names.h"
#include "story.h"

struct frame_view {
	const struct model *model;
	const struct run *run;
	const struct story *story;	/* told up to the frame shown */
	const struct names *names;
};

/* The smallest terminal a frame fits. */
enum { RENDER_MIN_COLS = 80, RENDER_MIN_ROWS = 24 };

/*
 * Lays out the story's frame. With a status line (the curses view), the frame
 * fits the canvas: the explanation is cut to the rows left, and status goes
 * on the last row with the run and the bad-line count. Without one (--dump),
 * the canvas must be tall enough (RENDER_DUMP_ROWS) and nothing is cut.
 * Returns the rows used.
 */
int render_frame(struct canvas *canvas, const struct frame_view *view, const char *status);

enum { RENDER_DUMP_ROWS = 120 };

/* A line about the log: its records, frames and bad lines (for --dump and
 * --list); into out. */
void render_log_summary(const struct model *model, char *out, size_t size);

/*
 * Prints every frame of run as text, width columns wide (--dump). Returns 0,
 * or -1 with errno when writing failed or memory ran out.
 */
int render_dump(FILE *out, const struct model *model, const struct run *run,
		const char *log_name, int normalize, int width);

/* Prints the runs of the log, newest first (--list). */
int render_list(FILE *out, const struct model *model);

#endif
