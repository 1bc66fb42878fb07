/* predict_screen.c - the questions, the marks and the score on a canvas (see
 * predict_screen.h). */
#include "predict_screen.h"

#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "render.h"
#include "story.h"

enum {
	LINE_MAX = 512,		/* a row of the canvas, at most 400 columns */
	PART_MAX = 256,		/* a part of one */
	MARK_WIDTH = 8,		/* "skipped " */
	COLUMNS_MAX = 3
};

const char *const predict_help[] = {
	"y  n  s                yes, no, skip the question (--predict)",
	"Right                  reveal the frame: the questions left are skipped",
	"q                      the score first; q again quits",
	NULL,
};

/* "7 of 10 right, 2 skipped", "2 skipped", "no answers yet" */
static void
score_words(int right, int wrong, int skipped, char *out, size_t size)
{
	int used = 0;

	if (right + wrong > 0)
		used = snprintf(out, size, "%d of %d right", right, right + wrong);
	if (skipped && used >= 0 && (size_t)used < size)
		snprintf(out + used, size - (size_t)used, "%s%d skipped", used ? ", " : "",
			 skipped);
	else if (right + wrong == 0)
		snprintf(out, size, "no answers yet");
}

void
predict_score_text(const struct predict *game, char *out, size_t size)
{
	struct score score;

	predict_score(game, &score);
	score_words(score.right, score.wrong, score.skipped, out, size);
}

const char *
predict_hint(const struct predict *game, size_t frame)
{
	struct score score;
	int answered;

	predict_score(game, &score);
	answered = score.right + score.wrong + score.skipped > 0;
	if (game->score_shown)
		return " q quit  any other key: back to the frames";
	if (predict_asking(game, frame))
		return " y yes  n no  s skip  -> reveal  <- back  ? help  q score";
	if (frame + 1 >= game->run->count)
		return answered ? " -> the score  <- back  1-7 jump  p play  ? help  q score"
				: " -> the score  <- back  1-7 jump  p play  ? help  q quit";
	return answered ? " <- -> step  1-7 jump  p play  +/- speed  ? help  q score"
			: " <- -> step  1-7 jump  p play  +/- speed  ? help  q quit";
}

/* The words of a mark, and its role. */
static const char *
mark_of(const struct question *question, enum role *role)
{
	if (question->guess == GUESS_SKIPPED) {
		*role = ROLE_DIM;
		return "skipped";
	}
	if (question_right(question)) {
		*role = ROLE_MET;
		return "right";
	}
	*role = ROLE_ERROR;
	return "WRONG";
}

static const char *
answer_of(enum guess guess)
{
	return guess == GUESS_YES ? "yes"
	       : guess == GUESS_NO ? "no"
	       : guess == GUESS_SKIPPED ? "skip"
	       : "";
}

/* The widest question, as asked or as marked. */
static int
widest(const struct prediction *prediction, int asking)
{
	int width = 0;

	for (int i = 0; i < prediction->count; i++) {
		const struct question *question = &prediction->questions[i];
		int len = (int)strlen(asking ? question->ask : question->fact);
		if (len > width)
			width = len;
	}
	return width;
}

/* The columns of the panel: as many as the questions fit in side by side (up
 * to three), then as few as its rows need. */
static int
columns_of(const struct prediction *prediction, int cols, int asking)
{
	/* "> question y/n? " or " WRONG   fact ", a blank between cells */
	int cell = asking ? 2 + widest(prediction, 1) + 1 + 4 + 1
			  : 1 + MARK_WIDTH + widest(prediction, 0) + 1;
	int columns = prediction->count < COLUMNS_MAX ? prediction->count : COLUMNS_MAX;
	int rows;

	while (columns > 1 && cell > cols / columns)
		columns--;
	rows = (prediction->count + columns - 1) / columns;
	return (prediction->count + rows - 1) / rows;
}

