/* codepane.c - a frame with its code (key c, --code; see render.h): the lines
 * of the program that made the frame's change (source.h), numbered as in the
 * file, the call marked '>'. Beside the frame on a wide screen; on a narrower
 * one in place of the diagram and the explanation, below the state it
 * changed; in --dump, after the whole frame. */
#include "layout.h"

#include <string.h>

#include "source.h"

enum {
	TAB_STOP = 8,		/* as the files are written, and as cat shows them */
	PANE_MAX_COLS = 100,	/* wider than the longest line: the frame gets the rest */
	DUMP_PANE_ROWS = 30,	/* a step's lines, and a long function around its call */
	SEPARATOR = 2		/* the '|' between frame and code, and a blank */
};

/* A line as shown: tabs expanded, indent columns taken off; with squeeze,
 * a run of tabs after the text (aligning a comment at the right margin) is
 * two blanks. Returns its length. */
static int
shown_line(const char *line, int indent, int squeeze, char *out, size_t size)
{
	size_t len = 0;
	int col = 0, text_began = 0;

	for (const char *p = line; *p && len + TAB_STOP < size; p++) {
		int to = *p != '\t' ? col + 1
			 : squeeze && text_began ? col + 2 : (col / TAB_STOP + 1) * TAB_STOP;

		if (*p == '\t' && squeeze && text_began && p[-1] == '\t')
			continue;	/* the rest of the run */
		text_began |= *p != '\t' && *p != ' ';
		for (; col < to; col++)
			if (col >= indent)
				out[len++] = *p == '\t' ? ' ' : *p;
	}
	out[len] = '\0';
	return (int)len;
}

static int
indent_of(const char *line)
{
	int col = 0;

	for (; *line == ' ' || *line == '\t'; line++)
		col = *line == '\t' ? (col / TAB_STOP + 1) * TAB_STOP : col + 1;
	return col;
}

/* The columns every line of the excerpt is indented by, at least. */
static int
common_indent(const struct excerpt *excerpt)
{
	int least = -1;

	for (int n = excerpt->first; n <= excerpt->last; n++) {
		const char *line = source_line(excerpt->file, n);
		if (line[strspn(line, " \t")] != '\0' && (least == -1 || indent_of(line) < least))
			least = indent_of(line);
	}
	return least > 0 ? least : 0;
}

/* Whether the right-margin comments are brought in: when a line would be
 * cut without it, every line is, so that the comments stay in one column. */
static int
needs_squeeze(const struct excerpt *excerpt, int indent, int room)
{
	char text[TEXT_MAX];

	for (int n = excerpt->first; n <= excerpt->last; n++)
		if (shown_line(source_line(excerpt->file, n), indent, 0, text, sizeof text) > room)
			return 1;
	return 0;
}

/* The rows --dump gives the pane: the whole excerpt with its title, up to
 * DUMP_PANE_ROWS. */
static int
pane_rows(const struct excerpt *excerpt, int width, const char *missing)
{
	int rows = excerpt->file ? 1 + excerpt->last - excerpt->first + 1
				 : 1 + canvas_wrap(NULL, 0, 0, width, 100, 0, ROLE_NORMAL, missing);

	return rows < DUMP_PANE_ROWS ? rows : DUMP_PANE_ROWS;
}

/* The first line to show in rows rows: the excerpt's first when it fits,
 * else a window with the call near its top, a "..." row where lines are left
 * out above or below. */
static int
first_shown(const struct excerpt *excerpt, int rows)
{
	int start = excerpt->first;

	if (excerpt->last - excerpt->first + 1 > rows && excerpt->call) {
		start = excerpt->call - (rows - 2) / 3 - 1;
		if (start > excerpt->last - rows + 1)
			start = excerpt->last - rows + 1;
		if (start < excerpt->first)
			start = excerpt->first;
	}
	return start;
}

struct code_look {
	int digits;		/* of the numbers */
	int indent;		/* columns every line gives up */
	int squeeze;		/* right-margin comments brought in */
};

static void
draw_code_line(struct canvas *canvas, int row, int left, int width, const struct excerpt *excerpt,
	       int n, const struct code_look *look)
{
	char prefix[32], text[TEXT_MAX];
	int is_call = n == excerpt->call;
	enum role role = is_call ? ROLE_CURRENT : ROLE_NORMAL;
	int col, room;

	snprintf(prefix, sizeof prefix, "%*d %c ", look->digits, n, is_call ? '>' : ' ');
	col = canvas_put_max(canvas, row, left, role, prefix, width);
	room = left + width - col;
	if (shown_line(source_line(excerpt->file, n), look->indent, look->squeeze, text,
		       sizeof text) > room && room > 3) {
		canvas_put_max(canvas, row, col, role, text, room - 3);
		canvas_put(canvas, row, col + room - 3, ROLE_DIM, "...");
		return;
	}
	col = canvas_put_max(canvas, row, col, role, text, room);
	for (; is_call && col < left + width; col++)	/* the call's bar spans the pane */
		canvas_put(canvas, row, col, role, " ");
}

