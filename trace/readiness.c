/* readiness.c - what daemon-trace records of when the daemon is ready (see
 * calls-parts.h): its first listen(), and the first process waiting on a
 * pipe until the daemon writes to it or closes it (daemon(7)'s readiness
 * pipe). A starter that runs a program and takes its first process's exit
 * for "up" is right only when that exit comes after these.
 */
#define _GNU_SOURCE
#include "calls-parts.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The wait going on: the first process is in a read() of a pipe that another
 * traced process holds. */
static struct {
	int fd;				/* -1: none */
	struct readiness_wait wait;
	struct timespec began;
	pid_t last_writer, last_closer;
} pending = { .fd = -1 };

static struct readiness_wait waits[READINESS_WAITS_MAX];	/* ended, one per pipe */
static int wait_count;

static struct {
	char address[160];		/* "": none yet */
	pid_t by;
	int first_exited;
} listened;

static int late;	/* a recipe step or listen() after the first process had exited */
static int others;	/* live traced processes besides the first: none, no one to wait for */

/* Whether the first process has exited (its EXIT stop was seen). */
static int
first_has_exited(void)
{
	const struct traced_process *first = lineage_find(calls_first_process());

	return first && first->exited;
}

/*** the readiness pipe ***/

/* The pipe's inode when process pid's descriptor fd is a pipe, else 0. */
static unsigned long
pipe_inode(pid_t pid, long fd)
{
	char target[64];
	unsigned long inode;

	if (proc_fd_target(pid, fd, target, sizeof target) <= 0)
		return 0;
	return sscanf(target, "pipe:[%lu]", &inode) == 1 ? inode : 0;
}

/* Whether process pid's descriptor fd is open for writing, from its flags
 * in /proc/PID/fdinfo (octal): a pipe's two ends are the same inode. */
static int
open_for_writing(pid_t pid, long fd)
{
	char path[64], line[128];
	unsigned flags;
	int writing = 0;
	FILE *info;

	snprintf(path, sizeof path, "/proc/%d/fdinfo/%ld", (int)pid, fd);
	if ((info = fopen(path, "re")) == NULL)
		return 0;
	while (fgets(line, sizeof line, info))
		if (sscanf(line, "flags: %o", &flags) == 1) {
			writing = (flags & O_ACCMODE) != O_RDONLY;
			break;
		}
	fclose(info);
	return writing;
}

/* Whether process pid holds the write end of the pipe inode: a child that
 * only inherited the end the first process reads (its stdin) is no writer. */
static int
holds_write_end(pid_t pid, unsigned long inode)
{
	char path[64];
	struct dirent *entry;
	DIR *fds;
	int holds = 0;

	snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
	if ((fds = opendir(path)) == NULL)
		return 0;
	while (!holds && (entry = readdir(fds)) != NULL) {
		long fd = strtol(entry->d_name, NULL, 10);
		holds = entry->d_name[0] != '.' && pipe_inode(pid, fd) == inode &&
			open_for_writing(pid, fd);
	}
	closedir(fds);
	return holds;
}

static int
is_holder(const struct readiness_wait *w, pid_t pid)
{
	for (int i = 0; i < w->holders_count; i++)
		if (w->holders[i] == pid)
			return 1;
	return 0;
}

static void
add_holder(struct readiness_wait *w, pid_t pid)
{
	if (!is_holder(w, pid) && w->holders_count < READINESS_HOLDERS_MAX)
		w->holders[w->holders_count++] = pid;
}

static int
already_told(unsigned long inode)
{
	for (int i = 0; i < wait_count; i++)
		if (waits[i].inode == inode)
			return 1;
	return 0;
}

/* The first process begins a read() of a pipe: a wait when another traced
 * process holds its write end (told once per pipe). */
static void
wait_begins(pid_t first, long fd)
{
	unsigned long inode = pipe_inode(first, fd);
	int count;
	const struct traced_process *all = lineage_all(&count);

	if (inode == 0 || already_told(inode))
		return;
	memset(&pending.wait, 0, sizeof pending.wait);
	pending.wait.inode = inode;
	for (int i = 0; i < count; i++)
		if (all[i].pid != first && !all[i].exited && holds_write_end(all[i].pid, inode))
			add_holder(&pending.wait, all[i].pid);
	if (pending.wait.holders_count == 0)
		return;		/* written from outside: the caller's pipe */
	pending.fd = (int)fd;
	pending.last_writer = pending.last_closer = 0;
	clock_gettime(CLOCK_MONOTONIC, &pending.began);
}

