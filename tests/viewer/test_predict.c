/* test_predict.c - daemon-viewer --predict without a terminal: the questions,
 * their answers, the score, the keys and the screens.
 *
 * Reads tests/viewer/predict.log (argv[1]): real runs of daemon-demo from a
 * terminal, a whole demo, --skip 1 and --single-fork; and
 * tests/viewer/predict-daemon7.log (argv[2]), real chains whose records have
 * daemon(7)'s fields: under nohup with --wait-ready, as root; as nobody,
 * without it; and --wait-ready with step 6 closing the descriptor. The right answers must
 * be what the records say: checked against expectations per step, and
 * against the records' own values, compared here without the model's help.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "canvas.h"
#include "logread.h"
#include "model.h"
#include "names.h"
#include "player.h"
#include "predict.h"
#include "predict_screen.h"
#include "render.h"
#include "runs.h"

static const char NORMAL[] = "20261201-123200-20106";
static const char SKIP_1[] = "20261201-123200-20124";
static const char SINGLE_FORK[] = "20261201-123200-20139";

/* The pop quiz's frame of an experiment. */
static size_t
quiz_frame(const struct run *run, const char *quiz)
{
	for (size_t f = 0; f < run->count; f++)
		if (strcmp(entry_text(run->frames[f].record, "quiz"), quiz) == 0)
			return f;
	return NO_FRAME;
}

static const char *const topic_names[TOPIC_COUNT] = {
	"PID", "PPID", "PGID", "SID", "TTY", "cwd", "umask", "fds", "0 1 2", "signals", "nenv", "IDs",
	"succeeds", "takes tty", "signals kept", "fewer variables", "still root", "ready heard",
};

static const char NOHUP_ROOT[] = "20261201-151014-16557";
static const char AS_NOBODY[] = "20261201-151015-17154";
static const char READY_CLOSED[] = "20261201-151016-17852";

struct expected {
	enum topic topic;
	int truth;
};

/* The questions before frame are exactly these, in this order. */
static void
check_questions(const struct predict *game, size_t frame, const char *where,
		const struct expected *expected, int count)
{
	const struct prediction *prediction = frame == NO_FRAME ? NULL : predict_find(game, frame);

	CHECK(prediction != NULL, "%s: no questions", where);
	if (prediction == NULL)
		return;
	CHECK(prediction->count == count, "%s: %d questions, not %d", where, prediction->count,
	      count);
	for (int i = 0; i < count && i < prediction->count; i++) {
		const struct question *question = &prediction->questions[i];
		CHECK(question->topic == expected[i].topic && question->truth == expected[i].truth,
		      "%s: question %d is '%s' (%s), not %s=%s", where, i + 1, question->ask,
		      question->truth ? "yes" : "no", topic_names[expected[i].topic],
		      expected[i].truth ? "yes" : "no");
	}
}

#define QUESTIONS(game, frame, where, ...)                                                      \
	check_questions((game), (frame), (where), (const struct expected[]){ __VA_ARGS__ },      \
			(int)(sizeof((const struct expected[]){ __VA_ARGS__ }) /                 \
			      sizeof(struct expected)))

