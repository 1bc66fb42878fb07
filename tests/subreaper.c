/* subreaper.c - runs a command below a child subreaper, as on a desktop.
 *
 *   subreaper COMMAND [ARGS...]
 *
 * On a desktop, `systemd --user` marks itself a child subreaper
 * (PR_SET_CHILD_SUBREAPER), so an orphan in the user's session is adopted by
 * it, not by PID 1 as in CI and in containers. This program takes that place
 * for the command it runs, so that the tests can check that what the docs and
 * goldens show does not depend on who adopts the forked children.
 *
 * It reaps every child that exits (its own and the orphans it adopted) until
 * the command exits, then exits with the command's status: 128 + N if a signal
 * N killed it, 125 if it could not start. Orphans still running then are
 * adopted again, by whoever is above.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

enum { CANNOT_START = 125 };

int
main(int argc, char **argv)
{
	pid_t command;
	int status;

	if (argc < 2) {
		fprintf(stderr, "usage: subreaper COMMAND [ARGS...]\n");
		return CANNOT_START;
	}
	if (prctl(PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L) == -1) {
		fprintf(stderr, "subreaper: prctl(PR_SET_CHILD_SUBREAPER): %s\n", strerror(errno));
		return CANNOT_START;
	}
	command = fork();
	if (command == -1) {
		fprintf(stderr, "subreaper: fork: %s\n", strerror(errno));
		return CANNOT_START;
	}
	if (command == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "subreaper: %s: %s\n", argv[1], strerror(errno));
		_exit(CANNOT_START);
	}
	for (;;) {
		pid_t reaped = waitpid(-1, &status, 0);

		if (reaped == -1 && errno == EINTR)
			continue;
		if (reaped == -1) {
			fprintf(stderr, "subreaper: waitpid: %s\n", strerror(errno));
			return CANNOT_START;
		}
		if (reaped == command)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	}
}
