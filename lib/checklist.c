/* checklist.c - the daemon checklist and its judgment (see checklist.h). */
#include "checklist.h"

#include <stdio.h>
#include <string.h>

#include "logread.h"

static const struct {
	const char *label, *step, *goal, *prevents;
} items[CHECK_ALL_COUNT] = {
	[CHECK_NOT_GROUP_LEADER]   = { "not a group leader", "1",
		"not a process-group leader",
		"a group leader's setsid() fails with EPERM" },
	[CHECK_OWN_SESSION]        = { "own session", "2",
		"a session of its own",
		"it stays in its caller's session, where job control and the "
		"terminal's hangup reach it" },
	[CHECK_NOT_SESSION_LEADER] = { "not a session leader", "3",
		"not its session's leader",
		"a session leader that opens a terminal without O_NOCTTY takes it "
		"as its controlling terminal" },
	[CHECK_NO_TERMINAL]        = { "no controlling terminal", "2",
		"no controlling terminal",
		"that terminal's hangup sends it SIGHUP, and reading it stops it" },
	[CHECK_CWD_ROOT]           = { "cwd /", "4",
		"a working directory of its own",
		"it keeps its caller's directory busy: that file system cannot be "
		"unmounted" },
	[CHECK_UMASK_ZERO]         = { "umask 0", "5",
		"a umask of its own choosing",
		"the files it creates get whatever mask its caller happened to have" },
	[CHECK_STDIO_NULL]         = { "0, 1, 2 on /dev/null", "7",
		"0, 1, 2 on /dev/null or a file",
		"it reads and writes a terminal it left, or a pipe whose reader waits "
		"for its end (a caller's | cat or $(...) hangs), or, with them closed, "
		"the next file it opens becomes its 0, 1 or 2" },
	[CHECK_NOTHING_INHERITED]  = { "nothing else inherited", "6",
		"no descriptor of its caller",
		"what its caller had open stays open: a pipe's reader waits for an "
		"end that never comes, a file system stays busy" },

	/* daemon(7)'s; their steps are programs of their own (step0a..., step8...),
	 * step1-fork --wait-ready, and the daemon itself */
	[CHECK_SIGNALS_RESET]      = { "signals reset", "0a",
		"no signal ignored or blocked that its caller left",
		"a signal its caller ignored (SIGHUP under nohup) or blocked stays so: "
		"kill -HUP reaches nothing, and a blocked SIGTERM stays pending" },
	[CHECK_OWN_ENVIRONMENT]    = { "own environment", "0b",
		"an environment of its own, not its caller's",
		"it runs with whatever its caller's environment held: a user's PATH, "
		"LD_PRELOAD, locale and HOME" },
	[CHECK_PRIVILEGES_DROPPED] = { "privileges dropped", "8",
		"no root privilege left where it started as root",
		"every flaw in it is a flaw as root: whatever it can be made to do, it "
		"does with every privilege" },
	[CHECK_READY_TOLD]         = { "told it is ready", "1",
		"its starter told when it is ready",
		"its starter takes the first process's exit for \"the service is up\" "
		"while the daemon is still on its way: the next command finds no server" },
	[CHECK_PID_FILE_OWN]       = { "pid file its own", "daemon",
		"a pid file written by the daemon itself, after the last fork",
		"a pid file another process wrote is right only while that process "
		"guessed the daemon's PID: a daemon that forks again, or a PID written "
		"before a fork, leaves it naming a process that has exited or is not "
		"the daemon" },
};

/* Why one of daemon(7)'s items is not judged, in its words. */
static const struct {
	const char *not_applicable, *not_known;
} unjudged[CHECK_ALL_COUNT] = {
	[CHECK_SIGNALS_RESET]      = { NULL, "the records do not show its signals" },
	[CHECK_OWN_ENVIRONMENT]    = { NULL, "the records do not show how many variables it has" },
	[CHECK_PRIVILEGES_DROPPED] = { "it never ran as root: there is no privilege to drop",
				       "the records do not show its user and group IDs" },
	[CHECK_READY_TOLD]         = { NULL, "the records do not show a readiness wait" },
	[CHECK_PID_FILE_OWN]       = { "it writes no pid file", "the records do not show its pid file" },
};