static void
test_normal_run(const struct model *model)
{
	const struct run *run = run_named(model, NORMAL);
	struct predict game;

	CHECK(predict_start(&game, run) == 0, "predict_start");
	QUESTIONS(&game, frame_of(run, "1", "after"), "step 1",
		  { TOPIC_PID, 1 }, { TOPIC_PPID, 1 }, { TOPIC_PGID, 0 });
	/* the example: the PID stays, the PGID and the TTY change */
	QUESTIONS(&game, frame_of(run, "2", "after"), "step 2",
		  { TOPIC_SUCCEEDS, 1 }, { TOPIC_PID, 0 }, { TOPIC_PGID, 1 }, { TOPIC_TTY, 1 });
	QUESTIONS(&game, frame_of(run, "3", "after"), "step 3",
		  { TOPIC_PID, 1 }, { TOPIC_PGID, 0 }, { TOPIC_SID, 0 });
	QUESTIONS(&game, frame_of(run, "4", "after"), "step 4",
		  { TOPIC_CWD, 1 }, { TOPIC_UMASK, 0 });
	QUESTIONS(&game, frame_of(run, "5", "after"), "step 5",
		  { TOPIC_CWD, 0 }, { TOPIC_UMASK, 1 });
	QUESTIONS(&game, frame_of(run, "6", "after"), "step 6",
		  { TOPIC_TTY, 0 }, { TOPIC_FDS, 1 }, { TOPIC_STDIO, 1 });
	QUESTIONS(&game, frame_of(run, "7", "after"), "step 7",
		  { TOPIC_TTY, 0 }, { TOPIC_FDS, 1 }, { TOPIC_STDIO, 1 });
	/* the daemon tries /dev/pts/2, and the second fork keeps it off */
	QUESTIONS(&game, frame_of(run, "daemon", "after"), "daemon",
		  { TOPIC_TAKES_TTY, 0 }, { TOPIC_SID, 0 }, { TOPIC_FDS, 1 });
	QUESTIONS(&game, quiz_frame(run, "leader-setsid"), "quiz leader-setsid",
		  { TOPIC_SUCCEEDS, 0 });
	QUESTIONS(&game, quiz_frame(run, "fork-then-setsid"), "quiz fork-then-setsid",
		  { TOPIC_SUCCEEDS, 1 });
	QUESTIONS(&game, quiz_frame(run, "leader-opens-tty"), "quiz leader-opens-tty",
		  { TOPIC_TAKES_TTY, 1 });
	QUESTIONS(&game, quiz_frame(run, "non-leader-opens-tty"),
		  "quiz non-leader-opens-tty", { TOPIC_TAKES_TTY, 0 });
	CHECK(game.count == 12, "%zu frames with questions, not 12", game.count);

	/* asked while the frame it is compared with is shown; the steps' other
	 * frames ask nothing */
	size_t step2 = frame_of(run, "2", "after");
	CHECK(predict_find(&game, step2)->shown == frame_of(run, "2", "start"),
	      "step 2's questions are not shown on its start frame");
	CHECK(predict_find(&game, quiz_frame(run, "fork-then-setsid"))->shown ==
		      quiz_frame(run, "leader-setsid"),
	      "a quiz question is not shown on the quiz's frame before it");
	CHECK(predict_find(&game, frame_of(run, "2", "start")) == NULL, "a start frame asks");
	CHECK(predict_find(&game, frame_of(run, "1", "parent-exit")) == NULL,
	      "a parent-exit frame asks");
	CHECK(predict_find(&game, frame_of(run, "daemon", "heartbeat")) == NULL,
	      "a heartbeat asks");
	CHECK(strcmp(predict_find(&game, step2)->questions[0].ask, "Will setsid() succeed?") == 0,
	      "step 2 asks '%s'", predict_find(&game, step2)->questions[0].ask);
	predict_free(&game);
}

/* --skip 1: setsid() fails with EPERM, and nothing changes */
static void
test_skip_1(const struct model *model)
{
	const struct run *run = run_named(model, SKIP_1);
	struct predict game;
	const struct prediction *step2;

	CHECK(predict_start(&game, run) == 0, "predict_start");
	CHECK(frame_of(run, "1", "after") == NO_FRAME, "the --skip 1 run has a step 1");
	QUESTIONS(&game, frame_of(run, "2", "error"), "step 2 --skip 1",
		  { TOPIC_SUCCEEDS, 0 }, { TOPIC_PID, 0 }, { TOPIC_PGID, 0 }, { TOPIC_TTY, 0 });
	step2 = predict_find(&game, frame_of(run, "2", "error"));
	if (step2) {
		CHECK(strcmp(step2->questions[0].ask, "Will setsid() succeed?") == 0,
		      "the failing step 2 asks '%s'", step2->questions[0].ask);
		CHECK(strcmp(step2->questions[0].fact, "setsid() fails: EPERM") == 0,
		      "the failing step 2 reveals '%s'", step2->questions[0].fact);
	}
	CHECK(game.count == 5, "%zu frames with questions, not 5 (step 2 and the quiz)", game.count);
	predict_free(&game);
}

