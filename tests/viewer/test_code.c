/* test_code.c - the code pane without a terminal: the source embedded in the
 * viewer is the source tree's, line for line; every kind of frame shows the
 * lines and the call it should; the pane fits 80x24, 100x30 and 160x40.
 *
 * Usage: test_code SOURCE-DIR SAMPLE-LOG
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "canvas.h"
#include "model.h"
#include "runs.h"
#include "names.h"
#include "render.h"
#include "source.h"
#include "story.h"

/* Each embedded file is the file in the source tree, line for line: a stale
 * build, a lost or a doubled line would number every line after it wrongly. */
static void
test_embedded_is_current(const char *source_dir)
{
	static const char *const shown[] = {
		"steps/step0a-reset-signals.c", "steps/step0b-clean-env.c",
		"steps/step1-fork.c", "steps/step2-setsid.c", "steps/step3-fork-again.c",
		"steps/step4-chdir.c", "steps/step5-umask.c", "steps/step6-close-fds.c",
		"steps/step7-reopen-stdio.c", "steps/step8-drop-privileges.c", "steps/heartbeatd.c",
		"steps/popquiz.c",
	};

	CHECK(step_source_count == sizeof shown / sizeof shown[0], "%zu files embedded",
	      step_source_count);
	for (size_t i = 0; i < step_source_count; i++) {
		const struct source_file *file = &step_sources[i];
		char path[4096], line[4096];
		size_t n = 0;
		int differs = 0;
		FILE *in;

		CHECK(i < sizeof shown / sizeof shown[0] && strcmp(file->path, shown[i]) == 0,
		      "embedded: %s", file->path);
		snprintf(path, sizeof path, "%s/%s", source_dir, file->path);
		in = fopen(path, "r");
		CHECK(in != NULL, "cannot read %s", path);
		if (in == NULL)
			continue;
		while (fgets(line, sizeof line, in)) {
			line[strcspn(line, "\n")] = '\0';
			n++;
			differs = n > file->count || strcmp(line, file->lines[n - 1]) != 0;
			CHECK(!differs, "%s: line %zu is \"%s\" in the file, \"%s\" in the viewer",
			      file->path, n, line, n > file->count ? "(none)" : file->lines[n - 1]);
			if (differs)
				break;
		}
		CHECK(differs || n == file->count, "%s: %zu lines in the file, %zu in the viewer",
		      file->path, n, file->count);
		fclose(in);
	}
}

/* The records of a log given as text, in a model. */
static void
model_of(struct model *model, const char *text)
{
	FILE *log = fmemopen((void *)text, strlen(text), "r");

	model_init(model);
	CHECK(log && model_read(model, log, LOG_READ_ALL) == 0, "cannot read the test log");
	if (log)
		fclose(log);
}

/* What record's frame shows: its file, function, and the text of the
 * line marked; call NULL for none. */
static void
expect_excerpt(const struct entry *record, const char *path, const char *function,
	       const char *call)
{
	struct excerpt excerpt;
	const char *what = entry_text(record, "prog");

	excerpt_of(record, &excerpt);
	if (path == NULL) {
		CHECK(excerpt.file == NULL, "%s %s: shows %s, expected no code", what,
		      entry_text(record, "event"), excerpt.file ? excerpt.file->path : "");
		return;
	}
	CHECK(excerpt.file && strcmp(excerpt.file->path, path) == 0, "%s %s: file %s, not %s",
	      what, entry_text(record, "event"), excerpt.file ? excerpt.file->path : "(none)", path);
	if (excerpt.file == NULL)
		return;
	CHECK(strcmp(excerpt.function, function) == 0, "%s %s: function %s, not %s", what,
	      entry_text(record, "event"), excerpt.function, function);
	CHECK(excerpt.first >= 1 && excerpt.first <= excerpt.last &&
	      (size_t)excerpt.last <= excerpt.file->count,
	      "%s: lines %d-%d", path, excerpt.first, excerpt.last);
	CHECK(call == NULL ? excerpt.call == 0
			   : excerpt.call >= excerpt.first && excerpt.call <= excerpt.last &&
				     strstr(source_line(excerpt.file, excerpt.call), call) != NULL,
	      "%s %s: marks line %d \"%s\", expected one with \"%s\"", what,
	      entry_text(record, "event"), excerpt.call, source_line(excerpt.file, excerpt.call),
	      call ? call : "(none)");
}

