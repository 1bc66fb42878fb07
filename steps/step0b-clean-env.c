/* step0b-clean-env - before step 1: an environment of a documented few
 * variables, and nothing else.
 *
 * Why a daemon needs it: the environment is inherited through fork() and
 * exec(), and the user's says things about the user, not the daemon:
 * HOME, USER and SHELL are the administrator's (a daemon that writes to
 * $HOME litters root's home), TERM names a terminal the daemon will not have,
 * and LD_PRELOAD, LD_LIBRARY_PATH or IFS change what code runs or how it
 * parses. A daemon started by hand would behave unlike the same daemon
 * started at boot. systemd's daemon(7) cleans it first, before the first
 * fork. Kept:
 *   PATH     to find the programs it runs (the chain's next ones among them)
 *   LANG     the language of its messages, and LC_ALL when set
 *   TZ       the time zone of the times it writes
 *   DAEMON_STEPS_LOG, DAEMON_STEPS_RUN, DAEMON_STEPS_PAUSE
 *            the chain's own settings: without them the next steps would
 *            write to another log, under another run id
 * and those named with --keep. The kernel's copy of the environment, which
 * /proc/PID/environ shows (the record's nenv), is the one exec() was given:
 * it changes at the next exec, step 1's start record.
 *
 * Usage: step0b-clean-env [--keep NAME[,NAME...]] [NEXT-PROGRAM [ARGS...]]
 */
#define _GNU_SOURCE	/* clearenv() */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "steplib.h"

extern char **environ;

enum { KEPT_MAX = 32 };

static const char *const always_kept[] = {
	"PATH", "LANG", "LC_ALL", "TZ", ENV_LOG, ENV_RUN, ENV_PAUSE,
};

static const struct step_option options[] = {
	{ "keep", "NAME[,NAME...]", "keep these variables too" },
	{ NULL, NULL, NULL },
};

static const struct program program = {
	.name = "step0b-clean-env",
	.step = "0b",
	.synopsis = "[--keep NAME[,NAME...]] [NEXT-PROGRAM [ARGS...]]",
	.purpose = "Before step 1 (daemon(7)): clears the environment but for PATH, LANG,\n"
		   "LC_ALL, TZ, the chain's DAEMON_STEPS_* and the variables named with --keep,\n"
		   "so the daemon runs alike whoever started it; then runs NEXT-PROGRAM.",
	.options = options,
};

/* Whether name is one to keep: always, or listed in keep ("A,B"). */
static int
is_kept(const char *name, size_t len, const char *keep)
{
	for (size_t i = 0; i < sizeof always_kept / sizeof always_kept[0]; i++)
		if (strlen(always_kept[i]) == len && strncmp(always_kept[i], name, len) == 0)
			return 1;
	while (keep && *keep) {
		size_t n = strcspn(keep, ",");
		if (n == len && strncmp(keep, name, len) == 0)
			return 1;
		keep += n + (keep[n] == ',');
	}
	return 0;
}

/* Copies the variables to keep ("NAME=value") into kept, and lists the names
 * kept and dropped, as many as size holds. Returns how many are kept. Exits
 * on failure. */
static int
sort_environment(const char *keep, char **kept, char *kept_names, char *dropped_names, size_t size)
{
	int count = 0;

	kept_names[0] = dropped_names[0] = '\0';
	for (char **var = environ; *var; var++) {
		size_t len = strcspn(*var, "=");
		char *names = is_kept(*var, len, keep) ? kept_names : dropped_names;
		size_t used = strlen(names);

		if (used + len + 2 < size)
			snprintf(names + used, size - used, "%s%.*s", used ? "," : "", (int)len, *var);
		if (names == dropped_names)
			continue;
		if (count == KEPT_MAX)
			fail("keeping the environment", E2BIG, "at most 32 variables are kept",
			     EXIT_USAGE);
		if ((kept[count++] = strdup(*var)) == NULL)
			fail("strdup", errno, NULL, EXIT_SYSCALL_FAILED);
	}
	return count;
}

int
main(int argc, char **argv)
{
	const char *values[1];
	int next = program_start(&program, argc, argv, values);
	/* whole lists: the record cuts them to its room and says so (cut=) */
	char *kept[KEPT_MAX], kept_names[LOGFMT_RECORD_MAX], dropped_names[LOGFMT_RECORD_MAX];
	int count = sort_environment(values[0], kept, kept_names, dropped_names, sizeof kept_names);

	/*** the step ***/
	if (clearenv() != 0)					/* environ = NULL, in POSIX terms */
		fail("clearenv", ENOMEM, NULL, EXIT_SYSCALL_FAILED);
	for (int i = 0; i < count; i++)
		if (putenv(kept[i]) != 0)			/* kept[i] becomes the environment's */
			fail("putenv", errno, NULL, EXIT_SYSCALL_FAILED);
	if (record("after", "kept", kept_names[0] ? kept_names : "none",
		   "dropped", dropped_names[0] ? dropped_names : "none", (char *)NULL) == -1)
		fail("recording", errno, NULL, EXIT_SYSCALL_FAILED);

	/*** going on ***/
	continue_chain(argv + next, "the environment holds %d variables: %s", count,
		       kept_names[0] ? kept_names : "none");
}
