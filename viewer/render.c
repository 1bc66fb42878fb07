/* render.c - a frame laid out on a canvas (see render.h): the timeline, the
 * headline, the state and the checklist, the explanation; the diagram is
 * diagram.c's, --dump and --list are dump.c's. */
#include "layout.h"

#include <string.h>

#include "explain.h"
#include "lesson.h"

enum {
	LABEL_WIDTH = 8,	/* "* umask " */
	OLD_MIN = 3		/* an old value may shrink to "...": it is in the frame before */
};

/*** small helpers ***/

int
is_common_key(const char *key)
{
	/* forked_by: the PID row shows it as the old value, the explanation names it */
	static const char *const common[] = { "v", "run", "time", "prog", "step", "event",
					      "forked_by" };

	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
		if (strcmp(key, common[i]) == 0)
			return 1;
	for (int f = 0; f < SF_COUNT; f++)
		if (strcmp(key, state_field_key(f)) == 0)
			return 1;
	return 0;
}

/* text, or "..." and its tail when longer than max (the caller's canvas cuts
 * "..." itself below 4 columns): a path's end says most. A path keeps its
 * file's name whole when it can, ".../heartbeatd.pid"; a text with a space
 * after its last '/' is a list, not a path ("/dev/null, closed, closed"), and
 * is cut as text. */
static const char *
shorten(const char *text, int max, char *out, size_t size)
{
	size_t len = strlen(text);
	const char *file = strrchr(text, '/');

	if ((int)len <= max)
		return text;
	if (max < 4)
		return "...";
	if (file && file[1] && (int)strlen(file) + 3 <= max && !strchr(file, ' ')) {
		snprintf(out, size, "...%s", file);
		return out;
	}
	snprintf(out, size, "...%s", text + len - (size_t)(max - 3));
	return out;
}

/* Shares room between count texts (at most 3) by need, the shortest first:
 * each gets what it needs while the longer ones keep 4 columns each ("...x");
 * the longest gets what is left. */
static void
share_room(const size_t *lengths, int count, int room, int *shares)
{
	int order[3] = { 0, 1, 2 };

	for (int i = 1; i < count; i++)
		for (int j = i; j > 0 && lengths[order[j]] < lengths[order[j - 1]]; j--) {
			int swap = order[j];
			order[j] = order[j - 1];
			order[j - 1] = swap;
		}
	for (int k = 0; k < count; k++) {
		int i = order[k], longer = count - 1 - k, most = room - 4 * longer;

		shares[i] = longer == 0 || (int)lengths[i] > most ? most : (int)lengths[i];
		room -= shares[i];
	}
}


/*** the timeline ***/

/* daemon(7)'s steps beyond the seven: 0a, 0b, 8 */
static int
is_daemon7_stop(int stop)
{
	const char *step = timeline[stop].step;
	return strcmp(step, "0a") == 0 || strcmp(step, "0b") == 0 || strcmp(step, "8") == 0;
}

/* The recipe's step (1..7) a stop stands for, 0 for the others. */
static int
recipe_step_at(int stop)
{
	const char *step = timeline[stop].step;
	return step[0] >= '1' && step[0] <= '7' && step[1] == '\0' ? step[0] - '0' : 0;
}

/* A traced run's marks of a step's stop (recipe.h): before it, '^' when it
 * was done before an earlier step of the recipe; after it, '*' when its
 * items are met otherwise than the recipe does it, '!' when one fails, or
 * (never done) when its call was tried and failed. */
static char
opening_mark(const struct recipe *r, int stop)
{
	int n = recipe_step_at(stop);
	return n && r->known && r->done_before[n] ? '^' : ' ';
}

static char
closing_mark(const struct recipe *r, int stop)
{
	int n = recipe_step_at(stop);

	if (!n || !r->known)
		return ' ';
	return r->marks[n] == STEP_DIFFERENTLY ? '*' :
	       r->marks[n] == STEP_FAILS || r->marks[n] == STEP_TRIED ? '!' : ' ';
}