/* A rule across the row with left and right in it, as the boxes' titles. */
static void
draw_rule(struct canvas *canvas, int row, const char *left, const char *right)
{
	int right_at = canvas->cols - 3 - (int)strlen(right), end;

	for (int col = 0; col < canvas->cols; col++)
		canvas_put(canvas, row, col, ROLE_DIM, "-");
	canvas_put(canvas, row, 2, ROLE_DIM, " ");
	end = canvas_put_label(canvas, row, 3, ROLE_TITLE, left, right_at - 5);
	canvas_put(canvas, row, end, ROLE_DIM, " ");
	canvas_put(canvas, row, right_at - 1, ROLE_DIM, " ");
	end = canvas_put(canvas, row, right_at, ROLE_NORMAL, right);
	canvas_put(canvas, row, end, ROLE_DIM, " ");
}

/* What the step about to be shown does: "setsid(): a session of its own". */
static void
subject_of(const struct names *names, const struct entry *record, char *out, size_t size)
{
	const char *quiz = entry_get(record, "quiz");
	const char *tried = entry_get(record, "tried_tty");
	const char *call = step_call(entry_text(record, "step"));
	char path[PART_MAX];

	if (quiz)
		snprintf(out, size, "the pop quiz, %s", quiz);
	else if (tried)
		snprintf(out, size, "%s opens %s", entry_text(record, "prog"),
			 names_path(names, tried, path, sizeof path));
	else
		snprintf(out, size, "%s", call ? call : entry_text(record, "prog"));
}

static void
draw_questions(struct canvas *canvas, int top, const struct names *names,
	       const struct predict *game, const struct prediction *prediction, int columns)
{
	const struct question *waiting = prediction_waiting(prediction);
	int rows = (prediction->count + columns - 1) / columns;
	int cell = canvas->cols / columns, ask_width = widest(prediction, 1);
	char subject[PART_MAX], left[LINE_MAX], right[64];

	if (ask_width > cell - 8)	/* one column, and the question is longer */
		ask_width = cell - 8;
	subject_of(names, game->run->frames[prediction->frame].record, subject, sizeof subject);
	snprintf(left, sizeof left, "Predict frame %zu/%zu: %s", prediction->frame + 1,
		 game->run->count, subject);
	snprintf(right, sizeof right, "question %d of %d",
		 (int)(waiting - prediction->questions) + 1, prediction->count);
	draw_rule(canvas, top, left, right);
	for (int i = 0; i < prediction->count; i++) {
		const struct question *question = &prediction->questions[i];
		int row = top + 1 + i % rows, col = i / rows * cell;
		int current = question == waiting;

		canvas_put(canvas, row, col, current ? ROLE_CURRENT : ROLE_NORMAL, current ? ">" : " ");
		canvas_put_label(canvas, row, col + 2, current ? ROLE_CURRENT : ROLE_NORMAL,
				 question->ask, ask_width);
		canvas_put(canvas, row, col + 3 + ask_width, current ? ROLE_CURRENT : ROLE_TITLE,
			   current ? "y/n?" : answer_of(question->guess));
	}
}

static void
draw_marks(struct canvas *canvas, int top, const struct predict *game,
	   const struct prediction *prediction, int columns)
{
	int rows = (prediction->count + columns - 1) / columns, cell = canvas->cols / columns;
	int right = 0, wrong = 0, skipped = 0;
	char left[LINE_MAX], words[PART_MAX], total[PART_MAX], in_all[LINE_MAX];

	for (int i = 0; i < prediction->count; i++) {
		const struct question *question = &prediction->questions[i];
		int row = top + 1 + i % rows, col = i / rows * cell;
		enum role role;
		const char *mark = mark_of(question, &role);

		right += role == ROLE_MET;
		wrong += role == ROLE_ERROR;
		skipped += role == ROLE_DIM;
		canvas_put(canvas, row, col + 1, role, mark);
		canvas_put_label(canvas, row, col + 1 + MARK_WIDTH, ROLE_NORMAL, question->fact,
				 cell - 2 - MARK_WIDTH);
	}
	score_words(right, wrong, skipped, words, sizeof words);
	snprintf(left, sizeof left, "Frame %zu/%zu: %s", prediction->frame + 1, game->run->count,
		 words);
	predict_score_text(game, total, sizeof total);
	snprintf(in_all, sizeof in_all, "in all: %s", total);
	draw_rule(canvas, top, left, in_all);
}

/* A frame with its questions or its marks under it: the frame is laid out in
 * the rows above, its status line moved to the last row. */
