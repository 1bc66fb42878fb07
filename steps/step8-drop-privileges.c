/* step8-drop-privileges - after step 7: run as an unprivileged user and group,
 * for good.
 *
 * Why a daemon needs it: a daemon often starts as root, to bind a low port or
 * to write its pid file in /run, and then serves strangers for months. A bug
 * in a root daemon is the whole machine's; in one running as nobody, it is
 * nobody's. systemd's daemon(7) drops privileges once the pid file is written;
 * here heartbeatd, the last program, writes its own, so this step comes just
 * before it, and the pid file, and the log, must be in a directory the user
 * can write: the step checks that first, as the user, and refuses otherwise.
 *
 * The order is the lesson. setgroups() first: setgid() changes only the
 * primary group, and root's supplementary groups would stay. setgid() next,
 * while we are still root: both need CAP_SETGID, which setuid() away from root
 * gives up, so after it they fail with EPERM and root's groups would stay for
 * good. setuid() last: as root it sets the real, effective and saved user ID,
 * so nothing can take root back. Then we check what /proc shows (the record's
 * uid, gid and groups) and that setuid(0) now fails.
 *
 * Until the next exec the process is not dumpable (the kernel's guard for
 * what root left in its memory): its /proc files belong to root, and its own
 * environment (nenv) is unreadable to it.
 *
 * Usage: step8-drop-privileges [--user NAME] [--group NAME] [NEXT-PROGRAM [ARGS...]]
 */
#define _GNU_SOURCE	/* setgroups() */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "steplib.h"

static const struct step_option options[] = {
	{ "user", "NAME", "the user to run as (default: nobody)" },
	{ "group", "NAME", "the group to run as (default: the user's own group)" },
	{ NULL, NULL, NULL },
};

static const struct program program = {
	.name = "step8-drop-privileges",
	.step = "8",
	.synopsis = "[--user NAME] [--group NAME] [NEXT-PROGRAM [ARGS...]]",
	.purpose = "After step 7 (daemon(7)): as root, setgroups(), setgid() and setuid() to\n"
		   "USER and GROUP, in that order, checks from /proc that no root ID is left and\n"
		   "that setuid(0) fails, then runs NEXT-PROGRAM. Refused when not root, and when\n"
		   "USER could not write the log or heartbeatd's pid file beside it.",
	.options = options,
};

/* Whether the user could go on recording after the drop: write the log,
 * make heartbeatd's pid file in its directory, or open the one an earlier
 * run left there. Returns 0, or the errno of what was refused. */
static int
user_can_record(uid_t uid, gid_t gid)
{
	char dir[PATH_MAX];
	int err;

	if (log_folder(dir, sizeof dir) == -1)
		return ENAMETOOLONG;
	if ((err = user_may_access(uid, gid, log_path(), W_OK)) != 0 ||
	    (err = user_may_access(uid, gid, dir[0] ? dir : "/", W_OK | X_OK)) != 0)
		return err;
	if (access(pid_file_path(), F_OK) == 0)
		return user_may_access(uid, gid, pid_file_path(), R_OK | W_OK);
	return 0;
}

/* Checks the drop as the kernel shows it: every user and group ID, and the
 * group list, are the new ones, and root cannot be taken back. Exits if not. */
static void
check_dropped(uid_t uid, gid_t gid)
{
	char want_uid[64], want_gid[64], want_groups[32];
	struct proc_state now;

	if (proc_state_read(getpid(), &now) == -1)
		fail("reading /proc", errno, NULL, EXIT_SYSCALL_FAILED);
	snprintf(want_uid, sizeof want_uid, "%u,%u,%u,%u", uid, uid, uid, uid);
	snprintf(want_gid, sizeof want_gid, "%u,%u,%u,%u", gid, gid, gid, gid);
	snprintf(want_groups, sizeof want_groups, "%u", gid);
	if (strcmp(now.uid, want_uid) != 0 || strcmp(now.gid, want_gid) != 0 ||
	    strcmp(now.groups, want_groups) != 0)
		fail("checking /proc's Uid, Gid and Groups", EPERM, "an ID of the old user is left",
		     EXIT_SYSCALL_FAILED);
	if (uid != 0 && setuid(0) == 0)
		fail("checking that setuid(0) fails", EPERM, "root could be taken back",
		     EXIT_SYSCALL_FAILED);
}

int
main(int argc, char **argv)
{
	const char *values[2];
	int next = program_start(&program, argc, argv, values);
	const char *user = values[0] ? values[0] : "nobody";
	struct passwd *pw = getpwnam(user);
	struct group *gr = values[1] ? getgrnam(values[1]) : pw ? getgrgid(pw->pw_gid) : NULL;
	char hint[PATH_MAX + 128];

	if (pw == NULL)
		usage_error("no user '%s' (getpwnam)", user);
	if (gr == NULL)
		usage_error("no group '%s' (getgrnam)", values[1] ? values[1] : "of the user");
	uid_t uid = pw->pw_uid;
	gid_t gid = gr->gr_gid;
	const char *group = gr->gr_name;
	if (geteuid() != 0)
		fail("dropping privileges", EPERM, "only root has privileges to drop: run the chain "
		     "as root, or leave this step out", EXIT_SYSCALL_FAILED);
	int refused = user_can_record(uid, gid);
	if (refused) {
		snprintf(hint, sizeof hint, "%s could not write the log %s or heartbeatd's pid file "
			 "beside it: set DAEMON_STEPS_LOG to a file in a directory %s can write",
			 user, log_path(), user);
		fail("checking the log as the user", refused, hint, EXIT_SYSCALL_FAILED);
	}

	/*** the step ***/
	if (setgroups(1, &gid) == -1)			/* first: root's supplementary groups go */
		fail("setgroups", errno, NULL, EXIT_SYSCALL_FAILED);
	if (setgid(gid) == -1)				/* while root: needs CAP_SETGID */
		fail("setgid", errno, NULL, EXIT_SYSCALL_FAILED);
	if (setuid(uid) == -1)				/* last: real, effective and saved */
		fail("setuid", errno, NULL, EXIT_SYSCALL_FAILED);
	check_dropped(uid, gid);
	if (record("after", "user", user, "group", group, (char *)NULL) == -1)
		fail("recording", errno, NULL, EXIT_SYSCALL_FAILED);

	/*** going on ***/
	continue_chain(argv + next, "running as %s (uid %u) and %s (gid %u), no way back to root",
		       user, (unsigned)uid, group, (unsigned)gid);
}