/* A step's lines are those its main() marks, without a blank at either end. */
static void
expect_marked_step(const struct entry *record)
{
	struct excerpt excerpt;
	int before, after;

	excerpt_of(record, &excerpt);
	if (excerpt.file == NULL)
		return;		/* told by expect_excerpt */
	for (before = excerpt.first - 1; before > 0 && !source_line(excerpt.file, before)[0];)
		before--;
	for (after = excerpt.last + 1; !source_line(excerpt.file, after)[0] &&
	     (size_t)after <= excerpt.file->count;)
		after++;
	CHECK(strcmp(source_line(excerpt.file, before), "\t/*** the step ***/") == 0 &&
	      strcmp(source_line(excerpt.file, after), "\t/*** going on ***/") == 0 &&
	      source_line(excerpt.file, excerpt.first)[0] && source_line(excerpt.file, excerpt.last)[0],
	      "%s: lines %d-%d are not the marked step", excerpt.file->path, excerpt.first,
	      excerpt.last);
}

static const struct {
	const char *step, *event, *quiz;	/* the sample's frame */
	const char *path, *function, *call;
} sample_frames[] = {
	{ "shell", "start", NULL, NULL, NULL, NULL },
	{ "demo", "start", NULL, NULL, NULL, NULL },
	{ "1", "start", NULL, "steps/step1-fork.c", "main", "pid_t child = fork();" },
	{ "1", "parent-exit", NULL, "steps/step1-fork.c", "main", "_exit(0);" },
	{ "1", "after", NULL, "steps/step1-fork.c", "main", "pid_t child = fork();" },
	{ "2", "start", NULL, "steps/step2-setsid.c", "main", "if (setsid() == -1) {" },
	{ "2", "after", NULL, "steps/step2-setsid.c", "main", "if (setsid() == -1) {" },
	{ "3", "parent-exit", NULL, "steps/step3-fork-again.c", "main", "_exit(0);" },
	{ "3", "after", NULL, "steps/step3-fork-again.c", "main", "pid_t child = fork();" },
	{ "4", "after", NULL, "steps/step4-chdir.c", "main", "if (chdir(dir) == -1)" },
	{ "5", "after", NULL, "steps/step5-umask.c", "main", "umask((mode_t)mask);" },
	{ "6", "start", NULL, "steps/step6-close-fds.c", "main", "methods[m].close_all(keep)" },
	{ "6", "after", NULL, "steps/step6-close-fds.c", "close_with_close_range",
	  "syscall(SYS_close_range" },
	{ "7", "after", NULL, "steps/step7-reopen-stdio.c", "main", "open(\"/dev/null\"" },
	{ "daemon", "start", NULL, "steps/heartbeatd.c", "main", "program_start(" },
	{ "daemon", "after", NULL, "steps/heartbeatd.c", "try_terminal", "fd = open(path" },
	{ "daemon", "heartbeat", NULL, "steps/heartbeatd.c", "beat", "printed = printf(" },
	{ "daemon", "signal", NULL, "steps/heartbeatd.c", "main", "sigtimedwait(" },
	{ "daemon", "exit", NULL, "steps/heartbeatd.c", "main", "record(\"exit\"" },
	{ "quiz", "start", NULL, "steps/popquiz.c", "main", "program_start(" },
	{ "quiz", "error", "leader-setsid", "steps/popquiz.c", "group_leader_tries_setsid",
	  "int refused = setsid()" },
	{ "quiz", "after", "fork-then-setsid", "steps/popquiz.c", "child_starts_session",
	  "if (setsid() == -1)" },
	{ "quiz", "after", "leader-opens-tty", "steps/popquiz.c", "session_leader_opens",
	  "open_terminal_carelessly(slave, \"leader-opens-tty\")" },
	{ "quiz", "after", "non-leader-opens-tty", "steps/popquiz.c", "second_child_opens",
	  "open_terminal_carelessly(slave, \"non-leader-opens-tty\")" },
};

