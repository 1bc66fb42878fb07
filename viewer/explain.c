/* explain.c - the timeline's stops and the steps' calls (see explain.h). */
#include "explain.h"

#include <string.h>

const struct timeline_stop timeline[TIMELINE_STOPS] = {
	{ "", "start" },
	{ "0a", "0a signals" },	/* daemon(7)'s steps: stops only in a run that has them */
	{ "0b", "0b env" },
	{ "1", "1 fork" },
	{ "2", "2 setsid" },
	{ "3", "3 fork" },
	{ "4", "4 chdir" },
	{ "5", "5 umask" },
	{ "6", "6 close" },
	{ "7", "7 stdio" },
	{ "8", "8 user" },
	{ "daemon", "daemon" },
	{ "quiz", "quiz" },	/* daemon-demo puts the pop quiz last */
};

int
timeline_stop_of(const char *step)
{
	for (int i = 1; i < TIMELINE_STOPS; i++)
		if (strcmp(timeline[i].step, step) == 0)
			return i;
	return 0;	/* the shell, the runner, anything else: the start */
}

static const struct {
	const char *step;
	const char *call;
} calls[] = {
	{ "0a", "every signal to its default, none blocked" },
	{ "0b", "a clean environment" },
	{ "1", "fork(), and the parent exits" },
	{ "2", "setsid(): a session of its own" },
	{ "3", "fork() again, and the session leader exits" },
	{ "4", "chdir(\"/\")" },
	{ "5", "umask(0)" },
	{ "6", "close every inherited descriptor" },
	{ "7", "/dev/null on 0, 1 and 2" },
	{ "8", "setgroups(), setgid(), setuid()" },
	{ "daemon", "the daemon at work" },
	{ "quiz", "the pop quiz" },
	{ "shell", "where daemon-demo was started" },
	{ "demo", "the runner, daemon-demo" },
};

const char *
step_call(const char *step)
{
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
		if (strcmp(calls[i].step, step) == 0)
			return calls[i].call;
	return NULL;
}
