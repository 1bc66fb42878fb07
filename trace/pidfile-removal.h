/* pidfile-removal.h - whether a daemon can remove its pid file as it exits.
 *
 * A daemon started as root often writes its pid file, then changes user. Its
 * new user may then lack what unlink(2) asks of it: search permission on
 * every directory up to the file, write and search permission on the file's
 * own directory and, where that directory is sticky (/tmp), owning the file
 * or the directory. The pid file then outlives the daemon, and the next start
 * finds a stale one. Judged as the kernel would, from the process's
 * credentials in /proc (fsuid, fsgid, groups, CAP_DAC_OVERRIDE,
 * CAP_DAC_READ_SEARCH, CAP_FOWNER); access control lists are not read.
 */
#ifndef DAEMON_TRACE_PIDFILE_REMOVAL_H
#define DAEMON_TRACE_PIDFILE_REMOVAL_H

#include <stddef.h>
#include <sys/types.h>

enum pidfile_removal {
	PIDFILE_REMOVABLE,	/* it can, or the file is gone already */
	PIDFILE_STUCK,		/* it cannot: why says what stops it */
	PIDFILE_UNKNOWN		/* its credentials or the file's directory cannot be read */
};

/* Whether process pid can unlink path; why gets the evidence when it cannot. */
enum pidfile_removal pidfile_removal(pid_t pid, const char *path, char *why, size_t size);

#endif