void
timeline_plan(const struct frame_view *view, struct timeline_plan *plan)
{
	const struct run *run = view->run;
	const struct recipe *r = &view->story->recipe;
	int daemon = timeline_stop_of("daemon");
	int quiz = timeline_stop_of("quiz");

	memset(plan, 0, sizeof *plan);
	plan->current = r->known && current_frame(view)->record == r->verdict ? daemon :
			timeline_stop_of(entry_text(current_frame(view)->record, "step"));
	/* a traced record that is no step (an exec, an exit, a signal) keeps the
	 * cursor at its process's newest step before it, not back at the start
	 * (its own: another's come earlier or later as tracing times them) */
	if (strcmp(entry_text(current_frame(view)->record, "step"), "trace") == 0) {
		const char *pid = entry_text(current_frame(view)->record, "pid");
		for (size_t f = view->story->frame; plan->current == 0 && f-- > 0;)
			if (strcmp(entry_text(run->frames[f].record, "pid"), pid) == 0)
				plan->current = timeline_stop_of(entry_text(run->frames[f].record,
									    "step"));
	}
	plan->present[0] = 1;
	for (size_t f = 0; f < run->count; f++) {
		const struct entry *record = run->frames[f].record;
		const char *skip = entry_get(record, "skip");	/* daemon-demo's: "3" or "0a,6" */

		plan->present[timeline_stop_of(entry_text(record, "step"))] = 1;
		for (int i = 1; skip && i < TIMELINE_STOPS; i++)
			plan->left_out[i] |= skip_list_names(skip, timeline[i].step);
	}
	plan->present[daemon] |= r->known;	/* a traced run's verdict is the daemon's stop */
	for (int i = 0; i < TIMELINE_STOPS; i++) {
		if (r->known && recipe_step_at(i))	/* a traced daemon's steps never done */
			plan->left_out[i] = r->marks[recipe_step_at(i)] == STEP_MISSING ||
					    r->marks[recipe_step_at(i)] == STEP_TRIED;
		plan->opening[i] = opening_mark(r, i);
		plan->closing[i] = closing_mark(r, i);
	}
	/* the quiz and daemon(7)'s steps are stops only in a run that has them
	 * (or leaves one out); the seven always are, so that a step left out
	 * shows as left out, "(3 fork)", and one not reached (yet) dim, without
	 * parentheses */
	for (int i = 0; i < TIMELINE_STOPS; i++)
		plan->shown[i] = (i != quiz && !is_daemon7_stop(i)) || plan->present[i] ||
				 plan->left_out[i];
}

static void
draw_timeline(struct canvas *canvas, int row, const struct frame_view *view)
{
	struct timeline_plan plan;
	int full = 0, col = 0;

	timeline_plan(view, &plan);
	for (int i = 0; i < TIMELINE_STOPS; i++)
		if (plan.shown[i])
			full += (int)strlen(timeline[i].label) + 2 +
				(plan.left_out[i] && plan.closing[i] == '!');
	/* the current stop keeps its marks inside its brackets: "[^4 chdir*]" */
	full += (plan.opening[plan.current] != ' ') + (plan.closing[plan.current] != ' ');

	for (int i = 0; i < TIMELINE_STOPS; i++) {
		char label[32];
		const char *name = timeline[i].label;
		size_t len = full <= canvas->cols ? strlen(name) : strcspn(name, " ");
		int current = i == plan.current;
		enum role role = current ? ROLE_CURRENT :
				 plan.present[i] && !plan.left_out[i] ? ROLE_NORMAL : ROLE_DIM;

		if (!plan.shown[i])
			continue;
		if (current) {
			char before[2] = { plan.opening[i], '\0' }, after[2] = { plan.closing[i], '\0' };
			snprintf(label, sizeof label, "[%s%.*s%s]", before[0] == ' ' ? "" : before,
				 (int)len, name, after[0] == ' ' ? "" : after);
		} else if (plan.left_out[i]) {	/* "(3 fork)"; tried and failed: "(2 setsid!)" */
			snprintf(label, sizeof label, "(%.*s%s)", (int)len, name,
				 plan.closing[i] == '!' ? "!" : "");
		} else
			snprintf(label, sizeof label, "%c%.*s%c", plan.opening[i], (int)len, name,
				 plan.closing[i]);
		col = canvas_put(canvas, row, col, role, label);
		if (full > canvas->cols)	/* short labels have room to breathe */
			col++;
	}
}

