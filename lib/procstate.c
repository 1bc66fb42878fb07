/* procstate.c - reading a process's state from /proc (see procstate.h). */
#define _GNU_SOURCE
#include "procstate.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* Reads a small /proc file, up to size - 1 bytes, in one read: the kernel
 * gives a /proc file whole when it fits (PROCSTATE_STATUS_MAX is sized so
 * that status does). Returns its length or -1. */
static ssize_t
read_small_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd == -1)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/* The name ps would print for a terminal device number; tty_nr 0 is "?". */
static void
tty_name(unsigned long tty_nr, char *out, size_t size)
{
	unsigned int maj = major(tty_nr), min = minor(tty_nr);

	if (tty_nr == 0)
		snprintf(out, size, "?");
	else if (maj >= 136 && maj <= 143)	/* Unix98 pseudo-terminal slaves */
		snprintf(out, size, "pts/%u", (maj - 136) * 256 + min);
	else if (maj == 4 && min < 64)		/* virtual consoles */
		snprintf(out, size, "tty%u", min);
	else if (maj == 4)			/* serial lines */
		snprintf(out, size, "ttyS%u", min - 64);
	else if (maj == 5 && min == 1)
		snprintf(out, size, "console");
	else
		snprintf(out, size, "%u:%u", maj, min);
}

static void
read_comm(pid_t pid, char *out, size_t size)
{
	char path[64];

	snprintf(path, sizeof path, "/proc/%d/comm", (int)pid);
	if (pid <= 0 || read_small_file(path, out, size) <= 0) {
		snprintf(out, size, "?");
		return;
	}
	out[strcspn(out, "\n")] = '\0';
}

/* The link's target, or "closed" when there is no such descriptor; returns
 * 0, or the errno when /proc refused. */
static int
read_link(const char *path, char *out, size_t size)
{
	ssize_t n = readlink(path, out, size - 1);

	if (n >= 0) {
		out[n] = '\0';
		return 0;
	}
	snprintf(out, size, errno == ENOENT ? "closed" : "?");
	return errno == ENOENT ? 0 : errno;
}

ssize_t
proc_status_read(pid_t pid, char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	return read_small_file(path, buf, size);
}

int
proc_status_field(const char *status, const char *key, char *out, size_t size)
{
	size_t key_len = strlen(key), used = 0;
	const char *line = status, *value;

	while (strncmp(line, key, key_len) != 0 || line[key_len] != ':') {
		line = strchr(line, '\n');
		if (line == NULL) {
			errno = ENOENT;
			return -1;
		}
		line++;
	}
	value = line + key_len + 1;
	value += strspn(value, " \t");
	for (; *value != '\0' && *value != '\n'; value++) {
		if (used + 1 >= size) {
			errno = ERANGE;
			return -1;
		}
		out[used++] = *value == '\t' ? ' ' : *value;
	}
	while (used > 0 && out[used - 1] == ' ')	/* Groups: ends in a blank */
		used--;
	out[used] = '\0';
	return 0;
}

unsigned long long
proc_status_signals(const char *status, const char *key)
{
	char value[32];

	if (proc_status_field(status, key, value, sizeof value) == -1)
		return 0;
	return strtoull(value, NULL, 16);
}

/* A status line's numbers ("0 0 0 0"), written comma-separated; "none" when
 * there are none (Groups), "?" when the line is absent. A list longer than out
 * keeps its first whole numbers. */
static void
status_numbers(const char *status, const char *key, char *out, size_t size)
{
	char value[PROCSTATE_STATUS_MAX];
	char *space;

	if (proc_status_field(status, key, value, sizeof value) == -1) {
		snprintf(out, size, "?");
		return;
	}
	for (char *c = value; *c; c++)
		if (*c == ' ')
			*c = ',';
	while (strlen(value) >= size && (space = strrchr(value, ',')) != NULL)
		*space = '\0';
	snprintf(out, size, "%s", value[0] ? value : "none");
}

/* Umask, the signal masks, Uid, Gid and Groups, from one read of the status. */
static void
read_status(pid_t pid, struct proc_state *state)
{
	char status[PROCSTATE_STATUS_MAX], umask[16];

	state->umask = -1;
	state->sig_ignored = state->sig_caught = state->sig_blocked = 0;
	state->status_error = 0;
	if (proc_status_read(pid, status, sizeof status) < 0) {
		state->status_error = errno;
		return;
	}
	if (proc_status_field(status, "Umask", umask, sizeof umask) == 0)
		state->umask = (int)strtol(umask, NULL, 8);
	state->sig_ignored = proc_status_signals(status, "SigIgn");
	state->sig_caught = proc_status_signals(status, "SigCgt");
	state->sig_blocked = proc_status_signals(status, "SigBlk");
	status_numbers(status, "Uid", state->uid, sizeof state->uid);
	status_numbers(status, "Gid", state->gid, sizeof state->gid);
	status_numbers(status, "Groups", state->groups, sizeof state->groups);
}

/* How many variables the environment holds, from /proc/PID/environ: the
 * non-empty strings the process was exec'd with (a later setenv() or clearenv() changes
 * only the program's own copy, seen at its next exec). */
