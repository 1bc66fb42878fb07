/* view.c - the curses view (see view.h).
 *
 * Sections: the screen (colours by role, restoring the terminal), keys (one
 * table for the bindings and the help screen), drawing (a frame is laid out
 * on a canvas by render.c and painted here), and the main loop. Drawing only
 * reads state; keys only change it, through player.c. A resize arrives as
 * KEY_RESIZE from getch(), which ncurses makes of SIGWINCH: no handler here.
 */
#define _XOPEN_SOURCE_EXTENDED	/* ncursesw's wide-character declarations */
#define _POSIX_C_SOURCE 200809L
#include "view.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "canvas.h"
#include "names.h"
#include "player.h"
#include "predict.h"
#include "predict_screen.h"
#include "render.h"
#include "story.h"

enum {
	TICK_MS = 100,		/* getch() waits this long for a key */
	ESCAPE = 27,
	FOLLOW_EVERY_MS = 250	/* --follow looks for new records this often */
};

/*** the screen ***/

static int screen_active;
static volatile sig_atomic_t stop_signal;	/* SIGINT or SIGTERM arrived */

static void
restore_terminal(void)
{
	if (screen_active) {
		endwin();
		screen_active = 0;
	}
}

/* Only notes the signal: the main loop leaves, restores the terminal, and
 * dies of the same signal (drawing or exiting here would not be safe). */
static void
note_stop_signal(int sig)
{
	stop_signal = sig;
}

static void
catch_stop_signals(void)
{
	struct sigaction action;

	memset(&action, 0, sizeof action);
	action.sa_handler = note_stop_signal;
	sigemptyset(&action.sa_mask);
	/* no SA_RESTART: the signal interrupts getch(), which then returns ERR */
	sigaction(SIGINT, &action, NULL);
	sigaction(SIGTERM, &action, NULL);
	sigaction(SIGHUP, &action, NULL);
}

/* Colours and, for a terminal without them, attributes, by role. */
static const struct {
	short foreground, background;	/* -1: the terminal's default */
	attr_t colour_attr;		/* added to the colour */
	attr_t mono_attr;		/* used alone in monochrome */
} role_looks[ROLE_COUNT] = {
	[ROLE_NORMAL]  = { -1, -1, A_NORMAL, A_NORMAL },
	[ROLE_TITLE]   = { -1, -1, A_BOLD, A_BOLD },
	[ROLE_CURRENT] = { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE },
	[ROLE_CHANGED] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_BOLD | A_UNDERLINE },
	[ROLE_OLD]     = { COLOR_MAGENTA, -1, A_NORMAL, A_NORMAL },
	[ROLE_DIM]     = { -1, -1, A_DIM, A_DIM },
	[ROLE_MET]     = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[ROLE_UNMET]   = { COLOR_RED, -1, A_NORMAL, A_NORMAL },
	[ROLE_ERROR]   = { COLOR_RED, -1, A_BOLD, A_BOLD | A_REVERSE },
	[ROLE_HINT]    = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
};

static attr_t role_attrs[ROLE_COUNT];

static void
choose_looks(void)
{
	const char *no_color = getenv("NO_COLOR");
	int colour = has_colors() && !(no_color && no_color[0]);	/* see no-color.org */

	if (colour) {
		start_color();
		use_default_colors();
	}
	for (int role = 0; role < ROLE_COUNT; role++) {
		if (!colour) {
			role_attrs[role] = role_looks[role].mono_attr;
			continue;
		}
		init_pair((short)(role + 1), role_looks[role].foreground,
			  role_looks[role].background);
		role_attrs[role] = COLOR_PAIR(role + 1) | role_looks[role].colour_attr;
	}
}

static int
open_screen(void)
{
	if (newterm(NULL, stdout, stdin) == NULL)
		return -1;
	screen_active = 1;
	atexit(restore_terminal);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	timeout(TICK_MS);
	choose_looks();
	return 0;
}

/*** keys ***/

