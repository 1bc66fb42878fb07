/* lesson.h - a frame's explanation, made from what the frame shows.
 *
 * The words come from the state, never from a script of the usual run: each
 * sentence of the lesson (lesson.c's table) names the facts it states about
 * the process ("it leads its session", "every item is met"), and is said only
 * when the frame's fields show those facts. The same table serves the demo,
 * every --skip and --single-fork variant, a chain typed by hand or started by
 * a script, and any other log: a sentence that does not hold is not said.
 * tests/viewer/lesson-claims checks every frame of real runs against the
 * facts each sentence said, computed there on its own from the fields.
 */
#ifndef DAEMON_STEPS_VIEWER_LESSON_H
#define DAEMON_STEPS_VIEWER_LESSON_H

#include <stddef.h>

#include "names.h"
#include "story.h"

/* What a sentence may state about the frame's process. Each has its
 * opposite beside it; NOT_FACT(f) in a sentence's list asks that f not hold. */
enum fact {
	FACT_NONE,		/* ends a sentence's list of claims */
	FACT_LEADS_GROUP,	/* PGID = PID */
	FACT_LEADS_SESSION,	/* SID = PID */
	FACT_HAS_TTY,		/* a controlling terminal: TTY is not ? */
	FACT_ORIGIN_SESSION,	/* SID is the session the story began in */
	FACT_ALL_MET,		/* every item of the seven steps' checklist is met */
	FACT_CWD_ROOT,		/* cwd is / */
	FACT_UMASK_ZERO,	/* umask is 0000 */
	FACT_STDIO_NULL,	/* 0, 1 and 2 are /dev/null */
	FACT_STDIO_CLOSED,	/* 0, 1 and 2 are all closed */
	FACT_FD1_CLOSED,	/* descriptor 1 is closed */
	FACT_FD0_FILE,		/* descriptor 0 is open on a file that is not /dev/null */
	FACT_NOTHING_OPEN,	/* no descriptor at all (nfds 0) */
	FACT_INHERITED_OPEN,	/* a descriptor above 2 its caller gave is still open */
	FACT_COMPARED,		/* there is a frame it is compared with */
	FACT_NEW_PROCESS,	/* that frame is another process's: this one is new */
	FACT_PGID_CHANGED,	/* against the frame compared with */
	FACT_SID_CHANGED,
	FACT_TTY_CHANGED,
	FACT_CWD_CHANGED,
	FACT_UMASK_CHANGED,
	FACT_FDS_CHANGED,
	FACT_WON,		/* a checklist item is met that was not */
	FACT_LOST,		/* a checklist item was met and is not */
	FACT_ADOPTED,		/* the record names its adopter */
	FACT_TTY_TAKEN,		/* tty_taken=yes */
	FACT_TTY_NOT_TAKEN,	/* tty_taken=no */
	FACT_EPERM,		/* errno=EPERM */
	FACT_STDOUT_FAILED,	/* a heartbeat whose printf failed */
	FACT_SIGHUP,		/* signal=SIGHUP */
	FACT_SIGTERM,		/* signal=SIGTERM */
	FACT_SKIPS_1, FACT_SKIPS_2, FACT_SKIPS_3, FACT_SKIPS_4,	/* skip= names step N */
	FACT_SKIPS_5, FACT_SKIPS_6, FACT_SKIPS_7,
	FACT_SKIPS_0A, FACT_SKIPS_0B, FACT_SKIPS_8,	/* daemon(7)'s steps */
	FACT_STOPS_AT_2,	/* skip= names 1, not 2: step 2 is a group leader's setsid() */
	FACT_CHILD_OF_COMPARED,	/* its PPID is the PID of the frame compared with */
	FACT_TRACED_CALL,	/* an after record with call=: a real program's, traced */
	FACT_TRACED_RUN,	/* the run is daemon-trace's (its first record is its start) */
	FACT_WAITED_READY,	/* ready=: a first process that waited for the daemon (step1-fork --wait-ready) */
	/* what daemon(7) adds: signals, environment, credentials */
	FACT_SIGNALS_IGNORED,	/* sigign names a signal */
	FACT_SIGHUP_IGNORED,	/* sigign names SIGHUP */
	FACT_SIGNALS_BLOCKED,	/* sigblk names a signal */
	FACT_SIGIGN_CHANGED,	/* against the frame compared with */
	FACT_SIGBLK_CHANGED,
	FACT_NENV_CHANGED,
	FACT_NENV_UNREADABLE,	/* nenv is "unreadable (...)" */
	FACT_IS_ROOT,		/* uid's effective ID is 0 */
	FACT_IDS_CHANGED,	/* uid, gid or groups, against the frame compared with */
	/* daemon(7)'s, against the record its lineage began with (story_lineage_start) */
	FACT_SIGNALS_KEPT,	/* a signal ignored or blocked in every record since then */
	FACT_ENV_KEPT,		/* nenv no fewer than then */
	FACT_STARTED_ROOT,	/* the effective user then was 0 */
	FACT_ROOT_LEFT,		/* uid, gid or groups hold a 0 now */
	FACT_RECIPE_KNOWN,	/* a traced run whose verdict names its daemon (recipe.h) */
	FACT_COUNT
};

#define NOT_FACT(fact) ((fact) + 0x100)
#define FACT_OF(claim) ((enum fact)((claim) & 0xff))
#define FACT_NEGATED(claim) (((claim) & 0x100) != 0)

enum { SENTENCE_CLAIMS_MAX = 5 };

enum lesson_part { PART_WHAT, PART_WHY, PART_WITHOUT, PART_COUNT };

/* One sentence of the table: where it may be said, what it claims, its words.
 * Its text may name fields in braces: {pid}, {old.sid} (the frame compared
 * with), {origin.sid}, {first.nenv} (the record its lineage began with),
 * {won}, {lost} (both groups), {unmet} (the seven's), {stdio} (0 1 2 in
 * words), {skipped} (the skip list in words), {kept_ignored} and
 * {kept_blocked} (the signals kept since the lineage began), {recipe} (a
 * traced daemon's steps in words, recipe.h), {failing} (the items its
 * verdict fails), and any field of the record. */
struct sentence {
	const char *step, *event;	/* as entry_matches() reads them (model.h) */
	const char *key, *value;	/* when key is set: the record has key=value */
	enum lesson_part part;
	const char *label;		/* PART_WITHOUT's: "Without it", "Answer" ... */
	int claims[SENTENCE_CLAIMS_MAX];	/* FACT_ or NOT_FACT(FACT_), then FACT_NONE */
	const char *text;
};

/* The facts of the story's current frame, as booleans. */
struct frame_facts {
	unsigned char holds[FACT_COUNT];
};

void frame_facts_of(const struct story *story, struct frame_facts *facts);

/* Whether a claim (FACT_ or NOT_FACT(FACT_)) holds. */
int claim_holds(const struct frame_facts *facts, int claim);

enum { LESSON_TEXT = 1600, LESSON_SENTENCES_MAX = 32 };

struct lesson {
	char text[PART_COUNT][LESSON_TEXT];	/* "" when the part says nothing */
	const char *without_label;		/* "Without it", "Look for", "Answer" ... */
	const struct sentence *said[LESSON_SENTENCES_MAX];	/* what was said, in order */
	size_t said_count;
};

/* The lesson of the story's current frame, its names shown as names gives. */
void lesson_tell(const struct story *story, const struct names *names, struct lesson *lesson);

/* The whole table, for tests that check it. */
const struct sentence *lesson_sentences(size_t *count);

#endif
