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

enum { PROCSTATE_FDS_MAX = 1024,	/* characters of the descriptor list kept */
       PROCSTATE_GROUPS_MAX = 512,	/* characters of the group list kept */
       PROCSTATE_STATUS_MAX = 16384 };	/* bytes of /proc/PID/status read: its Groups line
					   grows by up to 11 per group */

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
	/* signals by the kernel's bit for each (bit n-1 for signal n): ignored
	 * (SIG_IGN), caught (a handler), blocked (the main thread's mask) */
	unsigned long long sig_ignored, sig_caught, sig_blocked;
	char uid[64], gid[64];		/* real,effective,saved,fs: "0,0,0,0" */
	char groups[PROCSTATE_GROUPS_MAX];	/* supplementary: "4,24,27", or "none" */
	int nenv;			/* variables of the environment it was exec'd with */
	/* the errno where /proc refused a part (a process of another user
	 * after a privilege drop, a non-dumpable one), else 0 */
	int cwd_error, fds_error, stdio_error[3];
	int status_error;		/* umask, signals and IDs: /proc/PID/status */
	int environ_error;		/* nenv: /proc/PID/environ */
};

/* Fills *state for pid. Returns 0, or -1 with errno set when pid cannot be
 * read at all; a part /proc refuses has its error set instead. */
int proc_state_read(pid_t pid, struct proc_state *state);

/* What /proc/PID/stat alone says: a look cheaper than proc_state_read(). */
struct proc_stat {
	char state;		/* 'R', 'S', 'T', 't' (traced), 'Z' (exited, not yet reaped)... */
	pid_t ppid, pgid, sid, tpgid;
	unsigned long tty_nr;	/* the terminal's device number; 0: none */
	char comm[32];
};

/* Reads pid's /proc/PID/stat. Returns 0, or -1 with errno (ENOENT: no such
 * process). */
int proc_stat_read(pid_t pid, struct proc_stat *stat);

/* What pid's descriptor fd points to (/proc/PID/fd/FD: a path,
 * "pipe:[INODE]", "socket:[INODE]"...) into out. Returns its length, or -1
 * with errno (ENOENT: not open) and out empty. */
ssize_t proc_fd_target(pid_t pid, long fd, char *out, size_t size);

/*
 * Reads /proc/PID/status into buf, for proc_status_field(). Returns its
 * length, or -1 with errno.
 */
ssize_t proc_status_read(pid_t pid, char *buf, size_t size);

/*
 * The value of one line of a /proc/PID/status text ("Uid", "SigIgn"), the
 * blanks after the colon left out and the tabs between values made single
 * spaces: "0 0 0 0". Returns 0, or -1 with errno ENOENT when the kernel wrote
 * no such line (Umask before Linux 4.7) and ERANGE when out is too small.
 */
int proc_status_field(const char *status, const char *key, char *out, size_t size);

/* A signal mask line of a /proc/PID/status text ("SigCgt", "SigPnd"), bit n-1
 * for signal n; 0 when the kernel wrote no such line. */
unsigned long long proc_status_signals(const char *status, const char *key);

/* The command line pid was executed with, its arguments joined by spaces;
 * "" when /proc refuses it or it has none (a kernel thread). */
void proc_command_line(pid_t pid, char *out, size_t size);

/* Whether a descriptor is open in this process, without opening anything. */
int fd_is_open(int fd);

#endif