const char *
check_group(enum check check)
{
	return check < CHECK_COUNT ? "A daemon is..." : "daemon(7) also asks";
}

const char *
check_unjudged(enum check check, enum check_judgment judgment)
{
	const char *why = judgment == CHECK_NOT_APPLICABLE ? unjudged[check].not_applicable
			  : judgment == CHECK_NOT_KNOWN ? unjudged[check].not_known : NULL;
	return why ? why : "";
}

const char *
check_label(enum check check)
{
	return items[check].label;
}

const char *
check_step(enum check check)
{
	return items[check].step;
}

const char *
check_goal(enum check check)
{
	return items[check].goal;
}

const char *
check_prevents(enum check check)
{
	return items[check].prevents;
}

/* Both known and the same text. */
static int
same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Both known and different. */
static int
differ(const char *a, const char *b)
{
	return a && b && strcmp(a, b) != 0;
}

/* A path /proc shows for a file (not a terminal, pipe or socket, not closed). */
static int
is_file_path(const char *target)
{
	return target && target[0] == '/' && strncmp(target, "/dev/", 5) != 0;
}

static enum check_judgment
judge_stdio(const struct check_facts *f)
{
	int on_null = 0, on_file = 0;

	for (int fd = 0; fd < 3; fd++) {
		if (same(f->stdio[fd], "/dev/null"))
			on_null++;
		else if (is_file_path(f->stdio[fd]))
			on_file++;
	}
	if (on_null == 3)
		return CHECK_MET;
	return on_null + on_file == 3 ? CHECK_MET_OTHERWISE : CHECK_FAILS;
}

static enum check_judgment
judge_umask(const struct check_facts *f)
{
	if (f->umask_chosen == 0)
		return CHECK_FAILS;
	if (same(f->umask, "0000"))
		return CHECK_MET;
	if (f->umask_chosen == 1 || differ(f->umask, f->origin_umask))
		return CHECK_MET_OTHERWISE;
	return CHECK_FAILS;
}

static enum check_judgment
judge_signals(const struct check_facts *f)
{
	if (!f->signals_known)
		return CHECK_NOT_KNOWN;
	return f->kept_ignored == 0 && f->kept_blocked == 0 ? CHECK_MET : CHECK_FAILS;
}

/* A count of variables as the record gives it, or -1 ("unreadable (EACCES)"). */
static long
count_of(const char *text)
{
	long ids[1];
	return text && log_id_list(text, ids, 1) == 1 ? ids[0] : -1;
}

/* Fewer variables than its caller gave: it made an environment of its own.
 * As many or more (the chain adds its own few) is its caller's, kept. */
static enum check_judgment
judge_environment(const struct check_facts *f)
{
	long now = count_of(f->nenv), given = count_of(f->origin_nenv);

	if (now < 0 || given < 0)
		return CHECK_NOT_KNOWN;
	return now < given || now == 0 ? CHECK_MET : CHECK_FAILS;
}

void
check_failing(const enum check_judgment *judged, int count, const char *sep, int with_steps,
	      char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (int c = 0; c < count && used < size; c++) {
		if (judged[c] != CHECK_FAILS)
			continue;
		used += (size_t)snprintf(out + used, size - used, "%s%s", used ? sep : "",
					 check_label((enum check)c));
		if (with_steps && used < size)
			used += (size_t)snprintf(out + used, size - used, " (%s)",
						 check_step((enum check)c));
	}
}

static const char *const judgment_names[] = {
	[CHECK_FAILS] = "fails", [CHECK_MET_OTHERWISE] = "otherwise", [CHECK_MET] = "met",
	[CHECK_NOT_APPLICABLE] = "not-applicable", [CHECK_NOT_KNOWN] = "not-known",
};

const char *
check_judgment_name(enum check_judgment judgment)
{
	return judgment_names[judgment];
}

