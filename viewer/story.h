/* story.h - what a frame means: the processes on stage, the daemon checklist.
 *
 * The model (model.h) knows records and frames; the story knows what they
 * mean for the lesson. It is built frame by frame (story_advance), so that
 * replaying a run of n frames costs n steps, and it is plain C: the curses
 * view and --dump draw the same story.
 */
#ifndef DAEMON_STEPS_VIEWER_STORY_H
#define DAEMON_STEPS_VIEWER_STORY_H

#include <stddef.h>

#include "checklist.h"	/* the items, which both the viewer and daemon-trace judge */
#include "model.h"
#include "recipe.h"	/* a traced run: the steps its daemon did */

enum { STORY_ACTORS_MAX = 16, STORY_FDS_MAX = 64 };

/* The descriptors above 2 a process holds of those open where the chain began
 * (the first step program's, or a traced program's first exec), as its
 * records show them: a fork's child starts with its parent's. */
struct inheritance {
	int tracked;			/* the chain has begun for it */
	int unknown;			/* a list was cut: cannot tell */
	int fds[STORY_FDS_MAX];
	size_t count;
	/* a traced program's umask() records say whether the mask it has now
	 * is chosen (umask_chosen=yes|no, daemon-trace's judgment); a child
	 * holds its parent's */
	int umask_told, umask_chosen;
};

/* A process on stage: its newest record up to the frame shown. */
struct actor {
	const struct entry *record;	/* pid, prog, pgid, sid, tty come from here */
	const char *pid;		/* for a starter inferred from its child: */
	const char *prog;		/*   these name it, record is that child's */
	const char *pgid;
	int exited;			/* a ghost: the parent that _exited */
	const char *adopter;		/* who adopted its child, once known */
	int starter;			/* not in the log: the first record's parent */
	unsigned char judged[CHECK_ALL_COUNT];	/* the checklist at its newest record */
	struct inheritance inherited;
};

/* The story of one thread (the daemon's, or the pop quiz's). */
struct thread_story {
	struct actor actors[STORY_ACTORS_MAX];	/* in order of appearance */
	size_t actor_count;
	/* daemon(7)'s facts, since the lineage began: its first record (what
	 * its caller gave), the signals ignored (blocked) in every record since,
	 * whether its readiness was told, who wrote its pid file and what it holds */
	const struct entry *lineage_start;
	size_t lineage_frame;	/* its frame */
	int signals_known;
	unsigned long long kept_ignored, kept_blocked;
	/* nenv as the newest exec gave it (a step program's start, heartbeatd's,
	 * a traced exec): /proc shows that until a program writes a process
	 * title over it, which is no environment of its own */
	const char *exec_nenv;
	enum check_ready ready;
	const char *pid_file_writer, *pid_file_holds;
	/* the checklist at its newest frame (enum check_judgment: met as the
	 * demo does it, a traced program's met otherwise, daemon(7)'s also not
	 * applicable or not known), and at the frame it is compared with */
	unsigned char judged[CHECK_ALL_COUNT];
	unsigned char judged_before[CHECK_ALL_COUNT];
};

struct story {
	const struct run *run;
	size_t frame;		/* the frame told so far; NO_FRAME before the first */
	const struct entry *origin;	/* the shell's record, or the first record */
	int origin_is_shell;
	struct recipe recipe;	/* a traced run's, from its whole log (known: 0 for others) */
	struct thread_story threads[2];
};

/* An empty story of run, before its first frame. */
void story_start(struct story *story, const struct run *run);

/* Tells frames up to and including frame (forward only; restart to go back). */
void story_advance(struct story *story, size_t frame);

/* The story at frame, told from the start. */
void story_at(struct story *story, const struct run *run, size_t frame);

/* The thread of the frame told last. */
const struct thread_story *story_thread(const struct story *story);

/* Whether the process of the frame told last meets check. */
int story_check(const struct story *story, enum check check);

/* Whether it met check at the frame it is compared with (frame.previous). */
int story_check_before(const struct story *story, enum check check);

/* How check is judged there (daemon(7)'s items may be not applicable or not known). */
enum check_judgment story_judgment(const struct story *story, enum check check);

/* The record its lineage began with (what the daemon's caller gave it:
 * signals, environment, IDs), or NULL before one. */
const struct entry *story_lineage_start(const struct story *story);

/* What the frame's process holds of its caller's descriptors above 2 (the
 * chain's start, or a traced program's exec), as its newest record shows;
 * NULL when the story does not know. */
const struct inheritance *story_inherited(const struct story *story);

/* The session the daemon came from: its id ("?" when unknown) and terminal. */
const char *story_origin_sid(const struct story *story);
const char *story_origin_tty(const struct story *story);

#endif
