/* lesson_claims - every claim of every sentence the lesson says holds of its
 * frame, and every sentence of the lesson is said somewhere.
 *
 * Usage: lesson_claims LOG...
 *
 * For every frame of every run of each log, the viewer's lesson (lesson.c)
 * is told, and each claim of each sentence it said is checked against the
 * frame's own fields by code of this file's own, not the viewer's: PID, PGID
 * and SID compared, the terminal, the directory, the umask, 0, 1 and 2, what
 * changed from the frame compared with, and the checklist, computed here from
 * the fields (only "nothing else inherited" is taken from the viewer's story:
 * it needs the run's history). The frame compared with must be the same
 * process's, or the one it was forked by, and the checklist's "<- now" must
 * compare with that same frame. The lesson says a sentence only when its own
 * facts say the claims hold, so this finds the facts computed wrongly.
 *
 * Then the words: a sentence that speaks of what the process is (its group,
 * its session, its terminal, the checklist, 0 1 2, ...) must claim it, so
 * that a new sentence cannot state such a thing unchecked; and every sentence
 * of the table must have been said in one of the logs, but for those the
 * file given by --unsaid lists (a line each: the sentence's first words).
 *
 * Prints each contradiction and a count of what was checked; exits 1 when
 * there was a contradiction, 2 on bad usage or an unreadable log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logread.h"

#include "lesson.h"
#include "model.h"
#include "names.h"
#include "story.h"

static const char *const fact_names[FACT_COUNT] = {
	[FACT_LEADS_GROUP] = "leads its group", [FACT_LEADS_SESSION] = "leads its session",
	[FACT_HAS_TTY] = "has a terminal", [FACT_ORIGIN_SESSION] = "in the origin session",
	[FACT_ALL_MET] = "checklist complete", [FACT_CWD_ROOT] = "cwd /",
	[FACT_UMASK_ZERO] = "umask 0000", [FACT_STDIO_NULL] = "0 1 2 on /dev/null",
	[FACT_STDIO_CLOSED] = "0 1 2 closed", [FACT_FD1_CLOSED] = "1 closed",
	[FACT_FD0_FILE] = "0 on a file", [FACT_NOTHING_OPEN] = "nothing open",
	[FACT_INHERITED_OPEN] = "a caller's descriptor open",
	[FACT_COMPARED] = "compared", [FACT_NEW_PROCESS] = "a new process",
	[FACT_PGID_CHANGED] = "PGID changed", [FACT_SID_CHANGED] = "SID changed",
	[FACT_TTY_CHANGED] = "TTY changed", [FACT_CWD_CHANGED] = "cwd changed",
	[FACT_UMASK_CHANGED] = "umask changed", [FACT_FDS_CHANGED] = "fds changed",
	[FACT_WON] = "an item won", [FACT_LOST] = "an item lost", [FACT_ADOPTED] = "adopted",
	[FACT_TTY_TAKEN] = "tty taken", [FACT_TTY_NOT_TAKEN] = "tty not taken",
	[FACT_EPERM] = "EPERM", [FACT_STDOUT_FAILED] = "stdout failed",
	[FACT_SIGHUP] = "SIGHUP", [FACT_SIGTERM] = "SIGTERM",
	[FACT_STOPS_AT_2] = "stops at step 2", [FACT_TRACED_CALL] = "a traced call", [FACT_TRACED_RUN] = "a traced run", [FACT_CHILD_OF_COMPARED] = "a child of the frame compared with",
	[FACT_SKIPS_1] = "skips 1", [FACT_SKIPS_2] = "skips 2", [FACT_SKIPS_3] = "skips 3",
	[FACT_SKIPS_4] = "skips 4", [FACT_SKIPS_5] = "skips 5", [FACT_SKIPS_6] = "skips 6",
	[FACT_SKIPS_7] = "skips 7", [FACT_SKIPS_0A] = "skips 0a", [FACT_SKIPS_0B] = "skips 0b",
	[FACT_SKIPS_8] = "skips 8", [FACT_SIGNALS_IGNORED] = "ignores a signal",
	[FACT_SIGHUP_IGNORED] = "ignores SIGHUP", [FACT_SIGNALS_BLOCKED] = "blocks a signal",
	[FACT_SIGIGN_CHANGED] = "sigign changed", [FACT_SIGBLK_CHANGED] = "sigblk changed",
	[FACT_NENV_CHANGED] = "nenv changed", [FACT_NENV_UNREADABLE] = "nenv unreadable",
	[FACT_IS_ROOT] = "runs as root", [FACT_IDS_CHANGED] = "IDs changed",
	[FACT_WAITED_READY] = "waited for readiness",
	[FACT_SIGNALS_KEPT] = "signals kept from the caller", [FACT_ENV_KEPT] = "the caller's environment",
	[FACT_STARTED_ROOT] = "started as root", [FACT_ROOT_LEFT] = "a root ID left",
	[FACT_RECIPE_KNOWN] = "a traced daemon's verdict",
};

static size_t problems;

/* Whether a comma-separated list holds item, whole. */
static int
list_has(const char *list, const char *item)
{
	size_t len = strlen(item);

	for (const char *p = list; (p = strstr(p, item)) != NULL; p += len)
		if ((p == list || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
			return 1;
	return 0;
}

/* Whether a descriptor above 2 that the lineage's first record had open
 * (its caller gave it) is open in now as well: what "Still open, from its
 * caller" claims, without the viewer's history of what it closed and opened */
static int
caller_descriptor_open(const struct entry *first, const struct entry *now)
{
	const char *given = first ? entry_get(first, "fds") : NULL;
	const char *open = entry_get(now, "fds");
	char fd[16];

	for (const char *p = given; p && open && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
		snprintf(fd, sizeof fd, "%.*s", (int)strcspn(p, ","), p);
		if (atoi(fd) > 2 && list_has(open, fd))
			return 1;
	}
	return 0;
}

/* Whether a signal set's text (sigign, sigblk) names any signal: written,
 * not "none", not unreadable. */
static int
names_a_signal(const char *text)
{
	return strncmp(text, "SIG", 3) == 0;
}

static const char *
field(const struct entry *record, const char *key)
{
	const char *value = entry_get(record, key);
	return value ? value : "";
}

static int
equal(const struct entry *record, const char *key, const char *value)
{
	return entry_get(record, key) && strcmp(field(record, key), value) == 0;
}

static int
differ(const struct entry *a, const struct entry *b, const char *key)
{
	return strcmp(field(a, key), field(b, key)) != 0;
}

/* The session the run began in: the shell's record, else the first one. */
static const char *
origin_sid(const struct run *run)
{
	for (size_t f = 0; f < run->count; f++)
		if (equal(run->frames[f].record, "step", "shell"))
			return field(run->frames[f].record, "sid");
	return field(run->frames[0].record, "sid");
}

/*** daemon(7)'s items, from the fields of the frame's thread ***/

/* Where frame f's lineage began: the first frame of its thread up to f that a
 * step program (0a ... 8), heartbeatd or a traced exec recorded; NO_FRAME
 * before one. */
static size_t
lineage_start(const struct run *run, size_t f)
{
	for (size_t g = 0; g <= f; g++) {
		const struct entry *r = run->frames[g].record;
		const char *step = field(r, "step");
		if (run->frames[g].thread != run->frames[f].thread)
			continue;
		if ((step[0] >= '0' && step[0] <= '9') ||	/* a step program: 0a ... 8 */
		    strcmp(step, "daemon") == 0 || (strcmp(step, "trace") == 0 && equal(r, "event", "exec")))
			return g;
	}
	return NO_FRAME;
}

/* Whether frame g is a record of frame f's thread that its lineage's own
 * program made: not the shell's, the runner's or the pop quiz's. */
static int
of_lineage(const struct run *run, size_t g, size_t f)
{
	const struct entry *r = run->frames[g].record;

	return run->frames[g].thread == run->frames[f].thread && !equal(r, "step", "shell") &&
	       !equal(r, "step", "demo") && !equal(r, "step", "quiz");
}

/* The signals (sigign or sigblk) set in every record of the lineage from its
 * start up to f that has them, a traced exec starting anew (what a program
 * is executed with, its caller left it); -1 when its start has none. */
static int
kept_signals(const struct run *run, size_t f, const char *key, unsigned long long *kept)
{
	size_t start = lineage_start(run, f);
	unsigned long long set;

	if (start == NO_FRAME || log_signal_set(field(run->frames[start].record, key), kept) == -1)
		return -1;
	for (size_t g = start + 1; g <= f; g++) {
		const struct entry *r = run->frames[g].record;
		if (!of_lineage(run, g, f) ||
		    (equal(r, "step", "trace") && !equal(r, "event", "exec")))
			continue;
		if (log_signal_set(field(r, key), &set) == 0)
			*kept = equal(r, "event", "exec") ? set : *kept & set;
	}
	*kept &= ~CHECK_LIBC_SIGNALS;	/* glibc's own: no program can reset them */
	return 0;
}

static long
id_at(const char *list, int index)
{
	long ids[4];
	return log_id_list(list, ids, 4) == 4 ? ids[index] : -1;
}

/* 1: the ID list holds root's 0; 0: it does not; -1: not a list ("unreadable (EACCES)"). */
static int
holds_zero(const char *list)
{
	long ids[256];
	int count = log_id_list(list, ids, 256);
	for (int i = 0; i < count; i++)
		if (ids[i] == 0)
			return 1;
	return count < 0 ? -1 : 0;
}

/* daemon(7)'s items of frame f as the viewer ticks them ([x]): met or not. */
static void
daemon7_of(const struct run *run, size_t f, unsigned char *met)
{
	const struct entry *now = run->frames[f].record;
	size_t start = lineage_start(run, f);
	const struct entry *first = start != NO_FRAME ? run->frames[start].record : NULL;
	unsigned long long ignored, blocked;
	const char *told = NULL, *writer = NULL, *holds = NULL;

	met[CHECK_SIGNALS_RESET] = kept_signals(run, f, "sigign", &ignored) == 0 &&
				   kept_signals(run, f, "sigblk", &blocked) == 0 &&
				   ignored == 0 && blocked == 0;
	/* the environment as the newest exec in the lineage gave it (a process
	 * title written over it later is none of its own) */
	const char *nenv = NULL;
	for (size_t g = start; start != NO_FRAME && g <= f; g++) {
		const struct entry *r = run->frames[g].record;
		if (of_lineage(run, g, f) && (g == start || equal(r, "event", "exec") ||
					      equal(r, "event", "start")))
			nenv = entry_get(r, "nenv");
	}
	met[CHECK_OWN_ENVIRONMENT] = first && nenv && entry_get(first, "nenv") &&
		(atol(nenv) < atol(field(first, "nenv")) || strcmp(nenv, "0") == 0) &&
		nenv[0] >= '0' && nenv[0] <= '9';
	met[CHECK_PRIVILEGES_DROPPED] = first && id_at(field(first, "uid"), 1) == 0 &&
		holds_zero(field(now, "uid")) == 0 && holds_zero(field(now, "gid")) == 0 &&
		holds_zero(field(now, "groups")) == 0;
	/* readiness and the pid file: the newest record of the thread that tells them */
	for (size_t g = 0; g <= f; g++) {
		const struct entry *r = run->frames[g].record;
		if (run->frames[g].thread != run->frames[f].thread)
			continue;
		if (equal(r, "step", "daemon") && equal(r, "event", "heartbeat"))
			writer = holds = field(r, "pid");
		if (equal(r, "tells", "yes") || equal(r, "sent", "READY=1")) {
			told = "yes";
			writer = holds = field(r, "pid");
		} else if (equal(r, "ready", "yes") || entry_get(r, "readiness") ||
			   (entry_get(r, "listening") && equal(r, "first_exited", "no"))) {
			told = "yes";
		} else if (equal(r, "tells", "no") || equal(r, "ready", "no")) {
			told = "no";
		}
		if (entry_get(r, "pid_file") && entry_get(r, "holds")) {
			writer = field(r, "pid");
			holds = field(r, "holds");
		}
	}
	met[CHECK_READY_TOLD] = told && strcmp(told, "yes") == 0;
	met[CHECK_PID_FILE_OWN] = writer && equal(now, "pid", writer) && equal(now, "pid", holds);
}

/* The checklist of frame f from its fields; "nothing else inherited", which
 * needs the run's history, from the story. */
static void
checklist_of(const struct run *run, size_t f, unsigned char *met)
{
	const struct entry *now = run->frames[f].record;
	const char *pid = field(now, "pid");
	struct story story;

	story_at(&story, run, f);
	met[CHECK_NOT_GROUP_LEADER] = entry_get(now, "pgid") && !equal(now, "pgid", pid);
	met[CHECK_OWN_SESSION] = entry_get(now, "sid") && !equal(now, "sid", origin_sid(run));
	met[CHECK_NOT_SESSION_LEADER] = entry_get(now, "sid") && !equal(now, "sid", pid);
	met[CHECK_NO_TERMINAL] = equal(now, "tty", "?");
	met[CHECK_CWD_ROOT] = equal(now, "cwd", "/");
	met[CHECK_UMASK_ZERO] = equal(now, "umask", "0000");
	met[CHECK_STDIO_NULL] = equal(now, "fd0", "/dev/null") && equal(now, "fd1", "/dev/null") &&
				equal(now, "fd2", "/dev/null");
	met[CHECK_NOTHING_INHERITED] = (unsigned char)story_check(&story, CHECK_NOTHING_INHERITED);
	daemon7_of(run, f, met);
}

/* The checklist as the viewer shows it on frame f ([x]), and its "before". */
static void
shown_checklist(const struct run *run, size_t f, unsigned char *met, unsigned char *before)
{
	struct story story;

	story_at(&story, run, f);
	for (int c = 0; c < CHECK_ALL_COUNT; c++) {
		met[c] = (unsigned char)story_check(&story, c);
		before[c] = (unsigned char)story_check_before(&story, c);
	}
}

/* Whether fact holds of frame f, from its fields alone. */
static int
oracle(const struct run *run, size_t f, enum fact fact)
{
	const struct entry *now = run->frames[f].record;
	size_t compared = run->frames[f].previous;
	const struct entry *was = compared != NO_FRAME ? run->frames[compared].record : NULL;
	const char *pid = field(now, "pid");
	unsigned char met[CHECK_ALL_COUNT], before[CHECK_ALL_COUNT] = { 0 };
	int all = 1, won = 0, lost = 0;
	size_t start = lineage_start(run, f);
	const struct entry *first = start != NO_FRAME ? run->frames[start].record : NULL;
	unsigned long long ignored = 0, blocked = 0;

	checklist_of(run, f, met);
	if (compared != NO_FRAME)
		checklist_of(run, compared, before);
	/* daemon(7)'s items change only within the lineage: before it began,
	 * nothing was judged */
	if (compared != NO_FRAME && lineage_start(run, compared) == NO_FRAME)
		memcpy(before + CHECK_COUNT, met + CHECK_COUNT, CHECK_ALL_COUNT - CHECK_COUNT);
	for (int c = 0; c < CHECK_ALL_COUNT; c++) {
		if (c < CHECK_COUNT)
			all &= met[c];
		won |= met[c] && !before[c];
		lost |= !met[c] && before[c];
	}
	switch (fact) {
	case FACT_LEADS_GROUP: return equal(now, "pgid", pid);
	case FACT_LEADS_SESSION: return equal(now, "sid", pid);
	case FACT_HAS_TTY: return entry_get(now, "tty") && !equal(now, "tty", "?");
	case FACT_ORIGIN_SESSION: return equal(now, "sid", origin_sid(run));
	case FACT_ALL_MET: return all;
	case FACT_CWD_ROOT: return equal(now, "cwd", "/");
	case FACT_UMASK_ZERO: return equal(now, "umask", "0000");
	case FACT_STDIO_NULL:
		return equal(now, "fd0", "/dev/null") && equal(now, "fd1", "/dev/null") &&
		       equal(now, "fd2", "/dev/null");
	case FACT_STDIO_CLOSED:
		return equal(now, "fd0", "closed") && equal(now, "fd1", "closed") &&
		       equal(now, "fd2", "closed");
	case FACT_FD1_CLOSED: return equal(now, "fd1", "closed");
	case FACT_FD0_FILE:
		return field(now, "fd0")[0] == '/' && strncmp(field(now, "fd0"), "/dev/", 5) != 0;
	case FACT_NOTHING_OPEN: return equal(now, "nfds", "0") && equal(now, "fds", "");
	case FACT_INHERITED_OPEN: return caller_descriptor_open(first, now);
	case FACT_COMPARED: return was != NULL;
	case FACT_NEW_PROCESS: return was && differ(now, was, "pid");
	case FACT_PGID_CHANGED: return was && differ(now, was, "pgid");
	case FACT_SID_CHANGED: return was && differ(now, was, "sid");
	case FACT_TTY_CHANGED: return was && differ(now, was, "tty");
	case FACT_CWD_CHANGED: return was && differ(now, was, "cwd");
	case FACT_UMASK_CHANGED: return was && differ(now, was, "umask");
	case FACT_FDS_CHANGED: return was && differ(now, was, "fds");
	case FACT_WON: return was && won;
	case FACT_LOST: return was && lost;
	case FACT_ADOPTED:	/* its parent now is not the one it came from */
		return entry_get(now, "adopter") && was && !equal(now, "ppid", field(was, "pid"));
	case FACT_TTY_TAKEN: return equal(now, "tty_taken", "yes");
	case FACT_TTY_NOT_TAKEN: return equal(now, "tty_taken", "no");
	case FACT_EPERM: return equal(now, "errno", "EPERM");
	case FACT_STDOUT_FAILED: return entry_get(now, "stdout_errno") != NULL;
	case FACT_SIGHUP: return equal(now, "signal", "SIGHUP");
	case FACT_SIGTERM: return equal(now, "signal", "SIGTERM");
	case FACT_SKIPS_1: case FACT_SKIPS_2: case FACT_SKIPS_3: case FACT_SKIPS_4:
	case FACT_SKIPS_5: case FACT_SKIPS_6: case FACT_SKIPS_7: {
		char step[2] = { (char)('1' + (fact - FACT_SKIPS_1)), '\0' };
		return list_has(field(now, "skip"), step);
	}
	case FACT_SKIPS_0A: return list_has(field(now, "skip"), "0a");
	case FACT_SKIPS_0B: return list_has(field(now, "skip"), "0b");
	case FACT_SKIPS_8: return list_has(field(now, "skip"), "8");
	case FACT_SIGNALS_IGNORED: return names_a_signal(field(now, "sigign"));
	case FACT_SIGHUP_IGNORED: return list_has(field(now, "sigign"), "SIGHUP");
	case FACT_SIGNALS_BLOCKED: return names_a_signal(field(now, "sigblk"));
	case FACT_SIGIGN_CHANGED: return was && differ(now, was, "sigign");
	case FACT_SIGBLK_CHANGED: return was && differ(now, was, "sigblk");
	case FACT_NENV_CHANGED: return was && differ(now, was, "nenv");
	case FACT_NENV_UNREADABLE: return strstr(field(now, "nenv"), "unreadable") == field(now, "nenv");
	case FACT_IS_ROOT: {	/* uid=real,effective,saved,fs */
		const char *effective = strchr(field(now, "uid"), ',');
		return effective && strncmp(effective, ",0,", 3) == 0;
	}
	case FACT_IDS_CHANGED:
		return was && (differ(now, was, "uid") || differ(now, was, "gid") ||
			       differ(now, was, "groups"));
	case FACT_STOPS_AT_2:
		return oracle(run, f, FACT_SKIPS_1) && !oracle(run, f, FACT_SKIPS_2);
	case FACT_CHILD_OF_COMPARED: return was && equal(now, "ppid", field(was, "pid"));
	case FACT_TRACED_CALL: return entry_get(now, "call") && equal(now, "event", "after");
	case FACT_TRACED_RUN:	/* daemon-trace's start record opens the run */
		return equal(run->frames[0].record, "prog", "daemon-trace") &&
		       equal(run->frames[0].record, "event", "start");
	case FACT_WAITED_READY:	/* step1-fork's parent, and only after it waited */
		return equal(now, "event", "parent-exit") && equal(now, "step", "1") &&
		       (equal(now, "ready", "yes") || equal(now, "ready", "no"));
	case FACT_SIGNALS_KEPT:
		return kept_signals(run, f, "sigign", &ignored) == 0 &&
		       kept_signals(run, f, "sigblk", &blocked) == 0 && (ignored || blocked);
	case FACT_ENV_KEPT:
		return first && field(now, "nenv")[0] >= '0' && field(now, "nenv")[0] <= '9' &&
		       field(first, "nenv")[0] >= '0' && field(first, "nenv")[0] <= '9' &&
		       !met[CHECK_OWN_ENVIRONMENT];
	case FACT_STARTED_ROOT: return first && id_at(field(first, "uid"), 1) == 0;
	case FACT_ROOT_LEFT:
		return holds_zero(field(now, "uid")) == 1 || holds_zero(field(now, "gid")) == 1 ||
		       holds_zero(field(now, "groups")) == 1;
	case FACT_RECIPE_KNOWN:	/* a verdict that names a process of the traced run */
		if (!equal(now, "event", "verdict") || !entry_get(now, "daemon"))
			return 0;
		for (size_t g = 0; g < f; g++)
			if (equal(run->frames[g].record, "pid", field(now, "daemon")))
				return 1;
		return 0;
	case FACT_NONE: case FACT_COUNT: break;
	}
	return 0;
}

static void
problem(const char *log, const struct run *run, size_t f, const char *what)
{
	problems++;
	printf("%s: run %s, frame %zu/%zu (%s %s): %s\n", log, run->id, f + 1, run->count,
	       field(run->frames[f].record, "prog"), field(run->frames[f].record, "event"), what);
}

/* The frame compared with is the process's own, or its forker's or parent's;
 * and the checklist before is the checklist at that frame. */
static void
check_comparison(const char *log, const struct run *run, size_t f)
{
	const struct entry *now = run->frames[f].record;
	size_t compared = run->frames[f].previous;
	unsigned char met[CHECK_ALL_COUNT], before[CHECK_ALL_COUNT], there[CHECK_ALL_COUNT];
	unsigned char unused[CHECK_ALL_COUNT];

	if (compared == NO_FRAME)
		return;
	const struct entry *was = run->frames[compared].record;
	if (!equal(was, "pid", field(now, "pid")) && !equal(was, "pid", field(now, "forked_by")) &&
	    !equal(was, "pid", field(now, "ppid")))
		problem(log, run, f, "compared with a frame of an unrelated process");
	shown_checklist(run, f, met, before);
	shown_checklist(run, compared, there, unused);
	if (lineage_start(run, compared) == NO_FRAME)	/* daemon(7)'s: not judged there yet */
		memcpy(there + CHECK_COUNT, met + CHECK_COUNT, CHECK_ALL_COUNT - CHECK_COUNT);
	if (memcmp(before, there, sizeof there) != 0)
		problem(log, run, f, "the checklist's marks compare with another frame than the fields'");
}

static size_t recipes_checked;

/*
 * A traced run's recipe (the timeline's marks, the verdict frame's words)
 * agrees with daemon-trace's own verdict: the same steps in the same order
 * as its path=, and the items it judges failing are those of failed=.
 */
static void
check_recipe(const char *log, const struct run *run, size_t f, const struct recipe *recipe)
{
	const struct entry *now = run->frames[f].record;
	char path[16] = "", failed[256] = "";
	size_t used = 0;

	if (!recipe->known || now != recipe->verdict)
		return;
	for (const char *p = field(now, "path"); *p && used + 1 < sizeof path; p++)
		if (*p != ',')
			path[used++] = *p;
	if (strcmp(path, recipe->path) != 0 && !(strcmp(field(now, "path"), "none") == 0 &&
						 recipe->path[0] == '\0'))
		problem(log, run, f, "the timeline's steps are not the verdict's path=");
	used = 0;
	for (int c = 0; c < CHECK_COUNT; c++)
		if (recipe->judged[c] == CHECK_FAILS)
			used += (size_t)snprintf(failed + used, sizeof failed - used, "%s%s",
						 used ? "," : "", check_label(c));
	if (strcmp(failed[0] ? failed : "none", field(now, "failed")) != 0)
		problem(log, run, f, "the items the timeline judges failing are not the verdict's failed=");
	recipes_checked++;
}

static size_t frames_checked, sentences_checked, claims_checked;
static unsigned char said_somewhere[512];	/* by the sentence's index in the table */

static void
check_run(const char *log, const struct run *run)
{
	struct names names;
	struct story story;
	struct lesson lesson;
	char message[1024];

	names_build(&names, run, 0);
	story_start(&story, run);
	for (size_t f = 0; f < run->count; f++) {
		story_advance(&story, f);
		lesson_tell(&story, &names, &lesson);
		check_comparison(log, run, f);
		check_recipe(log, run, f, &story.recipe);
		frames_checked++;
		if (lesson.said_count == LESSON_SENTENCES_MAX)
			problem(log, run, f, "more sentences said than the lesson keeps: some go unchecked");
		for (size_t i = 0; i < lesson.said_count; i++) {
			const struct sentence *s = lesson.said[i];
			size_t count;
			said_somewhere[s - lesson_sentences(&count)] = 1;
			sentences_checked++;
			for (int c = 0; c < SENTENCE_CLAIMS_MAX && s->claims[c] != FACT_NONE; c++) {
				enum fact fact = FACT_OF(s->claims[c]);
				int wanted = !FACT_NEGATED(s->claims[c]);
				claims_checked++;
				if (oracle(run, f, fact) == wanted)
					continue;
				snprintf(message, sizeof message, "says \"%.60s...\", which claims %s%s",
					 s->text, wanted ? "" : "not ", fact_names[fact]);
				problem(log, run, f, message);
			}
		}
	}
}

/* Words that state what the process is, and the facts a sentence using them
 * must claim (one of them, either way). */
static const struct {
	const char *words;
	enum fact facts[5];
} topics[] = {
	{ "process group", { FACT_LEADS_GROUP, FACT_PGID_CHANGED } },
	{ "its session", { FACT_LEADS_SESSION, FACT_ORIGIN_SESSION, FACT_SID_CHANGED } },
	{ "session {", { FACT_LEADS_SESSION, FACT_ORIGIN_SESSION, FACT_SID_CHANGED } },
	{ "new session", { FACT_LEADS_SESSION, FACT_ORIGIN_SESSION, FACT_SID_CHANGED } },
	{ "controlling terminal", { FACT_HAS_TTY, FACT_TTY_TAKEN, FACT_TTY_NOT_TAKEN } },
	{ "checklist", { FACT_ALL_MET } },
	{ "working directory", { FACT_CWD_ROOT, FACT_CWD_CHANGED } },
	{ "mask is", { FACT_UMASK_ZERO, FACT_UMASK_CHANGED } },
	{ "umask is", { FACT_UMASK_ZERO, FACT_UMASK_CHANGED } },
	{ "/dev/null", { FACT_STDIO_NULL, FACT_STDIO_CLOSED } },
	{ "are closed", { FACT_STDIO_CLOSED } },
	{ "Descriptor 1", { FACT_FD1_CLOSED } },
	{ "orphaned", { FACT_ADOPTED } },
	{ "EPERM", { FACT_EPERM, FACT_STOPS_AT_2 } },
	{ "are open", { FACT_STDIO_CLOSED, FACT_NOTHING_OPEN } },
	{ "Still open", { FACT_INHERITED_OPEN } },
	{ "does not lead", { FACT_LEADS_SESSION, FACT_LEADS_GROUP } },
	{ "leads its", { FACT_LEADS_SESSION, FACT_LEADS_GROUP } },
	{ "a child of", { FACT_CHILD_OF_COMPARED } },
	{ "step 2 runs", { FACT_STOPS_AT_2 } },
	{ "This process", { FACT_LEADS_GROUP, FACT_LEADS_SESSION, FACT_HAS_TTY, FACT_ALL_MET } },
	{ "ignores {", { FACT_SIGNALS_IGNORED, FACT_SIGHUP_IGNORED, FACT_SIGIGN_CHANGED, FACT_SIGNALS_KEPT } },
	{ "ignores SIGHUP", { FACT_SIGHUP_IGNORED, FACT_SIGIGN_CHANGED, FACT_SIGNALS_KEPT } },
	{ "ignores no", { FACT_SIGNALS_IGNORED, FACT_SIGIGN_CHANGED } },
	{ "blocks", { FACT_SIGNALS_BLOCKED, FACT_SIGBLK_CHANGED, FACT_SIGNALS_KEPT } },
	{ "blocked", { FACT_SIGNALS_BLOCKED, FACT_SIGBLK_CHANGED, FACT_SIGNALS_KEPT } },
	{ "environment holds", { FACT_NENV_CHANGED, FACT_NENV_UNREADABLE } },
	{ "runs as", { FACT_IS_ROOT, FACT_IDS_CHANGED } },
	{ "its signals", { FACT_SIGNALS_KEPT } },
	{ "environment is", { FACT_ENV_KEPT, FACT_NENV_UNREADABLE } },
	{ "as root", { FACT_STARTED_ROOT, FACT_ROOT_LEFT, FACT_IS_ROOT, FACT_IDS_CHANGED } },
};

static int
claims_about(const struct sentence *s, const enum fact *facts)
{
	for (int c = 0; c < SENTENCE_CLAIMS_MAX && s->claims[c] != FACT_NONE; c++)
		for (int t = 0; t < 5 && facts[t] != FACT_NONE; t++)
			if (FACT_OF(s->claims[c]) == facts[t])
				return 1;
	return 0;
}

static void
check_table(void)
{
	size_t count;
	const struct sentence *table = lesson_sentences(&count);

	if (count > sizeof said_somewhere) {
		problems++;
		printf("lesson table: %zu sentences, more than this check counts\n", count);
	}
	for (size_t i = 0; i < count; i++) {
		/* why and without state rules; only what they say of this process
		 * ("It leads its session", "This process ...") is the frame's */
		if (table[i].part != PART_WHAT && strncmp(table[i].text, "It ", 3) != 0 &&
		    strncmp(table[i].text, "Its ", 4) != 0 && strncmp(table[i].text, "This ", 5) != 0)
			continue;
		for (size_t t = 0; t < sizeof topics / sizeof topics[0]; t++) {
			if (strstr(table[i].text, topics[t].words) == NULL ||
			    claims_about(&table[i], topics[t].facts))
				continue;
			problems++;
			printf("lesson table: \"%.60s...\" speaks of '%s' but claims nothing of it\n",
			       table[i].text, topics[t].words);
		}
	}
}

/* Whether the first words of a sentence are on a line of the --unsaid file. */
static int
may_go_unsaid(FILE *unsaid, const char *text)
{
	char line[256];

	if (unsaid == NULL)
		return 0;
	rewind(unsaid);
	while (fgets(line, sizeof line, unsaid)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] && line[0] != '#' && strncmp(text, line, strlen(line)) == 0)
			return 1;
	}
	return 0;
}

