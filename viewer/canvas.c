/* canvas.c - a grid of characters with roles (see canvas.h). */
#include "canvas.h"

#include <stdlib.h>
#include <string.h>

int
canvas_init(struct canvas *canvas, int rows, int cols)
{
	size_t cells = (size_t)(rows > 0 ? rows : 0) * (size_t)(cols > 0 ? cols : 0);

	canvas->rows = rows;
	canvas->cols = cols;
	canvas->text = malloc(cells ? cells : 1);
	canvas->roles = malloc(cells ? cells : 1);
	if (canvas->text == NULL || canvas->roles == NULL) {
		canvas_free(canvas);
		return -1;
	}
	canvas_clear(canvas);
	return 0;
}

void
canvas_free(struct canvas *canvas)
{
	free(canvas->text);
	free(canvas->roles);
	canvas->text = NULL;
	canvas->roles = NULL;
	canvas->rows = canvas->cols = 0;
}

void
canvas_clear(struct canvas *canvas)
{
	size_t cells = (size_t)canvas->rows * (size_t)canvas->cols;

	memset(canvas->text, ' ', cells);
	memset(canvas->roles, ROLE_NORMAL, cells);
}

void
canvas_clear_rows(struct canvas *canvas, int top, int count)
{
	if (top < 0) {
		count += top;
		top = 0;
	}
	if (count > canvas->rows - top)
		count = canvas->rows - top;
	if (count <= 0)
		return;
	memset(canvas->text + (size_t)top * (size_t)canvas->cols, ' ',
	       (size_t)count * (size_t)canvas->cols);
	memset(canvas->roles + (size_t)top * (size_t)canvas->cols, ROLE_NORMAL,
	       (size_t)count * (size_t)canvas->cols);
}

void
canvas_paste(struct canvas *canvas, int top, int left, const struct canvas *from, int rows)
{
	int cols = from->cols < canvas->cols - left ? from->cols : canvas->cols - left;

	if (left < 0 || cols <= 0)
		return;
	if (rows > from->rows)
		rows = from->rows;
	for (int row = top < 0 ? -top : 0; row < rows && top + row < canvas->rows; row++) {
		size_t to = (size_t)(top + row) * (size_t)canvas->cols + (size_t)left;
		size_t at = (size_t)row * (size_t)from->cols;

		memcpy(canvas->text + to, from->text + at, (size_t)cols);
		memcpy(canvas->roles + to, from->roles + at, (size_t)cols);
	}
}

static void
put_char(struct canvas *canvas, int row, int col, enum role role, char c)
{
	size_t at;

	if (row < 0 || row >= canvas->rows || col < 0 || col >= canvas->cols)
		return;
	at = (size_t)row * (size_t)canvas->cols + (size_t)col;
	/* printable ASCII only: a control byte or half a UTF-8 character
	 * would move the cursor or garble the terminal */
	canvas->text[at] = c >= ' ' && c <= '~' ? c : '?';
	canvas->roles[at] = (unsigned char)role;
}

int
canvas_put_max(struct canvas *canvas, int row, int col, enum role role,
	       const char *text, int max)
{
	for (int i = 0; text[i] && i < max && col < canvas->cols; i++)
		put_char(canvas, row, col++, role, text[i]);
	return col;
}

int
canvas_put_label(struct canvas *canvas, int row, int col, enum role role,
		 const char *text, int max)
{
	int end = canvas_put_max(canvas, row, col, role, text, max);

	/* a cut label ends in '~': "group 46~" must not pass for group 46 */
	if (end > col && (size_t)(end - col) < strlen(text))
		put_char(canvas, row, end - 1, role, '~');
	return end;
}

int
canvas_put(struct canvas *canvas, int row, int col, enum role role, const char *text)
{
	return canvas_put_max(canvas, row, col, role, text, canvas->cols);
}

void
canvas_box(struct canvas *canvas, int top, int left, int height, int width,
	   enum role role, const char *title)
{
	int bottom = top + height - 1, right = left + width - 1;

	if (height < 2 || width < 2)
		return;
	for (int col = left + 1; col < right; col++) {
		put_char(canvas, top, col, role, '-');
		put_char(canvas, bottom, col, role, '-');
	}
	for (int row = top + 1; row < bottom; row++) {
		put_char(canvas, row, left, role, '|');
		put_char(canvas, row, right, role, '|');
	}
	put_char(canvas, top, left, role, '+');
	put_char(canvas, top, right, role, '+');
	put_char(canvas, bottom, left, role, '+');
	put_char(canvas, bottom, right, role, '+');
	if (title && title[0] && width > 6) {
		int end = canvas_put_max(canvas, top, left + 2, role, " ", 1);
		end = canvas_put_label(canvas, top, end, role, title, width - 6);
		put_char(canvas, top, end, role, ' ');
	}
}

int
canvas_wrap(struct canvas *canvas, int row, int col, int width, int max_rows,
	    int indent, enum role role, const char *text)
{
	int used = 0, x = indent;
	const char *p = text;

	if (width < 4 || max_rows < 1)
		return 0;
	while (*p) {
		size_t word = strcspn(p, " ");
		int room = width - x - (x > 0 ? 1 : 0);

		if ((int)word > room && x > 0) {	/* the word goes on the next line */
			if (used + 1 == max_rows) {
				if (canvas) {
					int at = x + 3 <= width ? x : width - 3;
					canvas_put(canvas, row + used, col + at, role, "...");
				}
				return used + 1;
			}
			used++;
			x = 0;
			continue;
		}
		if (x > 0)
			x++;
		if ((int)word > width - x)	/* longer than a line: cut it */
			word = (size_t)(width - x);
		if (canvas)
			canvas_put_max(canvas, row + used, col + x, role, p, (int)word);
		x += (int)word;
		p += word;
		while (*p == ' ')
			p++;
	}
	return x > 0 || used > 0 ? used + 1 : 0;
}

void
canvas_move_row(struct canvas *canvas, int from, int to)
{
	size_t cols = (size_t)canvas->cols;

	if (from < 0 || to < 0 || from >= canvas->rows || to >= canvas->rows || from == to)
		return;
	memcpy(canvas->text + (size_t)to * cols, canvas->text + (size_t)from * cols, cols);
	memcpy(canvas->roles + (size_t)to * cols, canvas->roles + (size_t)from * cols, cols);
	memset(canvas->text + (size_t)from * cols, ' ', cols);
	memset(canvas->roles + (size_t)from * cols, ROLE_NORMAL, cols);
}

void
canvas_row_text(const struct canvas *canvas, int row, char *out)
{
	int len = canvas->cols;
	const char *text = canvas->text + (size_t)row * (size_t)canvas->cols;

	while (len > 0 && text[len - 1] == ' ')
		len--;
	memcpy(out, text, (size_t)len);
	out[len] = '\0';
}
