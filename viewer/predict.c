/* predict.c - the questions of --predict, their answers and the score (see predict.h). */
#include "predict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logread.h"
#include "record.h"	/* format_signal_set */
#include "story.h"

/*** what can be asked ***/

/* Questions about a field: the state fields that answer them (model.h). */
static const struct {
	unsigned fields;
	const char *ask, *changes, *stays;
} field_topics[TOPIC_SUCCEEDS] = {
	[TOPIC_PID]   = { 1u << SF_PID, "Will the PID change?", "PID changes", "PID stays" },
	[TOPIC_PPID]  = { 1u << SF_PPID, "Will the PPID change?", "PPID changes", "PPID stays" },
	[TOPIC_PGID]  = { 1u << SF_PGID, "Will the PGID change?", "PGID changes", "PGID stays" },
	[TOPIC_SID]   = { 1u << SF_SID, "Will the SID change?", "SID changes", "SID stays" },
	[TOPIC_TTY]   = { 1u << SF_TTY, "Will the TTY change?", "TTY changes", "TTY stays" },
	[TOPIC_CWD]   = { 1u << SF_CWD, "Will the cwd change?", "cwd changes", "cwd stays" },
	[TOPIC_UMASK] = { 1u << SF_UMASK, "Will the umask change?", "umask changes", "umask stays" },
	[TOPIC_FDS]   = { 1u << SF_FDS, "Will the open fds change?", "fds change", "fds stay" },
	[TOPIC_STDIO] = { 1u << SF_FD0 | 1u << SF_FD1 | 1u << SF_FD2, "Will 0 1 2 change?",
			  "0 1 2 change", "0 1 2 stay" },
	[TOPIC_SIGNALS] = { 1u << SF_SIGIGN | 1u << SF_SIGBLK,
			    "Will the ignored or blocked signals change?", "signals change",
			    "signals stay" },
	[TOPIC_NENV]  = { 1u << SF_NENV, "Will nenv, the environment's size in /proc, change?",
			  "nenv changes", "nenv stays" },
	[TOPIC_IDS]   = { 1u << SF_UID | 1u << SF_GID | 1u << SF_GROUPS,
			  "Will its user and group IDs change?", "IDs change", "IDs stay" },
};

/*
 * What each step is about: the fields asked first, the rest coming from the
 * panel's order when the frame needs a field with the other answer. Only
 * which fields are asked comes from here; the answers come from the records.
 */
static const struct step_questions {
	const char *step;
	const char *call;	/* "Will setsid() succeed?" */
	int asks_success;	/* failing is this step's lesson: always ask */
	int count;
	enum topic fields[3];
} step_questions[] = {
	{ "0a", "sigaction", 0, 2, { TOPIC_SIGNALS, TOPIC_PID } },
	/* nenv stays: /proc shows the environment exec gave, a question worth a guess */
	{ "0b", "clearenv", 0, 2, { TOPIC_NENV, TOPIC_PID } },
	{ "1", "fork", 0, 3, { TOPIC_PID, TOPIC_PPID, TOPIC_PGID } },
	{ "2", "setsid", 1, 3, { TOPIC_PGID, TOPIC_TTY, TOPIC_PID } },
	{ "3", "fork", 0, 3, { TOPIC_PID, TOPIC_PGID, TOPIC_SID } },
	{ "4", "chdir", 0, 2, { TOPIC_CWD, TOPIC_UMASK } },
	{ "5", "umask", 0, 2, { TOPIC_UMASK, TOPIC_CWD } },
	{ "6", "close", 0, 3, { TOPIC_FDS, TOPIC_STDIO, TOPIC_TTY } },
	{ "7", "open", 0, 3, { TOPIC_STDIO, TOPIC_FDS, TOPIC_TTY } },
	{ "8", "setuid", 0, 2, { TOPIC_IDS, TOPIC_PID } },
	/* the terminal it tries to take is asked on its own (TOPIC_TAKES_TTY) */
	{ "daemon", "open", 0, 2, { TOPIC_FDS, TOPIC_SID } },
};