/* --single-fork: the daemon leads its session and takes the terminal */
static void
test_single_fork(const struct model *model)
{
	const struct run *run = run_named(model, SINGLE_FORK);
	struct predict game;

	CHECK(predict_start(&game, run) == 0, "predict_start");
	CHECK(frame_of(run, "3", "after") == NO_FRAME, "the --single-fork run has a step 3");
	QUESTIONS(&game, frame_of(run, "daemon", "after"), "daemon --single-fork",
		  { TOPIC_TAKES_TTY, 1 }, { TOPIC_SID, 0 }, { TOPIC_FDS, 1 });
	QUESTIONS(&game, frame_of(run, "4", "after"), "step 4 --single-fork",
		  { TOPIC_CWD, 1 }, { TOPIC_UMASK, 0 });
	predict_free(&game);
}

/* The record keys of each field question, as the log names them. */
static const char *const topic_keys[TOPIC_SUCCEEDS][3] = {
	[TOPIC_PID] = { "pid" }, [TOPIC_PPID] = { "ppid" }, [TOPIC_PGID] = { "pgid" },
	[TOPIC_SID] = { "sid" }, [TOPIC_TTY] = { "tty" }, [TOPIC_CWD] = { "cwd" },
	[TOPIC_UMASK] = { "umask" }, [TOPIC_FDS] = { "fds" },
	[TOPIC_STDIO] = { "fd0", "fd1", "fd2" },
};

static int
values_differ(const struct entry *before, const struct entry *now, enum topic topic)
{
	for (int k = 0; k < 3 && topic_keys[topic][k]; k++)
		if (strcmp(entry_text(before, topic_keys[topic][k]),
			   entry_text(now, topic_keys[topic][k])) != 0)
			return 1;
	return 0;
}

/* daemon(7)'s answers, from the run's records: the chain's first step
 * record is what its caller gave. */
static int
daemon7_truth(const struct run *run, const struct entry *now, enum topic topic)
{
	const struct entry *first = run->frames[frame_of(run, "1", "start")].record;
	unsigned long long began, later;

	switch (topic) {
	case TOPIC_SIGNALS_KEPT:	/* every record of the chain still ignores it */
		log_signal_set(entry_text(first, "sigign"), &began);
		for (size_t f = 0; f < run->count && run->frames[f].record != now; f++)
			if (log_signal_set(entry_text(run->frames[f].record, "sigign"), &later) == 0)
				began &= later;
		log_signal_set(entry_text(now, "sigign"), &later);
		return (began & later) != 0;
	case TOPIC_FEWER_VARIABLES:
		return atoi(entry_text(now, "nenv")) < atoi(entry_text(first, "nenv"));
	case TOPIC_STILL_ROOT:
		return strncmp(entry_text(now, "uid"), "0,", 2) == 0;
	case TOPIC_READY_HEARD:	/* the first process's exit says it heard */
		for (size_t f = 0; f < run->count; f++)
			if (strcmp(entry_text(run->frames[f].record, "ready"), "yes") == 0)
				return 1;
		return 0;
	default:
		return -1;
	}
}

/* The right answer as the records give it. */
static int
truth_of(const struct run *run, const struct entry *before, const struct entry *now,
	 enum topic topic)
{
	if (topic < TOPIC_SUCCEEDS)
		return values_differ(before, now, topic);
	if (topic == TOPIC_SUCCEEDS)
		return strcmp(entry_text(now, "event"), "error") != 0;
	if (topic == TOPIC_TAKES_TTY)
		return strcmp(entry_text(now, "tty_taken"), "yes") == 0;
	return daemon7_truth(run, now, topic);
}

