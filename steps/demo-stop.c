/* demo-stop.c - stopping what a demo left running (see demo.h).
 *
 * A process is gone once it has exited: it is a zombie then, until its parent
 * (PID 1 or a subreaper, for a daemon) reaps it, and ps still lists it as
 * <defunct>. The messages say which of the two they saw.
 */
#define _GNU_SOURCE
#include "demo.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "steplib.h"

enum { STOP_PATIENCE_MS = 5000, REAP_PATIENCE_MS = 2000, TICK_MS = 10, MAX_FOUND = 16 };

/*** a process's fate ***/

/* Its state letter from /proc/PID/stat (R, S, D, T, Z...), and its parent;
 * '\0' when it is gone altogether (reaped). */
static char
process_state(pid_t pid, pid_t *parent)
{
	struct proc_stat stat;

	if (proc_stat_read(pid, &stat) == -1)
		return '\0';
	if (parent)
		*parent = stat.ppid;
	return stat.state;
}

static int
has_exited(pid_t pid)
{
	char state = process_state(pid, NULL);

	return state == '\0' || state == 'Z';
}

static void
sleep_a_tick(void)
{
	nanosleep(&(struct timespec){ 0, TICK_MS * 1000 * 1000 }, NULL);
}

/* Polls until pid has exited, or until the deadline; returns has_exited(). */
static int
wait_until_exited(pid_t pid, int milliseconds)
{
	for (int waited = 0; !has_exited(pid) && waited < milliseconds; waited += TICK_MS)
		sleep_a_tick();
	return has_exited(pid);
}

/* pid, sent SIGTERM, has exited: says so, once its parent has reaped it, or
 * that ps still shows it until then. */
static void
say_stopped(const char *name, pid_t pid, const char *what)
{
	struct proc_stat parent_stat;
	pid_t parent = 0;

	for (int waited = 0; process_state(pid, NULL) == 'Z' && waited < REAP_PATIENCE_MS;
	     waited += TICK_MS)
		sleep_a_tick();
	if (process_state(pid, &parent) != 'Z') {
		printf("%s: stopped %s (PID %d)%s\n", program_name(), name, (int)pid, what);
		return;
	}
	if (proc_stat_read(parent, &parent_stat) == -1)
		snprintf(parent_stat.comm, sizeof parent_stat.comm, "?");
	printf("%s: stopped %s (PID %d)%s: it has exited, and ps lists it as <defunct>\n"
	       "%s: until its parent, %s (PID %d), reaps it\n", program_name(), name, (int)pid,
	       what, program_name(), parent_stat.comm, (int)parent);
}

/* pid did not exit within STOP_PATIENCE_MS of SIGTERM: says why, as its state
 * shows it, and what would end it. */
static void
say_not_gone(const char *name, pid_t pid)
{
	char state = process_state(pid, NULL);
	const char *me = program_name();

	fprintf(stderr, "%s: %s (PID %d) did not stop within %d s of SIGTERM\n", me, name, (int)pid,
		STOP_PATIENCE_MS / 1000);
	if (state == 'T' || state == 't')
		fprintf(stderr, "%s: it is stopped itself (state %c: Ctrl-Z, SIGSTOP or a debugger), "
			"and takes the SIGTERM\n%s: only when it goes on: kill -CONT %d; or end it "
			"at once: kill -KILL %d\n", me, state, me, (int)pid, (int)pid);
	else if (state == 'D')
		fprintf(stderr, "%s: it waits in the kernel (state D, which no signal interrupts); "
			"kill -KILL %d\n%s: ends it when that wait is over\n", me, (int)pid, me);
	else
		fprintf(stderr, "%s: it is still running (state %c); kill -KILL %d ends it\n", me,
			state, (int)pid);
}

/* SIGTERM, then waits until pid is gone and says so, or says why not. */
static int
terminate(const char *name, pid_t pid, const char *what)
{
	if (kill(pid, SIGTERM) == -1 && errno != ESRCH) {
		report_failure("kill", errno, "stopping what the demo left running");
		return -1;
	}
	if (!wait_until_exited(pid, STOP_PATIENCE_MS)) {
		say_not_gone(name, pid);
		return -1;
	}
	say_stopped(name, pid, what);
	return 0;
}

/*** the daemon, by its pid file ***/

