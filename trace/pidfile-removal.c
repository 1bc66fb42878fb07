/* pidfile-removal.c - whether a daemon can remove its pid file (see pidfile-removal.h). */
#define _GNU_SOURCE
#include "pidfile-removal.h"

#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "procstate.h"

enum { GROUPS_MAX = 64 };

/* What the kernel checks a process's access to files by. */
struct credentials {
	unsigned uid, gid;		/* the fs ones, which the kernel checks files by */
	unsigned groups[GROUPS_MAX];
	int group_count;
	unsigned long long capabilities;	/* CapEff */
};

/* groups is as large as the whole status text: however many groups the line
 * lists, it fits, and the first GROUPS_MAX of them are kept. */
static int
read_credentials(pid_t pid, struct credentials *c)
{
	char status[PROCSTATE_STATUS_MAX], uids[128], gids[128], groups[PROCSTATE_STATUS_MAX],
	     caps[64];
	unsigned ignored[3];

	if (proc_status_read(pid, status, sizeof status) < 0 ||
	    proc_status_field(status, "Uid", uids, sizeof uids) == -1 ||
	    proc_status_field(status, "Gid", gids, sizeof gids) == -1 ||
	    proc_status_field(status, "Groups", groups, sizeof groups) == -1 ||
	    proc_status_field(status, "CapEff", caps, sizeof caps) == -1 ||
	    sscanf(uids, "%u %u %u %u", &ignored[0], &ignored[1], &ignored[2], &c->uid) != 4 ||
	    sscanf(gids, "%u %u %u %u", &ignored[0], &ignored[1], &ignored[2], &c->gid) != 4 ||
	    sscanf(caps, "%llx", &c->capabilities) != 1)
		return -1;
	c->group_count = 0;
	for (char *s = groups, *end; c->group_count < GROUPS_MAX; s = end) {
		unsigned long group = strtoul(s, &end, 10);
		if (end == s)
			break;
		c->groups[c->group_count++] = (unsigned)group;
	}
	return 0;
}

static int
capable(const struct credentials *c, int capability)
{
	return (c->capabilities >> capability) & 1;
}

/* Whether the permission bits want (S_IWOTH | S_IXOTH and such) of st are
 * granted: the owner's bits for its owner, else the group's for a member,
 * else the others' (the first class that matches decides, as in the kernel). */
static int
permitted(const struct stat *st, const struct credentials *c, unsigned want)
{
	unsigned bits = (unsigned)st->st_mode;

	if (capable(c, CAP_DAC_OVERRIDE) ||
	    (want == S_IXOTH && capable(c, CAP_DAC_READ_SEARCH)))
		return 1;
	if (st->st_uid == c->uid) {
		bits >>= 6;
	} else {
		int member = st->st_gid == c->gid;
		for (int i = 0; i < c->group_count && !member; i++)
			member = st->st_gid == c->groups[i];
		if (member)
			bits >>= 3;
	}
	return (bits & want) == want;
}

/* "mode 0755, owned by uid 0, gid 0" */
static void
describe(const char *path, const struct stat *st, char *out, size_t size)
{
	snprintf(out, size, "%s is mode %04o, owned by uid %u, gid %u", path,
		 (unsigned)(st->st_mode & 07777), (unsigned)st->st_uid, (unsigned)st->st_gid);
}

enum pidfile_removal
pidfile_removal(pid_t pid, const char *path, char *why, size_t size)
{
	struct credentials c;
	struct stat file, dir;
	char folder[4096], whose[64], what[4400];
	char *slash;

	why[0] = '\0';
	if (lstat(path, &file) == -1)
		return errno == ENOENT ? PIDFILE_REMOVABLE : PIDFILE_UNKNOWN;
	if (read_credentials(pid, &c) == -1)
		return PIDFILE_UNKNOWN;
	snprintf(whose, sizeof whose, "uid %u, gid %u", c.uid, c.gid);
	/* every directory from / down: searched; the last: written too */
	snprintf(folder, sizeof folder, "%s", path);
	for (char *s = folder + 1; (slash = strchr(s, '/')) != NULL; s = slash + 1) {
		*slash = '\0';
		if (stat(folder, &dir) == -1)
			return PIDFILE_UNKNOWN;
		if (!permitted(&dir, &c, S_IXOTH)) {
			describe(folder, &dir, what, sizeof what);
			snprintf(why, size, "%s: %s may not search it", what, whose);
			return PIDFILE_STUCK;
		}
		*slash = '/';
	}
	if ((slash = strrchr(folder, '/')) == NULL)
		return PIDFILE_UNKNOWN;		/* /proc gives whole paths */
	if (slash == folder)
		slash++;			/* a file in / */
	*slash = '\0';
	if (stat(folder, &dir) == -1)
		return PIDFILE_UNKNOWN;
	describe(folder, &dir, what, sizeof what);
	if (!permitted(&dir, &c, S_IWOTH | S_IXOTH)) {
		snprintf(why, size, "its directory %s: %s may not write it", what, whose);
		return PIDFILE_STUCK;
	}
	if ((dir.st_mode & S_ISVTX) && file.st_uid != c.uid && dir.st_uid != c.uid &&
	    !capable(&c, CAP_FOWNER)) {
		snprintf(why, size, "its directory %s, sticky: only the file's owner, uid %u, or the "
			 "directory's may remove it, and the daemon is %s", what, (unsigned)file.st_uid,
			 whose);
		return PIDFILE_STUCK;
	}
	return PIDFILE_REMOVABLE;
}