/* Every sentence was said in some log, or may go unsaid. */
static void
check_coverage(FILE *unsaid)
{
	size_t count, said = 0, unsaid_count = 0;
	const struct sentence *table = lesson_sentences(&count);

	for (size_t i = 0; i < count && i < sizeof said_somewhere; i++) {
		if (said_somewhere[i]) {
			said++;
			continue;
		}
		if (may_go_unsaid(unsaid, table[i].text)) {
			unsaid_count++;
			continue;
		}
		problems++;
		printf("lesson table: \"%.60s...\" (%s, %s) was said in none of the logs\n",
		       table[i].text, table[i].step, table[i].event);
	}
	printf("%zu of %zu sentences said; %zu listed as not said by these runs\n", said, count,
	       unsaid_count);
}

int
main(int argc, char **argv)
{
	FILE *unsaid = NULL;
	int first = 1;

	if (argc > 2 && strcmp(argv[1], "--unsaid") == 0) {
		unsaid = fopen(argv[2], "r");
		if (unsaid == NULL) {
			perror(argv[2]);
			return 2;
		}
		first = 3;
	}
	if (argc <= first) {
		fprintf(stderr, "usage: lesson_claims [--unsaid FILE] LOG...\n");
		return 2;
	}
	check_table();
	for (int a = first; a < argc; a++) {
		struct model model;
		FILE *file = fopen(argv[a], "r");
		size_t before = frames_checked;

		if (file == NULL || (model_init(&model), model_read(&model, file, LOG_READ_ALL)) == -1) {
			perror(argv[a]);
			return 2;
		}
		fclose(file);
		for (size_t r = 0; r < model.count; r++)
			check_run(argv[a], model_run(&model, r));
		printf("%s: %zu runs, %zu frames\n", argv[a], model.count, frames_checked - before);
		model_free(&model);
	}
	check_coverage(unsaid);
	if (unsaid)
		fclose(unsaid);
	printf("checked %zu frames, %zu sentences said, %zu claims, %zu traced recipes: "
	       "%zu contradiction%s\n", frames_checked, sentences_checked, claims_checked,
	       recipes_checked, problems,
	       problems == 1 ? "" : "s");
	return problems ? 1 : 0;
}
