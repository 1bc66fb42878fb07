/* record.c - building and appending a transition record (see record.h). */
#define _GNU_SOURCE
#include "record.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *
errno_name(int err)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
	const char *name = strerrorname_np(err);
	if (name)
		return name;
#endif
	static char number[32];
	snprintf(number, sizeof number, "errno %d", err);
	return number;
}

const char *
signal_short_name(int sig)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
	return sigabbrev_np(sig);
#else
	(void)sig;
	return NULL;
#endif
}

void
format_signal_set(unsigned long long set, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (int sig = 1; sig <= 64 && used < size; sig++) {
		const char *name = signal_short_name(sig);
		int last = sig;

		if (!(set & (1ULL << (sig - 1))))
			continue;
		if (name == NULL)	/* a run of unnamed (real-time) signals: SIG34-SIG64 */
			while (last < 64 && (set & (1ULL << last)) && signal_short_name(last + 1) == NULL)
				last++;
		if (name != NULL)
			used += (size_t)snprintf(out + used, size - used, "%sSIG%s", used ? "," : "", name);
		else if (last > sig)
			used += (size_t)snprintf(out + used, size - used, "%sSIG%d-SIG%d", used ? "," : "",
						 sig, last);
		else
			used += (size_t)snprintf(out + used, size - used, "%sSIG%d", used ? "," : "", sig);
		sig = last;
	}
	if (used == 0)
		snprintf(out, size, "none");
}

static void
format_time(char *out, size_t size)
{
	struct timespec now;
	struct tm utc;

	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &utc);
	size_t n = strftime(out, size, "%Y-%m-%dT%H:%M:%S", &utc);
	snprintf(out + n, size - n, ".%06ldZ", now.tv_nsec / 1000);
}

void
record_begin(struct logfmt_writer *w, const char *run, const char *prog,
	     const char *step, const char *event)
{
	char now[64];

	format_time(now, sizeof now);
	logfmt_start(w);
	logfmt_add(w, "run", run);
	logfmt_add(w, "time", now);
	logfmt_add(w, "prog", prog);
	logfmt_add(w, "step", step);
	logfmt_add(w, "event", event);
}

void
record_field(struct logfmt_writer *w, const char *key, const char *value)
{
	logfmt_add_max(w, key, value, RECORD_EXTRA_ROOM);
}

void
record_fieldf(struct logfmt_writer *w, const char *key, const char *fmt, ...)
{
	char value[RECORD_EXTRA_ROOM + 1];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof value, fmt, ap);
	va_end(ap);
	record_field(w, key, value);
}

/* What /proc refused to show, in place of the value. */
static const char *
unreadable(int err, char *out, size_t size)
{
	snprintf(out, size, "unreadable (%s)", errno_name(err));
	return out;
}

/* What daemon(7) adds to the seven steps' state: the signals' handling and
 * mask, who the process runs as, and how big its environment is. */
static void
record_credentials_and_signals(struct logfmt_writer *w, const struct proc_state *st)
{
	static const char *const status_keys[] = { "sigign", "sigcgt", "sigblk", "uid", "gid",
						   "groups" };
	char why[64], text[RECORD_EXTRA_ROOM + 1];

	if (st->status_error) {
		unreadable(st->status_error, why, sizeof why);
		for (size_t i = 0; i < sizeof status_keys / sizeof status_keys[0]; i++)
			logfmt_add(w, status_keys[i], why);
	} else {
		format_signal_set(st->sig_ignored, text, sizeof text);
		record_field(w, "sigign", text);
		format_signal_set(st->sig_caught, text, sizeof text);
		record_field(w, "sigcgt", text);
		format_signal_set(st->sig_blocked, text, sizeof text);
		record_field(w, "sigblk", text);
		logfmt_add(w, "uid", st->uid);
		logfmt_add(w, "gid", st->gid);
		record_field(w, "groups", st->groups);
	}
	if (st->environ_error)
		logfmt_add(w, "nenv", unreadable(st->environ_error, why, sizeof why));
	else
		logfmt_addf(w, "nenv", "%d", st->nenv);
}

