/* dump.c - every frame of a run as text (--dump), and the runs of a log
 * (--list); see render.h. */
#include "layout.h"

#include <errno.h>
#include <string.h>

int
render_dump(FILE *out, const struct model *model, const struct run *run,
	    const char *log_name, int normalize, int width, int code)
{
	struct canvas canvas;
	struct story story;
	struct names names;
	char summary[TEXT_MAX], line[TEXT_MAX], time[64];
	struct frame_view view = { model, run, &story, &names, EXPLAIN_BELOW };

	if (canvas_init(&canvas, RENDER_DUMP_ROWS, width) == -1)
		return -1;
	names_build(&names, run, normalize);
	render_log_summary(model, summary, sizeof summary);
	fprintf(out, "daemon-viewer: %s: %s\n", log_name, summary);
	fprintf(out, "run %s: %zu records in %zu frames\n", normalize ? "<run>" : run->id,
		run->records, run->count);

	story_start(&story, run);
	for (size_t f = 0; f < run->count; f++) {
		int rows;

		story_advance(&story, f);
		rows = code ? render_frame_with_code(&canvas, &view, NULL)
			    : render_frame(&canvas, &view, NULL);
		names_time(&names, entry_text(run->frames[f].record, "time"), time, sizeof time);
		if (normalize)
			fprintf(out, "\n--- frame %zu/%zu, %s ---\n", f + 1, run->count, time);
		else
			fprintf(out, "\n--- frame %zu/%zu, log line %zu, %s ---\n", f + 1, run->count,
				run->frames[f].line, time);
		for (int r = 0; r < rows; r++) {
			canvas_row_text(&canvas, r, line);
			fprintf(out, "%s\n", line);
		}
	}
	canvas_free(&canvas);
	if (fflush(out) == EOF || ferror(out)) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return 0;
}

int
render_list(FILE *out, const struct model *model)
{
	char summary[TEXT_MAX];

	render_log_summary(model, summary, sizeof summary);
	fprintf(out, "%s\n", summary);
	for (size_t i = 0; i < model->count; i++) {
		const struct run *run = model_run(model, i);
		const struct entry *first = run->frames[0].record;
		char subject[TEXT_MAX];
		run_subject(run, subject, sizeof subject);
		fprintf(out, "%-32s %s  %6zu records %5zu frames  %s%s\n", run->id,
			entry_text(first, "time"), run->records, run->count, subject,
			i == 0 ? "  (newest)" : "");
	}
	return fflush(out) == EOF || ferror(out) ? -1 : 0;
}