/* The pop quiz's experiments: one question each, on a process of its own. */
static const struct {
	const char *quiz;
	enum topic topic;
	const char *ask;
} experiments[] = {
	{ "leader-setsid", TOPIC_SUCCEEDS,
	  "This process leads its group and calls setsid(): will it succeed?" },
	{ "fork-then-setsid", TOPIC_SUCCEEDS,
	  "It forks, and its child calls setsid(): will that succeed?" },
	{ "leader-opens-tty", TOPIC_TAKES_TTY,
	  "This session leader opens a new terminal: will it take it?" },
	{ "non-leader-opens-tty", TOPIC_TAKES_TTY,
	  "Its child, which leads no session, opens one: will it take it?" },
};

static const struct step_questions *
questions_of(const char *step)
{
	for (size_t i = 0; i < sizeof step_questions / sizeof step_questions[0]; i++)
		if (strcmp(step_questions[i].step, step) == 0)
			return &step_questions[i];
	return NULL;
}

/*** the questions of a frame ***/

static struct question *
add_question(struct prediction *prediction, enum topic topic, int truth)
{
	struct question *question = &prediction->questions[prediction->count++];

	memset(question, 0, sizeof *question);
	question->topic = topic;
	question->truth = truth;
	return question;
}

static void
set_field_question(struct question *question, enum topic topic, unsigned changed)
{
	question->topic = topic;
	question->truth = (changed & field_topics[topic].fields) != 0;
	question->guess = GUESS_NONE;
	snprintf(question->ask, sizeof question->ask, "%s", field_topics[topic].ask);
	snprintf(question->fact, sizeof question->fact, "%s",
		 question->truth ? field_topics[topic].changes : field_topics[topic].stays);
}

/* Will call succeed? An error record says no, and names the call and errno. */
static void
ask_success(struct prediction *prediction, const struct entry *record, const char *call,
	    const char *ask)
{
	int failed = strcmp(entry_text(record, "event"), "error") == 0;
	const char *named = entry_get(record, "call");
	struct question *question = add_question(prediction, TOPIC_SUCCEEDS, !failed);

	if (failed && named)
		call = named;
	if (ask)
		snprintf(question->ask, sizeof question->ask, "%s", ask);
	else
		snprintf(question->ask, sizeof question->ask, "Will %s() succeed?", call);
	if (failed)
		snprintf(question->fact, sizeof question->fact, "%s() fails: %s", call,
			 entry_get(record, "errno") ? entry_text(record, "errno") : "error");
	else
		snprintf(question->fact, sizeof question->fact, "%s() succeeds", call);
}

/* Will the terminal it opens become its own? tty_taken says; a record
 * without it, whether the TTY changed to a terminal. */
static void
ask_takes_tty(struct prediction *prediction, const struct entry *record, unsigned changed,
	      const char *ask)
{
	const char *taken = entry_get(record, "tty_taken");
	int truth = taken ? strcmp(taken, "yes") == 0
			  : (changed & 1u << SF_TTY) && strcmp(entry_text(record, "tty"), "?") != 0;
	struct question *question = add_question(prediction, TOPIC_TAKES_TTY, truth);

	snprintf(question->ask, sizeof question->ask, "%s", ask);
	snprintf(question->fact, sizeof question->fact, "%s",
		 truth ? "it takes the terminal" : "it gets no terminal");
}

static int
asked(const struct prediction *prediction, enum topic topic)
{
	for (int i = 0; i < prediction->count; i++)
		if (prediction->questions[i].topic == topic)
			return 1;
	return 0;
}

static int
has_answer(const struct prediction *prediction, int truth)
{
	for (int i = 0; i < prediction->count; i++)
		if (prediction->questions[i].truth == truth)
			return 1;
	return 0;
}

/* No question's answer is truth: the first field in order that has it takes
 * the place of the last field asked, so that both answers are right somewhere
 * (when there is more than one question, and such a field). */
static void
balance(struct prediction *prediction, int first_field, const enum topic *order, int count,
	unsigned changed, int truth)
{
	if (has_answer(prediction, truth) || prediction->count < 2 ||
	    prediction->count == first_field)
		return;
	for (int i = 0; i < count; i++) {
		if (asked(prediction, order[i]) ||
		    ((changed & field_topics[order[i]].fields) != 0) != truth)
			continue;
		set_field_question(&prediction->questions[prediction->count - 1], order[i],
				   changed);
		return;
	}
}

