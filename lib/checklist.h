/* checklist.h - what makes a daemon: the checklist's items and their judgment.
 *
 * One table for the viewer, which ticks each item on each frame of a replay,
 * and for daemon-trace's verdict on the daemon a real program left. An item
 * is judged from a process's state as the log or /proc shows it (the facts):
 * met as the demo does it (cwd /, umask 0, 0-2 on /dev/null), met otherwise
 * (what the step prevents is prevented: a directory of its own, a umask it
 * chose, 0-2 on a log file), or failed. The viewer ticks only the first; the
 * verdict passes both.
 *
 * Two groups: the seven steps' items (the recipe of the old Unix FAQ), and
 * what daemon(7) also asks. An item of the second may be not applicable (no
 * privilege to drop where it never ran as root; no pid file) or not known
 * (the records do not show it): check_unjudged() says which, in the item's
 * words, and neither counts as failed.
 */
#ifndef DAEMON_STEPS_CHECKLIST_H
#define DAEMON_STEPS_CHECKLIST_H

#include <stddef.h>

/* The items, in the order the lesson lists them: the seven steps' items
 * (CHECK_COUNT of them: what "every item is met" means), then daemon(7)'s. */
enum check {
	CHECK_NOT_GROUP_LEADER,
	CHECK_OWN_SESSION,
	CHECK_NOT_SESSION_LEADER,
	CHECK_NO_TERMINAL,
	CHECK_CWD_ROOT,
	CHECK_UMASK_ZERO,
	CHECK_STDIO_NULL,
	CHECK_NOTHING_INHERITED,
	CHECK_COUNT,
	/* what daemon(7) also asks */
	CHECK_SIGNALS_RESET = CHECK_COUNT,
	CHECK_OWN_ENVIRONMENT,
	CHECK_PRIVILEGES_DROPPED,
	CHECK_READY_TOLD,
	CHECK_PID_FILE_OWN,
	CHECK_ALL_COUNT
};

/* The groups' titles ("A daemon is...", "daemon(7) also asks"). */
const char *check_group(enum check check);

enum check_judgment {
	CHECK_FAILS,
	CHECK_MET_OTHERWISE,	/* what the step prevents is prevented, not as the demo does it */
	CHECK_MET,
	CHECK_NOT_APPLICABLE,	/* daemon(7)'s: nothing to do (never root; no pid file) */
	CHECK_NOT_KNOWN		/* daemon(7)'s: the facts do not show it */
};

/* Whether its readiness reached the one that started it. */
enum check_ready {
	READY_NOT_KNOWN,	/* the records do not show a readiness (a traced run) */
	READY_NOT_TOLD,		/* not (yet): nobody waits, or the line never came */
	READY_TOLD		/* its starter heard it: the line, or READY=1 to a manager */
};

/* Who wrote its pid file. */
enum check_pid_file {
	PID_FILE_NOT_KNOWN,	/* the records do not show one */
	PID_FILE_NONE,		/* it writes none (a traced run that shows every write) */
	PID_FILE_BY_ANOTHER,	/* another process, or this one's PID before a fork */
	PID_FILE_BY_ITSELF	/* the daemon, holding its own PID */
};

/*
 * What an item is judged on, as the record's text gives it (NULL: not known).
 * The origin is where the process came from: the shell, or daemon-trace's
 * caller.
 */
/* Signals 32 and 33, glibc's own (thread cancellation, the set*id broadcast
 * to every thread): sigaction() refuses them to programs, so a daemon cannot
 * reset them, and one its caller ignores (make's shells do) tells nothing of
 * the daemon. Left out of the kept sets. */
#define CHECK_LIBC_SIGNALS ((1ULL << 31) | (1ULL << 32))

struct check_facts {
	const char *pid, *pgid, *sid, *tty, *cwd, *umask;
	const char *stdio[3];		/* what 0, 1 and 2 point to, or "closed" */
	const char *origin_sid, *origin_cwd, *origin_umask;
	int umask_chosen;	/* 1: its lineage set it; 0: never; -1: not known */
	int inherited;		/* descriptors of the origin still open; -1: not known */
	/* daemon(7)'s (left 0 or NULL: not known). The origin here is where the
	 * lineage began, the first program run, not a shell that started it. */
	int signals_known;
	unsigned long long kept_ignored, kept_blocked;	/* as at the origin, never reset since,
							 * CHECK_LIBC_SIGNALS left out */
	const char *nenv, *origin_nenv;
	const char *uid, *gid, *groups;	/* "0,0,0,0" (real, effective, saved, fs), "4,24" */
	const char *origin_uid;
	enum check_ready ready;
	enum check_pid_file pid_file;
};

/* The item's words as the viewer ticks it ("cwd /"), and the step that achieves it ("4"). */
const char *check_label(enum check check);
const char *check_step(enum check check);

/* What the item asks of a real daemon ("a working directory of its own"),
 * and what goes wrong without it, in the recipe's words. */
const char *check_goal(enum check check);
const char *check_prevents(enum check check);

enum check_judgment check_judge(enum check check, const struct check_facts *facts);

/* The labels of the items judged to fail, of the first count in judged,
 * joined by sep, each with " (step)" after it when with_steps: "not a group
 * leader,umask 0" for the log, "not a group leader (1), umask 0 (5)" for
 * words; "" when none fails. */
void check_failing(const enum check_judgment *judged, int count, const char *sep, int with_steps,
		   char *out, size_t size);

/* A judgment's name in the log: "met", "otherwise", "fails", "not-applicable",
 * "not-known"; and the judgment a name stands for, or -1 for none. */
const char *check_judgment_name(enum check_judgment judgment);
int check_judgment_named(const char *name, size_t len);

/* Whether an ID list as the log writes it ("0,0,0,0", "4,24", "none") holds
 * root's 0: 1, 0, or -1 when it is not a list ("unreadable (EACCES)"). */
int check_holds_root(const char *ids);

/* Why a judgment of CHECK_NOT_APPLICABLE or CHECK_NOT_KNOWN is one, in the
 * item's words ("it never ran as root: no privilege to drop"); "" else. */
const char *check_unjudged(enum check check, enum check_judgment judgment);

#endif