static void
test_sample_frames(const struct model *model)
{
	for (size_t i = 0; i < sizeof sample_frames / sizeof sample_frames[0]; i++) {
		int seen = 0;

		for (size_t r = 0; r < model->count; r++) {
			const struct run *run = model_run(model, r);
			for (size_t f = 0; f < run->count; f++) {
				const struct entry *record = run->frames[f].record;
				const char *quiz = entry_get(record, "quiz");
				if (strcmp(entry_text(record, "step"), sample_frames[i].step) != 0 ||
				    strcmp(entry_text(record, "event"), sample_frames[i].event) != 0 ||
				    (sample_frames[i].quiz &&
				     (quiz == NULL || strcmp(quiz, sample_frames[i].quiz) != 0)))
					continue;
				seen = 1;
				expect_excerpt(record, sample_frames[i].path, sample_frames[i].function,
					       sample_frames[i].call);
				if (sample_frames[i].step[0] >= '1' && sample_frames[i].step[0] <= '7' &&
				    strcmp(sample_frames[i].function, "main") == 0)
					expect_marked_step(record);
			}
		}
		CHECK(seen, "no %s %s frame in the sample", sample_frames[i].step,
		      sample_frames[i].event);
	}
}

static const char FULL[] = "20260101-100000-200";	/* the sample's full demo */

#define RECORD(prog, step, rest) \
	"v=1 run=r time=2026-01-01T10:00:00.000000Z prog=" prog " step=" step " " rest \
	" pid=9 ppid=1 parent=init pgid=9 sid=9 tty=? umask=0000 cwd=/ fds=0,1,2\n"

/* Frames the sample has none of: the other ways to close, failures, and
 * records no program of ours wrote. */
static void
test_other_frames(void)
{
	static const char log[] =
		RECORD("step6-close-fds", "6", "event=after method=proc")
		RECORD("step6-close-fds", "6", "event=after method=loop")
		RECORD("step6-close-fds", "6", "event=error call=close_range errno=EPERM")
		RECORD("step2-setsid", "2", "event=error call=setsid errno=EPERM")
		RECORD("step4-chdir", "4", "event=error call=chdir errno=ENOENT")
		RECORD("step5-umask", "5", "event=error call=recording errno=EIO")
		RECORD("heartbeatd", "daemon", "event=error call=\"locking the pid file\" errno=EAGAIN")
		RECORD("heartbeatd", "daemon", "event=heartbeat beat=2 stdout_errno=EBADF")
		RECORD("step1-fork", "1", "event=ready-wait ready_fd=4")
		RECORD("step1-fork", "1", "event=parent-exit ready=yes ready_fd=4 waited_ms=1.0")
		RECORD("heartbeatd", "daemon", "event=ready ready_fd=4 tells=yes")
		RECORD("step9-nothing", "9", "event=start")
		RECORD("../steps/step2-setsid", "2", "event=start");
	static const struct {
		const char *path, *function, *call;
	} expected[] = {
		{ "steps/step6-close-fds.c", "close_with_proc", "close(fd);" },
		{ "steps/step6-close-fds.c", "close_with_loop", "close((int)fd);" },
		{ "steps/step6-close-fds.c", "main", "methods[m].close_all(keep)" },
		{ "steps/step2-setsid.c", "main", "if (setsid() == -1) {" },
		{ "steps/step4-chdir.c", "main", "if (chdir(dir) == -1)" },
		{ "steps/step5-umask.c", "main", "fail(\"recording\"" },
		{ "steps/heartbeatd.c", "take_pid_file", "fail(\"locking the pid file\"" },
		{ "steps/heartbeatd.c", "beat", "printed = printf(" },
		{ "steps/step1-fork.c", "wait_until_ready", "read(ready, &byte, 1)" },
		{ "steps/step1-fork.c", "wait_until_ready", "_exit(0);" },
		{ "steps/heartbeatd.c", "tell_waiting_starter", "write(ready->fd" },
		{ NULL, NULL, NULL },
		{ NULL, NULL, NULL },
	};
	struct model model;
	const struct run *run;

	model_of(&model, log);
	run = model_run(&model, 0);
	CHECK(run && run->records == sizeof expected / sizeof expected[0],
	      "the test log holds %zu records", run ? run->records : 0);
	for (size_t f = 0; run && f < run->count && f < sizeof expected / sizeof expected[0]; f++)
		expect_excerpt(run->frames[f].record, expected[f].path, expected[f].function,
			       expected[f].call);
	model_free(&model);
}

/* daemon(7)'s steps: each frame shows its program's marked step, the call
 * marked. */