/*** the headline ***/

void
event_phrase(const struct frame *frame, char *out, size_t size)
{
	const struct entry *record = frame->record;
	const char *event = entry_text(record, "event");
	const char *step = entry_text(record, "step");
	const char *call = step_call(step);
	const char *quiz = entry_get(record, "quiz");
	const char *traced = entry_get(record, "call");
	int is_step = step_is_program(step);

	if (strcmp(event, "error") == 0)
		snprintf(out, size, "%s%sFAILED: %s: %s", quiz ? quiz : "", quiz ? ": " : "",
			 field_or_unknown(record, "call"), field_or_unknown(record, "errno"));
	else if (quiz)
		snprintf(out, size, "pop quiz: %s", quiz);
	else if (strcmp(event, "start") == 0 && entry_get(record, "wait_ready"))
		snprintf(out, size, "begins; next: fork(); the parent will wait");
	else if (strcmp(event, "start") == 0 && is_step)
		snprintf(out, size, "begins; next: %s", call);
	else if (strcmp(event, "start") == 0)
		snprintf(out, size, "%s", call ? call : "begins");
	else if (strcmp(event, "after") == 0 && strcmp(step, "1") == 0 && entry_get(record, "ready_fd"))
		snprintf(out, size, "done: fork(); the parent waits for the daemon");
	else if (strcmp(event, "after") == 0 && traced)	/* a real program's: its call, not the steps' */
		snprintf(out, size, is_step ? "step %s by %s%s" : "%.0scalled %s%s", step, traced,
			 strpbrk(traced, ", ") ? "" : "()");
	else if (strcmp(event, "after") == 0)
		snprintf(out, size, "done: %s", call ? call : "a step");
	else if (strcmp(event, "parent-exit") == 0 && entry_get(record, "ready"))
		snprintf(out, size, "the parent exits: the daemon %s",
			 strcmp(entry_text(record, "ready"), "yes") == 0 ? "is ready" : "never said so");
	else if (strcmp(event, "parent-exit") == 0)
		snprintf(out, size, "the parent of the fork exits");
	else if (strcmp(event, "ready-wait") == 0)
		snprintf(out, size, "the parent waits until the daemon is ready");
	else if (strcmp(event, "ready") == 0)
		snprintf(out, size, "ready: %s", strcmp(entry_text(record, "tells"), "yes") == 0
			 ? "tells the first process" : "nobody to tell");
	else if (strcmp(event, "heartbeat") == 0 && frame->repeats > 0)
		snprintf(out, size, "heartbeats %s..%s (%zu records)",
			 field_or_unknown(record, "beat"), frame->last_beat, frame->repeats + 1);
	else if (strcmp(event, "heartbeat") == 0)
		snprintf(out, size, "heartbeat %s", field_or_unknown(record, "beat"));
	else if (strcmp(event, "signal") == 0)
		snprintf(out, size, "got %s%s", field_or_unknown(record, "signal"),
			 frame->repeats ? " (again and again)" : "");
	else if (strcmp(event, "exit") == 0)
		snprintf(out, size, "exits: %s", field_or_unknown(record, entry_get(record, "reason") ?
						   "reason" : "status"));	/* a traced exit */
	else
		snprintf(out, size, "%s", event);
}

int
headline_shows(const struct entry *record, const struct logfmt_field *field)
{
	return !is_common_key(field->key) && strcmp(field->key, "beat") != 0 &&
	       strcmp(field->key, "judged") != 0 &&	/* the checklist shows it */
	       strcmp(field->key, "program") != 0 &&	/* traced= begins with it */
	       !(strcmp(field->key, "call") == 0 && strcmp(entry_text(record, "event"), "after") == 0);
}