static const struct binding {
	enum command command;
	int keys[4];		/* ended by 0 */
	const char *names;	/* as the help screen lists them */
	const char *what;
} bindings[] = {
	{ CMD_NEXT, { KEY_RIGHT, 'l', ' ', 0 }, "Right  l  Space", "next transition" },
	{ CMD_PREVIOUS, { KEY_LEFT, 'h', KEY_BACKSPACE, 127 }, "Left  h  Backspace",
	  "previous transition" },
	/* pairs share a help line, so that at 80x24 every mark fits below */
	{ CMD_FIRST, { KEY_HOME, 'g', 0 }, "Home g  End G", "first, last transition" },
	{ CMD_LAST, { KEY_END, 'G', 0 }, NULL, NULL },
	{ CMD_PLAY, { 'p', 0 }, "p  +  -", "play or pause the replay; faster, slower" },
	{ CMD_FASTER, { '+', '=', 0 }, NULL, NULL },
	{ CMD_SLOWER, { '-', 0 }, NULL, NULL },
	{ CMD_STEP_1, { '1', 0 }, "1 ... 7", "jump to that step" },
	{ CMD_STEP_2, { '2', 0 }, NULL, NULL },
	{ CMD_STEP_3, { '3', 0 }, NULL, NULL },
	{ CMD_STEP_4, { '4', 0 }, NULL, NULL },
	{ CMD_STEP_5, { '5', 0 }, NULL, NULL },
	{ CMD_STEP_6, { '6', 0 }, NULL, NULL },
	{ CMD_STEP_7, { '7', 0 }, NULL, NULL },
	{ CMD_CODE, { 'c', 0 }, "c", "the code that made the change (> its call)" },
	{ CMD_EXPLAIN, { 'e', 0 }, "e", "the whole explanation, in the diagram's place" },
	{ CMD_HELP, { '?', 0 }, "?", "this help" },
	{ CMD_QUIT, { 'q', 'Q', 0 }, "q", "quit" },
	{ CMD_ANSWER_YES, { 'y', 'Y', 0 }, NULL, NULL },	/* the help lists predict_help */
	{ CMD_ANSWER_NO, { 'n', 'N', 0 }, NULL, NULL },
	{ CMD_ANSWER_SKIP, { 's', 'S', 0 }, NULL, NULL },
};

/* The most needed first: a narrow status line keeps the first keys. */
static const char key_hint[] = " ? help  q quit  <- -> step  1-7 jump  p play  +/- speed";

static enum command
command_of(int key)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		for (int k = 0; k < 4 && bindings[i].keys[k]; k++)
			if (bindings[i].keys[k] == key)
				return bindings[i].command;
	return CMD_NONE;
}

/* A key the terminal's description does not know arrives as ESC and the rest
 * of its sequence, one byte a key: End as ESC [ 4 ~ where terminfo says
 * ESC O F (TERM=xterm inside tmux). The rest is read and dropped, so that its
 * 4 does not jump to step 4. */
static void
drop_escape_sequence(void)
{
	int key;

	timeout(0);
	key = getch();
	if (key == '[')		/* CSI: parameters, then a final byte from @ to ~ */
		while ((key = getch()) != ERR && !(key >= '@' && key <= '~'))
			;
	else if (key == 'O')	/* SS3: one more byte */
		(void)getch();
	timeout(TICK_MS);
}

/*** drawing ***/

struct screen {
	struct model *model;
	const struct view_options *options;
	struct player player;
	size_t run_slot;	/* the run shown: an index into model->runs */
	const char *run_id;	/* the run asked for (--run), until the log starts anew */
	int run_missing;	/* --follow --run ID: no run ID in the log yet */
	struct canvas canvas;
	struct predict predictions;
	struct predict *game;	/* &predictions with --predict, else NULL */
};

static const struct run *
shown_run(const struct screen *screen)
{
	return screen->model->count && !screen->run_missing
		       ? &screen->model->runs[screen->run_slot]
		       : NULL;
}

