/* demo-daemon7.c - daemon-demo --daemon7: systemd's daemon(7) steps in the
 * chain, and what leaving them out leaves (see demo.h).
 *
 * Step 8 drops to nobody, who must go on writing the log and heartbeatd's pid
 * file beside it. The log's folder is private (0700) and nobody cannot even
 * enter it, and its permissions are not ours to loosen: the run moves to a
 * folder of nobody's own beside it, as a service manager makes /run/NAME for
 * a service's user (systemd's RuntimeDirectory=). The folder's parent must be
 * one nobody can enter: /tmp is, for the usual log; else step 8 is left out.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "demo.h"
#include "steplib.h"

const char *const daemon7_programs[DAEMON7_STEPS] = {
	"step0a-reset-signals", "step0b-clean-env", "step8-drop-privileges",
};

void
stage_inherited_signals(void)
{
	sigset_t term;

	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	if (signal(SIGHUP, SIG_IGN) == SIG_ERR)
		fail("signal", errno, NULL, EXIT_SYSCALL_FAILED);
	if (sigprocmask(SIG_BLOCK, &term, NULL) == -1)
		fail("sigprocmask", errno, NULL, EXIT_SYSCALL_FAILED);
}

void
drop_folder(char *path, size_t size)
{
	char folder[PATH_MAX];

	if (log_folder(folder, sizeof folder) == -1 ||
	    snprintf(path, size, "%s-%s", folder, DROP_USER) >= (int)size)
		fail("naming the folder for " DROP_USER, ENAMETOOLONG, log_path(), EXIT_SYSCALL_FAILED);
}

int
drop_possible(void)
{
	const char *name = program_name();
	const struct passwd *pw = getpwnam(DROP_USER);
	char folder[PATH_MAX];

	if (geteuid() != 0) {
		printf("%s: step 8 (dropping privileges) left out: only root has privileges to "
		       "drop, and this demo runs as uid %u.\n", name, (unsigned)geteuid());
		return 0;
	}
	if (pw == NULL) {
		printf("%s: step 8 (dropping privileges) left out: there is no user %s to drop "
		       "to.\n", name, DROP_USER);
		return 0;
	}
	drop_folder(folder, sizeof folder);
	*strrchr(folder, '/') = '\0';		/* where it would be made */
	if (user_may_access(pw->pw_uid, pw->pw_gid, folder[0] ? folder : "/", X_OK) != 0) {
		printf("%s: step 8 (dropping privileges) left out: %s could not enter %s, where "
		       "its folder would be.\n", name, DROP_USER, folder[0] ? folder : "/");
		return 0;
	}
	return 1;
}

static const struct passwd *
drop_user(void)
{
	const struct passwd *pw = getpwnam(DROP_USER);

	if (pw == NULL)
		fail("getpwnam", ENOENT, "there is no user " DROP_USER " to drop to: leave step 8 "
		     "out (--skip 8)", EXIT_SYSCALL_FAILED);
	return pw;
}

/* Checks that the descriptor's file belongs to the user alone: the user's,
 * of the type wanted, and no one else may write it. Exits if not. */
static void
check_only_users(int fd, const char *path, const struct passwd *pw, mode_t type)
{
	struct stat st;
	char hint[PATH_MAX + 128];

	if (fstat(fd, &st) == -1)
		fail("fstat", errno, path, EXIT_SYSCALL_FAILED);
	snprintf(hint, sizeof hint, "%s is not %s's alone (uid %u, mode %04o): remove it", path,
		 DROP_USER, (unsigned)st.st_uid, (unsigned)(st.st_mode & 07777));
	if ((st.st_mode & S_IFMT) != type || st.st_uid != pw->pw_uid || (st.st_mode & 022))
		fail("checking what " DROP_USER " is given", EPERM, hint, EXIT_SYSCALL_FAILED);
}

/* Moves to the log path given: settles the log and pid file's paths anew. */
static void
use_log(const char *log)
{
	if (setenv(ENV_LOG, log, 1) == -1)
		fail("setenv", errno, NULL, EXIT_SYSCALL_FAILED);
	if (settle_log_path() == -1)
		exit(EXIT_SYSCALL_FAILED);
}

void
prepare_drop(void)
{
	const struct passwd *pw = drop_user();
	char dir[PATH_MAX], log[PATH_MAX + 32];
	struct stat st;

	drop_folder(dir, sizeof dir);
	int made = mkdir(dir, 0700) == 0;
	if (!made && errno != EEXIST)
		fail("mkdir", errno, dir, EXIT_SYSCALL_FAILED);
	/* by descriptor from here on: what we checked is what we use */
	int dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dir_fd == -1)
		fail("opening the folder for " DROP_USER, errno, dir, EXIT_SYSCALL_FAILED);
	if (made && fchown(dir_fd, pw->pw_uid, pw->pw_gid) == -1)
		fail("fchown", errno, dir, EXIT_SYSCALL_FAILED);
	check_only_users(dir_fd, dir, pw, S_IFDIR);
	/* the log, which root's steps write first, made nobody's too; never a
	 * FIFO whose open would wait (O_NONBLOCK), never a link (O_NOFOLLOW) */
	int log_fd = openat(dir_fd, "transitions.log", O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW |
			    O_NONBLOCK | O_CLOEXEC, 0600);
	snprintf(log, sizeof log, "%s/transitions.log", dir);
	if (log_fd == -1 || fstat(log_fd, &st) == -1)
		fail("opening the log for " DROP_USER, errno, log, EXIT_SYSCALL_FAILED);
	if (st.st_uid == 0 && fchown(log_fd, pw->pw_uid, pw->pw_gid) == -1)
		fail("fchown", errno, log, EXIT_SYSCALL_FAILED);
	check_only_users(log_fd, log, pw, S_IFREG);
	close(log_fd);
	close(dir_fd);
	use_log(log);
	printf("%s: step 8 drops to %s, who must still write the log and the pid file:\n"
	       "%s: this run's are in %s, a folder of %s's own\n", program_name(), DROP_USER,
	       program_name(), dir, DROP_USER);
}

int
use_drop_log(void)
{
	char dir[PATH_MAX], log[PATH_MAX + 32];
	struct stat st;

	drop_folder(dir, sizeof dir);
	if (lstat(dir, &st) == -1 || !S_ISDIR(st.st_mode))
		return 0;
	snprintf(log, sizeof log, "%s/transitions.log", dir);
	use_log(log);
	return 1;
}

void
give_terminal_to_drop_user(const char *slave)
{
	if (chown(slave, drop_user()->pw_uid, (gid_t)-1) == -1)
		fail("chown", errno, slave, EXIT_SYSCALL_FAILED);
}

void
tell_daemon7_missing(int skipped_0a, int skipped_0b, int skipped_8, const char *sigign,
		     const char *sigblk, const char *nenv, const char *uid)
{
	const char *name = program_name();

	if (skipped_0a)
		printf("%s: without step 0a, heartbeatd started with the signals daemon-demo "
		       "staged, as nohup\n%s: and a careless starter leave them: it ignores %s "
		       "(sigign), so a kill -HUP\n%s: is never recorded, and it blocks %s "
		       "(sigblk).\n", name, name, sigign, name, sigblk);
	if (skipped_0b)
		printf("%s: without step 0b, heartbeatd has the starter's whole environment: "
		       "nenv=%s.\n", name, nenv);
	if (skipped_8)
		printf("%s: without step 8, heartbeatd runs as root: uid=%s. A bug in it is the "
		       "whole\n%s: machine's; as %s it would be nobody's.\n", name, uid, name,
		       DROP_USER);
}
