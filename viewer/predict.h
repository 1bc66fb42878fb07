/* predict.h - daemon-viewer --predict: say what a step will change, then see.
 *
 * Before a frame that shows what a step did (its "after" or "error" frame,
 * the daemon opening a terminal, a pop quiz experiment), the viewer asks a
 * few yes/no questions: will the PID change? will setsid() succeed? The right
 * answers are read from the records, never from what the step ought to do:
 * the frame's changed fields against the frame it is compared with (model.h),
 * its event, its tty_taken; daemon(7)'s questions, asked as heartbeatd
 * begins, from the story's judgment of the lineage (story.h): the signals
 * it began with, its environment, root, and whether its readiness is heard
 * (the run's later records answer that one). So a --skip run, or a run of one's own chain, is
 * marked by what really happened. Which fields are asked follows what each
 * step is about; whenever the frame has both, some answers are yes and some
 * no, so that answering yes (or no) to everything does not win.
 *
 * Plain C with no terminal: predict_screen.h lays the questions and the marks
 * out, view.c only turns keys into commands.
 */
#ifndef DAEMON_STEPS_VIEWER_PREDICT_H
#define DAEMON_STEPS_VIEWER_PREDICT_H

#include <stddef.h>

#include "model.h"
#include "player.h"

/* What a question asks about. */
enum topic {
	/* will this field change? (the labels of the frame's state panel) */
	TOPIC_PID, TOPIC_PPID, TOPIC_PGID, TOPIC_SID, TOPIC_TTY, TOPIC_CWD, TOPIC_UMASK,
	TOPIC_FDS, TOPIC_STDIO,
	/* and what daemon(7)'s steps change, which the panel does not show */
	TOPIC_SIGNALS, TOPIC_NENV, TOPIC_IDS,
	TOPIC_SUCCEEDS,		/* will the call succeed? (an error frame says no) */
	TOPIC_TAKES_TTY,	/* will the terminal it opens become its own? */
	/* daemon(7)'s, as heartbeatd begins, in a log whose records have its fields */
	TOPIC_SIGNALS_KEPT,	/* is a signal the chain began with ignored (blocked) still so? */
	TOPIC_FEWER_VARIABLES,	/* has it fewer variables than its caller gave? */
	TOPIC_STILL_ROOT,	/* it started as root: is it root still? */
	TOPIC_READY_HEARD,	/* will anyone hear that it is ready? */
	TOPIC_COUNT
};

enum guess { GUESS_NONE, GUESS_YES, GUESS_NO, GUESS_SKIPPED };

enum { QUESTION_TEXT = 80 };

struct question {
	enum topic topic;
	int truth;			/* the right answer, from the records: 1 yes, 0 no */
	enum guess guess;
	char ask[QUESTION_TEXT];	/* "Will the PGID change?" */
	char fact[QUESTION_TEXT];	/* what the frame shows: "PGID changes" */
};

enum { PREDICT_QUESTIONS_MAX = 4 };

/* The questions asked before one frame. */
struct prediction {
	size_t frame;		/* the frame they are about */
	size_t shown;		/* the frame on screen while they are asked */
	struct question questions[PREDICT_QUESTIONS_MAX];
	int count;
};

struct predict {
	const struct run *run;
	struct prediction *predictions;	/* in frame order */
	size_t count;
	int score_shown;	/* the score screen is up */
};

/* The questions of every frame of run, none answered. Returns 0, or -1 when
 * memory ran out. */
int predict_start(struct predict *game, const struct run *run);
void predict_free(struct predict *game);

/* The questions asked before frame, or NULL when it has none. */
const struct prediction *predict_find(const struct predict *game, size_t frame);

/* The question of prediction waiting for an answer, or NULL when all have one. */
const struct question *prediction_waiting(const struct prediction *prediction);

/* Whether frame's questions are being asked: it has some still waiting. */
int predict_asking(const struct predict *game, size_t frame);

/* Whether question's guess was the right answer. */
int question_right(const struct question *question);

struct score {
	int right, wrong, skipped;
	int waiting;		/* questions not answered yet (their frames not reached) */
};

void predict_score(const struct predict *game, struct score *score);

/*
 * What a command does to a replay with predictions: y, n and s answer the
 * question waiting (or skip it); Right reveals the frame at once, the rest
 * skipped, and past the last frame shows the score; q shows the score, and
 * quits when it is up (or when nothing was answered); any other key leaves
 * the score. The rest is the player's (player.h). With game NULL (no
 * --predict), every command is the player's.
 */
enum outcome predict_apply(struct predict *game, struct player *player, enum command command,
			   const struct run *run, long long now_ms);

/* Plays on, as player_tick(), but waits while questions are asked, and shows
 * a frame just revealed for 4 s at least. */
enum outcome predict_tick(const struct predict *game, struct player *player,
			  const struct run *run, long long now_ms);

#endif