/* The step's fields, balanced, then shown in the state panel's order. */
static void
ask_fields(struct prediction *prediction, const struct step_questions *asked_of, unsigned changed)
{
	enum topic order[TOPIC_SUCCEEDS];
	int count = 0, first_field = prediction->count;

	for (int i = 0; i < asked_of->count; i++)
		order[count++] = asked_of->fields[i];
	for (int topic = 0; topic < TOPIC_SUCCEEDS; topic++) {
		/* the TTY is asked already when the question is whether it takes one */
		int listed = topic == TOPIC_TTY && asked(prediction, TOPIC_TAKES_TTY);
		for (int i = 0; i < asked_of->count; i++)
			listed |= asked_of->fields[i] == (enum topic)topic;
		if (!listed)
			order[count++] = topic;
	}
	/* the questions before these (success, the terminal) leave less room */
	for (int i = 0; i < asked_of->count && prediction->count < PREDICT_QUESTIONS_MAX; i++)
		set_field_question(add_question(prediction, order[i], 0), order[i], changed);
	balance(prediction, first_field, order, count, changed, 1);
	balance(prediction, first_field, order, count, changed, 0);
	for (int i = first_field + 1; i < prediction->count; i++)
		for (int j = i; j > first_field && prediction->questions[j].topic <
						     prediction->questions[j - 1].topic; j--) {
			struct question swap = prediction->questions[j];
			prediction->questions[j] = prediction->questions[j - 1];
			prediction->questions[j - 1] = swap;
		}
}

/* A step's result (its after or error frame), against the frame before it. */
static void
ask_about_step(struct prediction *prediction, const struct run *run, size_t index)
{
	const struct frame *frame = &run->frames[index];
	const struct entry *record = frame->record;
	const char *event = entry_text(record, "event");
	const struct step_questions *asked_of = questions_of(entry_text(record, "step"));
	int failed = strcmp(event, "error") == 0;

	if (asked_of == NULL || frame->previous == NO_FRAME ||
	    (!failed && strcmp(event, "after") != 0))
		return;
	prediction->shown = frame->previous;
	if (failed || asked_of->asks_success)
		ask_success(prediction, record, asked_of->call, NULL);
	if (!failed && entry_get(record, "tried_tty"))
		ask_takes_tty(prediction, record, frame->changed, "Will it take the terminal?");
	ask_fields(prediction, asked_of, frame->changed);
}

/*
 * What daemon(7) also asks, before heartbeatd's start frame (the daemon's work
 * begins): the signals its lineage began with ignored or blocked, if any
 * (kept since?), its environment against its caller's, root where it started
 * as root, and whether its readiness will be heard (the thread's last frame
 * says). Asked only where the records carry
 * daemon(7)'s fields.
 */
