/* test_model.c - the viewer's model, story, names, layout and keys, without a terminal.
 *
 * Reads tests/viewer/sample.log (given as argv[1]): a pop quiz run, a full
 * demo run, and a --single-fork run whose records interleave with the full
 * run's late heartbeats; its first line is a comment, so a bad line.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "explain.h"
#include "lesson.h"
#include "model.h"
#include "names.h"
#include "player.h"
#include "recipe.h"
#include "render.h"
#include "runs.h"
#include "story.h"

static int failures;

#define CHECK(condition) check((condition), #condition, __FILE__, __LINE__)

static void
check(int ok, const char *what, const char *file, int line)
{
	if (!ok) {
		fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
		failures++;
	}
}

static int
ends_with(const char *text, const char *end)
{
	size_t len = strlen(text), end_len = strlen(end);

	return len >= end_len && strcmp(text + len - end_len, end) == 0;
}

static const char QUIZ[] = "20260101-090000-50";
static const char FULL[] = "20260101-100000-200";
static const char SINGLE[] = "20260101-110000-300";

static void
test_runs_and_frames(const struct model *model)
{
	const struct run *full = run_named(model, FULL);
	size_t beats, step2;

	CHECK(model->count == 3);
	CHECK(strcmp(model_run(model, 0)->id, SINGLE) == 0);	/* newest first */
	CHECK(strcmp(model_run(model, 2)->id, QUIZ) == 0);
	CHECK(model->stats.bad_lines == 1);
	CHECK(model->stats.first_bad_line == 1);
	CHECK(model->stats.records == 54);

	/* 28 records: three heartbeats make one frame, two later ones another */
	CHECK(full->records == 28);
	CHECK(full->count == 25);
	beats = frame_of(full, "daemon", "heartbeat");
	CHECK(full->frames[beats].repeats == 2);
	CHECK(strcmp(full->frames[beats].last_beat, "3") == 0);
	CHECK(full->frames[beats].changed == 0);
	CHECK(full->frames[beats + 1].repeats == 0);	/* SIGHUP: a transition */

	step2 = frame_of(full, "2", "after");
	CHECK(full->frames[step2].changed ==
	      (1u << SF_PGID | 1u << SF_SID | 1u << SF_TTY | 1u << SF_TPGID));
	CHECK(full->frames[frame_of(full, "4", "after")].changed == 1u << SF_CWD);
	CHECK(run_find_step(full, "3") == frame_of(full, "3", "after"));
	CHECK(run_find_step(run_named(model, SINGLE), "3") == NO_FRAME);
}

static void
test_checklist(const struct model *model)
{
	const struct run *full = run_named(model, FULL);
	const struct run *single = run_named(model, SINGLE);
	struct story story;

	story_at(&story, full, frame_of(full, "1", "start"));
	CHECK(!story_check(&story, CHECK_NOT_GROUP_LEADER));	/* a job leads its group */
	CHECK(!story_check(&story, CHECK_NO_TERMINAL));

	story_at(&story, full, frame_of(full, "1", "after"));
	CHECK(story_check(&story, CHECK_NOT_GROUP_LEADER));
	CHECK(!story_check_before(&story, CHECK_NOT_GROUP_LEADER));

	story_at(&story, full, frame_of(full, "2", "after"));
	CHECK(story_check(&story, CHECK_OWN_SESSION));
	CHECK(story_check(&story, CHECK_NO_TERMINAL));
	CHECK(!story_check(&story, CHECK_NOT_SESSION_LEADER));	/* setsid made it leader */

	story_at(&story, full, frame_of(full, "3", "after"));
	CHECK(story_check(&story, CHECK_NOT_SESSION_LEADER));
	CHECK(!story_check(&story, CHECK_NOTHING_INHERITED));

	story_at(&story, full, frame_of(full, "6", "after"));
	CHECK(story_check(&story, CHECK_NOTHING_INHERITED));
	CHECK(!story_check(&story, CHECK_STDIO_NULL));

	story_at(&story, full, full->count - 1);
	for (int c = 0; c < CHECK_COUNT; c++)
		CHECK(story_check(&story, c));

	/* --single-fork: the daemon leads its session and took a terminal */
	story_at(&story, single, frame_of(single, "daemon", "after"));
	CHECK(!story_check(&story, CHECK_NOT_SESSION_LEADER));
	CHECK(!story_check(&story, CHECK_NO_TERMINAL));
	CHECK(story_check_before(&story, CHECK_NO_TERMINAL));
	CHECK(story_check(&story, CHECK_CWD_ROOT));
}