/* The kernel's own codes (include/linux/errno.h) for a call a signal
 * interrupted that it restarts: a tracer sees them at the call's exit. */
static int
is_restarted(int64_t rval)
{
	return rval == -512 || rval == -513 || rval == -514 || rval == -516;	/* ERESTART* */
}

static int
is_read(uint64_t nr)
{
	return nr == SYS_read || nr == SYS_readv;
}

static int
is_write(uint64_t nr)
{
	return nr == SYS_write || nr == SYS_writev;
}

void
readiness_entry(pid_t tgid, const struct syscall_call *call)
{
	pid_t first = calls_first_process();

	if (first == 0)
		return;
	if (tgid == first) {
		if (others == 0)
			return;		/* no other end to wait for: not worth a look at each read */
		/* a read restarted (EINTR under ptrace) goes on with the same wait */
		if (is_read(call->nr) && pending.fd != (int)call->args[0])
			wait_begins(first, (long)(int)call->args[0]);
		return;
	}
	/* who ends the wait: the last to write to the pipe, or to close its write end */
	if (pending.fd >= 0 && (is_write(call->nr) || call->nr == SYS_close) &&
	    pipe_inode(tgid, (long)(int)call->args[0]) == pending.wait.inode &&
	    open_for_writing(tgid, (long)(int)call->args[0])) {
		add_holder(&pending.wait, tgid);
		*(is_write(call->nr) ? &pending.last_writer : &pending.last_closer) = tgid;
	}
}

void
readiness_read_done(pid_t tgid, const struct syscall_call *call, int64_t rval, int is_error)
{
	struct readiness_wait *w = &pending.wait;
	struct timespec now;
	int readable;

	if (pending.fd < 0 || tgid != calls_first_process() || pending.fd != (int)call->args[0])
		return;
	/* a signal (dnsmasq's first process gets SIGCHLD as its middle child
	 * exits) interrupts the read, which the kernel restarts: the same wait
	 * goes on, and its holders stay those seen when it began (the daemon
	 * may close its end before the restarted read begins) */
	if (is_error && is_restarted(rval))
		return;
	pending.fd = -1;
	if (is_error || wait_count == READINESS_WAITS_MAX)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	w->waited_ms = (now.tv_sec - pending.began.tv_sec) * 1000LL +
		       (now.tv_nsec - pending.began.tv_nsec) / 1000000;
	w->written = rval > 0;
	w->ended_by = w->written ? pending.last_writer : pending.last_closer;
	waits[wait_count++] = *w;

	readable = call_begin_result(tgid, "trace", call->nr == SYS_read ? "read" : "readv", rval, 0);
	record_fieldf(&call_writer, "pipe", "pipe:[%lu]", w->inode);
	record_field(&call_writer, "readiness", w->written ? "written" : "closed");
	record_fieldf(&call_writer, "waited_ms", "%lld", w->waited_ms);
	if (w->ended_by)
		record_fieldf(&call_writer, "ended_by", "%d", (int)w->ended_by);
	char list[READINESS_HOLDERS_MAX * 12] = "";
	for (int i = 0, used = 0; i < w->holders_count && used < (int)sizeof list; i++)
		used += snprintf(list + used, sizeof list - (size_t)used, "%s%d", i ? "," : "",
				 (int)w->holders[i]);
	record_field(&call_writer, "held_by", list);
	call_end(readable);
}

void
readiness_fork(pid_t parent, pid_t child)
{
	others++;
	/* the child of a holder holds the pipe too: the daemon is often forked
	 * after the first process began to wait */
	if (pending.fd >= 0 && is_holder(&pending.wait, parent))
		add_holder(&pending.wait, child);
}

void
readiness_process_exit(pid_t pid)
{
	if (pid != calls_first_process() && others > 0)
		others--;
	if (pending.fd < 0)
		return;
	if (pid == calls_first_process())
		pending.fd = -1;		/* it gave up waiting */
	else if (is_holder(&pending.wait, pid))
		pending.last_closer = pid;	/* its exit closes its end */
}

