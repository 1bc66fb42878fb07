/* player.c - the replay's state and the commands that change it (see player.h). */
#include "player.h"

#include <stdio.h>
#include <string.h>

#include "recipe.h"

/* From slow, for a class to discuss each step, to fast, to skim. */
static const long intervals_ms[PLAYER_SPEEDS] = { 4000, 2000, 1000, 500, 250, 100 };

void
player_init(struct player *player, int follow)
{
	*player = (struct player){ .speed = 2, .follow = follow };
}

long
player_interval_ms(const struct player *player)
{
	return intervals_ms[player->speed];
}

static enum outcome
go_to(struct player *player, size_t frame)
{
	if (frame == player->frame)
		return OUTCOME_NOTHING;
	player->frame = frame;
	return OUTCOME_REDRAW;
}

/* Why run has no frame of step (1-7), as its records show: the step left
 * out (daemon-demo's skip=), never done by a traced daemon's lineage, the
 * chain stopped by an error before it, the chain gone on without it, or no
 * record of it yet. */
void
say_why_no_step(const struct run *run, int step, char *out, size_t size)
{
	const char *skip = NULL;
	const struct entry *failure = NULL;
	int last_step = 0, later = 0;

	for (size_t f = 0; run && f < run->count; f++) {
		const struct entry *record = run->frames[f].record;
		const char *at = entry_text(record, "step");
		int number = at[0] >= '1' && at[0] <= '7' && at[1] == '\0' ? at[0] - '0' : 0;

		if (skip == NULL)
			skip = entry_get(record, "skip");
		/* a step's error stops the chain; the pop quiz's EPERM does not */
		if (number && number < step && failure == NULL &&
		    strcmp(entry_text(record, "event"), "error") == 0)
			failure = record;
		if (number > last_step)
			last_step = number;
		later |= number > step || strcmp(at, "daemon") == 0;
	}
	if (run) {
		struct recipe recipe;	/* a traced run: the daemon's lineage never did it */
		recipe_of(run, &recipe);
		if (recipe.known) {
			snprintf(out, size, "step %d was never done: not by the daemon, PID %s, nor by "
				 "the processes before it", step, entry_text(recipe.verdict, "daemon"));
			return;
		}
	}
	if (skip && strchr(skip, '0' + step))
		snprintf(out, size, "step %d was left out in this run (--skip %s)", step, skip);
	else if (failure)
		snprintf(out, size, "step %d was not reached: the chain stopped at step %s (%s)", step,
			 entry_text(failure, "step"), entry_text(failure, "errno"));
	else if (later)
		snprintf(out, size, "step %d is not in this run: the chain went on without it", step);
	else if (last_step)
		snprintf(out, size, "step %d not reached yet: the run's last step so far is %d", step,
			 last_step);
	else
		snprintf(out, size, "step %d not reached yet: no step has a record in this run", step);
}

/* What command does; player_apply() adds the message's clearing. */
static enum outcome
apply(struct player *player, enum command command, const struct run *run, long long now_ms)
{
	size_t last = run && run->count ? run->count - 1 : 0;

	if (command == CMD_QUIT)
		return OUTCOME_QUIT;
	if (player->help) {		/* any other key leaves the help screen */
		player->help = 0;
		return OUTCOME_REDRAW;
	}
	switch (command) {
	case CMD_NEXT:
		return go_to(player, player->frame < last ? player->frame + 1 : last);
	case CMD_PREVIOUS:
		return go_to(player, player->frame > 0 ? player->frame - 1 : 0);
	case CMD_FIRST:
		return go_to(player, 0);
	case CMD_LAST:
		return go_to(player, last);
	case CMD_PLAY:
		player->playing = !player->playing;
		if (player->playing && player->frame == last)
			player->frame = 0;	/* at the end, play means play again */
		player->next_tick_ms = now_ms + player_interval_ms(player);
		return OUTCOME_REDRAW;
	case CMD_FASTER:
		if (player->speed < PLAYER_SPEEDS - 1)
			player->speed++;
		return OUTCOME_REDRAW;
	case CMD_SLOWER:
		if (player->speed > 0)
			player->speed--;
		return OUTCOME_REDRAW;
	case CMD_STEP_1: case CMD_STEP_2: case CMD_STEP_3: case CMD_STEP_4:
	case CMD_STEP_5: case CMD_STEP_6: case CMD_STEP_7: {
		char step[2] = { (char)('1' + (command - CMD_STEP_1)), '\0' };
		size_t frame = run ? run_find_step(run, step) : NO_FRAME;

		if (frame != NO_FRAME)
			return go_to(player, frame);
		say_why_no_step(run, step[0] - '0', player->message, sizeof player->message);
		return OUTCOME_REDRAW;
	}
	case CMD_CODE:
		player->code = !player->code;
		return OUTCOME_REDRAW;
	case CMD_EXPLAIN:
		player->explain = !player->explain;
		return OUTCOME_REDRAW;
	case CMD_HELP:
		player->help = 1;
		return OUTCOME_REDRAW;
	case CMD_ANSWER_YES: case CMD_ANSWER_NO: case CMD_ANSWER_SKIP:	/* predict.c's */
	case CMD_NONE:
	case CMD_QUIT:
		break;
	}
	return OUTCOME_NOTHING;
}

enum outcome
player_apply(struct player *player, enum command command, const struct run *run,
	     long long now_ms)
{
	int had_message = player->message[0] != '\0';
	enum outcome outcome;

	player->message[0] = '\0';
	outcome = apply(player, command, run, now_ms);
	return outcome == OUTCOME_NOTHING && had_message ? OUTCOME_REDRAW : outcome;
}

enum outcome
player_tick(struct player *player, const struct run *run, long long now_ms)
{
	if (!player->playing || now_ms < player->next_tick_ms || run == NULL)
		return OUTCOME_NOTHING;
	player->next_tick_ms = now_ms + player_interval_ms(player);
	if (player->frame + 1 < run->count)
		return go_to(player, player->frame + 1);
	if (!player->follow)
		player->playing = 0;	/* the end: stop, unless records may still come */
	return OUTCOME_REDRAW;
}

enum outcome
player_grew(struct player *player, size_t old_count, const struct run *run)
{
	if (!player->follow || run->count == 0)
		return OUTCOME_NOTHING;
	if (old_count == 0 || player->frame == old_count - 1)
		return go_to(player, run->count - 1);
	return OUTCOME_REDRAW;	/* the frame count shown has changed */
}