static void
ask_about_daemon7(struct prediction *prediction, const struct run *run, size_t index)
{
	const struct frame *frame = &run->frames[index];
	const struct entry *record = frame->record, *first;
	struct story story;
	struct question *question;
	unsigned long long began_ignored, began_blocked;
	long ids[4];
	char set[256];

	if (!entry_matches(record, "daemon", "start", NULL, NULL) || frame->previous == NO_FRAME ||
	    entry_get(record, "sigign") == NULL)
		return;
	story_at(&story, run, index);
	if ((first = story_lineage_start(&story)) == NULL)
		return;
	prediction->shown = frame->previous;
	if (log_signal_set(entry_text(first, "sigign"), &began_ignored) == 0 &&
	    log_signal_set(entry_text(first, "sigblk"), &began_blocked) == 0 &&
	    ((began_ignored &= ~CHECK_LIBC_SIGNALS) | (began_blocked &= ~CHECK_LIBC_SIGNALS))) {
		const struct thread_story *t = story_thread(&story);
		int ignored = began_ignored != 0;
		unsigned long long kept = ignored ? t->kept_ignored : t->kept_blocked;

		format_signal_set(ignored ? began_ignored : began_blocked, set, sizeof set);
		question = add_question(prediction, TOPIC_SIGNALS_KEPT, kept != 0);
		snprintf(question->ask, sizeof question->ask, "The chain began with %.30s %s: still so?",
			 set, ignored ? "ignored" : "blocked");
		format_signal_set(kept, set, sizeof set);
		snprintf(question->fact, sizeof question->fact, kept ? "still %s: %.50s" :
			 "none is still %s", ignored ? "ignored" : "blocked", set);
	}
	if (entry_get(record, "nenv") && entry_get(first, "nenv")) {
		question = add_question(prediction, TOPIC_FEWER_VARIABLES,
					story_judgment(&story, CHECK_OWN_ENVIRONMENT) == CHECK_MET);
		snprintf(question->ask, sizeof question->ask,
			 "Its caller gave %.12s variables: will it have fewer?", entry_text(first, "nenv"));
		snprintf(question->fact, sizeof question->fact, "it has %.12s variables",
			 entry_text(record, "nenv"));
	}
	if (log_id_list(entry_text(first, "uid"), ids, 4) == 4 && ids[1] == 0) {
		question = add_question(prediction, TOPIC_STILL_ROOT,
					story_judgment(&story, CHECK_PRIVILEGES_DROPPED) == CHECK_FAILS);
		snprintf(question->ask, sizeof question->ask, "It started as root: is it root still?");
		snprintf(question->fact, sizeof question->fact, "uid %.30s, gid %.30s",
			 entry_text(record, "uid"), entry_text(record, "gid"));
	}
	if (prediction->count < PREDICT_QUESTIONS_MAX) {
		story_at(&story, run, run->last_of_thread[frame->thread]);
		question = add_question(prediction, TOPIC_READY_HEARD,
					story_judgment(&story, CHECK_READY_TOLD) == CHECK_MET);
		snprintf(question->ask, sizeof question->ask,
			 "Will anyone hear that it is ready (a parent, a manager)?");
		snprintf(question->fact, sizeof question->fact, "%s", question->truth ?
			 "its readiness is heard" : "nobody hears it");
	}
}

/* A pop quiz experiment, shown after the quiz's frame before it. */
static void
ask_about_experiment(struct prediction *prediction, const struct run *run, size_t index,
		     size_t before)
{
	const struct entry *record = run->frames[index].record;
	const char *quiz = entry_text(record, "quiz");
	const char *event = entry_text(record, "event");

	if (before == NO_FRAME || (strcmp(event, "after") != 0 && strcmp(event, "error") != 0))
		return;
	for (size_t i = 0; i < sizeof experiments / sizeof experiments[0]; i++) {
		if (strcmp(experiments[i].quiz, quiz) != 0)
			continue;
		prediction->shown = before;
		if (experiments[i].topic == TOPIC_SUCCEEDS)
			ask_success(prediction, record, "setsid", experiments[i].ask);
		else
			ask_takes_tty(prediction, record, 0, experiments[i].ask);
		return;
	}
}

/*** the game ***/

int
predict_start(struct predict *game, const struct run *run)
{
	size_t capacity = 0, quiz_before = NO_FRAME;

	memset(game, 0, sizeof *game);
	game->run = run;
	for (size_t f = 0; f < run->count; f++) {
		struct prediction prediction = { .frame = f };

		if (run->frames[f].thread == THREAD_QUIZ) {
			ask_about_experiment(&prediction, run, f, quiz_before);
			quiz_before = f;
		} else {
			ask_about_step(&prediction, run, f);
			ask_about_daemon7(&prediction, run, f);
		}
		if (prediction.count == 0)
			continue;
		if (game->count == capacity) {
			size_t wanted = capacity ? 2 * capacity : 16;
			struct prediction *bigger = realloc(game->predictions,
							    wanted * sizeof *bigger);
			if (bigger == NULL) {
				predict_free(game);
				return -1;
			}
			game->predictions = bigger;
			capacity = wanted;
		}
		game->predictions[game->count++] = prediction;
	}
	return 0;
}

void
predict_free(struct predict *game)
{
	free(game->predictions);
	game->predictions = NULL;
	game->count = 0;
}

/* The index of frame's prediction, or game->count when it has none. */
static size_t
index_of(const struct predict *game, size_t frame)
{
	size_t low = 0, high = game->count;

	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (game->predictions[middle].frame < frame)
			low = middle + 1;
		else
			high = middle;
	}
	return low < game->count && game->predictions[low].frame == frame ? low : game->count;
}

const struct prediction *
predict_find(const struct predict *game, size_t frame)
{
	size_t index = index_of(game, frame);
	return index < game->count ? &game->predictions[index] : NULL;
}

