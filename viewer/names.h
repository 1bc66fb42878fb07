/* names.h - how a frame names processes, terminals, files and times.
 *
 * Plainly, a PID is its number and a time is the clock's. With --normalize,
 * processes are named by their order of appearance in the run (P1, P2, ...;
 * PID 1 stays 1), terminals and files likewise (<tty1>, <path1>; /, /dev/null
 * stay), the process that adopts orphans is <adopter>, PID and name, since
 * both vary from machine to machine (init as PID 1 in a container or in CI,
 * systemd --user as a subreaper on a desktop), and times are whole seconds
 * from the run's start, so that two runs of the same story dump the same text.
 */
#ifndef DAEMON_STEPS_VIEWER_NAMES_H
#define DAEMON_STEPS_VIEWER_NAMES_H

#include <stddef.h>

#include "model.h"

enum { NAMES_MAX = 128, NAME_SIZE = 16 };

struct name {
	const char *original;	/* points into the run's records */
	char name[NAME_SIZE];
};

struct names {
	int normalize;
	struct name pids[NAMES_MAX], ttys[NAMES_MAX], paths[NAMES_MAX];
	size_t pid_count, tty_count, path_count;
	const char *adopters[NAMES_MAX];	/* names the adopter= fields give */
	const char *adopter_pids[NAMES_MAX];	/* the ppid= beside them */
	size_t adopter_count, adopter_pid_count;
	double start;		/* the run's first time, in seconds; < 0: unknown */
};

/* Settles the names of run (all of it: a name never changes as it plays). */
void names_build(struct names *names, const struct run *run, int normalize);

/* A PID as shown ("P3", "3564", or "<adopter>" normalized). */
const char *names_pid(const struct names *names, const char *pid);

/* A process's name (a parent field, an adopter) as shown. */
const char *names_process(const struct names *names, const char *comm);

/* A terminal as the tty field gives it ("pts/3", "?"). */
const char *names_tty(const struct names *names, const char *tty);

/* A path (cwd, fd0, tried_tty); a terminal's device keeps its tty's name. */
const char *names_path(const struct names *names, const char *path, char *out, size_t size);

/* The value of uid, gid, groups or nenv as shown; any other key's unchanged. */
const char *names_identity(const struct names *names, const char *key, const char *value);

/* Free text (a hint) with every known PID in it replaced. */
const char *names_text(const struct names *names, const char *text, char *out, size_t size);

/* A record's time: "08:52:41.125 +0.003s", or "+1s" normalized. */
const char *names_time(const struct names *names, const char *time, char *out, size_t size);

#endif