void
extra_text(const struct names *names, const struct logfmt_field *field, char *out,
	   size_t size)
{
	char buffer[TEXT_MAX];
	const char *value = field->value;

	if (strcmp(field->key, "tried_tty") == 0)
		value = names_path(names, value, buffer, sizeof buffer);
	else if (strcmp(field->key, "adopter") == 0)
		value = names_process(names, value);
	else
		value = names_text(names, value, buffer, sizeof buffer);
	snprintf(out, size, strchr(value, ' ') ? "%s=\"%s\"" : "%s=%s", field->key, value);
}

static void
draw_headline(struct canvas *canvas, int row, const struct frame_view *view)
{
	const struct frame *frame = current_frame(view);
	const struct entry *record = frame->record;
	char phrase[TEXT_MAX], text[TEXT_MAX], where[64];
	int col, right;

	snprintf(where, sizeof where, " frame %zu/%zu", view->story->frame + 1, view->run->count);
	right = canvas->cols - (int)strlen(where);
	canvas_put(canvas, row, right, ROLE_TITLE, where);

	snprintf(text, sizeof text, "%s %s: ", field_or_unknown(record, "prog"),
		 names_pid(view->names, field_or_unknown(record, "pid")));
	col = canvas_put_max(canvas, row, 0, ROLE_TITLE, text, right);
	event_phrase(frame, phrase, sizeof phrase);
	col = canvas_put_max(canvas, row, col, strcmp(entry_text(record, "event"), "error") == 0
					       ? ROLE_ERROR : ROLE_TITLE, phrase, right - col);
	for (size_t i = 0; i < record->count; i++) {
		const struct logfmt_field *field = &record->fields[i];
		if (!headline_shows(record, field))
			continue;
		extra_text(view->names, field, text, sizeof text);
		col = canvas_put_max(canvas, row, col, ROLE_NORMAL, "  ", right - col);
		/* cut by the frame counter: '~' says so */
		col = canvas_put_label(canvas, row, col, ROLE_NORMAL, text, right - col);
	}
}

/*** the process's state ***/

static const struct {
	const char *label;
	unsigned fields;	/* the state fields the row shows */
} state_rows[ROW_COUNT] = {
	[ROW_PID] = { "PID", 1u << SF_PID },
	[ROW_PPID] = { "PPID", 1u << SF_PPID | 1u << SF_PARENT },
	[ROW_PGID] = { "PGID", 1u << SF_PGID },
	[ROW_SID] = { "SID", 1u << SF_SID },
	/* the terminal, not its foreground group: the row shows only the former,
	 * and a shell taking its terminal back is no change of the process's */
	[ROW_TTY] = { "TTY", 1u << SF_TTY },
	[ROW_CWD] = { "cwd", 1u << SF_CWD },
	[ROW_UMASK] = { "umask", 1u << SF_UMASK },
	[ROW_FDS] = { "fds", 1u << SF_FDS | 1u << SF_NFDS },
	[ROW_STDIO] = { "0 1 2", 1u << SF_FD0 | 1u << SF_FD1 | 1u << SF_FD2 },
	/* the signals ignored and blocked, as the log writes them */
	[ROW_SIGIGN] = { "ign", 1u << SF_SIGIGN },
	[ROW_SIGBLK] = { "blk", 1u << SF_SIGBLK },
	[ROW_UID] = { "uid", 1u << SF_UID },
	[ROW_GID] = { "gid", 1u << SF_GID | 1u << SF_GROUPS },
	[ROW_ENV] = { "env", 1u << SF_NENV },
};

/* " (leader)" when the id is the process's own PID. */
static const char *
leader_mark(const struct entry *record, const char *key)
{
	const char *id = entry_get(record, key);
	return id && strcmp(id, entry_text(record, "pid")) == 0 ? " (leader)" : "";
}

