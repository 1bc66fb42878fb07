/* layout.h - what the parts of a frame's layout share (render.c, diagram.c,
 * dump.c); not for the rest of the viewer, which sees render.h. */
#ifndef DAEMON_STEPS_VIEWER_LAYOUT_H
#define DAEMON_STEPS_VIEWER_LAYOUT_H

#include "explain.h"
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

/*** what render.c lays out, and the web page (html.c) writes as well ***/

/* Where the timeline stands: the stop of the current frame, and of each
 * stop (explain.h's timeline) whether it is shown, reached, left out. */
struct timeline_plan {
	int current;
	int shown[TIMELINE_STOPS], present[TIMELINE_STOPS], left_out[TIMELINE_STOPS];
	/* a traced run's marks around a step (recipe.h): '^' before it, done out
	 * of order; '*' after it, done differently, or '!', its item fails; ' ' */
	char opening[TIMELINE_STOPS], closing[TIMELINE_STOPS];
};

void timeline_plan(const struct frame_view *view, struct timeline_plan *plan);

/* A checklist item's box: 'x' met, '*' met otherwise (a traced program's
 * way), ' ' not, '-' not applicable, '?' not known. */
char judgment_mark(enum check_judgment judgment);

/* What happened, in a few words: "heartbeat 1..86400", "got SIGHUP". */
void event_phrase(const struct frame *frame, char *out, size_t size);

/* The fields every record has; the others are its event's extras. */
int is_common_key(const char *key);

/* Whether the headline shows field of record beside its phrase: an extra,
 * not a heartbeat's count, nor a verdict's judgments (the checklist's), nor
 * a traced call the phrase names already. */
int headline_shows(const struct entry *record, const struct logfmt_field *field);

/* An extra field as shown: key=value, quoted when it holds a space. */
void extra_text(const struct names *names, const struct logfmt_field *field, char *out,
		size_t size);

/* The state panel's rows. */
enum state_row { ROW_PID, ROW_PPID, ROW_PGID, ROW_SID, ROW_TTY, ROW_CWD, ROW_UMASK,
		 ROW_FDS, ROW_STDIO,
		 /* beside daemon(7)'s group, when drawn in full */
		 ROW_SIGIGN, ROW_SIGBLK, ROW_UID, ROW_GID, ROW_ENV, ROW_COUNT };

const char *state_row_label(enum state_row row);

/* A row's value in record, in width columns at most. */
void state_text(const struct names *names, const struct entry *record, enum state_row row,
		int width, char *out, size_t size);

/* The record the frame is compared with, or NULL; whether the row changed since. */
const struct entry *state_before(const struct frame_view *view);
int state_row_changed(const struct frame_view *view, enum state_row row);

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

/* The words of a process ("> 5075 step1-fork GL exited"), of a group's
 * box ("group 5075", or "5075" with short_titles), of a session's ("origin
 * session 900, tty pts/1"). */
void actor_label(const struct frame_view *view, const struct actor *actor, char *out, size_t size);
void group_title(const struct frame_view *view, const struct group_box *group, int short_titles,
		 char *out, size_t size);
void session_title(const struct frame_view *view, const struct session_box *session, int is_origin,
		   char *out, size_t size);

void draw_diagram(struct canvas *canvas, int top, int height, int legend, struct stage *stage,
		  const struct frame_view *view);

#endif