static const struct actor *
actor_with_pid(const struct story *story, const char *pid)
{
	const struct thread_story *t = story_thread(story);
	for (size_t i = 0; i < t->actor_count; i++)
		if (strcmp(t->actors[i].pid, pid) == 0)
			return &t->actors[i];
	return NULL;
}

static void
test_ghosts(const struct model *model)
{
	const struct run *full = run_named(model, FULL);
	struct story story;
	const struct actor *actor;

	story_at(&story, full, frame_of(full, "1", "parent-exit"));
	actor = actor_with_pid(&story, "200");
	CHECK(actor && actor->exited && actor->adopter == NULL);

	story_at(&story, full, frame_of(full, "3", "after"));
	actor = actor_with_pid(&story, "200");
	CHECK(actor && actor->exited && actor->adopter && strcmp(actor->adopter, "systemd") == 0);
	actor = actor_with_pid(&story, "201");
	CHECK(actor && actor->exited);
	actor = actor_with_pid(&story, "202");
	CHECK(actor && !actor->exited);
	actor = actor_with_pid(&story, "100");		/* the shell stays on stage */
	CHECK(actor && !actor->exited && !actor->starter);
	CHECK(strcmp(story_origin_sid(&story), "100") == 0);
	CHECK(strcmp(story_origin_tty(&story), "pts/0") == 0);
}

/* The lesson of frame f of run, told from the start. */
static void
lesson_at(const struct run *run, size_t f, struct lesson *lesson)
{
	struct story story;
	struct names names;

	names_build(&names, run, 0);
	story_at(&story, run, f);
	lesson_tell(&story, &names, lesson);
}

static void
test_explanations(const struct model *model)
{
	const struct run *full = run_named(model, FULL);
	const struct run *quiz = run_named(model, QUIZ);
	const struct run *single = run_named(model, SINGLE);
	struct lesson lesson;

	lesson_at(full, frame_of(full, "2", "after"), &lesson);
	CHECK(strstr(lesson.text[PART_WHAT], "setsid()") != NULL && lesson.text[PART_WHY][0] &&
	      lesson.text[PART_WITHOUT][0]);
	lesson_at(quiz, frame_of(quiz, "quiz", "error"), &lesson);
	CHECK(strstr(lesson.text[PART_WHAT], "EPERM") != NULL &&
	      strcmp(lesson.without_label, "Answer") == 0);
	lesson_at(single, frame_of(single, "daemon", "after"), &lesson);
	CHECK(strstr(lesson.text[PART_WHAT], "controlling terminal") != NULL &&
	      strstr(lesson.text[PART_WITHOUT], "SIGHUP") != NULL);
	lesson_at(single, frame_of(single, "daemon", "signal"), &lesson);
	CHECK(strstr(lesson.text[PART_WHAT], "SIGHUP") != NULL);
	CHECK(timeline_stop_of("shell") == 0 &&
	      strcmp(timeline[timeline_stop_of("3")].label, "3 fork") == 0 &&
	      strcmp(timeline[timeline_stop_of("0a")].label, "0a signals") == 0);
}

static void
test_names(const struct model *model)
{
	const struct run *full = run_named(model, FULL);
	struct names names;
	char out[128];

	names_build(&names, full, 1);
	CHECK(strcmp(names_pid(&names, "100"), "P1") == 0);	/* the shell comes first */
	CHECK(strcmp(names_pid(&names, "90"), "P2") == 0);
	CHECK(strcmp(names_pid(&names, "1"), "<adopter>") == 0);	/* it adopts 201 */
	CHECK(strcmp(names_tty(&names, "pts/0"), "<tty1>") == 0);
	CHECK(strcmp(names_path(&names, "/dev/pts/0", out, sizeof out), "/dev/<tty1>") == 0);
	CHECK(strcmp(names_path(&names, "/home/ann", out, sizeof out), "<path1>") == 0);
	CHECK(strcmp(names_path(&names, "/dev/null", out, sizeof out), "/dev/null") == 0);
	CHECK(strcmp(names_text(&names, "group 200 exists", out, sizeof out),
		     "group P4 exists") == 0);
	CHECK(strcmp(names_text(&names, "step1-fork --seconds 1 x200 200x (200)", out, sizeof out),
		     "step1-fork --seconds 1 x200 200x (P4)") == 0);
	CHECK(strcmp(names_time(&names, "2026-01-01T10:00:07.600000Z", out, sizeof out),
		     "+3s") == 0);

	names_build(&names, full, 0);
	CHECK(strcmp(names_pid(&names, "100"), "100") == 0);
	CHECK(strcmp(names_time(&names, "2026-01-01T10:00:07.600000Z", out, sizeof out),
		     "10:00:07.600 +2.600s") == 0);
	CHECK(log_time_seconds("not a time") < 0);
	CHECK(log_time_seconds("2026-13-01T10:00:00Z") < 0);
}

