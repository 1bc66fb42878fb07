/* spinner - a daemon's busy loop for trace-bench.sh: calls getppid() as fast
 * as it can and every 100 ms writes "PID CALLS" to FILE (written beside and
 * renamed), so the benchmark reads its rate of system calls. Ends after 60 s.
 *
 *     spinner FILE
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	char next[4096];
	struct timespec start, now, last;
	long long calls = 0;

	if (argc != 2 || snprintf(next, sizeof next, "%s.next", argv[1]) >= (int)sizeof next)
		return 2;
	clock_gettime(CLOCK_MONOTONIC, &start);
	last = start;
	for (;;) {
		(void)syscall(SYS_getppid);	/* a real call each time, not a cached one */
		if (++calls % 1000)
			continue;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= 60)
			return 0;
		if ((now.tv_sec - last.tv_sec) * 1000000000L + now.tv_nsec - last.tv_nsec >= 100000000L) {
			char line[64];
			int fd = open(next, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
			int len = snprintf(line, sizeof line, "%d %lld\n", (int)getpid(), calls);
			if (fd == -1 || write(fd, line, (size_t)len) != len || close(fd) == -1 ||
			    rename(next, argv[1]) == -1)
				return 1;
			last = now;
		}
	}
}
