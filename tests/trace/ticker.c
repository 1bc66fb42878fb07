/* ticker - a tiny daemon for daemon-trace's tests: writes its PID and a
 * count to FILE every 100 ms, so a test sees that it still works after the
 * detach. With --daemon3 it becomes a daemon with glibc's daemon(3) first
 * (one fork, setsid, chdir "/", 0-2 on /dev/null; no second fork, no umask).
 * It ends by itself after 60 s, so a failed test cannot leave it for long.
 *
 *     ticker [--daemon3] FILE
 */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	const struct timespec tick = { 0, 100 * 1000 * 1000 };
	int daemon3 = argc > 2 && strcmp(argv[1], "--daemon3") == 0;
	const char *file = argv[daemon3 ? 2 : 1];

	if (file == NULL) {
		fprintf(stderr, "usage: ticker [--daemon3] FILE\n");
		return 2;
	}
	if (daemon3 && daemon(0, 0) == -1) {
		perror("ticker: daemon");
		return 1;
	}
	char next[4096];

	/* written beside and renamed: a reader never sees the file half-written */
	if (snprintf(next, sizeof next, "%s.next", file) >= (int)sizeof next)
		return 2;
	for (int count = 1; count <= 600; count++) {
		char line[64];
		int fd = open(next, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		int len = snprintf(line, sizeof line, "%d %d\n", (int)getpid(), count);

		if (fd == -1 || write(fd, line, (size_t)len) != len || close(fd) == -1 ||
		    rename(next, file) == -1)
			return 1;
		nanosleep(&tick, NULL);
	}
	return 0;
}
