/* player.h - where the replay stands, and what each command does to it.
 *
 * The view turns keys into commands and draws; this file only changes the
 * replay's state, so every key's effect is tested without a terminal.
 */
#ifndef DAEMON_STEPS_VIEWER_PLAYER_H
#define DAEMON_STEPS_VIEWER_PLAYER_H

#include <stddef.h>

#include "model.h"

enum command {
	CMD_NONE,
	CMD_NEXT, CMD_PREVIOUS, CMD_FIRST, CMD_LAST,
	CMD_PLAY,		/* play or pause */
	CMD_FASTER, CMD_SLOWER,
	CMD_STEP_1, CMD_STEP_2, CMD_STEP_3, CMD_STEP_4, CMD_STEP_5, CMD_STEP_6, CMD_STEP_7,
	CMD_CODE,		/* show or hide the code pane */
	CMD_EXPLAIN,		/* the whole explanation, in the diagram's place, or back */
	CMD_HELP,
	CMD_ANSWER_YES, CMD_ANSWER_NO, CMD_ANSWER_SKIP,	/* --predict's (predict.h) */
	CMD_QUIT
};

/* What the main loop should do after a command. */
enum outcome { OUTCOME_NOTHING, OUTCOME_REDRAW, OUTCOME_QUIT };

enum { PLAYER_SPEEDS = 6, PLAYER_MESSAGE_SIZE = 160 };

struct player {
	size_t frame;		/* the frame shown */
	int playing;
	int speed;		/* index into the intervals: higher is faster */
	int help;		/* the help screen is up */
	int code;		/* the code pane is shown */
	int explain;		/* the explanation takes the diagram's rows */
	int follow;		/* --follow: stay on the newest frame as records arrive */
	long long next_tick_ms;	/* when playing, the time of the next frame */
	char message[PLAYER_MESSAGE_SIZE];	/* why the last key did nothing, or "" */
};

void player_init(struct player *player, int follow);

/* Applies a command to the replay of run (NULL while the log is empty). A key
 * that cannot do what it asks, the key of a step the run has no record of,
 * leaves a message saying why, in the words of the run's records; the next
 * command clears it. */
enum outcome player_apply(struct player *player, enum command command, const struct run *run,
			  long long now_ms);

/* Plays on: the next frame when its time has come. */
enum outcome player_tick(struct player *player, const struct run *run, long long now_ms);

/* The run grew from old_count frames: a follower at the end moves with it. */
enum outcome player_grew(struct player *player, size_t old_count, const struct run *run);

/* Why run has no frame of step (1-7), in the words of its records: the
 * message a step's key leaves (the web page's step buttons say it too). */
void say_why_no_step(const struct run *run, int step, char *out, size_t size);

/* Milliseconds between frames at the current speed, and as words ("1 s"). */
long player_interval_ms(const struct player *player);

#endif
