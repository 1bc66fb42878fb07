/* procstate.h - a process's daemon-relevant state, as the kernel shows it in /proc.
 *
 * Read from /proc rather than asked of the process itself, because after
 * step 6 a daemon has no descriptor left to ask with, and because the runner
 * records its shell, a process it cannot ask at all. Linux only.
 */
#ifndef DAEMON_STEPS_PROCSTATE_H
#define DAEMON_STEPS_PROCSTATE_H

#include <limits.h>
#include <sys/types.h>

enum { PROCSTATE_FDS_MAX = 1024 };	/* characters of the descriptor list kept */

struct proc_state {
	pid_t pid, ppid, pgid, sid;
	pid_t tpgid;		/* foreground group of its terminal; -1: no terminal */
	char comm[32];		/* the process's name */
	char parent_comm[32];	/* its parent's name: after an orphaning, the adopter */
	char tty[32];		/* "pts/3", "tty1", or "?" as ps prints no terminal */
	char cwd[PATH_MAX];
	int umask;		/* -1 when the kernel does not say (before Linux 4.7) */
	int nfds;		/* open descriptors */
	char fds[PROCSTATE_FDS_MAX];	/* "0,1,2,5" */
	int fds_cut;		/* the list holds only the first descriptors */
	char stdio[3][PATH_MAX];	/* what 0, 1 and 2 point to, or "closed" */
	/* the errno where /proc refused a part (a process of another user
	 * after a privilege drop, a non-dumpable one), else 0 */
	int cwd_error, fds_error, stdio_error[3];
};

/* Fills *state for pid. Returns 0, or -1 with errno set when pid cannot be
 * read at all; a part /proc refuses has its error set instead. */
int proc_state_read(pid_t pid, struct proc_state *state);

/* Whether a descriptor is open in this process, without opening anything. */
int fd_is_open(int fd);

#endif