/* In every run: each field's answer is whether the records' values differ,
 * each call's whether the record is an error; a frame whose fields both
 * changed and stayed asks about both kinds. */
static void
test_answers_follow_records(const struct model *model)
{
	for (size_t r = 0; r < model->count; r++) {
		const struct run *run = model_run(model, r);
		struct predict game;

		CHECK(predict_start(&game, run) == 0, "predict_start");
		for (size_t p = 0; p < game.count; p++) {
			const struct prediction *prediction = &game.predictions[p];
			const struct entry *now = run->frames[prediction->frame].record;
			const struct entry *before = run->frames[prediction->shown].record;
			int yes = 0, no = 0, some_changed = 0, some_stayed = 0;

			for (int t = 0; t < TOPIC_SUCCEEDS; t++) {
				some_changed |= values_differ(before, now, t);
				some_stayed |= !values_differ(before, now, t);
			}
			for (int i = 0; i < prediction->count; i++) {
				const struct question *question = &prediction->questions[i];
				int truth = truth_of(run, before, now, question->topic);

				CHECK(question->truth == truth,
				      "run %s frame %zu: '%s' says %d, the records %d", run->id,
				      prediction->frame + 1, question->ask, question->truth, truth);
				yes += question->truth;
				no += !question->truth;
			}
			if (prediction->count > 1 && some_changed && some_stayed)
				CHECK(yes > 0 && no > 0, "run %s frame %zu: every answer is %s", run->id,
				      prediction->frame + 1, yes ? "yes" : "no");
		}
		predict_free(&game);
	}
}

/* daemon(7)'s questions, as heartbeatd begins, in the three chains. */
static void
test_daemon7(const struct model *model)
{
	const struct run *nohup_root = run_named(model, NOHUP_ROOT);
	const struct run *nobody = run_named(model, AS_NOBODY);
	const struct run *closed = run_named(model, READY_CLOSED);
	struct predict game;

	CHECK(predict_start(&game, nohup_root) == 0, "predict_start");
	QUESTIONS(&game, frame_of(nohup_root, "daemon", "start"), "nohup, root, --wait-ready",
		  { TOPIC_SIGNALS_KEPT, 1 }, { TOPIC_FEWER_VARIABLES, 0 }, { TOPIC_STILL_ROOT, 1 },
		  { TOPIC_READY_HEARD, 1 });
	const struct prediction *asked = predict_find(&game, frame_of(nohup_root, "daemon", "start"));
	if (asked) {
		CHECK(strcmp(asked->questions[0].ask, "The chain began with SIGHUP ignored: still so?") == 0,
		      "the signals question asks '%s'", asked->questions[0].ask);
		CHECK(asked->shown == frame_of(nohup_root, "7", "after"),
		      "heartbeatd's questions are not shown on step 7's result");
	}
	predict_free(&game);
	/* nothing ignored at the start, never root: neither is asked */
	CHECK(predict_start(&game, nobody) == 0, "predict_start");
	QUESTIONS(&game, frame_of(nobody, "daemon", "start"), "as nobody",
		  { TOPIC_FEWER_VARIABLES, 0 }, { TOPIC_READY_HEARD, 0 });
	predict_free(&game);
	CHECK(predict_start(&game, closed) == 0, "predict_start");
	QUESTIONS(&game, frame_of(closed, "daemon", "start"), "ready descriptor closed",
		  { TOPIC_FEWER_VARIABLES, 0 }, { TOPIC_STILL_ROOT, 1 }, { TOPIC_READY_HEARD, 0 });
	predict_free(&game);
}

static void
add_line(struct model *model, const char *line, size_t number)
{
	struct logfmt_record record;

	CHECK(logfmt_parse(line, strlen(line), &record) == LOGFMT_OK, "cannot parse: %s", line);
	CHECK(model_add(model, &record, number) == 0, "model_add");
}

