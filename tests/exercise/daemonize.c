/* A completed daemonize() for docs/exercise/mydaemon.c, what a student hands
 * in: tests/exercise/grade.sh puts it in place of the skeleton's and takes
 * steps out of it (a step is its numbered comment and the lines after it, up
 * to an empty line). Kept here, not in the student's folder. */
static void
daemonize(void)
{
	pid_t pid;

	/* 1. Fork, and let the parent exit: the shell gets its prompt back, and
	 * the child is not a process-group leader, which setsid() requires. */
	pid = fork();
	if (pid == -1) {
		perror("mydaemon: fork");
		exit(1);
	}
	if (pid > 0)
		_exit(0);

	/* 2. A new session: no controlling terminal, so no signal from the
	 * terminal or from the shell's job control reaches us. */
	if (setsid() == -1) {
		perror("mydaemon: setsid");
		_exit(1);
	}

	/* 3. Fork again: the child is not the session's leader, so a terminal
	 * it opens never becomes its controlling terminal. */
	pid = fork();
	if (pid == -1) {
		perror("mydaemon: fork");
		_exit(1);
	}
	if (pid > 0)
		_exit(0);

	/* 4. Work from /, so the daemon keeps no filesystem busy (it could not
	 * be unmounted) and no folder someone wants to remove. */
	if (chdir("/") == -1) {
		perror("mydaemon: chdir /");
		_exit(1);
	}

	/* 5. A umask of our own: the caller's would decide our files' modes. */
	(void)umask(0);

	/* 6. Close every descriptor we inherited: each keeps something open
	 * that is not ours (a terminal, a pipe a caller waits on, a file). */
	long open_max = sysconf(_SC_OPEN_MAX);
	if (open_max == -1)
		open_max = 1024;	/* no limit reported: the traditional one */
	for (long fd = 0; fd < open_max; fd++)
		(void)close((int)fd);	/* EBADF: it was not open */

	/* 7. 0, 1 and 2 on /dev/null: code that reads stdin or writes stdout
	 * must not find the terminal there, nor a file opened later. */
	int null_fd = open("/dev/null", O_RDWR);	/* 0, the lowest free, after step 6 */
	if (null_fd == -1 || dup2(null_fd, 0) == -1 || dup2(null_fd, 1) == -1 ||
	    dup2(null_fd, 2) == -1)
		_exit(1);	/* stderr is closed: nowhere to say it */
	if (null_fd > 2)
		(void)close(null_fd);
}