/* What 0, 1 and 2 point to, in width columns. */
static void
stdio_text(const struct names *names, const struct entry *record, int width, char *out,
	   size_t size)
{
	char path[3][TEXT_MAX], cut[3][TEXT_MAX];
	const char *shown[3];
	static const char *const keys[3] = { "fd0", "fd1", "fd2" };
	size_t lengths[3];
	int shares[3];

	for (int fd = 0; fd < 3; fd++) {
		shown[fd] = names_path(names, field_or_unknown(record, keys[fd]), path[fd],
				       sizeof path[fd]);
		lengths[fd] = strlen(shown[fd]);
	}
	if (strcmp(shown[0], shown[1]) == 0 && strcmp(shown[1], shown[2]) == 0) {
		snprintf(out, size, "all %s", shorten(shown[0], width - 4, cut[0], sizeof cut[0]));
		return;
	}
	share_room(lengths, 3, width - 4, shares);	/* 4: the two ", " */
	for (int fd = 0; fd < 3; fd++)
		shown[fd] = shorten(shown[fd], shares[fd], cut[fd], sizeof cut[fd]);
	snprintf(out, size, "%s, %s, %s", shown[0], shown[1], shown[2]);
}

void
state_text(const struct names *names, const struct entry *record, enum state_row row,
	   int width, char *out, size_t size)
{
	char path[TEXT_MAX];
	const char *value;

	switch (row) {
	case ROW_PID:
		snprintf(out, size, "%s", names_pid(names, field_or_unknown(record, "pid")));
		break;
	case ROW_PPID:
		value = names_pid(names, field_or_unknown(record, "ppid"));
		if (strcmp(value, names_process(names, field_or_unknown(record, "parent"))) == 0)
			snprintf(out, size, "%s", value);	/* normalized: "<adopter>" once */
		else
			snprintf(out, size, "%s %s", value,
				 names_process(names, field_or_unknown(record, "parent")));
		break;
	case ROW_PGID:
		snprintf(out, size, "%s%s", names_pid(names, field_or_unknown(record, "pgid")),
			 leader_mark(record, "pgid"));
		break;
	case ROW_SID:
		snprintf(out, size, "%s%s", names_pid(names, field_or_unknown(record, "sid")),
			 leader_mark(record, "sid"));
		break;
	case ROW_TTY:
		value = field_or_unknown(record, "tty");
		snprintf(out, size, "%s", strcmp(value, "?") == 0 ? "? (none)" : names_tty(names, value));
		break;
	case ROW_CWD:
		snprintf(out, size, "%s", names_path(names, field_or_unknown(record, "cwd"),
						     path, sizeof path));
		break;
	case ROW_UMASK:
		snprintf(out, size, "%s", field_or_unknown(record, "umask"));
		break;
	case ROW_FDS:
		value = field_or_unknown(record, "fds");
		snprintf(out, size, "%s", value[0] ? value : "none");
		break;
	case ROW_STDIO:
		stdio_text(names, record, width, out, size);
		break;
	case ROW_SIGIGN:
		snprintf(out, size, "%s", field_or_unknown(record, "sigign"));
		break;
	case ROW_SIGBLK:
		snprintf(out, size, "%s", field_or_unknown(record, "sigblk"));
		break;
	case ROW_UID:
		snprintf(out, size, "%s", names_identity(names, "uid", field_or_unknown(record, "uid")));
		break;
	case ROW_GID:
		snprintf(out, size, "%s, groups %s",
			 names_identity(names, "gid", field_or_unknown(record, "gid")),
			 names_identity(names, "groups", field_or_unknown(record, "groups")));
		break;
	case ROW_ENV:
		snprintf(out, size, "%s variables",
			 names_identity(names, "nenv", field_or_unknown(record, "nenv")));
		break;
	case ROW_COUNT:
		break;
	}
}

const char *
state_row_label(enum state_row row)
{
	return state_rows[row].label;
}

const struct entry *
state_before(const struct frame_view *view)
{
	const struct frame *frame = current_frame(view);
	return frame->previous != NO_FRAME ? view->run->frames[frame->previous].record : NULL;
}

int
state_row_changed(const struct frame_view *view, enum state_row row)
{
	return state_before(view) && (current_frame(view)->changed & state_rows[row].fields);
}