/* A record of a run of one's own. */
#define RECORD(step, event, cwd, umask, fds)                                               \
	"v=1 run=own prog=step" step " step=" step " event=" event " pid=7 ppid=1 "          \
	"parent=init pgid=6 sid=6 tty=? tpgid=-1 cwd=" cwd " umask=" umask " fds=" fds       \
	" fd0=/dev/null fd1=/dev/null fd2=/dev/null"

/* A chain of one's own, started in / with umask 0: steps 4 and 5 change
 * nothing, and the answers say so; step 4 got a descriptor on the way, so its
 * fds are asked about, that some answer be yes. */
static void
test_own_chain(void)
{
	struct model model;
	const struct run *run;
	struct predict game;

	model_init(&model);
	add_line(&model, RECORD("4", "start", "/", "0000", "0,1,2"), 1);
	add_line(&model, RECORD("4", "after", "/", "0000", "0,1,2,3"), 2);
	add_line(&model, RECORD("5", "start", "/", "0000", "0,1,2,3"), 3);
	add_line(&model, RECORD("5", "after", "/", "0000", "0,1,2,3"), 4);
	run = model_run(&model, 0);
	CHECK(predict_start(&game, run) == 0, "predict_start");
	QUESTIONS(&game, 1, "own step 4", { TOPIC_CWD, 0 }, { TOPIC_FDS, 1 });
	QUESTIONS(&game, 3, "own step 5", { TOPIC_CWD, 0 }, { TOPIC_UMASK, 0 });
	CHECK(predict_find(&game, 0) == NULL, "a first frame, compared with nothing, asks");
	predict_free(&game);
	model_free(&model);
}

/* daemon(7)'s steps: 0a asks whether the signals change (they do, from
 * nohup's SIGHUP and a blocked SIGTERM), 0b whether nenv does (it does not:
 * /proc shows the exec'd environment), 8 whether the IDs do; the PID, which
 * stays, gives each a no beside a yes. */
static void
test_daemon7_steps(void)
{
	static const char state[] = " pid=7 ppid=1 parent=init pgid=6 sid=6 tty=? tpgid=-1 cwd=/ "
				    "umask=0000 fds=0,1,2 fd0=/dev/null fd1=/dev/null fd2=/dev/null";
	static const char *const lines[] = {
		"v=1 run=own prog=step0a step=0a event=start sigign=SIGHUP sigblk=SIGTERM nenv=9",
		"v=1 run=own prog=step0a step=0a event=after sigign=none sigblk=none nenv=9",
		"v=1 run=own prog=step0b step=0b event=start sigign=none sigblk=none nenv=9",
		"v=1 run=own prog=step0b step=0b event=after kept=PATH sigign=none sigblk=none nenv=9",
		"v=1 run=own prog=step8 step=8 event=start uid=0,0,0,0 gid=0,0,0,0 groups=none nenv=3",
		("v=1 run=own prog=step8 step=8 event=after uid=65534,65534,65534,65534 "
		 "gid=65534,65534,65534,65534 groups=65534 nenv=\"unreadable (EACCES)\""),
	};
	struct model model;
	struct predict game;
	char line[512];

	model_init(&model);
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		snprintf(line, sizeof line, "%s%s", lines[i], state);
		add_line(&model, line, i + 1);
	}
	CHECK(predict_start(&game, model_run(&model, 0)) == 0, "predict_start");
	QUESTIONS(&game, 1, "step 0a", { TOPIC_PID, 0 }, { TOPIC_SIGNALS, 1 });
	QUESTIONS(&game, 3, "step 0b", { TOPIC_PID, 0 }, { TOPIC_NENV, 0 });
	QUESTIONS(&game, 5, "step 8", { TOPIC_PID, 0 }, { TOPIC_IDS, 1 });
	predict_free(&game);
	model_free(&model);
}

/* A step 2 that also tried a terminal: more questions than a frame has room
 * for (success, the terminal, three fields) are cut at the room, not past it. */