static void
paint(const struct canvas *canvas)
{
	erase();
	for (int row = 0; row < canvas->rows; row++) {
		const char *text = canvas->text + (size_t)row * (size_t)canvas->cols;
		const unsigned char *roles = canvas->roles + (size_t)row * (size_t)canvas->cols;

		for (int col = 0; col < canvas->cols;) {
			int end = col;
			while (end < canvas->cols && roles[end] == roles[col])
				end++;
			attrset(role_attrs[roles[col]]);
			mvaddnstr(row, col, text + col, end - col);
			col = end;
		}
	}
	attrset(A_NORMAL);
}

/* Lines centred on the screen, for the messages that replace a frame. */
static void
draw_message(const char *const *lines, size_t count)
{
	int top = (LINES - (int)count) / 2;

	erase();
	for (size_t i = 0; i < count; i++) {
		int len = (int)strlen(lines[i]);
		mvaddnstr(top + (int)i, len < COLS ? (COLS - len) / 2 : 0, lines[i], COLS);
	}
}

static void
draw_too_small(void)
{
	char needs[64], has[64];
	/* short lines: a window of 30x8 still shows both sizes */
	const char *lines[] = { "daemon-viewer needs", needs, has, "Enlarge the window or press q" };

	snprintf(needs, sizeof needs, "at least %dx%d;", RENDER_MIN_COLS, RENDER_MIN_ROWS);
	snprintf(has, sizeof has, "this one is %dx%d.", COLS, LINES);
	draw_message(lines, sizeof lines / sizeof lines[0]);
}

static void
draw_waiting(const struct screen *screen)
{
	char waiting[512];
	const char *lines[] = { waiting, "(daemon-viewer --follow; press q to quit)" };

	if (screen->run_missing)
		snprintf(waiting, sizeof waiting, "Waiting for run %s in %s ...",
			 screen->run_id, screen->options->log_name);
	else
		snprintf(waiting, sizeof waiting, "Waiting for records in %s ...",
			 screen->options->log_name);
	draw_message(lines, sizeof lines / sizeof lines[0]);
}

/* The marks of a frame, for the help screen (at 80x24 they fit, with a row
 * to spare; with --predict's lines, the last ones do not). */
static const struct {
	const char *mark, *what;
} marks[] = {
	{ "*  old -> new", "a field this transition changed" },
	{ "[x] [ ] [-] [?]", "an item met, not, not applicable, not known" },
	{ "[*]", "met otherwise (a traced program's own way)" },
	{ "<- now  <- lost", "this transition met the item, or undid it" },
	{ ">  x", "the frame's process; one that exited (a ghost)" },
	{ "SL  GL", "a session leader, a group leader" },
	{ "group 5075, 5075, ?", "a group's box by its PGID; ?: not in the log" },
	{ "^4  4*  4!  (4)  (4!)", "traced: out of order, otherwise, fails, never, tried" },
};

static void
draw_help(const struct screen *screen)
{
	int row = 1;

	erase();
	attrset(role_attrs[ROLE_TITLE]);
	mvaddstr(row++, 2, "daemon-viewer: replaying how a program becomes a daemon");
	attrset(A_NORMAL);
	row++;
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		/* with --predict, its own lines say what q does: 80x24 holds them */
		if (bindings[i].names == NULL || (screen->game && bindings[i].command == CMD_QUIT))
			continue;
		mvprintw(row++, 4, "%-22s %s", bindings[i].names, bindings[i].what);
	}
	for (size_t i = 0; screen->game && predict_help[i]; i++)
		mvaddstr(row++, 4, predict_help[i]);
	if (!screen->game)
		row++;
	mvaddstr(row++, 2, "On each frame:");
	/* the last row is the way back: a mark that does not fit above it (the
	 * traced steps', with --predict's keys at 80x24) is left out */
	for (size_t i = 0; i < sizeof marks / sizeof marks[0] && row < LINES - 1; i++)
		mvprintw(row++, 4, "%-22s %s", marks[i].mark, marks[i].what);
	if (!screen->game && row < LINES - 1)
		row++;
	mvaddstr(row, 2, "Press any key to go back (q quits).");
}

