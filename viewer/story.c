/* story.c - the processes on stage and the daemon checklist (see story.h). */
#include "story.h"

#include <string.h>

#include "logread.h"

/* Whether the record's `cut` list names key: then its value is incomplete. */
static int
was_cut(const struct entry *record, const char *key)
{
	const char *cut = entry_text(record, "cut");
	size_t len = strlen(key);

	for (const char *p = cut; (p = strstr(p, key)) != NULL; p += len)
		if ((p == cut || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
			return 1;
	return 0;
}

/*** actors ***/

static void
actor_play(struct actor *actor, const struct entry *record)
{
	actor->record = record;
	actor->pid = entry_text(record, "pid");
	actor->prog = entry_text(record, "prog");
	actor->pgid = entry_text(record, "pgid");
	actor->starter = 0;
}

/* A new place on stage; when full, the oldest ghost (or the oldest actor
 * after the first, who stands for where the story began) leaves. */
static struct actor *
actor_new(struct thread_story *t)
{
	size_t leaving = 1;

	if (t->actor_count < STORY_ACTORS_MAX) {
		struct actor *actor = &t->actors[t->actor_count++];
		memset(actor, 0, sizeof *actor);
		return actor;
	}
	for (size_t i = 1; i < t->actor_count; i++) {
		if (t->actors[i].exited) {
			leaving = i;
			break;
		}
	}
	memmove(&t->actors[leaving], &t->actors[leaving + 1],
		(t->actor_count - leaving - 1) * sizeof t->actors[0]);
	memset(&t->actors[t->actor_count - 1], 0, sizeof t->actors[0]);
	return &t->actors[t->actor_count - 1];
}

/* Where the actor of that PID is in t->actors; t->actor_count if nowhere. */
static size_t
actor_index(const struct thread_story *t, const char *pid)
{
	size_t i = 0;

	while (i < t->actor_count && strcmp(t->actors[i].pid, pid) != 0)
		i++;
	return i;
}

static struct actor *
actor_find(struct thread_story *t, const char *pid)
{
	size_t i = actor_index(t, pid);

	return i < t->actor_count ? &t->actors[i] : NULL;
}

/*
 * The first actor of a thread is where its story began: the shell's record
 * when the runner made one, else the first record's parent, known only by
 * its PID and name (a shell, make, ctest...), and assumed to be in the
 * first record's session. It leads the first record's group when that group
 * bears its PID.
 */
static void
cast_origin(struct story *story, struct thread_story *t, const struct entry *first)
{
	struct actor *actor;

	if (story->origin_is_shell) {
		if (first != story->origin)
			actor_play(actor_new(t), story->origin);
		return;
	}
	/* a first record that leads its session began it: its parent is elsewhere */
	if (entry_get(first, "ppid") == NULL ||
	    strcmp(entry_text(first, "sid"), entry_text(first, "pid")) == 0)
		return;
	actor = actor_new(t);
	actor->record = first;
	actor->pid = entry_text(first, "ppid");
	actor->prog = entry_text(first, "parent");
	actor->pgid = strcmp(actor->pid, entry_text(first, "pgid")) == 0 ? actor->pid : "?";
	actor->starter = 1;
}

/* The newest ghost whose child has not yet said who adopted it. */
static struct actor *
orphaned_parent(struct thread_story *t)
{
	for (size_t i = t->actor_count; i-- > 0;)
		if (t->actors[i].exited && t->actors[i].adopter == NULL && !t->actors[i].starter)
			return &t->actors[i];
	return NULL;
}

static void
track_inheritance(struct inheritance *in, const struct entry *record)
{
	const char *fds = entry_text(record, "fds");

	if (was_cut(record, "fds"))
		in->unknown = 1;
	if (!in->tracked) {
		in->tracked = 1;
		in->count = descriptors_above_stdio(fds, in->fds, STORY_FDS_MAX);
		return;
	}
	in->count = descriptors_still_open(in->fds, in->count, fds);
}

/*** what daemon(7) also asks ***/

/* The records that show the lineage's own state: the chain's programs, and a
 * traced program's execs (not a shell's, the runner's or daemon-trace's own). */
static int
shows_lineage(const struct entry *record)
{
	const char *step = entry_text(record, "step");
	return step_is_chain(step) ||
	       (strcmp(step, "trace") == 0 && strcmp(entry_text(record, "event"), "exec") == 0);
}

/* The signals ignored and blocked since the lineage began: a signal let go
 * in any record since was reset, and what the daemon ignores or blocks
 * after that is its own choice (heartbeatd blocks the ones it waits for).
 * A traced program's exec begins anew: what it was executed with, its
 * caller left it (nohup's SIGHUP, the SIGPIPE python ignores), as
 * daemon-trace's verdict judges it. */
static void
track_signals(struct thread_story *t, const struct entry *record)
{
	unsigned long long ignored, blocked;

	if (log_signal_set(entry_text(record, "sigign"), &ignored) == -1 ||
	    log_signal_set(entry_text(record, "sigblk"), &blocked) == -1)
		return;		/* an older log, or refused: this record tells nothing */
	ignored &= ~CHECK_LIBC_SIGNALS;
	blocked &= ~CHECK_LIBC_SIGNALS;
	if (!t->signals_known || strcmp(entry_text(record, "event"), "exec") == 0) {
		t->signals_known = 1;
		t->kept_ignored = ignored;
		t->kept_blocked = blocked;
		return;
	}
	t->kept_ignored &= ignored;
	t->kept_blocked &= blocked;
}

/* Readiness and the pid file, from the events that tell them: the first
 * process's exit after its wait (ready=), heartbeatd's ready line (tells=)
 * and READY=1 to a manager; those and its heartbeats are recorded only once
 * its pid file holds its PID (docs/log-format.md); a traced first process's
 * wait that the daemon ended (readiness=); a traced pid file (pid_file=,
 * holds=). */
static void
track_readiness(struct thread_story *t, const struct entry *record)
{
	const char *ready = entry_get(record, "ready"), *tells = entry_get(record, "tells");
	const char *sent = entry_get(record, "sent");
	int told_by_daemon = (tells && strcmp(tells, "yes") == 0) ||
			     (sent && strcmp(sent, "READY=1") == 0);

	/* a listen() before the first process exits tells as well: a starter
	 * that takes that exit for "up" finds the socket listening (nginx) */
	const char *exited = entry_get(record, "listening") ? entry_get(record, "first_exited") : NULL;

	if (told_by_daemon || (ready && strcmp(ready, "yes") == 0) || entry_get(record, "readiness") ||
	    (exited && strcmp(exited, "no") == 0))
		t->ready = READY_TOLD;
	else if ((tells && strcmp(tells, "no") == 0) || (ready && strcmp(ready, "no") == 0))
		t->ready = READY_NOT_TOLD;
	if (told_by_daemon || entry_matches(record, "daemon", "heartbeat", NULL, NULL)) {
		t->pid_file_writer = entry_text(record, "pid");
		t->pid_file_holds = t->pid_file_writer;
	}
	if (entry_get(record, "pid_file") && entry_get(record, "holds")) {
		t->pid_file_writer = entry_text(record, "pid");
		t->pid_file_holds = entry_text(record, "holds");
	}
}

static void
daemon7_facts(const struct thread_story *t, const struct entry *now,
	      struct check_facts *facts)
{
	const char *pid = entry_text(now, "pid");

	facts->signals_known = t->signals_known;
	facts->kept_ignored = t->kept_ignored;
	facts->kept_blocked = t->kept_blocked;
	facts->nenv = t->exec_nenv ? t->exec_nenv : entry_get(now, "nenv");
	facts->uid = entry_get(now, "uid");
	facts->gid = entry_get(now, "gid");
	facts->groups = entry_get(now, "groups");
	if (t->lineage_start) {
		facts->origin_nenv = entry_get(t->lineage_start, "nenv");
		facts->origin_uid = entry_get(t->lineage_start, "uid");
	}
	/* nor can a record before the lineage (a shell's, the pop quiz's) tell */
	facts->ready = t->ready != READY_NOT_KNOWN ? t->ready :
		       !t->lineage_start ? READY_NOT_KNOWN : READY_NOT_TOLD;
	if (t->pid_file_writer == NULL)
		facts->pid_file = PID_FILE_NOT_KNOWN;
	else if (strcmp(t->pid_file_writer, pid) == 0 && strcmp(t->pid_file_holds, pid) == 0)
		facts->pid_file = PID_FILE_BY_ITSELF;
	else
		facts->pid_file = PID_FILE_BY_ANOTHER;
}

/* How the process of record meets check (what it inherited: in, NULL when
 * not known; daemon(7)'s items as its thread t stands): as the demo does it,
 * or (a traced program, against its caller's directory and umask)
 * otherwise; daemon(7)'s also not applicable or not known. */
static enum check_judgment
evaluate(const struct story *story, const struct thread_story *t, const struct inheritance *in,
	 const struct entry *now, enum check check)
{
	int fds[STORY_FDS_MAX];
	struct check_facts facts = {
		.pid = entry_text(now, "pid"),
		.pgid = entry_get(now, "pgid"),
		.sid = entry_get(now, "sid"),
		.tty = entry_text(now, "tty"),
		.cwd = entry_text(now, "cwd"),
		.umask = entry_text(now, "umask"),
		.stdio = { entry_text(now, "fd0"), entry_text(now, "fd1"), entry_text(now, "fd2") },
		.origin_sid = story_origin_sid(story),
		.umask_chosen = -1,
		.inherited = -1,
	};

	if (entry_get(now, "fds") && in && !in->unknown)
		facts.inherited = in->tracked ? (int)in->count
			: (int)descriptors_above_stdio(entry_text(now, "fds"), fds, STORY_FDS_MAX);
	if (story->recipe.known && now == story->recipe.verdict)
		return story->recipe.judged[check];	/* the verdict's own, every item */
	if (check >= CHECK_COUNT) {
		daemon7_facts(t, now, &facts);
		return check_judge(check, &facts);
	}
	if (story->recipe.known) {
		if (in && in->umask_told)
			facts.umask_chosen = in->umask_chosen;
		facts.origin_cwd = entry_get(story->origin, "cwd");	/* daemon-trace's caller's */
		facts.origin_umask = entry_get(story->origin, "umask");
		return check_judge(check, &facts);
	}
	/* the demo's chain is judged as the demo does it: 1 and 2 on a file
	 * before step 7 are not yet /dev/null, however a real program's pass */
	return check_judge(check, &facts) == CHECK_MET ? CHECK_MET : CHECK_FAILS;
}

static void
tell_frame(struct story *story, size_t index)
{
	const struct frame *frame = &story->run->frames[index];
	const struct entry *record = frame->record;
	struct thread_story *t = &story->threads[frame->thread];
	const char *event = entry_text(record, "event");
	const char *adopter = entry_get(record, "adopter");
	struct actor *self = NULL, *compared, *orphan;
	struct inheritance held_before = { 0 };	/* by the frame compared with's process */

	if (t->actor_count == 0)
		cast_origin(story, t, record);
	/* the checklist before: at the frame compared with, whose process's
	 * actor still holds it */
	memcpy(t->judged_before, t->judged, sizeof t->judged);
	if (frame->previous != NO_FRAME &&
	    (compared = actor_find(t, entry_text(story->run->frames[frame->previous].record,
						 "pid"))) != NULL) {
		memcpy(t->judged_before, compared->judged, sizeof compared->judged);
		held_before = compared->inherited;	/* a copy: actor_new() may move it */
	}
	if (entry_get(record, "pid") != NULL) {
		self = actor_find(t, entry_text(record, "pid"));
		if (self == NULL) {
			self = actor_new(t);
			/* new to the story: a fork's child holds what its parent held
			 * (the frame it is compared with is its forker's or parent's) */
			self->inherited = held_before;
		}
		actor_play(self, record);
		self->exited = strcmp(event, "parent-exit") == 0 || strcmp(event, "exit") == 0;
	}
	if (adopter != NULL && (orphan = orphaned_parent(t)) != NULL)
		orphan->adopter = adopter;
	/* from the first step program on, or from a traced program's exec: what
	 * it holds then above 2 is its caller's (daemon-trace's own are gone) */
	if (self != NULL && (step_is_chain(entry_text(record, "step")) || strcmp(event, "exec") == 0))
		track_inheritance(&self->inherited, record);
	if (self != NULL && entry_get(record, "umask_chosen")) {
		self->inherited.umask_told = 1;
		self->inherited.umask_chosen = strcmp(entry_text(record, "umask_chosen"), "yes") == 0;
	}
	if (shows_lineage(record)) {
		if (t->lineage_start == NULL) {
			t->lineage_start = record;
			t->lineage_frame = index;
		}
		track_signals(t, record);
		if (strcmp(event, "exec") == 0 || strcmp(event, "start") == 0)
			t->exec_nenv = entry_get(record, "nenv");
	}
	track_readiness(t, record);
	/* a record of a process already gone (a foreground program's exit after
	 * the detach: every field "unreadable (ESRCH)") shows nothing to judge:
	 * the checklist stays as its last record left it */
	int state_gone = self != NULL && strncmp(entry_text(record, "sid"), "unreadable", 10) == 0;
	for (int check = 0; check < CHECK_ALL_COUNT; check++)
		t->judged[check] = state_gone ? self->judged[check]
			: (unsigned char)evaluate(story, t, self ? &self->inherited : NULL, record,
						  check);
	if (frame->previous == NO_FRAME)
		memcpy(t->judged_before, t->judged, sizeof t->judged);	/* nothing to compare */
	else if (t->lineage_start == NULL || frame->previous < t->lineage_frame)
		/* daemon(7)'s items are not judged before the lineage began */
		memcpy(t->judged_before + CHECK_COUNT, t->judged + CHECK_COUNT,
		       CHECK_ALL_COUNT - CHECK_COUNT);
	if (self != NULL)
		memcpy(self->judged, t->judged, sizeof t->judged);
}

/*** the story ***/

void
story_start(struct story *story, const struct run *run)
{
	size_t shell;

	memset(story, 0, sizeof *story);
	story->run = run;
	story->frame = NO_FRAME;
	shell = run_find_step(run, "shell");
	if (shell != NO_FRAME) {
		story->origin = run->frames[shell].record;
		story->origin_is_shell = 1;
	} else if (run->count > 0) {
		story->origin = run->frames[0].record;
	}
	recipe_of(run, &story->recipe);
}

void
story_advance(struct story *story, size_t frame)
{
	while (story->frame == NO_FRAME || story->frame < frame) {
		size_t next = story->frame == NO_FRAME ? 0 : story->frame + 1;
		if (next >= story->run->count)
			break;
		tell_frame(story, next);
		story->frame = next;
	}
}

void
story_at(struct story *story, const struct run *run, size_t frame)
{
	story_start(story, run);
	story_advance(story, frame);
}

const struct thread_story *
story_thread(const struct story *story)
{
	return &story->threads[story->run->frames[story->frame].thread];
}

const char *
story_origin_sid(const struct story *story)
{
	return story->origin ? entry_text(story->origin, "sid") : "?";
}

const char *
story_origin_tty(const struct story *story)
{
	return story->origin ? entry_text(story->origin, "tty") : "?";
}


/* The demo's "met", which the lesson's words and marks speak of. */
int
story_check(const struct story *story, enum check check)
{
	return story_thread(story)->judged[check] == CHECK_MET;
}

int
story_check_before(const struct story *story, enum check check)
{
	return story_thread(story)->judged_before[check] == CHECK_MET;
}

enum check_judgment
story_judgment(const struct story *story, enum check check)
{
	return (enum check_judgment)story_thread(story)->judged[check];
}

const struct entry *
story_lineage_start(const struct story *story)
{
	return story_thread(story)->lineage_start;
}

const struct inheritance *
story_inherited(const struct story *story)
{
	const struct thread_story *t = story_thread(story);
	size_t i = actor_index(t, entry_text(story->run->frames[story->frame].record, "pid"));

	if (i == t->actor_count)
		return NULL;
	return t->actors[i].inherited.tracked && !t->actors[i].inherited.unknown ?
	       &t->actors[i].inherited : NULL;
}