static void
draw_state(struct canvas *canvas, int top, int width, int rows, const struct frame_view *view)
{
	const struct frame *frame = current_frame(view);
	const struct entry *before = state_before(view);
	int room = width - LABEL_WIDTH;

	for (int row = 0; row < rows; row++) {
		int changed = state_row_changed(view, row);
		char now[TEXT_MAX], old[TEXT_MAX], cut[TEXT_MAX];
		int col, shares[2];

		canvas_put(canvas, top + row, 0, changed ? ROLE_CHANGED : ROLE_NORMAL,
			   changed ? "*" : " ");
		canvas_put(canvas, top + row, 2, ROLE_TITLE, state_rows[row].label);
		if (!changed) {
			state_text(view->names, frame->record, row, room, now, sizeof now);
			canvas_put_max(canvas, top + row, LABEL_WIDTH, ROLE_NORMAL,
				       shorten(now, room, cut, sizeof cut), room);
			continue;
		}
		/* old -> new (4: " -> "); when both do not fit, the new value
		 * comes first: the old one is in the frame before */
		state_text(view->names, before, row, room - 4, old, sizeof old);
		state_text(view->names, frame->record, row, room - 4, now, sizeof now);
		shares[1] = (int)strlen(now);
		if ((int)strlen(old) + shares[1] > room - 4 && shares[1] > room - 4 - OLD_MIN)
			shares[1] = room - 4 - OLD_MIN;
		shares[0] = room - 4 - shares[1];
		state_text(view->names, before, row, shares[0], old, sizeof old);
		state_text(view->names, frame->record, row, shares[1], now, sizeof now);
		col = canvas_put_max(canvas, top + row, LABEL_WIDTH, ROLE_OLD,
				     shorten(old, shares[0], cut, sizeof cut), room);
		col = canvas_put(canvas, top + row, col, ROLE_NORMAL, " -> ");
		canvas_put_max(canvas, top + row, col, ROLE_CHANGED,
			       shorten(now, width - col, cut, sizeof cut), width - col);
	}
}

/*** the checklist ***/

/* [x] met, [*] met otherwise (a traced program's way), [ ] not, [-] not
 * applicable, [?] not known. */
char
judgment_mark(enum check_judgment judgment)
{
	return judgment == CHECK_MET ? 'x' : judgment == CHECK_MET_OTHERWISE ? '*' :
	       judgment == CHECK_NOT_APPLICABLE ? '-' : judgment == CHECK_NOT_KNOWN ? '?' : ' ';
}

/* daemon(7)'s items in one row of short names across the screen (78
 * columns, under the state), for a screen without the rows for them in full. */
static void
draw_daemon7_short(struct canvas *canvas, int row, const struct story *story)
{
	static const char *const short_names[CHECK_ALL_COUNT - CHECK_COUNT] = {
		"signals", "env", "privileges", "ready", "pid file"
	};
	int col = canvas_put(canvas, row, 2, ROLE_TITLE, "daemon(7) also asks:");

	for (int check = CHECK_COUNT; check < CHECK_ALL_COUNT; check++) {
		enum check_judgment judgment = story_judgment(story, check);
		char item[32];

		snprintf(item, sizeof item, " [%c] %s", judgment_mark(judgment),
			 short_names[check - CHECK_COUNT]);
		col = canvas_put(canvas, row, col, judgment == CHECK_FAILS ? ROLE_UNMET : ROLE_MET,
				 item);
	}
}