static void
draw(struct screen *screen)
{
	const struct run *run = shown_run(screen);
	char status[PLAYER_MESSAGE_SIZE + 1];
	struct story story;
	struct names names;
	struct frame_view view = { screen->model, run, &story, &names,
				   screen->player.explain ? EXPLAIN_WHOLE : EXPLAIN_BELOW_KEY_E };

	if (COLS < RENDER_MIN_COLS || LINES < RENDER_MIN_ROWS) {
		draw_too_small();
	} else if (screen->player.help) {
		draw_help(screen);
	} else if (run == NULL) {
		draw_waiting(screen);
	} else if (screen->canvas.rows != LINES || screen->canvas.cols != COLS) {
		canvas_free(&screen->canvas);
		if (canvas_init(&screen->canvas, LINES, COLS) == -1)
			return;		/* nothing drawn: the next key tries again */
		draw(screen);
		return;
	} else {
		const char *hint = screen->game ? predict_hint(screen->game, screen->player.frame)
						: key_hint;

		names_build(&names, run, screen->options->normalize);
		if (screen->player.message[0])
			snprintf(status, sizeof status, " %s", screen->player.message);
		else if (screen->player.playing)
			snprintf(status, sizeof status, " [playing, %.2g s/frame] %s",
				 (double)player_interval_ms(&screen->player) / 1000, hint);
		else
			snprintf(status, sizeof status, "%s", hint);
		if (screen->game) {
			predict_render(&screen->canvas, screen->model, &names, screen->game,
				       screen->player.frame, status);
		} else {
			story_at(&story, run, screen->player.frame);
			if (screen->player.code)
				render_frame_with_code(&screen->canvas, &view, status);
			else
				render_frame(&screen->canvas, &view, status);
		}
		paint(&screen->canvas);
	}
	refresh();
}

/*** the loop ***/

static long long
now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* The run to show: the one asked for, else the newest. */
static void
choose_run(struct screen *screen)
{
	const char *id = screen->run_id;
	long index = id ? model_find_run(screen->model, id) : 0;

	screen->run_missing = id && index < 0;
	if (index >= 0 && screen->model->count)
		screen->run_slot = screen->model->count - 1 - (size_t)index;
}

/* --follow: whether the log started anew since the last look, as tail -F
 * sees it: cut short (`: > log` leaves it shorter than what was read) or
 * replaced (another file at its path, as a rotation or a new copy leaves it;
 * it is opened on the same stream). Says which in the player's message. */
static int
log_started_anew(struct screen *screen, FILE *log)
{
	const char *path = screen->options->log_name;
	struct stat open_file, at_path;
	int fresh;

	if (fstat(fileno(log), &open_file) == -1)
		return 0;	/* a passing error: the next look may tell */
	if (stat(path, &at_path) == 0 &&
	    (at_path.st_dev != open_file.st_dev || at_path.st_ino != open_file.st_ino)) {
		if ((fresh = open(path, O_RDONLY | O_CLOEXEC)) == -1)
			return 0;
		if (dup2(fresh, fileno(log)) == -1 || fcntl(fileno(log), F_SETFD, FD_CLOEXEC) == -1) {
			close(fresh);
			return 0;
		}
		close(fresh);
		snprintf(screen->player.message, sizeof screen->player.message,
			 "the log was replaced by a new file: reading that one from its start");
	} else if (open_file.st_size < ftello(log)) {
		snprintf(screen->player.message, sizeof screen->player.message,
			 "the log was cut short: reading it again from its start");
	} else {
		return 0;
	}
	rewind(log);	/* drops what was buffered of the old file */
	return 1;
}

/* --follow: reads new records; a follower at the end of the newest run moves
 * on to a run that starts after it, and a run asked for by ID is shown from
 * its first frame once it appears. */