void
readiness_step_recorded(pid_t pid)
{
	if (pid != calls_first_process() && first_has_exited())
		late = 1;
}

const struct readiness_wait *
calls_readiness_of(pid_t pid)
{
	for (int i = 0; i < wait_count; i++)
		if (waits[i].ended_by == pid || is_holder(&waits[i], pid))
			return &waits[i];
	return NULL;
}

int
calls_late_after_first_exit(void)
{
	return late;
}

/*** the first listen() ***/

/* "127.0.0.1:8080" for the IPv4 address and port as /proc/net/tcp prints them. */
static void
format_tcp(const char *hex, unsigned port, char *out, size_t size)
{
	struct in_addr addr;
	char text[INET_ADDRSTRLEN];

	addr.s_addr = (uint32_t)strtoul(hex, NULL, 16);	/* printed in host order */
	inet_ntop(AF_INET, &addr, text, sizeof text);
	snprintf(out, size, "%s:%u", text, port);
}

/* "[::1]:8080" for tcp6's four 32-bit words, each printed in host order. */
static void
format_tcp6(const char *hex, unsigned port, char *out, size_t size)
{
	struct in6_addr addr;
	char text[INET6_ADDRSTRLEN], word[9];

	for (int i = 0; i < 4; i++) {
		uint32_t value;
		memcpy(word, hex + 8 * i, 8);
		word[8] = '\0';
		value = (uint32_t)strtoul(word, NULL, 16);
		memcpy(&addr.s6_addr[4 * i], &value, sizeof value);
	}
	inet_ntop(AF_INET6, &addr, text, sizeof text);
	snprintf(out, size, "[%s]:%u", text, port);
}

/* The local address of the socket inode, from process pid's /proc/PID/net
 * (its network namespace's): tcp, tcp6, then unix. */
static int
socket_address(pid_t pid, unsigned long inode, char *out, size_t size)
{
	static const char *const tables[] = { "tcp", "tcp6", "unix" };
	char path[64], line[512], hex[40], name[PATH_MAX];

	for (int t = 0; t < 3; t++) {
		FILE *table;
		int found = 0;

		snprintf(path, sizeof path, "/proc/%d/net/%s", (int)pid, tables[t]);
		if ((table = fopen(path, "re")) == NULL)
			continue;
		while (!found && fgets(line, sizeof line, table)) {
			unsigned long ino;
			unsigned port;
			if (t < 2) {
				found = sscanf(line, " %*u: %32[0-9A-Fa-f]:%x %*s %*s %*s %*s %*s %*s "
					       "%*s %lu", hex, &port, &ino) == 3 && ino == inode;
				if (found)
					(t == 0 ? format_tcp : format_tcp6)(hex, port, out, size);
			} else {
				name[0] = '\0';
				found = sscanf(line, "%*s %*s %*s %*s %*s %*s %lu %4095s", &ino, name) >= 1 &&
					ino == inode;
				if (found)
					snprintf(out, size, "%s", name[0] ? name : "an unnamed unix socket");
			}
		}
		fclose(table);
		if (found)
			return 0;
	}
	return -1;
}

void
listen_call(pid_t tgid, const struct syscall_call *call, int64_t rval)
{
	char target[64];
	unsigned long inode;
	int readable;

	if (listened.address[0])
		return;		/* the first only */
	if (proc_fd_target(tgid, (long)(int)call->args[0], target, sizeof target) <= 0)
		return;
	if (sscanf(target, "socket:[%lu]", &inode) != 1 ||
	    socket_address(tgid, inode, listened.address, sizeof listened.address) == -1)
		snprintf(listened.address, sizeof listened.address, "%s", target);
	listened.by = tgid;
	listened.first_exited = first_has_exited();
	if (listened.first_exited && tgid != calls_first_process())
		late = 1;
	readable = call_begin_result(tgid, "trace", "listen", rval, 0);
	record_field(&call_writer, "listening", listened.address);
	record_field(&call_writer, "first_exited", listened.first_exited ? "yes" : "no");
	call_end(readable);
}

const char *
calls_listened(pid_t *by, int *first_exited)
{
	*by = listened.by;
	*first_exited = listened.first_exited;
	return listened.address[0] ? listened.address : NULL;
}