static void
draw_frame_and_panel(struct canvas *canvas, const struct model *model, const struct names *names,
		     const struct predict *game, const struct prediction *prediction,
		     const char *status)
{
	int asking = prediction_waiting(prediction) != NULL;
	int columns = columns_of(prediction, canvas->cols, asking);
	int panel = 1 + (prediction->count + columns - 1) / columns;
	struct canvas above = *canvas;
	struct story story;
	struct frame_view view = { model, game->run, &story, names, EXPLAIN_BELOW };

	canvas_clear(canvas);
	above.rows -= panel;
	story_at(&story, game->run, asking ? prediction->shown : prediction->frame);
	render_frame(&above, &view, status);
	canvas_move_row(canvas, above.rows - 1, canvas->rows - 1);
	if (asking)
		draw_questions(canvas, above.rows - 1, names, game, prediction, columns);
	else
		draw_marks(canvas, above.rows - 1, game, prediction, columns);
}

/* "frame  7/27  2 setsid  Will the TTY change?        you said no" */
static void
draw_wrong(struct canvas *canvas, int row, const struct predict *game,
	   const struct prediction *prediction, const struct question *question)
{
	const char *step = entry_text(game->run->frames[prediction->frame].record, "step");
	char frame[48], where[LINE_MAX], said[32];
	int col;

	snprintf(frame, sizeof frame, "%zu/%zu", prediction->frame + 1, game->run->count);
	snprintf(where, sizeof where, "  frame %5s  %-8s  ", frame,
		 timeline[timeline_stop_of(step)].label);
	snprintf(said, sizeof said, "you said %s", answer_of(question->guess));
	col = canvas_put(canvas, row, 1, ROLE_NORMAL, where);
	canvas_put_label(canvas, row, col, ROLE_NORMAL, question->ask,
			 canvas->cols - col - (int)strlen(said) - 3);
	canvas_put(canvas, row, canvas->cols - (int)strlen(said) - 1, ROLE_ERROR, said);
}

static void
draw_score(struct canvas *canvas, const struct predict *game, const char *status)
{
	struct score score;
	char line[LINE_MAX], total[PART_MAX];
	int row = 1, last = canvas->rows - 3;	/* a blank row above the status line */
	int shown = 0;

	canvas_clear(canvas);
	predict_score(game, &score);
	predict_score_text(game, total, sizeof total);
	snprintf(line, sizeof line, "Your predictions: %s", total);
	canvas_put(canvas, row++, 1, ROLE_TITLE, line);
	if (score.waiting) {
		snprintf(line, sizeof line, "%d question%s of this run not answered yet.",
			 score.waiting, score.waiting == 1 ? "" : "s");
		canvas_put(canvas, row++, 1, ROLE_NORMAL, line);
	}
	row++;
	if (score.right + score.wrong > 0)
		canvas_put(canvas, row++, 1, ROLE_TITLE, score.wrong ? "Wrong:" : "None wrong.");
	for (size_t p = 0; p < game->count && row <= last; p++) {
		const struct prediction *prediction = &game->predictions[p];

		for (int i = 0; i < prediction->count && row <= last; i++) {
			const struct question *question = &prediction->questions[i];

			if (question->guess == GUESS_NONE || question->guess == GUESS_SKIPPED ||
			    question_right(question))
				continue;
			if (row == last && score.wrong - shown > 1) {
				snprintf(line, sizeof line,
					 "  ... and %d more: go back to the frames marked WRONG",
					 score.wrong - shown);
				canvas_put(canvas, row++, 1, ROLE_NORMAL, line);
				break;
			}
			draw_wrong(canvas, row++, game, prediction, question);
			shown++;
		}
	}
	canvas_put(canvas, canvas->rows - 1, 0, ROLE_HINT, status);
}

void
predict_render(struct canvas *canvas, const struct model *model, const struct names *names,
	       const struct predict *game, size_t frame, const char *status)
{
	const struct prediction *prediction = predict_find(game, frame);
	struct story story;
	struct frame_view view = { model, game->run, &story, names, EXPLAIN_BELOW };

	if (game->score_shown) {
		draw_score(canvas, game, status);
	} else if (prediction) {
		draw_frame_and_panel(canvas, model, names, game, prediction, status);
	} else {
		story_at(&story, game->run, frame);
		render_frame(canvas, &view, status);
	}
}