static void
draw_code_pane(struct canvas *canvas, int top, int left, int height, int width,
	       const struct excerpt *excerpt, const char *missing)
{
	char title[TEXT_MAX];
	int rows = height - 1, start;
	struct code_look look;

	if (height < 1)
		return;
	if (excerpt->file == NULL) {
		canvas_put_max(canvas, top, left, ROLE_TITLE, "No code for this frame", width);
		canvas_wrap(canvas, top + 1, left, width, rows, 0, ROLE_NORMAL, missing);
		return;
	}
	snprintf(title, sizeof title, "%s, %s(), lines %d-%d", excerpt->file->path,
		 excerpt->function, excerpt->first, excerpt->last);
	canvas_put_label(canvas, top, left, ROLE_TITLE, title, width);

	look.digits = snprintf(NULL, 0, "%d", excerpt->last);
	look.indent = common_indent(excerpt);
	look.squeeze = needs_squeeze(excerpt, look.indent, width - look.digits - 3);
	start = first_shown(excerpt, rows);
	for (int i = 0; i < rows && start + i <= excerpt->last; i++) {
		int n = start + i;
		if ((i == 0 && n > excerpt->first) || (i == rows - 1 && n < excerpt->last))
			canvas_put_max(canvas, top + 1 + i, left + look.digits + 3, ROLE_DIM, "...",
				       width - look.digits - 3);
		else
			draw_code_line(canvas, top + 1 + i, left, width, excerpt, n, &look);
	}
}

/* Why a frame has no code: its program is not one whose source we have, or
 * none of its lines stands for this frame's event. */
static void
missing_text(const struct entry *record, char *out, size_t size)
{
	const char *prog = field_or_unknown(record, "prog");
	char name[64];

	snprintf(name, sizeof name, "steps/%s.c", prog);
	for (size_t i = 0; i < step_source_count; i++)
		if (strcmp(step_sources[i].path, name) == 0) {
			snprintf(out, size, "No lines of %s stand for this frame's event (%s).",
				 name, field_or_unknown(record, "event"));
			return;
		}
	snprintf(out, size, "This frame is about %s, which is not one of the programs whose "
		 "code the viewer has: the seven steps, heartbeatd and popquiz.", prog);
}

/* From RENDER_CODE_BESIDE_COLS on: the frame at the left, as on a screen
 * of its width, the code at the right. */
static int
code_beside(struct canvas *canvas, const struct frame_view *view, const char *status,
	    const struct excerpt *excerpt, const char *missing)
{
	int width = canvas->cols - RENDER_MIN_COLS - SEPARATOR;
	struct canvas frame;
	int rows, height, tallest;

	if (width > PANE_MAX_COLS)
		width = PANE_MAX_COLS;
	if (canvas_init(&frame, canvas->rows, canvas->cols - width - SEPARATOR) == -1)
		return render_frame(canvas, view, status);	/* no memory: no code */
	rows = render_frame(&frame, view, status);
	if (status) {
		/* the status line keeps the whole width: only what is above it
		 * moves aside */
		render_frame(canvas, view, status);
		rows = canvas->rows - 1;
		canvas_clear_rows(canvas, 0, rows);
	} else {
		canvas_clear(canvas);
	}
	canvas_paste(canvas, 0, 0, &frame, rows);
	height = status ? rows : pane_rows(excerpt, width, missing);
	tallest = rows > height ? rows : height;
	for (int row = 0; row < tallest; row++)
		canvas_put(canvas, row, frame.cols, ROLE_DIM, "|");
	draw_code_pane(canvas, 0, frame.cols + SEPARATOR, height, width, excerpt, missing);
	canvas_free(&frame);
	return status ? canvas->rows : tallest;
}

int
render_frame_with_code(struct canvas *canvas, const struct frame_view *view, const char *status)
{
	const struct entry *record = current_frame(view)->record;
	const int below_state = STATE_TOP + panel_rows(canvas, status != NULL);
	struct excerpt excerpt;
	char missing[TEXT_MAX];
	int rows, top;

	excerpt_of(record, &excerpt);
	missing_text(record, missing, sizeof missing);
	if (canvas->cols >= RENDER_CODE_BESIDE_COLS)
		return code_beside(canvas, view, status, &excerpt, missing);

	rows = render_frame(canvas, view, status);
	if (status) {
		/* below the state it changed: the diagram and the explanation
		 * give way (c brings them back); a blank row first when the
		 * screen is taller than the smallest */
		top = below_state + (canvas->rows > RENDER_MIN_ROWS);
		canvas_clear_rows(canvas, below_state, canvas->rows - 1 - below_state);
		draw_code_pane(canvas, top, 0, canvas->rows - 1 - top, canvas->cols, &excerpt,
			       missing);
		return canvas->rows;
	}
	top = rows + 1;
	rows = pane_rows(&excerpt, canvas->cols, missing);
	draw_code_pane(canvas, top, 0, rows, canvas->cols, &excerpt, missing);
	return top + rows;
}