static void
read_environment_size(pid_t pid, struct proc_state *state)
{
	char path[64], block[4096];
	ssize_t n;
	int fd, in_string = 0;	/* a string begun and not yet ended by its NUL */

	state->nenv = 0;
	state->environ_error = 0;
	snprintf(path, sizeof path, "/proc/%d/environ", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		state->environ_error = errno;
		return;
	}
	/* non-empty strings only: a program that rewrites its process title
	 * (nginx) blanks the area with NULs, which are no variables */
	while ((n = read(fd, block, sizeof block)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			state->nenv += in_string && block[i] == '\0';
			in_string = block[i] != '\0';
		}
		if ((size_t)n < sizeof block)
			break;		/* a short read is its end (the kernel fills what it can) */
	}
	if (n == -1)
		state->environ_error = errno;	/* refused at the read: not ptrace-able */
	state->nenv += in_string;
	close(fd);
}

/*
 * Lists the open descriptors. The kernel lists /proc/PID/fd in ascending
 * order. Read with getdents64() rather than readdir(): one call for a list
 * that fits, where opendir() adds an fstat() and readdir() a call that finds
 * the end (a record is made while its process waits: trace-bench). The
 * kernel stops filling the buffer only when the next name does not fit, so
 * a buffer with room left is the whole list. Reading our own list opens a
 * descriptor for the directory: leave it out.
 */
static void
read_fds(pid_t pid, struct proc_state *state)
{
	char path[64];
	_Alignas(struct dirent64) char names[8192];
	ssize_t n;
	size_t used = 0;
	int dir;

	state->nfds = 0;
	state->fds[0] = '\0';
	state->fds_cut = 0;
	state->fds_error = 0;
	snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
	if ((dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		state->fds_error = errno;
		return;
	}
	while ((n = getdents64(dir, names, sizeof names)) > 0) {
		for (ssize_t at = 0; at < n; at += ((struct dirent64 *)(names + at))->d_reclen) {
			const char *name = ((struct dirent64 *)(names + at))->d_name;
			char *end;
			long fd = strtol(name, &end, 10);
			int printed;

			if (*end != '\0' || name[0] == '.' || (fd == dir && pid == getpid()))
				continue;
			state->nfds++;
			if (state->fds_cut)
				continue;
			printed = snprintf(state->fds + used, sizeof state->fds - used, "%s%ld",
					   used ? "," : "", fd);
			if ((size_t)printed >= sizeof state->fds - used) {
				state->fds[used] = '\0';
				state->fds_cut = 1;
			} else {
				used += (size_t)printed;
			}
		}
		if ((size_t)n < sizeof names - sizeof(struct dirent64))
			break;		/* room was left: no name came after */
	}
	if (n == -1)
		state->fds_error = errno;
	close(dir);
}

int
proc_stat_read(pid_t pid, struct proc_stat *stat)
{
	char path[64], buf[1024];
	const char *open_paren, *close_paren;
	int ppid, pgid, sid, tpgid;
	size_t comm_len;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if (read_small_file(path, buf, sizeof buf) < 0)
		return -1;
	/* the name may hold spaces and parentheses: it ends at the last ')' */
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (open_paren == NULL || close_paren == NULL ||
	    sscanf(close_paren + 1, " %c %d %d %d %lu %d", &stat->state, &ppid, &pgid, &sid,
		   &stat->tty_nr, &tpgid) != 6) {
		errno = EPROTO;
		return -1;
	}
	comm_len = (size_t)(close_paren - open_paren - 1);
	if (comm_len >= sizeof stat->comm)
		comm_len = sizeof stat->comm - 1;
	memcpy(stat->comm, open_paren + 1, comm_len);
	stat->comm[comm_len] = '\0';
	stat->ppid = ppid;
	stat->pgid = pgid;
	stat->sid = sid;
	stat->tpgid = tpgid;
	return 0;
}

ssize_t
proc_fd_target(pid_t pid, long fd, char *out, size_t size)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof link, "/proc/%d/fd/%ld", (int)pid, fd);
	n = readlink(link, out, size - 1);
	out[n >= 0 ? n : 0] = '\0';
	return n;
}

int
proc_state_read(pid_t pid, struct proc_state *state)
{
	struct proc_stat stat;
	char path[64];

	if (proc_stat_read(pid, &stat) == -1)
		return -1;
	memcpy(state->comm, stat.comm, sizeof state->comm);
	state->pid = pid;
	state->ppid = stat.ppid;
	state->pgid = stat.pgid;
	state->sid = stat.sid;
	state->tpgid = stat.tpgid;
	tty_name(stat.tty_nr, state->tty, sizeof state->tty);
	read_comm(stat.ppid, state->parent_comm, sizeof state->parent_comm);

	snprintf(path, sizeof path, "/proc/%d/cwd", (int)pid);
	state->cwd_error = read_link(path, state->cwd, sizeof state->cwd);
	read_status(pid, state);
	read_environment_size(pid, state);
	read_fds(pid, state);
	for (int fd = 0; fd < 3; fd++) {
		snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)pid, fd);
		state->stdio_error[fd] = read_link(path, state->stdio[fd],
						   sizeof state->stdio[fd]);
	}
	return 0;
}

void
proc_command_line(pid_t pid, char *out, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
	if ((n = read_small_file(path, out, size)) <= 0) {
		out[0] = '\0';
		return;
	}
	for (ssize_t i = 0; i < n - 1; i++)	/* the arguments end in NULs */
		if (out[i] == '\0')
			out[i] = ' ';
}

int
fd_is_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1;
}