/* The index of the question waiting for an answer, or -1. */
static int
waiting_index(const struct prediction *prediction)
{
	for (int i = 0; i < prediction->count; i++)
		if (prediction->questions[i].guess == GUESS_NONE)
			return i;
	return -1;
}

const struct question *
prediction_waiting(const struct prediction *prediction)
{
	int index = waiting_index(prediction);
	return index < 0 ? NULL : &prediction->questions[index];
}

int
predict_asking(const struct predict *game, size_t frame)
{
	const struct prediction *prediction = predict_find(game, frame);
	return prediction && prediction_waiting(prediction);
}

int
question_right(const struct question *question)
{
	return (question->guess == GUESS_YES && question->truth) ||
	       (question->guess == GUESS_NO && !question->truth);
}

void
predict_score(const struct predict *game, struct score *score)
{
	memset(score, 0, sizeof *score);
	for (size_t p = 0; p < game->count; p++) {
		for (int i = 0; i < game->predictions[p].count; i++) {
			const struct question *question = &game->predictions[p].questions[i];
			if (question->guess == GUESS_NONE)
				score->waiting++;
			else if (question->guess == GUESS_SKIPPED)
				score->skipped++;
			else if (question_right(question))
				score->right++;
			else
				score->wrong++;
		}
	}
}

/*** commands ***/

static enum outcome
show_score(struct predict *game, struct player *player)
{
	game->score_shown = 1;
	player->playing = 0;
	player->help = 0;
	return OUTCOME_REDRAW;
}

/* A replay that plays shows a revealed frame this long at least, so that
 * the marks can be read (and discussed in class) at any speed. */
enum { REVEAL_MS = 4000 };

/* Answers the question waiting; the last answer reveals the frame. */
static enum outcome
answer(struct predict *game, struct player *player, enum guess guess, int all, long long now_ms)
{
	size_t index = index_of(game, player->frame);
	struct prediction *prediction;
	int waiting;

	if (index == game->count)
		return OUTCOME_NOTHING;
	prediction = &game->predictions[index];
	if ((waiting = waiting_index(prediction)) < 0)
		return OUTCOME_NOTHING;
	do {
		prediction->questions[waiting].guess = guess;
	} while (all && (waiting = waiting_index(prediction)) >= 0);
	if (waiting_index(prediction) < 0)
		player->next_tick_ms = now_ms + (player_interval_ms(player) > REVEAL_MS
							 ? player_interval_ms(player) : REVEAL_MS);
	return OUTCOME_REDRAW;
}

static int
anything_answered(const struct predict *game)
{
	struct score score;

	predict_score(game, &score);
	return score.right + score.wrong + score.skipped > 0;
}

enum outcome
predict_apply(struct predict *game, struct player *player, enum command command,
	      const struct run *run, long long now_ms)
{
	if (game == NULL)
		return player_apply(player, command, run, now_ms);
	if (command == CMD_QUIT)
		return game->score_shown || !anything_answered(game) ? OUTCOME_QUIT
								     : show_score(game, player);
	if (game->score_shown) {	/* any other key goes back to the frames */
		game->score_shown = 0;
		return OUTCOME_REDRAW;
	}
	if (player->help)
		return player_apply(player, command, run, now_ms);
	switch (command) {
	case CMD_ANSWER_YES:
		return answer(game, player, GUESS_YES, 0, now_ms);
	case CMD_ANSWER_NO:
		return answer(game, player, GUESS_NO, 0, now_ms);
	case CMD_ANSWER_SKIP:
		return answer(game, player, GUESS_SKIPPED, 0, now_ms);
	case CMD_NEXT:
		if (predict_asking(game, player->frame))
			return answer(game, player, GUESS_SKIPPED, 1, now_ms);
		if (run && player->frame + 1 >= run->count)
			return show_score(game, player);
		break;
	default:
		break;
	}
	return player_apply(player, command, run, now_ms);
}

enum outcome
predict_tick(const struct predict *game, struct player *player, const struct run *run,
	     long long now_ms)
{
	if (game && (game->score_shown || predict_asking(game, player->frame)))
		return OUTCOME_NOTHING;
	return player_tick(player, run, now_ms);
}