/* On a desktop, systemd --user (here PID 3000) adopts the orphans, and it is
 * the shell's grandparent too: normalized, the run reads as it does where PID
 * 1 adopts them. */
/* Reads a log from text into model; 0, or -1 (counted as a failure). */
static int
read_text_log(struct model *model, const char *text)
{
	FILE *log = fmemopen((void *)text, strlen(text), "r");
	int read;

	model_init(model);
	CHECK(log != NULL);
	if (log == NULL)
		return -1;
	read = model_read(model, log, LOG_READ_ALL);
	CHECK(read == 0);
	fclose(log);
	return read;
}

/* The --dump of model's newest run, width columns wide; to be freed. */
static char *
dump_of(const struct model *model, int normalize, int width)
{
	char *dump = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&dump, &size);

	CHECK(out != NULL);
	if (out == NULL)
		return NULL;
	CHECK(render_dump(out, model, model_run(model, 0), "log", normalize, width, 0) == 0);
	fclose(out);
	return dump;
}

static void
test_names_under_subreaper(void)
{
	static const char log_text[] =
		"v=1 run=r time=2026-01-01T10:00:00Z prog=bash step=shell event=start"
		" pid=3100 ppid=3050 parent=tmux pgid=3100 sid=3100 tty=pts/1\n"
		"v=1 run=r time=2026-01-01T10:00:00Z prog=step1-fork step=1 event=start"
		" pid=3200 ppid=3100 parent=bash pgid=3200 sid=3100 tty=pts/1\n"
		"v=1 run=r time=2026-01-01T10:00:00Z prog=step1-fork step=1 event=after"
		" forked_by=3200 adopter=systemd pid=3201 ppid=3000 parent=systemd pgid=3200 sid=3100 tty=pts/1\n"
		"v=1 run=r time=2026-01-01T10:00:00Z prog=step2-setsid step=2 event=after"
		" pid=3201 ppid=3000 parent=systemd pgid=3201 sid=3201 tty=?\n";
	struct model model;
	struct names names;
	char text[128], *dump;

	if (read_text_log(&model, log_text) == -1)
		return;
	names_build(&names, model_run(&model, 0), 1);
	CHECK(strcmp(names_pid(&names, "3000"), "<adopter>") == 0);
	CHECK(strcmp(names_pid(&names, "3100"), "P1") == 0);
	CHECK(strcmp(names_pid(&names, "3201"), "P4") == 0);	/* 3000 takes no number */
	CHECK(strcmp(names_process(&names, "systemd"), "<adopter>") == 0);
	CHECK(strcmp(names_text(&names, "adopted by 3000 after 1 s", text, sizeof text),
		     "adopted by <adopter> after 1 s") == 0);
	if ((dump = dump_of(&model, 1, 80)) == NULL)
		return;
	CHECK(strstr(dump, "* PPID  P1 bash -> <adopter>  ") != NULL);
	CHECK(strstr(dump, "3000") == NULL && strstr(dump, "systemd") == NULL);
	free(dump);
	model_free(&model);
}

/* The message of a step key, in a run read from text. */
static const char *
step_message(const char *log_text, enum command key)
{
	static struct player player;
	struct model model;

	player_init(&player, 0);
	read_text_log(&model, log_text);
	CHECK(player_apply(&player, key, model_run(&model, 0), 0) == OUTCOME_REDRAW);
	CHECK(player.frame == 0);
	model_free(&model);
	return player.message;
}

#define RECORD(prog, step, event) \
	"v=1 run=r time=2026-01-01T10:00:00Z prog=" prog " step=" step " event=" event