static void
test_room(void)
{
	struct model model;
	const struct run *run;
	struct predict game;
	const struct prediction *asked;

	model_init(&model);
	add_line(&model, RECORD("2", "start", "/", "0000", "0,1,2"), 1);
	add_line(&model, RECORD("2", "after", "/", "0000", "0,1,2") " tried_tty=/dev/pts/3", 2);
	run = model_run(&model, 0);
	CHECK(predict_start(&game, run) == 0, "predict_start");
	asked = predict_find(&game, 1);
	CHECK(asked && asked->count == PREDICT_QUESTIONS_MAX, "a full frame asks %d questions",
	      asked ? asked->count : -1);
	predict_free(&game);
	model_free(&model);
}

static void
check_score(const struct predict *game, int right, int wrong, int skipped, const char *when)
{
	struct score score;

	predict_score(game, &score);
	CHECK(score.right == right && score.wrong == wrong && score.skipped == skipped,
	      "%s: %d right, %d wrong, %d skipped; expected %d, %d, %d", when, score.right,
	      score.wrong, score.skipped, right, wrong, skipped);
}

/* The keys: answers, skipping, revealing, playing, the score, quitting. */
static void
test_keys(const struct model *model)
{
	const struct run *run = run_named(model, NORMAL);
	size_t step2 = frame_of(run, "2", "after"), step3 = frame_of(run, "3", "after");
	struct predict game;
	struct player player;

	CHECK(predict_start(&game, run) == 0, "predict_start");
	player_init(&player, 0);
	CHECK(predict_apply(&game, &player, CMD_QUIT, run, 0) == OUTCOME_QUIT,
	      "q with nothing answered does not quit");
	CHECK(predict_apply(&game, &player, CMD_ANSWER_YES, run, 0) == OUTCOME_NOTHING,
	      "y answers on a frame without questions");

	/* step 2: succeeds yes, PID no, PGID yes, TTY yes */
	predict_apply(&game, &player, CMD_STEP_2, run, 0);
	CHECK(player.frame == step2 && predict_asking(&game, step2), "2 does not ask step 2");
	predict_apply(&game, &player, CMD_ANSWER_YES, run, 0);
	predict_apply(&game, &player, CMD_ANSWER_NO, run, 0);
	CHECK(predict_asking(&game, step2), "two answers of four ended the questions");
	predict_apply(&game, &player, CMD_ANSWER_NO, run, 0);
	predict_apply(&game, &player, CMD_ANSWER_SKIP, run, 0);
	CHECK(!predict_asking(&game, step2) && player.frame == step2,
	      "four answers did not reveal step 2");
	check_score(&game, 2, 1, 1, "after step 2");
	CHECK(predict_apply(&game, &player, CMD_ANSWER_YES, run, 0) == OUTCOME_NOTHING,
	      "y answers again once revealed");

	/* a replay that plays waits for the answers, then shows the frame 4 s at
	 * least, even at 0.1 s a frame */
	predict_apply(&game, &player, CMD_STEP_3, run, 0);
	player.playing = 1;
	player.speed = PLAYER_SPEEDS - 1;
	player.next_tick_ms = 0;
	CHECK(predict_tick(&game, &player, run, 100000) == OUTCOME_NOTHING && player.frame == step3,
	      "playing went past questions not answered");
	/* Right reveals at once, the rest skipped */
	CHECK(predict_apply(&game, &player, CMD_NEXT, run, 100000) == OUTCOME_REDRAW &&
		      player.frame == step3 && !predict_asking(&game, step3),
	      "Right did not reveal step 3");
	check_score(&game, 2, 1, 4, "after Right on step 3");
	CHECK(predict_tick(&game, &player, run, 100000 + 3999) == OUTCOME_NOTHING,
	      "the revealed frame did not stay 4 s");
	CHECK(predict_tick(&game, &player, run, 100000 + 4000) == OUTCOME_REDRAW &&
		      player.frame == step3 + 1,
	      "playing did not go on after the reveal");
	player.playing = 0;

	/* q: the score; another key goes back; q twice quits */
	CHECK(predict_apply(&game, &player, CMD_QUIT, run, 0) == OUTCOME_REDRAW && game.score_shown,
	      "q does not show the score");
	CHECK(predict_apply(&game, &player, CMD_PREVIOUS, run, 0) == OUTCOME_REDRAW &&
		      !game.score_shown && player.frame == step3 + 1,
	      "a key on the score screen did not just go back");
	predict_apply(&game, &player, CMD_QUIT, run, 0);
	CHECK(predict_apply(&game, &player, CMD_QUIT, run, 0) == OUTCOME_QUIT,
	      "q on the score screen does not quit");

	/* Right past the last frame: the score */
	game.score_shown = 0;
	predict_apply(&game, &player, CMD_LAST, run, 0);
	CHECK(predict_apply(&game, &player, CMD_NEXT, run, 0) == OUTCOME_REDRAW && game.score_shown,
	      "Right on the last frame does not show the score");

	/* without --predict, every key is the player's */
	CHECK(predict_apply(NULL, &player, CMD_FIRST, run, 0) == OUTCOME_REDRAW && player.frame == 0,
	      "Home without a game");
	CHECK(predict_apply(NULL, &player, CMD_QUIT, run, 0) == OUTCOME_QUIT, "q without a game");
	predict_free(&game);
}

