/* diagram.c - the sessions, process groups and processes of a frame, drawn as
 * nested boxes (see layout.h). */
#include "layout.h"

#include <string.h>

static const char *
actor_sid(const struct actor *actor)
{
	return field_or_unknown(actor->record, "sid");
}

static struct session_box *
session_of(struct stage *stage, const char *sid)
{
	struct session_box *session;

	for (int i = 0; i < stage->count; i++)
		if (strcmp(stage->sessions[i].sid, sid) == 0)
			return &stage->sessions[i];
	session = &stage->sessions[stage->count++];
	memset(session, 0, sizeof *session);
	session->sid = sid;
	session->tty = "?";
	return session;
}

static void
place_actor(struct stage *stage, const struct actor *actor)
{
	struct session_box *session = session_of(stage, actor_sid(actor));
	const char *tty = field_or_unknown(actor->record, "tty");
	struct group_box *group = NULL;

	/* a live member's terminal is the session's; a ghost's only until then */
	if (strcmp(tty, "?") != 0 && (!actor->exited || strcmp(session->tty, "?") == 0))
		session->tty = tty;
	for (int i = 0; i < session->count; i++)
		if (strcmp(session->groups[i].pgid, actor->pgid) == 0)
			group = &session->groups[i];
	if (group == NULL) {
		group = &session->groups[session->count++];
		group->pgid = actor->pgid;
		group->count = 0;
	}
	group->actors[group->count++] = actor;
	if (group->count > stage->tallest)
		stage->tallest = group->count;
}

void
set_stage(struct stage *stage, const struct story *story)
{
	const struct thread_story *t = story_thread(story);

	stage->count = 0;
	stage->tallest = 0;
	if (t->actor_count > 0)
		session_of(stage, story_origin_sid(story));
	for (size_t i = 0; i < t->actor_count; i++)
		place_actor(stage, &t->actors[i]);
}

void
actor_label(const struct frame_view *view, const struct actor *actor, char *out, size_t size)
{
	const char *pid = names_pid(view->names, actor->pid);
	const char *current = entry_text(current_frame(view)->record, "pid");
	int is_current = !actor->starter && strcmp(actor->pid, current) == 0;
	const char *leads = strcmp(actor->pid, actor_sid(actor)) == 0 ? " SL"
			    : strcmp(actor->pid, actor->pgid) == 0 ? " GL" : "";
	size_t used;

	used = (size_t)snprintf(out, size, "%s %s %s%s", is_current ? ">" : actor->exited ? "x" : " ",
				pid, actor->prog, leads);
	if (used >= size)
		return;
	if (actor->exited && actor->adopter)
		snprintf(out + used, size - used, " exited; child adopted by %s",
			 names_process(view->names, actor->adopter));
	else if (actor->exited)
		snprintf(out + used, size - used, " exited");
	else if (actor->starter)
		snprintf(out + used, size - used, " (started it)");
}

/* "group 5075", or the PGID alone where the groups do not fit side by side
 * otherwise (at 80 columns, the shell's session with three groups and the
 * new session beside it). */
void
group_title(const struct frame_view *view, const struct group_box *group, int short_titles,
	    char *out, size_t size)
{
	snprintf(out, size, "%s%s", short_titles ? "" : "group ", names_pid(view->names, group->pgid));
}

static void
draw_group(struct canvas *canvas, int top, int left, int height,
	   const struct group_box *group, const struct frame_view *view, int short_titles)
{
	const char *current = entry_text(current_frame(view)->record, "pid");
	char title[64];
	int rows = height - 2;

	group_title(view, group, short_titles, title, sizeof title);
	canvas_box(canvas, top, left, height, group->width, ROLE_DIM, title);
	for (int i = 0; i < group->count && i < rows; i++) {
		const struct actor *actor = group->actors[i];
		char label[TEXT_MAX];
		enum role role = actor->exited ? ROLE_DIM
				 : !actor->starter && strcmp(actor->pid, current) == 0 ? ROLE_CURRENT
				 : ROLE_NORMAL;

		if (i == rows - 1 && group->count > rows)
			snprintf(label, sizeof label, "  +%d more", group->count - i);
		else
			actor_label(view, actor, label, sizeof label);
		canvas_put_label(canvas, top + 1 + i, left + 1, role, label, group->width - 2);
	}
}