/* "Nothing else inherited" is each process's own: a first process that waits
 * for the daemon (step1-fork --wait-ready) still holds what its child's step
 * 6 closed, and the daemon does not hold the pipe step 1 made after the
 * chain began. */
static void
test_inheritance_per_process(void)
{
	static const char waited[] =
		RECORD("step1-fork", "1", "start") " pid=11 pgid=11 sid=5 fds=0,1,2,3\n"
		RECORD("step1-fork", "1", "after") " forked_by=11 ready_fd=5 pid=12 ppid=11 "
		"pgid=11 sid=5 fds=0,1,2,3,5\n"
		RECORD("step1-fork", "1", "ready-wait") " ready_fd=5 pid=11 pgid=11 sid=5 fds=0,1,2,3,4\n"
		RECORD("step6-close-fds", "6", "after") " kept_fd=5 pid=12 ppid=11 pgid=12 sid=12 fds=5\n"
		RECORD("heartbeatd", "daemon", "ready") " tells=yes ready_fd=5 pid=12 ppid=11 "
		"pgid=12 sid=12 fds=0,1,2,3,5\n"
		RECORD("step1-fork", "1", "parent-exit") " ready=yes pid=11 pgid=11 sid=5 fds=0,1,2,3,4\n";
	FILE *log = fmemopen((void *)waited, sizeof waited - 1, "r");
	struct model model;
	struct story story;

	model_init(&model);
	CHECK(log && model_read(&model, log, LOG_READ_ALL) == 0);
	if (log)
		fclose(log);
	const struct run *run = model_run(&model, 0);
	story_at(&story, run, 3);	/* step 6 closed 3 in the child */
	CHECK(story_check(&story, CHECK_NOTHING_INHERITED));
	story_at(&story, run, 4);	/* the daemon's own pid file on 3: not inherited */
	CHECK(story_check(&story, CHECK_NOTHING_INHERITED));
	story_at(&story, run, 5);	/* the waiting parent still holds 3 */
	CHECK(!story_check(&story, CHECK_NOTHING_INHERITED));
	model_free(&model);
}

/* Why a step has no frame, in the words of the run's records. */
static void
test_step_messages(void)
{
	static const char stopped[] =
		RECORD("daemon-demo", "demo", "start") " skip=1 pid=10\n"
		RECORD("step2-setsid", "2", "start") " pid=11\n"
		RECORD("step2-setsid", "2", "error") " call=setsid errno=EPERM pid=11\n"
		RECORD("popquiz", "quiz", "error") " quiz=leader-setsid call=setsid errno=EPERM pid=20\n";
	static const char cut_short[] =
		RECORD("step1-fork", "1", "after") " pid=11\n"
		RECORD("step2-setsid", "2", "start") " pid=11\n";
	static const char without_3[] =
		RECORD("step2-setsid", "2", "after") " pid=11\n"
		RECORD("step4-chdir", "4", "after") " pid=11\n";
	static const char quiz_alone[] =
		RECORD("popquiz", "quiz", "error") " quiz=leader-setsid call=setsid errno=EPERM pid=20\n";

	CHECK(strcmp(step_message(stopped, CMD_STEP_1),
		     "step 1 was left out in this run (--skip 1)") == 0);
	CHECK(strcmp(step_message(stopped, CMD_STEP_5),
		     "step 5 was not reached: the chain stopped at step 2 (EPERM)") == 0);
	CHECK(strcmp(step_message(cut_short, CMD_STEP_4),
		     "step 4 not reached yet: the run's last step so far is 2") == 0);
	CHECK(strcmp(step_message(without_3, CMD_STEP_3),
		     "step 3 is not in this run: the chain went on without it") == 0);
	/* the pop quiz's EPERM stops no chain */
	CHECK(strcmp(step_message(quiz_alone, CMD_STEP_1),
		     "step 1 not reached yet: no step has a record in this run") == 0);
}

/*
 * A traced run's recipe (recipe.h): the daemon inherits the steps its parent
 * did before the fork, not the chdir() it made after; a umask set and
 * restored chose nothing (done, yet failing: '!'), and out of order ('^':
 * before the fork); 1 on a log file is step 7 done differently ('*'); the
 * verdict's frame is the daemon's stop, and says it in words.
 */