static int
row_has(const struct canvas *canvas, int row, const char *text)
{
	char line[512];

	canvas_row_text(canvas, row, line);
	return strstr(line, text) != NULL;
}

static int
screen_has(const struct canvas *canvas, const char *text)
{
	for (int row = 0; row < canvas->rows; row++)
		if (row_has(canvas, row, text))
			return 1;
	return 0;
}

/* A screen of --predict: the panel's title, the frame's headline, the status. */
static int
screen_whole(const struct canvas *canvas, const char *title)
{
	return screen_has(canvas, title) && row_has(canvas, 1, "frame ") &&
	       row_has(canvas, canvas->rows - 1, "the hint");
}

#define SHOWS(canvas, text) CHECK(screen_has((canvas), (text)), "the screen lacks: %s", (text))
#define HIDES(canvas, text) CHECK(!screen_has((canvas), (text)), "the screen shows: %s", (text))

/* The screens at 80x24: the question, the marks, the score. */
static void
test_screens(const struct model *model)
{
	const struct run *run = run_named(model, NORMAL);
	size_t step2 = frame_of(run, "2", "after");
	struct canvas canvas;
	struct names names;
	struct predict game;
	struct player player;
	static const enum command answers[] = { CMD_ANSWER_YES, CMD_ANSWER_NO, CMD_ANSWER_NO,
						CMD_ANSWER_SKIP };

	CHECK(canvas_init(&canvas, RENDER_MIN_ROWS, RENDER_MIN_COLS) == 0, "canvas_init");
	CHECK(predict_start(&game, run) == 0, "predict_start");
	names_build(&names, run, 0);
	player_init(&player, 0);
	predict_apply(&game, &player, CMD_STEP_2, run, 0);

	predict_render(&canvas, model, &names, &game, step2, "the hint");
	SHOWS(&canvas, "-- Predict frame 7/27: setsid(): a session of its own --");
	SHOWS(&canvas, "question 1 of 4");
	SHOWS(&canvas, "> Will setsid() succeed? y/n?");
	SHOWS(&canvas, "  Will the TTY change?");
	/* the state before, not the result */
	SHOWS(&canvas, "step2-setsid 20110: begins; next: setsid()");
	SHOWS(&canvas, "frame 6/27");
	HIDES(&canvas, "done: setsid()");
	HIDES(&canvas, "* TTY");
	CHECK(row_has(&canvas, canvas.rows - 1, "the hint"), "the status line is not the last row");

	predict_apply(&game, &player, answers[0], run, 0);
	predict_render(&canvas, model, &names, &game, step2, "the hint");
	SHOWS(&canvas, "  Will setsid() succeed? yes");
	SHOWS(&canvas, "> Will the PID change?   y/n?");
	SHOWS(&canvas, "question 2 of 4");

	for (size_t i = 1; i < sizeof answers / sizeof answers[0]; i++)
		predict_apply(&game, &player, answers[i], run, 0);
	predict_render(&canvas, model, &names, &game, step2, "the hint");
	SHOWS(&canvas, "step2-setsid 20110: done: setsid()");
	SHOWS(&canvas, "* TTY   pts/1 -> ? (none)");
	SHOWS(&canvas, "-- Frame 7/27: 2 of 3 right, 1 skipped --");
	SHOWS(&canvas, " right   setsid() succeeds");
	SHOWS(&canvas, " right   PID stays");
	SHOWS(&canvas, " WRONG   PGID changes");
	SHOWS(&canvas, " skipped TTY changes");
	CHECK(row_has(&canvas, canvas.rows - 1, "the hint"), "the status line is not the last row");

	game.score_shown = 1;
	predict_render(&canvas, model, &names, &game, step2, "the hint");
	SHOWS(&canvas, "Your predictions: 2 of 3 right, 1 skipped");
	SHOWS(&canvas, "Wrong:");
	SHOWS(&canvas, "frame  7/27  2 setsid  Will the PGID change?");
	SHOWS(&canvas, "you said no");
	HIDES(&canvas, "Will the PID change?");
	CHECK(row_has(&canvas, canvas.rows - 1, "the hint"), "the score's hint is not the last row");
	game.score_shown = 0;
	predict_free(&game);

	/* every question of every run, asked and revealed, fits 80x24 */
	for (size_t r = 0; r < model->count; r++) {
		const struct run *each = model_run(model, r);

		CHECK(predict_start(&game, each) == 0, "predict_start");
		names_build(&names, each, 0);
		for (size_t p = 0; p < game.count; p++) {
			size_t frame = game.predictions[p].frame;
			char title[64];

			snprintf(title, sizeof title, "-- Predict frame %zu/%zu: ", frame + 1,
				 each->count);
			predict_render(&canvas, model, &names, &game, frame, "the hint");
			CHECK(screen_whole(&canvas, title), "run %s frame %zu: no whole question screen",
			      each->id, frame + 1);
			game.predictions[p].questions[0].guess = GUESS_YES;
			for (int i = 1; i < game.predictions[p].count; i++)
				game.predictions[p].questions[i].guess = GUESS_NO;
			snprintf(title, sizeof title, "-- Frame %zu/%zu: ", frame + 1, each->count);
			predict_render(&canvas, model, &names, &game, frame, "the hint");
			CHECK(screen_whole(&canvas, title), "run %s frame %zu: no whole marks screen",
			      each->id, frame + 1);
		}
		predict_free(&game);
	}
	canvas_free(&canvas);
}

int
main(int argc, char **argv)
{
	struct model model, daemon7;

	if (argc != 3 || read_test_log(&model, argv[1]) == -1 ||
	    read_test_log(&daemon7, argv[2]) == -1) {
		fprintf(stderr, "usage: test_predict PREDICT-LOG DAEMON7-LOG (readable files)\n");
		return 2;
	}
	CHECK(run_named(&model, NORMAL) && run_named(&model, SKIP_1) && run_named(&model, SINGLE_FORK),
	      "the log lacks a run");
	if (failures)
		return checks_done();

	test_normal_run(&model);
	test_skip_1(&model);
	test_single_fork(&model);
	test_answers_follow_records(&model);
	test_daemon7(&daemon7);
	test_answers_follow_records(&daemon7);
	test_own_chain();
	test_daemon7_steps();
	test_room();
	test_keys(&model);
	test_screens(&model);

	model_free(&model);
	model_free(&daemon7);
	return checks_done();
}