void
record_state(struct logfmt_writer *w, const struct proc_state *st)
{
	static const char *const stdio_keys[3] = { "fd0", "fd1", "fd2" };
	char why[64];

	logfmt_addf(w, "pid", "%d", (int)st->pid);
	logfmt_addf(w, "ppid", "%d", (int)st->ppid);
	logfmt_add(w, "parent", st->parent_comm);
	logfmt_addf(w, "pgid", "%d", (int)st->pgid);
	logfmt_addf(w, "sid", "%d", (int)st->sid);
	logfmt_add(w, "tty", st->tty);
	logfmt_addf(w, "tpgid", "%d", (int)st->tpgid);
	if (st->umask < 0)
		logfmt_add(w, "umask", "?");
	else
		logfmt_addf(w, "umask", "%04o", (unsigned)st->umask);
	if (st->fds_error) {
		logfmt_add(w, "nfds", unreadable(st->fds_error, why, sizeof why));
		logfmt_add(w, "fds", why);
	} else {
		logfmt_addf(w, "nfds", "%d", st->nfds);
		logfmt_add_max(w, "fds", st->fds, RECORD_FDS_ROOM);
	}
	for (int fd = 0; fd < 3; fd++)
		logfmt_add_max(w, stdio_keys[fd], st->stdio_error[fd] ?
			       unreadable(st->stdio_error[fd], why, sizeof why) : st->stdio[fd],
			       RECORD_STDIO_ROOM);
	logfmt_add_max(w, "cwd", st->cwd_error ? unreadable(st->cwd_error, why, sizeof why)
					       : st->cwd, RECORD_CWD_ROOM);
	record_credentials_and_signals(w, st);
}

void
record_state_unreadable(struct logfmt_writer *w, pid_t pid, int err)
{
	static const char *const keys[] = { "ppid", "parent", "pgid", "sid", "tty", "tpgid",
					    "umask", "nfds", "fds", "fd0", "fd1", "fd2", "cwd",
					    "sigign", "sigcgt", "sigblk", "uid", "gid", "groups",
					    "nenv" };
	char why[64];

	logfmt_addf(w, "pid", "%d", (int)pid);
	unreadable(err, why, sizeof why);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		logfmt_add(w, keys[i], why);
}

/* Opens the log for appending; an explicit mode: after step 5 the umask is
 * 0, and a careless open would leave a world-writable log. */
static int
open_log(const char *path)
{
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
}

/* One write(2) of len bytes: whole, or -1 with errno. */
static int
write_whole(int fd, const char *data, size_t len)
{
	ssize_t written = write(fd, data, len);

	if (written == (ssize_t)len)
		return 0;
	if (written >= 0)
		errno = EIO;
	return -1;
}

int
record_append(const char *path, struct logfmt_writer *w)
{
	size_t len = logfmt_finish(w);
	int fd = open_log(path);
	int result, saved;

	if (fd == -1)
		return -1;
	result = write_whole(fd, w->line, len);
	saved = errno;
	if (close(fd) == -1 && result == 0)
		return -1;
	errno = saved;
	return result;
}

int
record_log_open(struct record_log *log, const char *path)
{
	log->used = 0;
	log->fd = open_log(path);
	return log->fd == -1 ? -1 : 0;
}

int
record_log_flush(struct record_log *log)
{
	int result = log->used ? write_whole(log->fd, log->buffer, log->used) : 0;

	log->used = 0;
	return result;
}

int
record_log_add(struct record_log *log, struct logfmt_writer *w)
{
	size_t len = logfmt_finish(w);

	if (log->used + len > sizeof log->buffer && record_log_flush(log) == -1)
		return -1;
	memcpy(log->buffer + log->used, w->line, len);
	log->used += len;
	return 0;
}

int
record_log_close(struct record_log *log)
{
	int result = record_log_flush(log);

	if (close(log->fd) == -1)
		result = -1;
	log->fd = -1;
	return result;
}