enum stop
stop_daemon(void)
{
	char text[32], exe[PATH_MAX], path[64];
	FILE *f = fopen(pid_file_path(), "re");
	long pid;
	ssize_t n;

	if (f == NULL)
		return STOP_NONE;
	pid = fgets(text, sizeof text, f) ? strtol(text, NULL, 10) : 0;
	fclose(f);
	snprintf(path, sizeof path, "/proc/%ld/exe", pid);
	if (pid <= 1 || (n = readlink(path, exe, sizeof exe - 1)) == -1)
		return STOP_NONE;	/* a pid file left by a crash: its process is gone */
	exe[n] = '\0';
	/* pids are reused: make sure it is ours before signalling it */
	const char *base = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe;
	if (strncmp(base, "heartbeatd", strlen("heartbeatd")) != 0) {
		fprintf(stderr, "%s: %s names PID %ld, which is %s, not heartbeatd: not touching it\n",
			program_name(), pid_file_path(), pid, exe);
		return STOP_NOT_OURS;
	}
	return terminate("heartbeatd", (pid_t)pid, "") == 0 ? STOP_DONE : STOP_FAILED;
}

/*** a chain on its way, by its environment ***/

/* Whether pid's environment has key=value. */
static int
environment_has(pid_t pid, const char *key, const char *value)
{
	char path[64], *entry = NULL;
	size_t size = 0, key_len = strlen(key);
	int found = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/environ", (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return 0;	/* gone, or not ours to read */
	while (!found && getdelim(&entry, &size, '\0', f) > 0)
		found = strncmp(entry, key, key_len) == 0 && entry[key_len] == '=' &&
			strcmp(entry + key_len + 1, value) == 0;
	free(entry);
	fclose(f);
	return found;
}

/* The chain program pid runs ("step4-chdir", "heartbeatd"), or NULL. */
static const char *
chain_program(pid_t pid)
{
	char path[64], exe[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/exe", (int)pid);
	if ((n = readlink(path, exe, sizeof exe - 1)) == -1)
		return NULL;
	exe[n] = '\0';
	const char *base = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe;
	for (int i = 0; i <= STEPS + DAEMON7_STEPS; i++) {
		const char *name = i < STEPS ? step_programs[i]
				   : i < STEPS + DAEMON7_STEPS ? daemon7_programs[i - STEPS]
				   : "heartbeatd";
		size_t len = strlen(name);
		/* " (deleted)" follows the name of a program rebuilt since it started */
		if (strncmp(base, name, len) == 0 && (base[len] == '\0' || base[len] == ' '))
			return name;
	}
	return NULL;
}

/* The live processes of chains on this log (of run, unless NULL): at most max. */
static size_t
find_chain(const char *run, pid_t *pids, const char **names, size_t max)
{
	DIR *proc = opendir("/proc");
	struct dirent *entry;
	size_t found = 0;

	if (proc == NULL)
		return 0;
	while (found < max && (entry = readdir(proc)) != NULL) {
		char *end;
		long pid = strtol(entry->d_name, &end, 10);
		const char *name;

		if (*end || pid <= 1 || pid == getpid() || has_exited((pid_t)pid) ||
		    (name = chain_program((pid_t)pid)) == NULL ||
		    !environment_has((pid_t)pid, ENV_LOG, log_path()) ||
		    (run && !environment_has((pid_t)pid, ENV_RUN, run)))
			continue;
		pids[found] = (pid_t)pid;
		names[found++] = name;
	}
	closedir(proc);
	return found;
}

int
stop_chain(const char *run)
{
	pid_t pids[MAX_FOUND];
	const char *names[MAX_FOUND];
	int stopped = 0;

	/* done when two scans in a row find nothing: a step may fork while
	 * one scan reads /proc, and its child be missed by it */
	for (int quiet = 0; quiet < 2;) {
		size_t found = find_chain(run, pids, names, MAX_FOUND);

		if (found == 0) {
			quiet++;
			sleep_a_tick();
			continue;
		}
		quiet = 0;
		for (size_t i = 0; i < found; i++) {
			int daemon = strcmp(names[i], "heartbeatd") == 0;
			if (terminate(names[i], pids[i], daemon ? "" : ", on its way to heartbeatd") == -1)
				return -1;
			stopped++;
		}
	}
	return stopped;
}
