/* mydaemon - homework: make this program a daemon.
 *
 * main() already does the daemon's work: once a second it appends a line to
 * mydaemon.out in the folder it was started from, and it writes its PID to
 * mydaemon.pid there. What is missing is daemonize(), the steps that turn a
 * program started from your shell into a daemon. Write them, in the recipe's
 * order, with a comment before each step saying why a daemon needs it.
 *
 *     make                          build it
 *     daemon-trace -- ./mydaemon 7<mydaemon.c
 *                                   the kernel grades it (make check)
 *     tail -f mydaemon.out          watch it work
 *     make stop                     stop it (kill $(cat mydaemon.pid))
 *
 * README.md has the task, and what each line of daemon-trace's verdict means.
 */
#define _POSIX_C_SOURCE 200809L
/* what daemonize() needs is included already */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Turns the calling process into a daemon. Returns in the daemon only: every
 * other process it makes on the way exits.
 *
 * The recipe's steps, in order:
 *   1. fork, and let the parent exit
 *   2. setsid()
 *   3. fork again, and let the parent exit
 *   4. chdir("/")
 *   5. umask(0), or a mask you choose
 *   6. close every descriptor it inherited
 *   7. open 0, 1 and 2 on /dev/null
 *
 * Check every call: on failure print what failed (perror) and exit with 1.
 * In a child of fork(), leave with _exit(), not exit(). */
static void
daemonize(void)
{
	/* Your steps here, each after a comment saying why. */
}

static volatile sig_atomic_t stop_asked;

static void
ask_to_stop(int signal_number)
{
	(void)signal_number;
	stop_asked = 1;
}

/* PATH: NAME in the folder DIR. -1 when it is too long. */
static int
path_in(char *path, size_t size, const char *dir, const char *name)
{
	int length = snprintf(path, size, "%s/%s", dir, name);

	return length < 0 || (size_t)length >= size ? -1 : 0;
}

/* The PID, as a line of text, in the file PATH. */
static int
write_pid_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd == -1)
		return -1;
	if (dprintf(fd, "%ld\n", (long)getpid()) < 0) {
		(void)close(fd);
		return -1;
	}
	return close(fd);
}

int
main(void)
{
	char here[PATH_MAX], out_path[PATH_MAX], pid_path[PATH_MAX];
	struct sigaction on_stop = { .sa_handler = ask_to_stop };
	unsigned long beat;
	int out;

	/* daemonize() may change the working directory: name the files first */
	if (getcwd(here, sizeof here) == NULL) {
		perror("mydaemon: getcwd");
		return 1;
	}
	if (path_in(out_path, sizeof out_path, here, "mydaemon.out") == -1 ||
	    path_in(pid_path, sizeof pid_path, here, "mydaemon.pid") == -1) {
		fprintf(stderr, "mydaemon: the folder's name is too long: %s\n", here);
		return 1;
	}

	daemonize();

	/* The daemon's own files, opened after daemonize(): opened before, step 6
	 * would close them. Its errors go to stderr, /dev/null once daemonized:
	 * a real daemon would log them (syslog(3)). */
	out = open(out_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (out == -1) {
		perror("mydaemon: open mydaemon.out");
		return 1;
	}
	if (write_pid_file(pid_path) == -1) {
		perror("mydaemon: write mydaemon.pid");
		return 1;
	}
	/* kill PID (SIGTERM) and Ctrl-C end the loop, so the pid file goes */
	if (sigaction(SIGTERM, &on_stop, NULL) == -1 || sigaction(SIGINT, &on_stop, NULL) == -1) {
		perror("mydaemon: sigaction");
		return 1;
	}
	for (beat = 1; !stop_asked; beat++) {
		if (dprintf(out, "mydaemon %ld: beat %lu\n", (long)getpid(), beat) < 0) {
			perror("mydaemon: write mydaemon.out");
			return 1;
		}
		(void)sleep(1);	/* a signal ends it early */
	}
	if (unlink(pid_path) == -1) {
		perror("mydaemon: remove mydaemon.pid");
		return 1;
	}
	return 0;
}
