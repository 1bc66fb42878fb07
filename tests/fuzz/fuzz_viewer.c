/* fuzz_viewer.c - libFuzzer target: the record parser and the frame builder.
 *
 * The input is a log: it goes through log_read() and the model as a file
 * would, then every frame of every run is told and laid out, plain and
 * normalized, with the code pane and without (below the state, and beside the
 * frame on a wide canvas), so the story, the names and the layout see what the
 * parser let through; and --predict's questions of every run are asked and
 * revealed; and each run is written as a web page (--html), whose every tag
 * must be one the page writer writes, and whose one script its own: a value
 * of the log that came through as markup aborts. Built with clang -fsanitize=fuzzer,address,undefined when
 * DAEMON_STEPS_FUZZ=ON; tests/fuzz/run-fuzz.sh runs it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "html.h"
#include "model.h"
#include "names.h"
#include "predict.h"
#include "predict_screen.h"
#include "render.h"
#include "story.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
lay_out_every_frame(const struct model *model, struct canvas *canvas, int normalize)
{
	for (size_t r = 0; r < model->count; r++) {
		const struct run *run = model_run(model, r);
		struct story story;
		struct names names;
		struct frame_view view = { model, run, &story, &names, EXPLAIN_BELOW };

		names_build(&names, run, normalize);
		story_start(&story, run);
		for (size_t f = 0; f < run->count; f++) {
			story_advance(&story, f);
			render_frame(canvas, &view, normalize ? NULL : "keys");
			render_frame_with_code(canvas, &view, normalize ? NULL : "keys");
		}
	}
}

static void
predict_every_frame(const struct model *model, struct canvas *canvas)
{
	for (size_t r = 0; r < model->count; r++) {
		const struct run *run = model_run(model, r);
		struct predict game;
		struct names names;

		if (predict_start(&game, run) == -1)
			continue;
		names_build(&names, run, 0);
		for (size_t p = 0; p < game.count; p++) {
			struct prediction *prediction = &game.predictions[p];

			predict_render(canvas, model, &names, &game, prediction->frame, "keys");
			for (int i = 0; i < prediction->count; i++)
				prediction->questions[i].guess = i % 2 ? GUESS_NO : GUESS_YES;
			predict_render(canvas, model, &names, &game, prediction->frame, "keys");
		}
		game.score_shown = 1;
		predict_render(canvas, model, &names, &game, 0, "keys");
		predict_free(&game);
	}
}

/* The tags html.c writes: any other in a page came from the log. */
static int
is_page_tag(const char *name, size_t len)
{
	static const char *const tags[] = {
		"!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2",
		"h3", "p", "details", "summary", "dl", "dt", "dd", "nav", "div", "button", "output",
		"main", "section", "span", "code", "ol", "ul", "li", "table", "caption", "tr", "td",
		"th", "del", "ins", "strong", "script",
	};

	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (strlen(tags[i]) == len && strncmp(tags[i], name, len) == 0)
			return 1;
	return 0;
}

static void
write_every_page(const struct model *model, int normalize)
{
	for (size_t r = 0; r < model->count; r++) {
		char *page = NULL;
		size_t size = 0, scripts = 0;
		FILE *out = open_memstream(&page, &size);

		if (out == NULL)
			return;
		(void)render_html(out, model, model_run(model, r), "fuzz.log", normalize);
		fclose(out);
		for (const char *tag = strchr(page, '<'); tag; tag = strchr(tag + 1, '<')) {
			const char *name = tag + 1 + (tag[1] == '/');
			size_t len = strspn(name, "!ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

			if (len == 0)
				continue;	/* the script's "n < 1": not a tag */
			if (!is_page_tag(name, len)) {
				fprintf(stderr, "fuzz-viewer: a tag the page does not write: %.40s\n", tag);
				abort();
			}
			scripts += tag[1] != '/' && len == 6 && strncmp(name, "script", 6) == 0;
		}
		if (scripts != 1) {
			fprintf(stderr, "fuzz-viewer: %zu scripts in a page\n", scripts);
			abort();
		}
		free(page);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model model;
	struct canvas screen, dump, wide;
	FILE *log;

	if (size == 0)
		return 0;	/* fmemopen wants a buffer */
	log = fmemopen((void *)data, size, "r");
	if (log == NULL)
		return 0;
	model_init(&model);
	(void)model_read(&model, log, LOG_READ_ALL);
	fclose(log);

	if (canvas_init(&screen, RENDER_MIN_ROWS, RENDER_MIN_COLS) == 0 &&
	    canvas_init(&dump, RENDER_DUMP_ROWS, RENDER_MIN_COLS) == 0 &&
	    canvas_init(&wide, RENDER_MIN_ROWS, RENDER_CODE_BESIDE_COLS) == 0) {
		lay_out_every_frame(&model, &screen, 0);
		lay_out_every_frame(&model, &dump, 1);
		lay_out_every_frame(&model, &wide, 0);
		predict_every_frame(&model, &screen);
		write_every_page(&model, 0);
		write_every_page(&model, 1);
	}
	canvas_free(&screen);
	canvas_free(&dump);
	canvas_free(&wide);
	model_free(&model);
	return 0;
}
