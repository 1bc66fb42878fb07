/* layout.h - what the parts of a frame's layout share (render.c, diagram.c,
 * dump.c); not for the rest of the viewer, which sees render.h. */
#ifndef DAEMON_STEPS_VIEWER_LAYOUT_H
#define DAEMON_STEPS_VIEWER_LAYOUT_H

#include "render.h"

enum { TEXT_MAX = 512 };	/* one value or line of text, as shown */

/* The state panel and the checklist beside it: the rows they take for the
 * seven steps; daemon(7)'s group adds rows below them, in full (its own
 * title, an item a row, and beside it the state it is judged on: signals,
 * IDs, environment) where the screen has the rows and in --dump, else one
 * row across both, of short names. */
enum { STATE_TOP = 2, STATE_ROWS = 9, DAEMON7_FULL_ROWS = 6, DAEMON7_SHORT_ROWS = 1 };

/* Whether daemon(7)'s group is drawn in full: in --dump (no status line),
 * and on a screen 6 rows taller than the smallest. */
static inline int
daemon7_in_full(const struct canvas *canvas, int interactive)
{
	return !interactive || canvas->rows >= RENDER_MIN_ROWS + DAEMON7_FULL_ROWS;
}

/* The rows of the state panel and the checklist, daemon(7)'s group included. */
static inline int
panel_rows(const struct canvas *canvas, int interactive)
{
	return STATE_ROWS + (daemon7_in_full(canvas, interactive) ? DAEMON7_FULL_ROWS
								 : DAEMON7_SHORT_ROWS);
}

/* The frame the view shows. */
static inline const struct frame *
current_frame(const struct frame_view *view)
{
	return &view->run->frames[view->story->frame];
}

/* The value of key, or "?" when the record lacks it. */
static inline const char *
field_or_unknown(const struct entry *record, const char *key)
{
	const char *value = entry_get(record, key);
	return value ? value : "?";
}

/*** the diagram (diagram.c): sessions, process groups, processes ***/

struct group_box {
	const char *pgid;
	int width;		/* columns, borders included */
	int wants;		/* the width its longest label wants */
	int floor;		/* the narrowest it may be: its title and PIDs whole */
	const struct actor *actors[STORY_ACTORS_MAX];
	int count;
};

struct session_box {
	const char *sid;
	const char *tty;	/* its controlling terminal, or "?" */
	struct group_box groups[STORY_ACTORS_MAX];
	int count;
};

struct stage {
	struct session_box sessions[STORY_ACTORS_MAX];
	int count;
	int tallest;		/* the most processes in one group */
	int short_titles;	/* the groups' titles are their PGIDs alone, "group" did not fit */
};

/* Sessions, each holding its groups, each holding its processes; the
 * session the story came from comes first. */
void set_stage(struct stage *stage, const struct story *story);

/* The rows the diagram needs, with its legend line or without. */
int diagram_rows(const struct stage *stage, int legend);

void draw_diagram(struct canvas *canvas, int top, int height, int legend, struct stage *stage,
		  const struct frame_view *view);

#endif
