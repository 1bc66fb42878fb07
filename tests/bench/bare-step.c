/* bare-step - the chain's steps without any recording, for the benchmark.
 *
 *   bare-step fork|setsid|chdir|umask|close|reopen NEXT...   one step, then exec NEXT
 *   bare-step daemon FILE                                     write the time to FILE, exit
 *
 * The same forks (waiting for the orphaning the same way), setsid and execs as
 * the real chain, so recording's cost is what the real chain takes more.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "steplib.h"

int
main(int argc, char **argv)
{
	const char *step = argc > 2 ? argv[1] : "";

	if (strcmp(step, "daemon") == 0) {
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		FILE *f = fopen(argv[2], "w");
		if (f == NULL)
			return 1;
		fprintf(f, "%lld.%06ld\n", (long long)now.tv_sec, now.tv_nsec / 1000);
		return fclose(f) == 0 ? 0 : 1;
	}
	if (strcmp(step, "fork") == 0) {
		pid_t parent = getpid(), child = fork();
		if (child == -1)
			return 1;
		if (child > 0)
			_exit(0);
		if (wait_until_orphaned(parent) == -1)
			return 1;
	} else if (strcmp(step, "setsid") == 0) {
		if (setsid() == -1)
			return 1;
	} else if (strcmp(step, "chdir") == 0) {
		if (chdir("/") == -1)
			return 1;
	} else if (strcmp(step, "umask") == 0) {
		umask(0);
	} else if (strcmp(step, "close") == 0) {
		if (syscall(SYS_close_range, 0U, ~0U, 0U) == -1)
			return 1;
	} else if (strcmp(step, "reopen") == 0) {
		int fd = open("/dev/null", O_RDWR);
		if (fd != 0 || dup2(0, 1) == -1 || dup2(0, 2) == -1)
			return 1;
	} else {
		fprintf(stderr, "usage: bare-step fork|setsid|chdir|umask|close|reopen NEXT...\n"
				"       bare-step daemon FILE\n");
		return 2;
	}
	execv(argv[2], argv + 2);	/* the benchmark passes absolute paths */
	return 127;
}