void
session_title(const struct frame_view *view, const struct session_box *session, int is_origin,
	      char *out, size_t size)
{
	int has_tty = strcmp(session->tty, "?") != 0;

	snprintf(out, size, "%ssession %s, %s%s", is_origin ? "origin " : "",
		 names_pid(view->names, session->sid), has_tty ? "tty " : "no tty",
		 has_tty ? names_tty(view->names, session->tty) : "");
}

/* A session box holds its groups side by side, a blank column around each,
 * and is wide enough for its title. */
static int
session_width(const struct frame_view *view, const struct session_box *session, int is_origin)
{
	char title[128];
	int width = 3;

	for (int g = 0; g < session->count; g++)
		width += session->groups[g].width + 1;
	session_title(view, session, is_origin, title, sizeof title);
	return width < (int)strlen(title) + 6 ? (int)strlen(title) + 6 : width;
}

static void
draw_session(struct canvas *canvas, int top, int left, int height, int width,
	     const struct session_box *session, const struct frame_view *view, int is_origin,
	     int short_titles)
{
	char title[128];
	int col = left + 2;

	session_title(view, session, is_origin, title, sizeof title);
	canvas_box(canvas, top, left, height, width, ROLE_NORMAL, title);
	for (int g = 0; g < session->count; g++) {
		draw_group(canvas, top + 1, col, height - 2, &session->groups[g], view, short_titles);
		col += session->groups[g].width + 1;
	}
}

static const char diagram_legend[] =
	"> this process   x exited (a ghost)   SL session leader   GL group leader";

/* The rows the diagram wants: the legend (if shown), two box edges each, the processes. */
int
diagram_rows(const struct stage *stage, int legend)
{
	return stage->count ? legend + 4 + stage->tallest : 0;
}

/* Gives a group up to `spare` more columns, as far as its labels want them;
 * returns what is left. */
static int
widen(struct group_box *group, int spare)
{
	int more = group->wants - group->width;

	if (more > spare)
		more = spare;
	if (more > 0) {
		group->width += more;
		spare -= more;
	}
	return spare;
}

/* Whether the process this frame is about is in session. */
static int
holds_current(const struct session_box *session, const struct frame_view *view)
{
	const char *current = entry_text(current_frame(view)->record, "pid");

	for (int g = 0; g < session->count; g++)
		for (int i = 0; i < session->groups[g].count; i++)
			if (strcmp(session->groups[g].actors[i]->pid, current) == 0)
				return 1;
	return 0;
}

/* The width of the sessions side by side, a blank column between them. */
static int
stage_width(const struct stage *stage, const struct frame_view *view)
{
	int total = -1;

	for (int s = 0; s < stage->count; s++)
		total += session_width(view, &stage->sessions[s], s == 0) + 1;
	return total;
}

/* The narrowest each group may be: its title and every PID in it whole. A
 * label cut ends in '~', so a PID needs a space and the '~' after it:
 * "|x 4194303 ~|". */
static int
group_floor(const struct frame_view *view, const struct group_box *group, int short_titles)
{
	char title[64];
	int floor;

	group_title(view, group, short_titles, title, sizeof title);
	floor = (int)strlen(title) + 6;		/* "+- " title " -+" */
	for (int i = 0; i < group->count; i++) {
		int pid = (int)strlen(names_pid(view->names, group->actors[i]->pid));
		if (pid + 6 > floor)
			floor = pid + 6;
	}
	return floor;
}

/* Gives each group what it wants, then narrows the widest first, none below
 * its floor, until the sessions fit cols or none can give more: a long ghost
 * label is cut before a short one. Returns the sessions' width. */