static void
draw_checklist(struct canvas *canvas, int top, int left, enum daemon7_form form,
	       const struct frame_view *view)
{
	const struct story *story = view->story;
	int compared = current_frame(view)->previous != NO_FRAME;
	int end = form == DAEMON7_FULL ? CHECK_ALL_COUNT : CHECK_COUNT;

	for (int check = 0, row = top; check < end; check++, row++) {
		enum check_judgment judgment = story_judgment(story, check);
		int met = story_check(story, check);
		int was = story_check_before(story, check);
		char line[80];
		int col;

		/* a group begins: its title; daemon(7)'s labels are shorter, its
		 * steps longer ("(daemon) <- lost" fits 40 columns) */
		if (check == 0 || check == CHECK_COUNT)
			canvas_put(canvas, row++, left, ROLE_TITLE, check == 0 ?
				   "A daemon is...              (step)" :
				   "daemon(7) also asks... (step)");
		snprintf(line, sizeof line, "[%c] %-*s (%s)", judgment_mark(judgment),
			 check < CHECK_COUNT ? 23 : 18, check_label(check), check_step(check));
		col = canvas_put(canvas, row, left, judgment == CHECK_FAILS ? ROLE_UNMET : ROLE_MET,
				 line);
		if (compared && met != was)
			canvas_put(canvas, row, col, ROLE_CHANGED, met ? " <- now" : " <- lost");
	}
	if (form == DAEMON7_SHORT)
		draw_daemon7_short(canvas, top + STATE_ROWS, story);
}


/*** the explanation ***/

/* Writes "Label: text" wrapped; returns the rows used (counts only with canvas NULL). */
static int
draw_paragraph(struct canvas *canvas, int row, int max_rows, const char *label,
	       const char *text)
{
	int width = canvas->cols;
	int indent = label ? (int)strlen(label) + 1 : 0;	/* "Why:" and a space */
	struct canvas *target = max_rows > 0 ? canvas : NULL;

	if (text[0] == '\0')
		return 0;
	if (target && label) {
		int col = canvas_put(canvas, row, 0, ROLE_TITLE, label);
		canvas_put(canvas, row, col, ROLE_TITLE, ":");
	}
	return canvas_wrap(target, row, 0, width, max_rows > 0 ? max_rows : 1000, indent,
			   ROLE_NORMAL, text);
}

static int
draw_explanation(struct canvas *canvas, int row, int max_rows, const struct lesson *lesson)
{
	int used = draw_paragraph(canvas, row, max_rows, NULL, lesson->text[PART_WHAT]);

	used += draw_paragraph(canvas, row + used, max_rows - used, "Why", lesson->text[PART_WHY]);
	used += draw_paragraph(canvas, row + used, max_rows - used, lesson->without_label,
			       lesson->text[PART_WITHOUT]);
	return used;
}

/*** the frame ***/

void
render_log_summary(const struct model *model, char *out, size_t size)
{
	const struct log_read_stats *stats = &model->stats;
	int used = snprintf(out, size, "%zu records in %zu run%s", stats->records, model->count,
			    model->count == 1 ? "" : "s");

	if (used > 0 && (size_t)used < size && stats->bad_lines)
		snprintf(out + used, size - (size_t)used,
			 "; %zu bad line%s skipped (first: line %zu, %s)", stats->bad_lines,
			 stats->bad_lines == 1 ? "" : "s", stats->first_bad_line,
			 logfmt_strerror(stats->first_error));
}

/* The right of the status line: the bad lines if any, when, the run (<run>
 * normalized, as --dump names it). */
static void
status_right(const struct frame_view *view, const char *when, char *out, size_t size)
{
	const struct log_read_stats *stats = &view->model->stats;
	char bad[64] = "";

	if (stats->bad_lines)
		snprintf(bad, sizeof bad, "%zu bad line%s (first: %zu) | ", stats->bad_lines,
			 stats->bad_lines == 1 ? "" : "s", stats->first_bad_line);
	snprintf(out, size, "  %s%s | run %s ", bad, when,
		 view->names->normalize ? "<run>" : view->run->id);
}

/* Where text of len columns can end at a gap of two spaces between two of its
 * items, before len; 0 when it has none. */
static size_t
last_gap(const char *text, size_t len)
{
	while (len > 1 && !(text[len - 1] == ' ' && text[len - 2] == ' '))
		len--;
	return len > 1 ? len - 2 : 0;
}

/*
 * The status line: the keys (or a message) at the left, the record's time and
 * the run at the right. Where both do not fit, the time of day goes first
 * (the run id holds the run's start, and the offset stays), then the last
 * keys, a whole key at a time; the run id is never cut. A message that fills
 * the line stands alone.
 */
