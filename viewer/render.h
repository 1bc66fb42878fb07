/* render.h - laying a frame out on a canvas, and --dump.
 *
 * One frame reads, top to bottom: the timeline; a headline (who did what,
 * with the record's own extra fields); the process's state with every field
 * that changed as old -> new, beside the daemon checklist; the diagram of
 * sessions, process groups and processes (ghosts included); the explanation.
 * With the code pane, also the lines of the program that made the change.
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

/* The explanation's room: below the diagram, cut to what fits (a dump, a
 * page, --predict); the same with key e offered where it is cut (the
 * interactive viewer); or the diagram's rows too, whole (after e). */
enum explain_room { EXPLAIN_BELOW, EXPLAIN_BELOW_KEY_E, EXPLAIN_WHOLE };

struct frame_view {
	const struct model *model;
	const struct run *run;
	const struct story *story;	/* told up to the frame shown */
	const struct names *names;
	enum explain_room explain;	/* where the explanation goes */
};

/* The smallest terminal a frame fits. */
enum { RENDER_MIN_COLS = 80, RENDER_MIN_ROWS = 24 };

/* From this width on, the code pane is beside the frame. */
enum { RENDER_CODE_BESIDE_COLS = 160 };

/*
 * Lays out the story's frame. With a status line (the curses view), the frame
 * fits the canvas: the explanation is cut to the rows left, and status goes
 * on the last row with the run and the bad-line count. Without one (--dump),
 * the canvas must be tall enough (RENDER_DUMP_ROWS) and nothing is cut.
 * Returns the rows used.
 */
int render_frame(struct canvas *canvas, const struct frame_view *view, const char *status);

/* The same with the code pane (key c, --code): the lines of the program that
 * made the frame's change, the call marked. From RENDER_CODE_BESIDE_COLS on,
 * beside the frame; on a narrower screen, in place of the diagram and the
 * explanation; in --dump, after the frame. */
int render_frame_with_code(struct canvas *canvas, const struct frame_view *view,
			   const char *status);

enum { RENDER_DUMP_ROWS = 120 };

/* A line about the log: its records, frames and bad lines (for --dump and
 * --list); into out. */
void render_log_summary(const struct model *model, char *out, size_t size);

/*
 * Prints every frame of run as text, width columns wide (--dump), each with
 * its code when code is set (--code). Returns 0, or -1 with errno when
 * writing failed or memory ran out.
 */
int render_dump(FILE *out, const struct model *model, const struct run *run,
		const char *log_name, int normalize, int width, int code);

/* Prints the runs of the log, newest first (--list). */
int render_list(FILE *out, const struct model *model);

#endif