static void
test_daemon7_frames(void)
{
	static const char log[] =
		RECORD("step0a-reset-signals", "0a", "event=start")
		RECORD("step0a-reset-signals", "0a", "event=after")
		RECORD("step0b-clean-env", "0b", "event=after kept=PATH dropped=HOME")
		RECORD("step8-drop-privileges", "8", "event=after user=nobody group=nogroup")
		RECORD("step8-drop-privileges", "8", "event=error call=setgroups errno=EPERM");
	static const struct {
		const char *path, *call;
	} expected[] = {
		{ "steps/step0a-reset-signals.c", "if (sigaction(sig, &default_action, NULL) == -1" },
		{ "steps/step0a-reset-signals.c", "if (sigaction(sig, &default_action, NULL) == -1" },
		{ "steps/step0b-clean-env.c", "if (clearenv() != 0)" },
		{ "steps/step8-drop-privileges.c", "if (setgroups(1, &gid) == -1)" },
		{ "steps/step8-drop-privileges.c", "if (setgroups(1, &gid) == -1)" },
	};
	struct model model;
	const struct run *run;

	model_of(&model, log);
	run = model_run(&model, 0);
	CHECK(run && run->count == sizeof expected / sizeof expected[0], "the daemon(7) log's frames");
	for (size_t f = 0; run && f < run->count && f < sizeof expected / sizeof expected[0]; f++) {
		expect_excerpt(run->frames[f].record, expected[f].path, "main", expected[f].call);
		expect_marked_step(run->frames[f].record);
	}
	model_free(&model);
}

/* The pane in a terminal's sizes: on every frame the screen is filled and
 * the call is marked, beside the frame from 160 columns on. */
static void
test_layout(const struct model *model)
{
	static const int sizes[][2] = { { 80, 24 }, { 100, 30 }, { 160, 40 } };

	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		int cols = sizes[s][0], rows = sizes[s][1];
		const struct run *full = model_run(model, (size_t)model_find_run(model, FULL));
		struct canvas canvas;
		struct names names;
		struct story story;
		struct frame_view view = { model, full, &story, &names, EXPLAIN_BELOW };
		struct excerpt excerpt;
		char row[200], call[64], title[80];
		int marked = 0, state = 0, diagram = 0, beside = 0;
		size_t frame;

		CHECK(canvas_init(&canvas, rows, cols) == 0, "no canvas");
		names_build(&names, full, 0);
		for (size_t f = 0; f < full->count; f++) {
			story_at(&story, full, f);
			CHECK(render_frame_with_code(&canvas, &view, "hint") == rows,
			      "frame %zu at %dx%d does not fill the screen", f, cols, rows);
		}
		frame = run_find_step(full, "2");
		story_at(&story, full, frame);
		render_frame_with_code(&canvas, &view, "hint");
		excerpt_of(full->frames[frame].record, &excerpt);
		snprintf(call, sizeof call, "%d > if (setsid() == -1) {", excerpt.call);
		snprintf(title, sizeof title, "| steps/step2-setsid.c, main(), lines %d-%d",
			 excerpt.first, excerpt.last);
		for (int r = 0; r < canvas.rows; r++) {
			canvas_row_text(&canvas, r, row);
			marked |= strstr(row, call) != NULL;
			state |= strstr(row, "* SID   100 -> 201") != NULL;
			diagram |= strstr(row, "+- origin session") != NULL;
			beside |= strstr(row, title) != NULL;
		}
		CHECK(marked, "%dx%d: step 2's setsid() line is not marked", cols, rows);
		CHECK(state, "%dx%d: the state is not beside the code", cols, rows);
		CHECK(diagram == (cols >= RENDER_CODE_BESIDE_COLS) &&
		      beside == (cols >= RENDER_CODE_BESIDE_COLS),
		      "%dx%d: the code is %s the frame", cols, rows, beside ? "beside" : "not beside");
		canvas_free(&canvas);
	}
}

int
main(int argc, char **argv)
{
	struct model model;

	if (argc != 3 || read_test_log(&model, argv[2]) == -1) {
		fprintf(stderr, "usage: test_code SOURCE-DIR SAMPLE-LOG (a readable file)\n");
		return 2;
	}

	test_embedded_is_current(argv[1]);
	test_sample_frames(&model);
	test_other_frames();
	test_daemon7_frames();
	test_layout(&model);
	model_free(&model);
	return checks_done();
}