static void
test_recipe(void)
{
/* the verdict's judgments: the seven's items, then daemon(7)'s */
#define JUDGED_SEVEN "fails,met,fails,met,fails,fails,otherwise,fails"
#define JUDGED JUDGED_SEVEN ",met,fails,not-applicable,not-known,not-applicable"
#define TRACED(prog, step, event) RECORD(prog, step, event) " tty=? tpgid=-1 nfds=4 "
#define NULLS " fd0=/dev/null fd1=/dev/null fd2=/dev/null "
	static const char log_text[] =
		TRACED("daemon-trace", "trace", "start") "traced=food pid=100 ppid=99 parent=sh"
		" pgid=99 sid=99 umask=0022 fds=0,1,2,5" NULLS "cwd=/home/u\n"
		TRACED("food", "trace", "exec") "call=execve pid=101 ppid=100 parent=daemon-trace"
		" pgid=99 sid=99 umask=0022 fds=0,1,2,5" NULLS "cwd=/home/u\n"
		TRACED("food", "5", "after") "call=umask old_umask=0022 pid=101 ppid=100"
		" pgid=99 sid=99 umask=0077 fds=0,1,2,5" NULLS "cwd=/home/u\n"
		TRACED("food", "1", "fork") "call=fork forked_by=101 pid=102 ppid=101"
		" pgid=99 sid=99 umask=0077 fds=0,1,2,5" NULLS "cwd=/home/u\n"
		TRACED("food", "4", "after") "call=chdir result=0 pid=101 ppid=100"
		" pgid=99 sid=99 umask=0077 fds=0,1,2,5" NULLS "cwd=/\n"
		TRACED("food", "2", "after") "call=setsid result=102 pid=102 ppid=101"
		" pgid=102 sid=102 umask=0077 fds=0,1,2,5" NULLS "cwd=/home/u\n"
		TRACED("food", "5", "after") "call=umask old_umask=0077 pid=102 ppid=101"
		" pgid=102 sid=102 umask=0022 fds=0,1,2,5" NULLS "cwd=/home/u\n"
		TRACED("food", "7", "after") "call=dup2 result=1 reopened=1 pid=102 ppid=101"
		" pgid=102 sid=102 umask=0022 fds=0,1,2,5 fd0=/dev/null fd1=/var/log/food.log"
		" fd2=/dev/null cwd=/home/u\n"
		TRACED("food", "trace", "verdict") "verdict=\"fails some items\" daemon=102"
		" failed=\"not a group leader,not a session leader,cwd /,umask 0,nothing else inherited\""
		" judged=" JUDGED
		" path=5,1,2,7 pid=102 ppid=1 parent=init pgid=102 sid=102 umask=0022 fds=0,1,2,5"
		" fd0=/dev/null fd1=/var/log/food.log fd2=/dev/null cwd=/home/u\n";
#undef NULLS
#undef TRACED
	struct model model;
	struct recipe recipe;
	char words[512], *dump;

	if (read_text_log(&model, log_text) == -1)
		return;
	recipe_of(model_run(&model, 0), &recipe);
	CHECK(recipe.known);
	CHECK(strcmp(recipe.path, "5127") == 0);	/* the verdict's path=5,1,2,7 */
	CHECK(recipe.marks[4] == STEP_MISSING);		/* the parent's, after the fork */
	CHECK(recipe.marks[5] == STEP_FAILS && recipe.done_before[5] == 1);
	CHECK(recipe.marks[7] == STEP_DIFFERENTLY && recipe.done_before[7] == 0);
	CHECK(recipe.marks[1] == STEP_DONE && recipe.marks[2] == STEP_DONE);
	CHECK(recipe.judged[CHECK_CWD_ROOT] == CHECK_FAILS);	/* the caller's directory */
	CHECK(recipe.judged[CHECK_NOTHING_INHERITED] == CHECK_FAILS);	/* 5, the caller's */
	recipe_words(&recipe, words, sizeof words);
	CHECK(strcmp(words, "steps 5, 1, 2 and 7, in that order; out of order: 5 (before 1); "
		     "done differently: 7; failing at the verdict: 5 (umask 0); "
		     "missing: 3, 4, 6") == 0);
	if ((dump = dump_of(&model, 0, 200)) == NULL)
		return;
	CHECK(strstr(dump, "\n start  1 fork  2 setsid (3 fork)(4 chdir)^5 umask!(6 close) "
		     "7 stdio*[daemon]\n") != NULL);
	CHECK(strstr(dump, "[*] 0, 1, 2 on /dev/null    (7)") != NULL);
	CHECK(strstr(dump, "food 102: step 2 by setsid()  result=102") != NULL);
	CHECK(strstr(dump, "Failed: not a group leader (1), not a session leader (3), cwd / (4), "
		     "umask 0 (5), nothing else inherited (6).") != NULL);
	/* daemon(7)'s items on the verdict's frame are the verdict's too: no
	 * record of this log shows a pid file, the viewer alone would say "?" */
	CHECK(strstr(dump, "[-] pid file its own   (daemon)") != NULL);
	free(dump);
	model_free(&model);

	/* the marks are the verdict's: a log without judged= (written before
	 * the verdict said it) or with a judgment unknown has no recipe */
	static const char *const not_judged[] = {
		"judged=fails,met",
		"judged=" JUDGED_SEVEN,			/* daemon(7)'s missing */
		"judged=" JUDGED_SEVEN ",met,fails,not-applicable,not-known,maybe",
		"judged=" JUDGED ",met",
	};
	for (size_t i = 0; i < sizeof not_judged / sizeof not_judged[0]; i++) {
		char text[sizeof log_text + 64], *at;
		snprintf(text, sizeof text, "%s", log_text);
		at = strstr(text, "judged=");
		memmove(at, at + strlen("judged=" JUDGED), strlen(at + strlen("judged=" JUDGED)) + 1);
		memmove(at + strlen(not_judged[i]), at, strlen(at) + 1);
		memcpy(at, not_judged[i], strlen(not_judged[i]));
		if (read_text_log(&model, text) == -1)
			return;
		recipe_of(model_run(&model, 0), &recipe);
		CHECK(!recipe.known);
		model_free(&model);
	}
#undef JUDGED
#undef JUDGED_SEVEN
}

