/* canvas.h - a grid of characters, each with a role, that a frame is drawn on.
 *
 * The frame is laid out once, on a canvas: the curses view paints it with the
 * attribute of each role, --dump prints its text. So the screen and the dump
 * show the same frame, and layout is tested without a terminal. Text on a
 * canvas is ASCII: any other byte is drawn as '?', so no locale can garble it.
 */
#ifndef DAEMON_STEPS_VIEWER_CANVAS_H
#define DAEMON_STEPS_VIEWER_CANVAS_H

/* What a character is for; the view picks colours and attributes by role. */
enum role {
	ROLE_NORMAL,
	ROLE_TITLE,	/* headings */
	ROLE_CURRENT,	/* the current timeline stop, the current process */
	ROLE_CHANGED,	/* a value this transition changed */
	ROLE_OLD,	/* the value before it */
	ROLE_DIM,	/* ghosts, skipped steps, borders of the past */
	ROLE_MET,	/* a checklist item met */
	ROLE_UNMET,	/* a checklist item not met */
	ROLE_ERROR,	/* failures, bad lines */
	ROLE_HINT,	/* the key hints */
	ROLE_COUNT
};

struct canvas {
	int rows, cols;
	char *text;		/* rows * cols characters */
	unsigned char *roles;	/* the role of each */
};

/* Returns 0, or -1 when memory ran out. The canvas starts blank. */
int canvas_init(struct canvas *canvas, int rows, int cols);
void canvas_free(struct canvas *canvas);
void canvas_clear(struct canvas *canvas);

/* Blanks count rows from top. */
void canvas_clear_rows(struct canvas *canvas, int top, int count);

/* Copies the first rows rows of from onto canvas, from's top left corner at
 * (top, left); what falls outside canvas is left out. */
void canvas_paste(struct canvas *canvas, int top, int left, const struct canvas *from, int rows);

/* Writes text at (row, col), cut at the right edge or after max columns;
 * returns the column after the last character written. */
int canvas_put(struct canvas *canvas, int row, int col, enum role role, const char *text);
int canvas_put_max(struct canvas *canvas, int row, int col, enum role role,
		   const char *text, int max);

/* The same for a label (a box's title, a process in a box): when cut, its
 * last character shown is '~', so a cut number is not read as another. */
int canvas_put_label(struct canvas *canvas, int row, int col, enum role role,
		     const char *text, int max);

/* A box of +, - and | with a title in its top edge. */
void canvas_box(struct canvas *canvas, int top, int left, int height, int width,
		enum role role, const char *title);

/*
 * Writes text word-wrapped into width columns from (row, col), on at most
 * max_rows rows; what does not fit ends in "...". The first line starts at
 * column col + indent. Returns the rows used; with canvas NULL, only counts.
 */
int canvas_wrap(struct canvas *canvas, int row, int col, int width, int max_rows,
		int indent, enum role role, const char *text);

/* Moves a row's text and roles to another row, leaving blanks behind. */
void canvas_move_row(struct canvas *canvas, int from, int to);

/* The text of a row without its trailing blanks, into out (cols + 1 bytes). */
void canvas_row_text(const struct canvas *canvas, int row, char *out);

#endif
