/* checklist.h - what makes a daemon: the checklist's items and their judgment.
 *
 * One table for the viewer, which ticks each item on each frame of a replay,
 * and for daemon-trace's verdict on the daemon a real program left. An item
 * is judged from a process's state as the log or /proc shows it (the facts):
 * met as the demo does it (cwd /, umask 0, 0-2 on /dev/null), met otherwise
 * (what the step prevents is prevented: a directory of its own, a umask it
 * chose, 0-2 on a log file), or failed. The viewer ticks only the first; the
 * verdict passes both.
 */
#ifndef DAEMON_STEPS_CHECKLIST_H
#define DAEMON_STEPS_CHECKLIST_H

/* The items, in the order the lesson lists them. */
enum check {
	CHECK_NOT_GROUP_LEADER,
	CHECK_OWN_SESSION,
	CHECK_NOT_SESSION_LEADER,
	CHECK_NO_TERMINAL,
	CHECK_CWD_ROOT,
	CHECK_UMASK_ZERO,
	CHECK_STDIO_NULL,
	CHECK_NOTHING_INHERITED,
	CHECK_COUNT
};

enum check_judgment {
	CHECK_FAILS,
	CHECK_MET_OTHERWISE,	/* what the step prevents is prevented, not as the demo does it */
	CHECK_MET
};

/*
 * What an item is judged on, as the record's text gives it (NULL: not known).
 * The origin is where the process came from: the shell, or daemon-trace's
 * caller.
 */
struct check_facts {
	const char *pid, *pgid, *sid, *tty, *cwd, *umask;
	const char *stdio[3];		/* what 0, 1 and 2 point to, or "closed" */
	const char *origin_sid, *origin_cwd, *origin_umask;
	int umask_chosen;	/* 1: its lineage set it; 0: never; -1: not known */
	int inherited;		/* descriptors of the origin still open; -1: not known */
};

/* The item's words as the viewer ticks it ("cwd /"), and the step that achieves it ("4"). */
const char *check_label(enum check check);
const char *check_step(enum check check);

/* What the item asks of a real daemon ("a working directory of its own"),
 * and what goes wrong without it, in the recipe's words. */
const char *check_goal(enum check check);
const char *check_prevents(enum check check);

enum check_judgment check_judge(enum check check, const struct check_facts *facts);

#endif