static void
test_canvas(void)
{
	struct canvas canvas;
	char row[32];

	CHECK(canvas_init(&canvas, 3, 20) == 0);
	CHECK(canvas_wrap(NULL, 0, 0, 20, 10, 0, ROLE_NORMAL, "one two three four five six") == 2);
	CHECK(canvas_wrap(&canvas, 0, 0, 20, 1, 0, ROLE_NORMAL, "one two three four five six") == 1);
	canvas_row_text(&canvas, 0, row);
	CHECK(strcmp(row, "one two three four...") != 0 && strstr(row, "...") != NULL);
	CHECK((int)strlen(row) <= 20);
	canvas_clear(&canvas);
	canvas_put(&canvas, 1, 18, ROLE_NORMAL, "cut\x01\xc3\xa9");
	canvas_row_text(&canvas, 1, row);
	CHECK(strcmp(row + 18, "cu") == 0);		/* cut at the edge */
	canvas_put(&canvas, 2, 0, ROLE_NORMAL, "a\x01\xc3\xa9");
	canvas_row_text(&canvas, 2, row);
	CHECK(strcmp(row, "a???") == 0);		/* ASCII only */
	canvas_free(&canvas);
}

/* Every frame of every run fits 80x24, and shows its marks. */
static void
test_layout(const struct model *model)
{
	struct canvas canvas;
	struct names names;
	struct story story;

	CHECK(canvas_init(&canvas, RENDER_MIN_ROWS, RENDER_MIN_COLS) == 0);
	for (size_t r = 0; r < model->count; r++) {
		const struct run *run = model_run(model, r);
		struct frame_view view = { model, run, &story, &names, EXPLAIN_BELOW };

		names_build(&names, run, 0);
		for (size_t f = 0; f < run->count; f++) {
			story_at(&story, run, f);
			CHECK(render_frame(&canvas, &view, "hint") == RENDER_MIN_ROWS);
		}
	}
	{
		const struct run *full = run_named(model, FULL);
		struct frame_view view = { model, full, &story, &names, EXPLAIN_BELOW };
		char row[RENDER_MIN_COLS + 1];
		int found_sid = 0, found_ghost = 0;

		names_build(&names, full, 0);
		story_at(&story, full, frame_of(full, "2", "after"));
		render_frame(&canvas, &view, "hint");
		for (int r = 0; r < canvas.rows; r++) {
			canvas_row_text(&canvas, r, row);
			found_sid |= strstr(row, "* SID   100 -> 201") != NULL;
			found_ghost |= strstr(row, "x 200 step1-f") != NULL;
		}
		CHECK(found_sid);
		CHECK(found_ghost);

		/* at 80 columns the run id stays whole: the time of day goes, then
		 * the last keys, a key at a time; a message stands whole */
		render_frame(&canvas, &view, " ? help  q quit  <- -> step  1-7 jump  p play  +/- speed");
		canvas_row_text(&canvas, canvas.rows - 1, row);
		CHECK(strncmp(row, " ? help  q quit  ", 17) == 0 && strstr(row, "<-") == NULL);
		CHECK(ends_with(row, "  1 bad line (first: 1) | +6.000s | run 20260101-100000-200"));
		render_frame(&canvas, &view, " step 5 was not reached: the chain stopped at step 2 (EPERM)");
		canvas_row_text(&canvas, canvas.rows - 1, row);
		CHECK(strcmp(row, " step 5 was not reached: the chain stopped at step 2 (EPERM)") == 0);
	}
	canvas_free(&canvas);
}