static void
draw_status(struct canvas *canvas, int row, const struct frame_view *view, const char *hint)
{
	char right[TEXT_MAX], time[64];
	const char *when = names_time(view->names,
				      entry_text(current_frame(view)->record, "time"), time,
				      sizeof time);
	size_t keys = strlen(hint), room = (size_t)canvas->cols;
	int col;

	status_right(view, when, right, sizeof right);
	if (keys + strlen(right) > room) {
		status_right(view, strrchr(when, ' ') ? strrchr(when, ' ') + 1 : when, right,
			     sizeof right);
		while (keys + strlen(right) > room && last_gap(hint, keys) > 0)
			keys = last_gap(hint, keys);
		if (keys + strlen(right) > room)
			right[0] = '\0';
	}
	col = canvas_put_max(canvas, row, 0, ROLE_HINT, hint, (int)keys);
	if (canvas->cols - (int)strlen(right) > col)
		col = canvas->cols - (int)strlen(right);
	canvas_put(canvas, row, col, view->model->stats.bad_lines ? ROLE_ERROR : ROLE_HINT, right);
}

int
render_frame(struct canvas *canvas, const struct frame_view *view, const char *status)
{
	struct lesson lesson;
	struct stage stage;
	int half = canvas->cols / 2;
	int gap_before = 1, legend = 1, gap_after = 1;	/* what a short screen gives up */
	int diagram, explanation;
	enum daemon7_form form = daemon7_form(canvas, status != NULL);
	int panel = panel_rows(canvas, status != NULL);

	canvas_clear(canvas);
	draw_timeline(canvas, 0, view);
	draw_headline(canvas, 1, view);
	/* below the seven's state, in full: the state daemon(7)'s items judge */
	draw_state(canvas, STATE_TOP, half - 1, form == DAEMON7_FULL ? ROW_COUNT : STATE_ROWS, view);
	draw_checklist(canvas, STATE_TOP, half + 1, form, view);

	set_stage(&stage, view->story);
	lesson_tell(view->story, view->names, &lesson);
	explanation = draw_explanation(canvas, 0, 0, &lesson);	/* rows it needs */
	char keys[TEXT_MAX];
	if (status && view->explain == EXPLAIN_WHOLE) {
		diagram = 0;
		gap_before = gap_after = 0;
		explanation = canvas->rows - STATE_TOP - panel - 1;
		snprintf(keys, sizeof keys, "e: the diagram again  %s", status);
		status = keys;
	} else if (status) {
		/* The explanation is the lesson: on a short screen the blank lines
		 * and the diagram's legend (also on the help screen) go first; then
		 * the explanation still keeps at least four rows. */
		int left = canvas->rows - STATE_TOP - panel - 1;	/* - the status line */
		int *spares[] = { &gap_after, &legend, &gap_before };
		for (size_t i = 0; i < sizeof spares / sizeof spares[0] &&
		     gap_before + diagram_rows(&stage, legend) + gap_after + explanation > left; i++)
			*spares[i] = 0;
		left -= gap_before + gap_after;
		diagram = diagram_rows(&stage, legend);
		int keep = explanation < 4 ? explanation : 4;
		if (diagram > left - keep)
			diagram = left - keep;
		/* what is cut, key e shows whole: the status line says so first */
		if (explanation > left - diagram && view->explain == EXPLAIN_BELOW_KEY_E) {
			snprintf(keys, sizeof keys, "e: the rest of the explanation  %s", status);
			status = keys;
		}
		explanation = left - diagram;
	} else {
		diagram = diagram_rows(&stage, legend);
	}
	int row = STATE_TOP + panel + gap_before;
	draw_diagram(canvas, row, diagram, legend, &stage, view);
	row += diagram > 0 ? diagram + gap_after : 0;
	row += draw_explanation(canvas, row, explanation, &lesson);
	if (status)
		draw_status(canvas, canvas->rows - 1, view, status);
	return status ? canvas->rows : row;
}