static enum outcome
read_on(struct screen *screen, FILE *log)
{
	size_t runs = screen->model->count;
	size_t frames = shown_run(screen) ? shown_run(screen)->count : 0;
	int at_end = frames == 0 || screen->player.frame + 1 == frames;

	if (log_started_anew(screen, log)) {
		/* the runs read are gone: follow the new file's newest, as
		 * plain --follow does, whatever --run asked for */
		model_free(screen->model);
		screen->run_id = NULL;
		screen->run_missing = 0;
		if (model_read(screen->model, log, LOG_READ_WHOLE_LINES) == -1)
			return OUTCOME_REDRAW;
		choose_run(screen);
		screen->player.frame = shown_run(screen) ? shown_run(screen)->count - 1 : 0;
		return OUTCOME_REDRAW;
	}
	if (model_read(screen->model, log, LOG_READ_WHOLE_LINES) == -1)
		return OUTCOME_NOTHING;	/* a passing error: the next look may read */
	if (screen->run_missing) {
		choose_run(screen);
		screen->player.frame = 0;
		return screen->run_missing ? OUTCOME_NOTHING : OUTCOME_REDRAW;
	}
	if (screen->model->count == runs && (runs == 0 || shown_run(screen)->count == frames))
		return OUTCOME_NOTHING;
	if (screen->model->count != runs && at_end && screen->run_id == NULL) {
		choose_run(screen);
		screen->player.frame = shown_run(screen)->count - 1;
		return OUTCOME_REDRAW;
	}
	if (runs == 0)
		choose_run(screen);
	return player_grew(&screen->player, frames, shown_run(screen));
}

/* The score stays on the terminal once the screen is gone. */
static void
print_score(struct predict *game)
{
	struct score score;
	char total[160];

	predict_score(game, &score);
	if (score.right + score.wrong + score.skipped > 0) {
		predict_score_text(game, total, sizeof total);
		printf("daemon-viewer --predict: %s (run %s)\n", total, game->run->id);
	}
}

int
view_run(struct model *model, FILE *log, const struct view_options *options)
{
	struct screen screen = { .model = model, .options = options, .run_id = options->run_id };
	enum outcome outcome = OUTCOME_REDRAW;
	long long last_read = now_ms();

	player_init(&screen.player, options->follow);
	screen.player.code = options->code;
	choose_run(&screen);
	/* tail -f starts at the end; a run asked for by name is replayed from
	 * its start, and followed once its last frame is reached */
	if (options->follow && shown_run(&screen) && options->run_id == NULL)
		screen.player.frame = shown_run(&screen)->count - 1;

	if (options->predict) {
		if (predict_start(&screen.predictions, shown_run(&screen)) == -1) {
			fprintf(stderr, "daemon-viewer: the questions: %s\n", strerror(errno));
			return 1;
		}
		screen.game = &screen.predictions;
	}

	catch_stop_signals();
	if (open_screen() == -1) {
		fprintf(stderr, "daemon-viewer: cannot use this terminal (TERM=%s)\n",
			getenv("TERM") ? getenv("TERM") : "");
		if (screen.game)
			predict_free(screen.game);
		return 1;
	}
	while (outcome != OUTCOME_QUIT && !stop_signal) {
		int key;

		if (outcome == OUTCOME_REDRAW)
			draw(&screen);
		key = getch();
		if (stop_signal)
			break;
		if (key == KEY_RESIZE)
			outcome = OUTCOME_REDRAW;
		else if (key == ESCAPE) {
			drop_escape_sequence();
			outcome = OUTCOME_NOTHING;
		} else if (key != ERR)
			outcome = predict_apply(screen.game, &screen.player, command_of(key),
						shown_run(&screen), now_ms());
		else
			outcome = predict_tick(screen.game, &screen.player, shown_run(&screen),
					       now_ms());
		if (options->follow && outcome != OUTCOME_QUIT && now_ms() - last_read >= FOLLOW_EVERY_MS) {
			enum outcome grown = read_on(&screen, log);
			if (grown == OUTCOME_REDRAW)
				outcome = grown;
			last_read = now_ms();
		}
	}
	restore_terminal();
	canvas_free(&screen.canvas);
	if (screen.game) {
		print_score(screen.game);
		predict_free(screen.game);
	}
	if (stop_signal) {
		/* die of the signal, so the shell sees what happened */
		signal(stop_signal, SIG_DFL);
		raise(stop_signal);
	}
	return 0;
}
