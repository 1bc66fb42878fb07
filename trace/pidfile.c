/* pidfile.c - what daemon-trace records of a pid file (see calls-parts.h):
 * a write of at most 32 bytes to a regular file that holds a traced PID in
 * decimal, as pid files hold it; and that file renamed into place (written
 * under a temporary name, so that no reader sees it half-written), told by
 * its final name.
 */
#define _GNU_SOURCE
#include "calls-parts.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static char pid_file[PATH_MAX];		/* the last pid file written, the PID in it, and by whom */
static pid_t pid_file_holds, pid_file_writer;
static char written_as[PATH_MAX];	/* the name it was written under, when renamed since */
static dev_t pid_file_dev;		/* the file itself: a rename keeps it */
static ino_t pid_file_ino;

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
	pid_file_dev = st.st_dev;
	pid_file_ino = st.st_ino;
	written_as[0] = '\0';
	readable = call_begin(tgid, "trace", "after");
	record_field(&call_writer, "call", call->nr == SYS_write ? "write" : "pwrite64");
	record_field(&call_writer, "pid_file", path);
	record_fieldf(&call_writer, "holds", "%d", (int)pid);
	call_end(readable);
}

/* The NUL-terminated string at addr in thread tid's memory, read a page at
 * most at a time (a read across the end of its mapping fails whole). */
static int
read_string(pid_t tid, uint64_t addr, char *out, size_t size)
{
	size_t got = 0;

	while (got < size - 1) {
		size_t page_left = 4096 - (size_t)((addr + got) % 4096), want = size - 1 - got;
		struct iovec local = { out + got, want < page_left ? want : page_left };
		struct iovec remote = { (void *)(uintptr_t)(addr + got), local.iov_len };
		ssize_t n = process_vm_readv(tid, &local, 1, &remote, 1, 0);

		if (n <= 0)
			return -1;
		if (memchr(out + got, '\0', (size_t)n))
			return 0;
		got += (size_t)n;
	}
	return -1;	/* longer than a path */
}

/* The rename call's name; at: it names directories by descriptor. */
static const char *
rename_call(uint64_t nr, int *at)
{
#ifdef SYS_rename		/* AArch64 has renameat and renameat2 only */
	if (nr == SYS_rename) {
		*at = 0;
		return "rename";
	}
#endif
	*at = 1;
	return nr == SYS_renameat ? "renameat" : "renameat2";
}

/*
 * A rename (rename, renameat, renameat2) by thread tid of process tgid that
 * worked: when its new name is now the pid file (the same file: device and
 * inode), the pid file is told by that name, the PID it holds as its write
 * found it.
 */
void
maybe_pid_file_renamed(pid_t tid, pid_t tgid, const struct syscall_call *call)
{
	int at;		/* renameat*(olddirfd, old, newdirfd, new), not rename(old, new) */
	const char *how = rename_call(call->nr, &at);
	int dirfd = at ? (int)call->args[2] : AT_FDCWD;
	char name[PATH_MAX], lookup[PATH_MAX + 64], final[PATH_MAX];
	struct stat st;
	int readable;

	if (pid_file[0] == '\0' || read_string(tid, call->args[at ? 3 : 1], name, sizeof name) == -1)
		return;
	/* the name as the calling thread sees it: from its root (a chroot's),
	 * its directory or the directory descriptor */
	if (name[0] == '/')
		snprintf(lookup, sizeof lookup, "/proc/%d/root%s", (int)tid, name);
	else if (dirfd == AT_FDCWD)
		snprintf(lookup, sizeof lookup, "/proc/%d/cwd/%s", (int)tid, name);
	else
		snprintf(lookup, sizeof lookup, "/proc/%d/fd/%d/%s", (int)tid, dirfd, name);
	if (stat(lookup, &st) == -1 || st.st_dev != pid_file_dev || st.st_ino != pid_file_ino ||
	    realpath(lookup, final) == NULL || strcmp(final, pid_file) == 0)
		return;
	if (written_as[0] == '\0')
		snprintf(written_as, sizeof written_as, "%s", pid_file);
	readable = call_begin(tgid, "trace", "after");
	record_field(&call_writer, "call", how);
	record_field(&call_writer, "result", "0");
	record_field(&call_writer, "pid_file", final);
	record_field(&call_writer, "renamed_from", pid_file);
	record_fieldf(&call_writer, "holds", "%d", (int)pid_file_holds);
	call_end(readable);
	snprintf(pid_file, sizeof pid_file, "%s", final);
}

const char *
calls_pid_file(pid_t *holds, pid_t *writer_pid)
{
	*holds = pid_file_holds;
	*writer_pid = pid_file_writer;
	return pid_file[0] ? pid_file : NULL;
}

const char *
calls_pid_file_written_as(void)
{
	return written_as[0] ? written_as : NULL;
}