int
check_judgment_named(const char *name, size_t len)
{
	for (size_t j = 0; j < sizeof judgment_names / sizeof judgment_names[0]; j++)
		if (strlen(judgment_names[j]) == len && strncmp(judgment_names[j], name, len) == 0)
			return (int)j;
	return -1;
}

int
check_holds_root(const char *text)
{
	enum { IDS_MAX = 256 };		/* the record keeps about 512 characters of groups */
	long ids[IDS_MAX];
	int count = text ? log_id_list(text, ids, IDS_MAX) : -1;

	if (count < 0)
		return -1;
	for (int i = 0; i < count; i++)
		if (ids[i] == 0)
			return 1;
	return 0;
}

/* Started as root (effective user 0 at the origin): then no user, group or
 * supplementary group of root's may be left, saved IDs included (a saved 0
 * can be taken back). Never root: nothing to drop. */
static enum check_judgment
judge_privileges(const struct check_facts *f)
{
	long origin[4];
	int uid = check_holds_root(f->uid), gid = check_holds_root(f->gid);
	int groups = check_holds_root(f->groups);

	if (!f->origin_uid || log_id_list(f->origin_uid, origin, 4) != 4)
		return CHECK_NOT_KNOWN;
	if (origin[1] != 0)
		return CHECK_NOT_APPLICABLE;
	if (uid < 0 || gid < 0 || groups < 0)
		return CHECK_NOT_KNOWN;
	return uid || gid || groups ? CHECK_FAILS : CHECK_MET;
}

enum check_judgment
check_judge(enum check check, const struct check_facts *f)
{
	int met = 0;

	switch (check) {
	/* A PGID or SID of 0 is a group or session made outside the reader's
	 * PID namespace: a process that leads its own has a PID there, so 0 is
	 * never its own (the leader items are met). Which session it is, is
	 * known only beside a caller's: a traced process's caller shows 0 too
	 * when they share it, and a caller not known leaves it not known. */
	case CHECK_NOT_GROUP_LEADER:
		met = differ(f->pgid, f->pid);
		break;
	case CHECK_OWN_SESSION:
		if (same(f->sid, "0") && !f->origin_sid)
			return CHECK_NOT_KNOWN;
		met = f->sid && !same(f->sid, f->origin_sid ? f->origin_sid : "?");
		break;
	case CHECK_NOT_SESSION_LEADER:
		met = differ(f->sid, f->pid);
		break;
	case CHECK_NO_TERMINAL:
		met = same(f->tty, "?");
		break;
	case CHECK_CWD_ROOT:
		if (same(f->cwd, "/"))
			return CHECK_MET;
		return f->cwd && f->cwd[0] == '/' && differ(f->cwd, f->origin_cwd) ?
		       CHECK_MET_OTHERWISE : CHECK_FAILS;
	case CHECK_UMASK_ZERO:
		return judge_umask(f);
	case CHECK_STDIO_NULL:
		return judge_stdio(f);
	case CHECK_NOTHING_INHERITED:
		met = f->inherited == 0;
		break;
	case CHECK_SIGNALS_RESET:
		return judge_signals(f);
	case CHECK_OWN_ENVIRONMENT:
		return judge_environment(f);
	case CHECK_PRIVILEGES_DROPPED:
		return judge_privileges(f);
	case CHECK_READY_TOLD:
		return f->ready == READY_NOT_KNOWN ? CHECK_NOT_KNOWN :
		       f->ready == READY_TOLD ? CHECK_MET : CHECK_FAILS;
	case CHECK_PID_FILE_OWN:
		return f->pid_file == PID_FILE_NOT_KNOWN ? CHECK_NOT_KNOWN :
		       f->pid_file == PID_FILE_NONE ? CHECK_NOT_APPLICABLE :
		       f->pid_file == PID_FILE_BY_ITSELF ? CHECK_MET : CHECK_FAILS;
	case CHECK_ALL_COUNT:
		break;
	}
	return met ? CHECK_MET : CHECK_FAILS;
}