static void
test_player(const struct model *model)
{
	const struct run *full = run_named(model, FULL);
	const struct run *single = run_named(model, SINGLE);
	struct player player;

	player_init(&player, 0);
	CHECK(player_apply(&player, CMD_PREVIOUS, full, 0) == OUTCOME_NOTHING);
	CHECK(player_apply(&player, CMD_NEXT, full, 0) == OUTCOME_REDRAW && player.frame == 1);
	player_apply(&player, CMD_LAST, full, 0);
	CHECK(player.frame == full->count - 1);
	CHECK(player_apply(&player, CMD_NEXT, full, 0) == OUTCOME_NOTHING);
	player_apply(&player, CMD_STEP_3, full, 0);
	CHECK(player.frame == run_find_step(full, "3"));
	CHECK(player.message[0] == '\0');
	/* the key of a step left out says so, and stays where it is */
	CHECK(player_apply(&player, CMD_STEP_3, single, 0) == OUTCOME_REDRAW);
	CHECK(player.frame == run_find_step(full, "3"));
	CHECK(strcmp(player.message, "step 3 was left out in this run (--skip 3)") == 0);
	CHECK(player_apply(&player, CMD_NONE, single, 0) == OUTCOME_REDRAW);
	CHECK(player.message[0] == '\0');		/* the next key, any key, clears it */
	player_apply(&player, CMD_FIRST, full, 0);
	CHECK(player.frame == 0);

	player_apply(&player, CMD_PLAY, full, 1000);
	CHECK(player.playing);
	CHECK(player_tick(&player, full, 1500) == OUTCOME_NOTHING);
	CHECK(player_tick(&player, full, 2000) == OUTCOME_REDRAW && player.frame == 1);
	player_apply(&player, CMD_FASTER, full, 2000);
	CHECK(player_interval_ms(&player) < 1000);
	player_apply(&player, CMD_PLAY, full, 2000);
	CHECK(!player.playing);

	CHECK(!player.code);				/* c shows the code, c hides it */
	CHECK(player_apply(&player, CMD_CODE, full, 0) == OUTCOME_REDRAW && player.code);
	CHECK(player_apply(&player, CMD_CODE, full, 0) == OUTCOME_REDRAW && !player.code);

	player_apply(&player, CMD_HELP, full, 0);
	CHECK(player.help);
	CHECK(player_apply(&player, CMD_NEXT, full, 0) == OUTCOME_REDRAW && !player.help);
	CHECK(player.frame == 1);			/* the key only closed the help */
	CHECK(player_apply(&player, CMD_QUIT, full, 0) == OUTCOME_QUIT);

	player_init(&player, 1);			/* --follow at the end moves on */
	player.frame = 4;
	CHECK(player_grew(&player, 5, full) == OUTCOME_REDRAW && player.frame == full->count - 1);
}

int
main(int argc, char **argv)
{
	struct model model;

	if (argc != 2 || read_test_log(&model, argv[1]) == -1) {
		fprintf(stderr, "usage: test_model SAMPLE-LOG (a readable file)\n");
		return 2;
	}

	test_runs_and_frames(&model);
	test_checklist(&model);
	test_ghosts(&model);
	test_explanations(&model);
	test_names(&model);
	test_names_under_subreaper();
	test_step_messages();
	test_inheritance_per_process();
	test_recipe();
	test_canvas();
	test_layout(&model);
	test_player(&model);

	model_free(&model);
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	else
		printf("all model checks passed\n");
	return failures ? 1 : 0;
}
