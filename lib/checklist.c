/* checklist.c - the daemon checklist and its judgment (see checklist.h). */
#include "checklist.h"

#include <string.h>

static const struct {
	const char *label, *step, *goal, *prevents;
} items[CHECK_COUNT] = {
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
		"it reads and writes a terminal it left, or, with them closed, the "
		"next file it opens becomes its 0, 1 or 2" },
	[CHECK_NOTHING_INHERITED]  = { "nothing else inherited", "6",
		"no descriptor of its caller",
		"what its caller had open stays open: a pipe's reader waits for an "
		"end that never comes, a file system stays busy" },
};

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

enum check_judgment
check_judge(enum check check, const struct check_facts *f)
{
	int met = 0;

	switch (check) {
	case CHECK_NOT_GROUP_LEADER:
		met = differ(f->pgid, f->pid);
		break;
	case CHECK_OWN_SESSION:
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
	case CHECK_COUNT:
		break;
	}
	return met ? CHECK_MET : CHECK_FAILS;
}