static int
narrow_groups(struct stage *stage, const struct frame_view *view, int cols)
{
	int widest = 0, total;

	for (int s = 0; s < stage->count; s++) {
		struct session_box *session = &stage->sessions[s];
		for (int g = 0; g < session->count; g++) {
			struct group_box *group = &session->groups[g];
			group->width = group->wants;
			group->floor = group_floor(view, group, stage->short_titles);
			if (group->wants > widest)
				widest = group->wants;
		}
	}
	total = stage_width(stage, view);
	for (int cap = widest; total > cols && cap > 0; cap--) {
		for (int s = 0; s < stage->count; s++) {
			struct session_box *session = &stage->sessions[s];
			for (int g = 0; g < session->count; g++) {
				struct group_box *group = &session->groups[g];
				if (group->width > cap)
					group->width = cap > group->floor ? cap : group->floor;
			}
		}
		total = stage_width(stage, view);
	}
	return total;
}

/* The groups narrowed to fit cols, titled "group 5075" when they can be,
 * else by their PGIDs alone; returns the sessions' width. */
static int
fit_groups(struct stage *stage, const struct frame_view *view, int cols)
{
	int total;

	stage->short_titles = 0;
	total = narrow_groups(stage, view, cols);
	if (total > cols) {
		stage->short_titles = 1;
		total = narrow_groups(stage, view, cols);
	}
	return total;
}

/*
 * Gives each group the width of its longest label, then narrows the groups
 * while the sessions are wider than the screen; where that is not enough,
 * the groups' titles are their PGIDs alone, then the sessions that hold
 * neither the story's origin nor this frame's process make room. No group
 * is narrower than its floor: a PID or a PGID is what a student compares, so
 * names are cut, never IDs. Room left over, in a session made wide by its
 * title or at the right of the screen, goes back to the groups cut.
 */
static void
fit_widths(struct stage *stage, const struct frame_view *view, int cols)
{
	enum { GROUP_MIN = 15 };	/* room for "group 12345" */
	int total;

	for (int s = 0; s < stage->count; s++) {
		struct session_box *session = &stage->sessions[s];
		for (int g = 0; g < session->count; g++) {
			struct group_box *group = &session->groups[g];
			group->wants = GROUP_MIN;
			for (int i = 0; i < group->count; i++) {
				char label[TEXT_MAX];
				actor_label(view, group->actors[i], label, sizeof label);
				if ((int)strlen(label) + 2 > group->wants)
					group->wants = (int)strlen(label) + 2;
			}
		}
	}
	total = fit_groups(stage, view, cols);
	/* still too wide: the sessions that hold neither the story's origin nor
	 * this frame's process make room, the oldest first */
	for (int s = 1; total > cols && s < stage->count;) {
		if (holds_current(&stage->sessions[s], view)) {
			s++;
			continue;
		}
		memmove(&stage->sessions[s], &stage->sessions[s + 1],
			(size_t)(stage->count - s - 1) * sizeof stage->sessions[0]);
		stage->count--;
		total = fit_groups(stage, view, cols);
	}
	for (int s = 0; s < stage->count; s++) {
		struct session_box *session = &stage->sessions[s];
		int before = session_width(view, session, s == 0);
		int spare = before - 3;		/* the title's room beyond the groups */

		for (int g = 0; g < session->count; g++)
			spare -= session->groups[g].width + 1;
		for (int g = 0; g < session->count; g++)
			spare = widen(&session->groups[g], spare);
	}
	total = stage_width(stage, view);
	for (int s = 0, spare = cols - total; s < stage->count && spare > 0; s++)
		for (int g = 0; g < stage->sessions[s].count; g++)
			spare = widen(&stage->sessions[s].groups[g], spare);
}

void
draw_diagram(struct canvas *canvas, int top, int height, int legend, struct stage *stage,
	     const struct frame_view *view)
{
	int left = 0;

	if (stage->count == 0 || height < legend + 5)
		return;
	if (legend) {
		canvas_put(canvas, top, 0, ROLE_DIM, diagram_legend);
		top++;
		height--;
	}
	fit_widths(stage, view, canvas->cols);
	for (int s = 0; s < stage->count; s++) {
		int width = session_width(view, &stage->sessions[s], s == 0);
		draw_session(canvas, top, left, height, width, &stage->sessions[s], view,
			     s == 0, stage->short_titles);
		left += width + 1;
	}
}
