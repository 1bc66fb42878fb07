/* pidfile.c - what daemon-trace records of a pid file (see calls-parts.h):
 * a write of at most 32 bytes to a regular file that holds a traced PID in
 * decimal, as pid files hold it.
 */
#define _GNU_SOURCE
#include "calls-parts.h"

#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static char pid_file[PATH_MAX];		/* the last pid file written, the PID in it, and by whom */
static pid_t pid_file_holds, pid_file_writer;

/* A PID in decimal, padded with blanks or zeros and ended by a newline at
 * most, as pid files hold it; 0 when text is not one. */
static pid_t
pid_in(const char *text, size_t len)
{
	size_t i = 0;
	long pid = 0;

	while (i < len && (text[i] == ' ' || text[i] == '0'))
		i++;
	if (i == len || text[i] < '1' || text[i] > '9')
		return 0;
	for (; i < len && text[i] >= '0' && text[i] <= '9'; i++) {
		pid = pid * 10 + (text[i] - '0');
		if (pid >= 1 << 22)	/* past pid_max: no PID, and no overflow */
			return 0;
	}
	while (i < len && (text[i] == ' ' || text[i] == '\n'))
		i++;
	return i == len ? (pid_t)pid : 0;
}

void
maybe_pid_file(pid_t tid, pid_t tgid, const struct syscall_call *call, int64_t written)
{
	char text[33], link[64], path[PATH_MAX];
	struct iovec local = { text, (size_t)written }, remote = { (void *)call->args[1], (size_t)written };
	struct stat st;
	pid_t pid;
	ssize_t n;
	int readable;

	if (written <= 0 || written > 32 ||
	    process_vm_readv(tid, &local, 1, &remote, 1, 0) != (ssize_t)written ||
	    (pid = pid_in(text, (size_t)written)) == 0 || lineage_find(pid) == NULL)
		return;
	snprintf(link, sizeof link, "/proc/%d/fd/%d", (int)tgid, (int)call->args[0]);
	if (stat(link, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (n = readlink(link, path, sizeof path - 1)) <= 0)
		return;
	path[n] = '\0';
	snprintf(pid_file, sizeof pid_file, "%s", path);
	pid_file_holds = pid;
	pid_file_writer = tgid;
	readable = call_begin(tgid, "trace", "after");
	record_field(&call_writer, "call", call->nr == SYS_write ? "write" : "pwrite64");
	record_field(&call_writer, "pid_file", path);
	record_fieldf(&call_writer, "holds", "%d", (int)pid);
	call_end(readable);
}

const char *
calls_pid_file(pid_t *holds, pid_t *writer_pid)
{
	*holds = pid_file_holds;
	*writer_pid = pid_file_writer;
	return pid_file[0] ? pid_file : NULL;
}
