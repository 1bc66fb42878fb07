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
 * row across both, of short names, and none on less than the smallest
 * screen (--predict's questions take rows of an 80x24 one: the diagram keeps
 * them). */
enum { STATE_TOP = 2, STATE_ROWS = 9, DAEMON7_FULL_ROWS = 6, DAEMON7_SHORT_ROWS = 1 };

enum daemon7_form { DAEMON7_NONE, DAEMON7_SHORT, DAEMON7_FULL };

static inline enum daemon7_form
daemon7_form(const struct canvas *canvas, int interactive)
{
	if (!interactive || canvas->rows >= RENDER_MIN_ROWS + DAEMON7_FULL_ROWS)
		return DAEMON7_FULL;
	return canvas->rows >= RENDER_MIN_ROWS ? DAEMON7_SHORT : DAEMON7_NONE;
}

/* The rows of the state panel and the checklist, daemon(7)'s group included. */
static inline int
panel_rows(const struct canvas *canvas, int interactive)
{
	static const int added[] = { [DAEMON7_NONE] = 0, [DAEMON7_SHORT] = DAEMON7_SHORT_ROWS,
				     [DAEMON7_FULL] = DAEMON7_FULL_ROWS };
	return STATE_ROWS + added[daemon7_form(canvas, interactive)];
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
