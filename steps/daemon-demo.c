/* daemon-demo - the whole demo in one command.
 *
 * Starts a new run of the transition log, records the shell it was started
 * from, runs the chain step1-fork ... step7-reopen-stdio heartbeatd from the
 * user's terminal, runs the pop quiz, waits until heartbeatd is up (or sees
 * that the chain failed), then shows the run: in the viewer when stdout is a
 * terminal, as text otherwise.
 *
 * --skip N leaves step N out, so a class can see what goes wrong without it.
 * To make that visible the runner stages three things a real launch has:
 * - the chain's first process leads its own process group, as every job of a
 *   job-control shell does (so without step 1, setsid() fails);
 * - a regular file is left open without O_CLOEXEC, as careless parents do
 *   (step 6 must close it);
 * - a fresh pseudo-terminal that no session owns: heartbeatd opens its slave
 *   with --try-tty; without step 3 it takes it as its controlling terminal,
 *   and gets SIGHUP when the runner closes the master on its way out.
 *
 * --daemon7 adds daemon(7)'s steps 0a and 0b and, as root, 8 (demo-daemon7.c).
 *
 * --wait-ready makes step 1's parent wait until heartbeatd is ready; with or
 * without it, the demo says when the prompt came back against that moment.
 *
 * Its other parts (demo.h): stopping what a demo left running (demo-stop.c),
 * the run as a table (demo-table.c), and the readiness figure (demo-ready.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo.h"
#include "logread.h"
#include "steplib.h"

enum { DEFAULT_DAEMON_SECONDS = 30 };

const char *const step_programs[STEPS] = {
	"step1-fork", "step2-setsid", "step3-fork-again", "step4-chdir",
	"step5-umask", "step6-close-fds", "step7-reopen-stdio",
};

enum { OPT_SKIP, OPT_SINGLE_FORK, OPT_DAEMON7, OPT_PAUSE, OPT_SECONDS, OPT_NO_VIEWER, OPT_STOP,
       OPT_WAIT_READY, OPT_COUNT };

static const struct step_option options[] = {
	[OPT_SKIP] = { "skip", "N[,N...]", "leave out step N (1-7; 0a, 0b, 8 with --daemon7)" },
	[OPT_SINGLE_FORK] = { "single-fork", NULL, "the same as --skip 3" },
	[OPT_DAEMON7] = { "daemon7", NULL, "daemon(7)'s steps 0a, 0b first; as root 8 after 7" },
	[OPT_PAUSE] = { "pause", "SECONDS", "each step waits this long after its record" },
	[OPT_SECONDS] = { "seconds", "N", "heartbeatd runs N seconds (default: 30)" },
	[OPT_NO_VIEWER] = { "no-viewer", NULL, "print the run as text, never open the viewer" },
	[OPT_STOP] = { "stop", NULL, "stop the demo daemon and any chain on its way, then exit" },
	[OPT_WAIT_READY] = { "wait-ready", NULL, "step 1 exits only once heartbeatd is ready" },
	[OPT_COUNT] = { NULL, NULL, NULL },
};

static const struct program program = {
	.name = "daemon-demo",
	.step = "demo",
	.synopsis = "[--skip N[,N...]] [--single-fork] [--daemon7] [--pause SECONDS]\n"
		    "                   [--seconds N] [--wait-ready] [--no-viewer] | --stop",
	.purpose = "Runs the whole daemon-steps demo: the chain step1-fork ... step7-reopen-stdio\n"
		   "heartbeatd, then the pop quiz, and shows the run (in daemon-viewer when\n"
		   "stdout is a terminal). It says when the prompt came back (the chain's\n"
		   "first process exited) against the moment heartbeatd was ready, by how\n"
		   "many ms: before it, or, with --wait-ready, after it.\n"
		   "Exits 0 when the demo ran as intended, the\n"
		   "failures it provokes on purpose included, 1 when something else failed.\n"
		   "Ctrl-C before the run is shown stops the chain and its daemon too, then\n"
		   "ends the demo by the signal, as the shell expects (status 130).\n"
		   "--daemon7 starts the chain with step0a-reset-signals step0b-clean-env,\n"
		   "and starts it as nohup and a careless starter would: SIGHUP ignored,\n"
		   "SIGTERM blocked. As root it also puts step8-drop-privileges after step 7\n"
		   "(to nobody), and the run's log in a folder of nobody's own beside the\n"
		   "log's folder (LOGDIR-nobody), where heartbeatd can still write.",
	.options = options,
	.exits = "  0    the demo ran as intended, the failures it provokes on purpose\n"
		 "       (such as --skip 1's EPERM) included; --stop: stopped, or none ran\n"
		 "  1    something else failed: a system call, the chain or the pop quiz;\n"
		 "       --stop: the pid file names another program, left alone, or a\n"
		 "       process did not stop (it says why)",
};

/* What the runner learns of the run from the log. */
struct run_news {
	const char *run;
	long log_read_to;		/* where the last read of the log ended */
	int recorded;			/* the log has a record of the run */
	pid_t daemon_pid;		/* heartbeatd, once it recorded */
	int tty_answered;		/* heartbeatd recorded what --try-tty did */
	int tty_taken;			/* heartbeatd took the runner's terminal */
	int got_sighup;
	char start_time[40];		/* the runner's start record: time zero */
	char first_record_time[40];	/* heartbeatd's first record */
	char failure[256];		/* the first error a chain program recorded */
	char failure_hint[PATH_MAX];	/* what its program said it means, "" if nothing */
	int failure_hint_seen;		/* its program wrote it where the runner writes */
	char output[PATH_MAX];		/* where the runner writes: its stdout's target */
	int pid_file_held;		/* that error: another heartbeatd holds the pid file */
	struct {			/* heartbeatd's state once it started */
		char sid[16], tty[32], cwd[256], umask[8], fd0[256];
		char fds_at_start[128];	/* before it opened anything itself */
		char sigign[128], sigblk[128], nenv[32];	/* at its start: inherited */
		char uid[64];
	} daemon;
	struct readiness_news readiness;	/* the prompt's return against the daemon's ready */
};

/*** Ctrl-C ***/

/* The chain's first process leads a process group of its own, as a shell's
 * job does, so the terminal's Ctrl-C (SIGINT, sent to the foreground group)
 * reaches the runner and the pop quiz, never the chain: left alone, the chain
 * would go on unseen. The runner notes it (and SIGTERM, and SIGHUP when its
 * terminal closes), and wherever it waits it looks, and ends the run. */
static volatile sig_atomic_t interruption;	/* the signal that came; 0: none yet */

static void
note_interruption(int sig)
{
	interruption = sig;
}

/* Catches SIGINT, SIGTERM and SIGHUP, without SA_RESTART so that a wait
 * returns to look; one ignored on entry stays ignored (nohup, a shell's
 * background command without job control). */
static void
catch_interruptions(void)
{
	static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction action = { .sa_handler = note_interruption }, old;

	sigemptyset(&action.sa_mask);
	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
		if (sigaction(signals[i], NULL, &old) == -1 ||
		    (old.sa_handler != SIG_IGN && sigaction(signals[i], &action, NULL) == -1))
			fail("sigaction", errno, NULL, EXIT_SYSCALL_FAILED);
}

/* After an interruption: stops what the run started and is still running,
 * says so, then dies of the signal, so that the shell sees it (130 for Ctrl-C). */
static void
end_if_interrupted(const char *run)
{
	const int sig = interruption;
	const char *name = program_name();

	if (sig == 0)
		return;
	printf("\n%s: interrupted (%s): stopping what run %s started\n", name,
	       sig == SIGINT ? "Ctrl-C, SIGINT" : sig == SIGHUP ? "SIGHUP" : "SIGTERM", run);
	int stopped = stop_chain(run);
	if (stopped == 0)
		printf("%s: none of its programs was running any more\n", name);
	else if (stopped == -1)
		printf("%s: not all of it stopped (see above); daemon-demo --stop tries again\n",
		       name);
	putchar('\n');
	print_where_to_replay(run);
	fflush(stdout);
	struct sigaction by_default = { .sa_handler = SIG_DFL };
	sigemptyset(&by_default.sa_mask);
	if (sigaction(sig, &by_default, NULL) == -1)
		report_failure("sigaction", errno, NULL);
	else if (raise(sig) != 0)
		report_failure("raise", errno, NULL);
	_exit(128 + sig);	/* reached only when the signal could not end us */
}

/*** reading the run from the log ***/

/* A field's value, "?" when the record lacks it. */
static const char *
field_or_unknown(const struct logfmt_record *r, const char *key)
{
	const char *value = logfmt_get(r, key);
	return value ? value : "?";
}

/* The same, kept: the record's storage is reused for the next line. */
static void
copy_field(char *out, size_t size, const struct logfmt_record *r, const char *key)
{
	snprintf(out, size, "%s", field_or_unknown(r, key));
}

static int
note_record(const struct logfmt_record *r, size_t line, void *context)
{
	struct run_news *news = context;
	const char *run = logfmt_get(r, "run"), *prog = logfmt_get(r, "prog");
	const char *event = logfmt_get(r, "event"), *step = logfmt_get(r, "step");

	(void)line;
	if (!run || !prog || !event || !step || strcmp(run, news->run) != 0)
		return 0;
	news->recorded = 1;
	readiness_note(&news->readiness, r);
	if (strcmp(prog, "daemon-demo") == 0 && strcmp(event, "start") == 0)
		copy_field(news->start_time, sizeof news->start_time, r, "time");
	if (strcmp(prog, "heartbeatd") == 0 && news->daemon_pid == 0) {
		news->daemon_pid = (pid_t)atoi(field_or_unknown(r, "pid"));	/* "?": 0 */
		copy_field(news->daemon.fds_at_start, sizeof news->daemon.fds_at_start, r, "fds");
		copy_field(news->daemon.sigign, sizeof news->daemon.sigign, r, "sigign");
		copy_field(news->daemon.sigblk, sizeof news->daemon.sigblk, r, "sigblk");
		copy_field(news->daemon.nenv, sizeof news->daemon.nenv, r, "nenv");
		copy_field(news->daemon.uid, sizeof news->daemon.uid, r, "uid");
		copy_field(news->first_record_time, sizeof news->first_record_time, r, "time");
	}
	if (logfmt_get(r, "tty_taken") && strcmp(prog, "heartbeatd") == 0) {
		news->tty_answered = 1;
		news->tty_taken = strcmp(logfmt_get(r, "tty_taken"), "yes") == 0;
		copy_field(news->daemon.sid, sizeof news->daemon.sid, r, "sid");
		copy_field(news->daemon.tty, sizeof news->daemon.tty, r, "tty");
		copy_field(news->daemon.cwd, sizeof news->daemon.cwd, r, "cwd");
		copy_field(news->daemon.umask, sizeof news->daemon.umask, r, "umask");
		copy_field(news->daemon.fd0, sizeof news->daemon.fd0, r, "fd0");
	}
	if (strcmp(event, "signal") == 0 && logfmt_get(r, "signal") &&
	    strcmp(logfmt_get(r, "signal"), "SIGHUP") == 0)
		news->got_sighup = 1;
	if (strcmp(event, "error") == 0 && strcmp(step, "quiz") != 0 && !news->failure[0]) {
		snprintf(news->failure, sizeof news->failure, "%s: %s failed: %s (%s)", prog,
			 field_or_unknown(r, "call"), field_or_unknown(r, "errno"),
			 field_or_unknown(r, "error"));
		if (logfmt_get(r, "hint"))
			snprintf(news->failure_hint, sizeof news->failure_hint, "%s: %s", prog,
				 logfmt_get(r, "hint"));
		/* a step says it on its stderr: often the runner's terminal, where
		 * a second copy would only repeat it (heartbeatd's is /dev/null) */
		news->failure_hint_seen = news->output[0] && logfmt_get(r, "fd2") &&
					  strcmp(logfmt_get(r, "fd2"), news->output) == 0;
		news->pid_file_held = strcmp(prog, "heartbeatd") == 0 &&
				      strcmp(field_or_unknown(r, "call"), "locking the pid file") == 0;
	}
	return 0;
}

static void
read_news(struct run_news *news)
{
	struct log_read_stats stats;
	FILE *f = fopen(log_path(), "re");
	long at;

	if (f == NULL) {
		if (errno != ENOENT)	/* none yet is the usual case; else say why */
			fail("opening the log", errno, log_path(), EXIT_SYSCALL_FAILED);
		return;
	}
	/* only what was added since: a shared log of megabytes, read whole a
	 * hundred times a second, kept a CPU busy while the chain paused */
	if (fseek(f, news->log_read_to, SEEK_SET) == -1)
		fail("reading the log", errno, log_path(), EXIT_SYSCALL_FAILED);
	(void)log_read(f, LOG_READ_WHOLE_LINES, note_record, news, &stats);
	if ((at = ftell(f)) != -1)
		news->log_read_to = at;
	fclose(f);
}

/* Polls the log until done(news) or the deadline; returns done(news). Ends
 * the demo if it is interrupted meanwhile. */
static int
wait_for_news(struct run_news *news, int (*done)(const struct run_news *), double seconds)
{
	for (int tick = 0; tick < seconds * 100; tick++) {
		read_news(news);
		if (done(news))
			return 1;
		nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
		end_if_interrupted(news->run);
	}
	read_news(news);
	return done(news);
}

/* Up: heartbeatd has recorded what opening the runner's terminal did. */
static int
daemon_up_or_chain_failed(const struct run_news *news)
{
	return news->tty_answered || news->failure[0];
}

static int
hangup_arrived(const struct run_news *news)
{
	return news->got_sighup;
}

/*** running things ***/

enum { SPAWN_GROUP_LEADER = 1, SPAWN_STAGED_SIGNALS = 2 };

static pid_t
spawn(char **argv, int how)
{
	int group_leader = how & SPAWN_GROUP_LEADER;

	fflush(stdout);
	pid_t child = fork();
	if (child == -1)
		fail("fork", errno, NULL, EXIT_SYSCALL_FAILED);
	if (child == 0) {
		if (group_leader && setpgid(0, 0) == -1)
			fail("setpgid", errno, NULL, EXIT_SYSCALL_FAILED);
		if (how & SPAWN_STAGED_SIGNALS)
			stage_inherited_signals();
		exec_next(argv);
	}
	/* as a shell does, in both processes, so neither order of running loses */
	if (group_leader && setpgid(child, child) == -1 && errno != EACCES)
		fail("setpgid", errno, NULL, EXIT_SYSCALL_FAILED);
	return child;
}

/* As a shell reports it: the exit status, or 128 + the signal that ended it.
 * Ends the demo of run if it is interrupted meanwhile. */
static int
exit_status_of(pid_t child, const char *run)
{
	int status;

	while (waitpid(child, &status, 0) == -1) {
		if (errno != EINTR)
			fail("waitpid", errno, NULL, EXIT_SYSCALL_FAILED);
		end_if_interrupted(run);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The file every run leaves open for the chain on purpose: step 6 must close it. */
static int
leak_a_file(void)
{
	char path[PATH_MAX];
	static const char note[] = "daemon-demo left this file open in the daemon chain "
				   "on purpose: step 6 closes it.\n";

	int fd = -1;
	if (path_beside_log("left-open-by-daemon-demo", path, sizeof path) == 0)
		fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);	/* no O_CLOEXEC */
	else
		errno = ENAMETOOLONG;
	if (fd == -1 || write(fd, note, sizeof note - 1) == -1)
		fail("opening the file to leave open", errno, path, EXIT_SYSCALL_FAILED);
	return fd;
}

/* Where skipped[] keeps daemon(7)'s steps 8, 0a and 0b, after the seven. */
enum { SKIP_8 = STEPS + 1, SKIP_0A, SKIP_0B, SKIP_SLOTS };

/* Parses "3", "3,6" or, with --daemon7, "0a,6,8"; exits with a usage error otherwise. */
static void
parse_skips(const char *text, int daemon7, int skipped[SKIP_SLOTS])
{
	const char *p = text;

	do {
		char *end;
		long step = strtol(p, &end, 10);
		if (daemon7 && step == 0 && (*end == 'a' || *end == 'b'))
			step = *end++ == 'a' ? SKIP_0A : SKIP_0B;
		else if ((step < 1 || step > STEPS) && !(daemon7 && step == SKIP_8))
			end = (char *)p;
		if (end == p || (*end && *end != ','))
			usage_error("--skip wants step numbers from 1 to 7 (0a, 0b and 8 with "
				    "--daemon7), like 3 or 3,6; not '%s'", text);
		skipped[step] = 1;
		p = end;
	} while (*p++ == ',');
}

/*** showing the run ***/

double
milliseconds_between(const char *from, const char *to)
{
	double a = log_time_seconds(from), b = log_time_seconds(to);

	return a < 0 || b < 0 ? -1 : (b - a) * 1000;
}

/* Replaces the runner with the viewer on this run, from its first frame, and
 * following the daemon's heartbeats as they come; returns only if it cannot.
 * What was printed before is on the screen again when the viewer ends. */
static void
open_viewer(const char *run)
{
	char viewer[PATH_MAX];
	char *argv[] = { "daemon-viewer", "--follow", "--run", (char *)run, (char *)log_path(),
			 NULL };

	fflush(stdout);
	execv(viewer_path(viewer, sizeof viewer), argv);
	execvp(argv[0], argv);
	fprintf(stderr, "%s: cannot open daemon-viewer (%s): printing the run instead\n",
		program_name(), strerror(errno));
}

/*** the demo ***/

/* The run the options ask for. */
struct demo {
	int skipped[SKIP_SLOTS];	/* skipped[N]: step N is left out; SKIP_8, SKIP_0A, SKIP_0B */
	int daemon7;			/* --daemon7: steps 0a and 0b first */
	int drop;			/* step 8 after step 7: --daemon7, as root, no --skip 8 */
	int wait_ready;			/* step1-fork --wait-ready */
	long seconds;			/* heartbeatd's --seconds */
	double pause;			/* seconds each step waits, 0: none */
	char slave[64];			/* the fresh terminal offered to heartbeatd */
	char seconds_text[16];
	char *chain[STEPS + 10];	/* the command line: steps, --wait-ready, heartbeatd, its options */
	char chain_text[512];
	char skip_text[32];		/* "3" or "3,6"; "" with no step left out */
};

static void
read_settings(const char **values, struct demo *demo)
{
	char *end;

	demo->daemon7 = values[OPT_DAEMON7] != NULL;
	if (values[OPT_SKIP])
		parse_skips(values[OPT_SKIP], demo->daemon7, demo->skipped);
	if (values[OPT_SINGLE_FORK])
		demo->skipped[3] = 1;
	demo->wait_ready = values[OPT_WAIT_READY] != NULL;
	if (demo->wait_ready && demo->skipped[1])
		usage_error("--wait-ready is step 1's: its parent waits, so it needs step 1");
	demo->seconds = DEFAULT_DAEMON_SECONDS;
	if (values[OPT_SECONDS]) {
		demo->seconds = strtol(values[OPT_SECONDS], &end, 10);
		if (*end || end == values[OPT_SECONDS] || demo->seconds < 1 || demo->seconds > 86400)
			usage_error("--seconds wants a whole number from 1 to 86400, not '%s'",
				    values[OPT_SECONDS]);
	}
	if (values[OPT_PAUSE]) {
		demo->pause = strtod(values[OPT_PAUSE], &end);
		if (*end || end == values[OPT_PAUSE] || !(demo->pause > 0 && demo->pause <= 60))
			usage_error("--pause wants seconds, more than 0 and at most 60, not '%s'",
				    values[OPT_PAUSE]);
		setenv(ENV_PAUSE, values[OPT_PAUSE], 1);	/* the steps read it after exec */
	} else {
		unsetenv(ENV_PAUSE);
	}
}

/* The chain's command line, and the same as text for the log and the user. */
static void
build_chain(struct demo *demo)
{
	int n = 0;

	for (int i = 0; demo->daemon7 && i < 2; i++) {	/* 0a, 0b */
		if (!demo->skipped[SKIP_0A + i])
			demo->chain[n++] = (char *)daemon7_programs[i];
		else
			snprintf(demo->skip_text + strlen(demo->skip_text),
				 sizeof demo->skip_text - strlen(demo->skip_text), "%s0%c",
				 demo->skip_text[0] ? "," : "", 'a' + i);
	}
	for (int step = 1; step <= STEPS; step++) {
		if (!demo->skipped[step]) {
			demo->chain[n++] = (char *)step_programs[step - 1];
			if (step == 1 && demo->wait_ready)
				demo->chain[n++] = "--wait-ready";
			continue;
		}
		snprintf(demo->skip_text + strlen(demo->skip_text),
			 sizeof demo->skip_text - strlen(demo->skip_text), "%s%d",
			 demo->skip_text[0] ? "," : "", step);
	}
	if (demo->drop)
		demo->chain[n++] = (char *)daemon7_programs[2];
	else if (demo->skipped[SKIP_8])
		snprintf(demo->skip_text + strlen(demo->skip_text),
			 sizeof demo->skip_text - strlen(demo->skip_text), "%s8",
			 demo->skip_text[0] ? "," : "");
	snprintf(demo->seconds_text, sizeof demo->seconds_text, "%ld", demo->seconds);
	demo->chain[n++] = "heartbeatd";
	demo->chain[n++] = "--seconds";
	demo->chain[n++] = demo->seconds_text;
	demo->chain[n++] = "--try-tty";
	demo->chain[n++] = demo->slave;
	demo->chain[n] = NULL;
	for (int i = 0; i < n; i++)
		snprintf(demo->chain_text + strlen(demo->chain_text),
			 sizeof demo->chain_text - strlen(demo->chain_text), "%s%s", i ? " " : "",
			 demo->chain[i]);
}

/* The descriptors above 2 in a list such as "0,1,2,4,7": what a program had
 * at its start beyond 0, 1 and 2 came from its parents. */
static const char *
beyond_stdio(const char *fds, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (const char *p = fds; *p;) {
		int fd = atoi(p);

		if (fd > 2 && used < size)
			used += (size_t)snprintf(out + used, size - used, "%s%d", used ? "," : "", fd);
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
	}
	return out;
}

/* What a skipped step left undone, as heartbeatd's state shows it (step 1's
 * EPERM and step 3's terminal are told where they happen). */
static void
tell_what_is_missing(const struct demo *demo, const struct run_news *news)
{
	const char *name = program_name();

	if (demo->skipped[2] && strcmp(news->daemon.tty, "?") == 0)
		printf("%s: without step 2, heartbeatd is still in the session it was started "
		       "from\n%s: (SID %s, which has no terminal here), not in one of its own.\n",
		       name, name, news->daemon.sid);
	else if (demo->skipped[2])
		printf("%s: without step 2, heartbeatd is still in the session it was started "
		       "from\n%s: (SID %s), on its terminal: ps -t %s lists it, and when that "
		       "terminal closes,\n%s: it silently loses it.\n",
		       name, name, news->daemon.sid, news->daemon.tty, name);
	if (demo->skipped[4])
		printf("%s: without step 4, heartbeatd still works in %s:\n%s: that filesystem "
		       "cannot be unmounted while it runs.\n", name, news->daemon.cwd, name);
	if (demo->skipped[5])
		printf("%s: without step 5, heartbeatd keeps the umask it inherited, %s:\n%s: the "
		       "files it creates get permissions it did not choose.\n", name,
		       news->daemon.umask, name);
	if (demo->skipped[6]) {
		char inherited[sizeof news->daemon.fds_at_start];
		printf("%s: without step 6, heartbeatd started with descriptors it never "
		       "opened: %s\n%s: (fds=%s).\n", name,
		       beyond_stdio(news->daemon.fds_at_start, inherited, sizeof inherited), name,
		       news->daemon.fds_at_start);
	}
	if (demo->skipped[7])
		printf("%s: without step 7, 0, 1 and 2 stay closed, and the next open() took "
		       "descriptor 0:\n%s: fd0=%s.\n", name, name, news->daemon.fd0);
	tell_daemon7_missing(demo->skipped[SKIP_0A], demo->skipped[SKIP_0B], demo->skipped[SKIP_8],
			     news->daemon.sigign, news->daemon.sigblk, news->daemon.nenv,
			     news->daemon.uid);
}

/* The chain's first error, as its program recorded it: the call that failed,
 * then, on a line of its own, what the program said it means. */
static void
print_failure(const char *what, const struct run_news *news)
{
	const char *name = program_name();

	printf("%s: %s: %s\n", name, what, news->failure[0] ? news->failure : "see the log");
	if (news->failure_hint[0] && !news->failure_hint_seen)
		printf("%s: %s\n", name, news->failure_hint);
	if (news->pid_file_held)
		printf("%s: that heartbeatd stops by itself when its time is up, or with: "
		       "daemon-demo --stop\n", name);
}

/* The chain's first process has exited with first_status: did the chain go as
 * intended? Says what happened; waits for heartbeatd when it should start. */
static int
chain_went_as_intended(const struct demo *demo, int first_status, struct run_news *news)
{
	double patience = 10 + 8 * demo->pause;
	char what[64];

	if (first_status != 0) {
		read_news(news);
		/* without step 1, and with step 2, the EPERM is the lesson */
		if (demo->skipped[1] && !demo->skipped[2] && strstr(news->failure, "EPERM")) {
			print_failure("as intended without step 1", news);
			return 1;
		}
		snprintf(what, sizeof what, "the chain failed (exit status %d)", first_status);
		print_failure(what, news);
		return 0;
	}
	if (!wait_for_news(news, daemon_up_or_chain_failed, patience)) {
		printf("%s: heartbeatd did not start within %.0f s\n", program_name(), patience);
		return 0;
	}
	if (news->failure[0]) {
		print_failure("the chain failed", news);
		return 0;
	}
	printf("%s: heartbeatd is up: PID %d, its first record %.1f ms after the start.\n"
	       "%s: it stops by itself after %ld s, or with: daemon-demo --stop\n",
	       program_name(), (int)news->daemon_pid,
	       milliseconds_between(news->start_time, news->first_record_time), program_name(),
	       demo->seconds);
	readiness_print(&news->readiness);
	tell_what_is_missing(demo, news);
	return 1;
}

/* The runner closes its terminal: a daemon that took it (no step 3) must get SIGHUP. */
static int
hangup_went_as_intended(const struct demo *demo, int master, struct run_news *news)
{
	close(master);
	if (!news->tty_taken)
		return 1;
	if (wait_for_news(news, hangup_arrived, 3)) {
		printf("%s: heartbeatd took %s as its controlling terminal (no step 3), and got "
		       "SIGHUP when daemon-demo closed it.\n", program_name(), demo->slave);
		return 1;
	}
	printf("%s: heartbeatd took %s but no SIGHUP was recorded\n", program_name(), demo->slave);
	return 0;
}

/* --stop on the log in use: the daemon a demo left, and any chain on this log
 * still on its way to it (a demo killed before it could stop its chain leaves
 * one). Notes in *found whether there was any; returns 1 when one stayed. */
static int
stop_on_this_log(int *found)
{
	enum stop daemon = stop_daemon();
	int chain = daemon == STOP_FAILED ? 0 : stop_chain(NULL);

	*found |= daemon != STOP_NONE || chain != 0;
	return daemon == STOP_FAILED || daemon == STOP_NOT_OURS || chain == -1;
}

/* --stop: on the log, then, as root, on the log of --daemon7's folder for
 * nobody, if there is one. */
static int
stop_what_a_demo_left(void)
{
	char usual[PATH_MAX];
	int found = 0, failed = stop_on_this_log(&found), dropped = 0;

	snprintf(usual, sizeof usual, "%s", pid_file_path());
	if (!failed && geteuid() == 0 && (dropped = use_drop_log()))
		failed = stop_on_this_log(&found);
	if (!found && dropped)
		printf("%s: no demo daemon is running (neither %s nor %s names one, and no chain "
		       "on these logs is on its way)\n", program_name(), usual, pid_file_path());
	else if (!found)
		printf("%s: no demo daemon is running (%s names none, and no chain on this log is "
		       "on its way)\n", program_name(), usual);
	return failed ? EXIT_SYSCALL_FAILED : 0;
}

/* Whether the log has a record of run. */
static int
run_in_log(const char *run)
{
	struct run_news earlier = { .run = run };

	read_news(&earlier);
	return earlier.recorded;
}

int
main(int argc, char **argv)
{
	const char *values[OPT_COUNT];
	struct demo demo = { .skipped = { 0 } };
	char *quiz[] = { "popquiz", NULL };
	int intended = 1;

	ensure_stdio_open();
	const char *run_given = getenv(ENV_RUN);
	int next = program_setup(&program, argc, argv, values);
	if (argv[next])
		usage_error("unexpected argument '%s'", argv[next]);
	if (values[OPT_STOP])
		return stop_what_a_demo_left();
	read_settings(values, &demo);
	demo.drop = demo.daemon7 && !demo.skipped[SKIP_8] && drop_possible();
	if (demo.drop)
		prepare_drop();		/* the run moves to a log nobody can write */
	if (run_given && run_given[0] && run_in_log(run_given))
		usage_error("run '%s' (DAEMON_STEPS_RUN) is already in the log %s: the demo tells "
			    "its records by their run, so it needs a new one; unset "
			    "DAEMON_STEPS_RUN, or name another", run_given, log_path());
	if (stop_daemon() == STOP_FAILED)	/* a daemon left from an earlier run */
		return EXIT_SYSCALL_FAILED;

	int master = open_fresh_pty(demo.slave, sizeof demo.slave);
	if (demo.drop)
		give_terminal_to_drop_user(demo.slave);
	build_chain(&demo);
	if (demo.skip_text[0])
		record_start("chain", demo.chain_text, "skip", demo.skip_text, (char *)NULL);
	else
		record_start("chain", demo.chain_text, (char *)NULL);
	struct proc_state shell;
	if (proc_state_read(getppid(), &shell) == 0)
		(void)record_process(getppid(), shell.comm, "shell", "start", (char *)NULL);

	struct run_news news = { .run = getenv(ENV_RUN) };
	if (proc_fd_target(getpid(), STDOUT_FILENO, news.output, sizeof news.output) == -1)
		news.output[0] = '\0';	/* not known: each hint is told again */
	printf("%s: run %s\n%s: %s\n", program_name(), news.run, program_name(), demo.chain_text);
	int leaked = leak_a_file();
	catch_interruptions();
	pid_t first = spawn(demo.chain, SPAWN_GROUP_LEADER |	/* as a shell makes a job */
			    (demo.daemon7 ? SPAWN_STAGED_SIGNALS : 0));
	close(leaked);				/* the chain has it; nothing else should */
	intended &= chain_went_as_intended(&demo, exit_status_of(first, news.run), &news);

	printf("\n");
	if (exit_status_of(spawn(quiz, 0), news.run) != 0) {
		fprintf(stderr, "%s: the pop quiz did not go as expected\n", program_name());
		intended = 0;
	}
	printf("\n");
	intended &= hangup_went_as_intended(&demo, master, &news);
	end_if_interrupted(news.run);

	if (isatty(STDOUT_FILENO) && !values[OPT_NO_VIEWER] && intended) {
		putchar('\n');
		print_where_to_replay(news.run);	/* seen again after the viewer */
		open_viewer(news.run);
		print_run(news.run);
	} else {
		print_run(news.run);
		putchar('\n');
		print_where_to_replay(news.run);
	}
	return intended ? 0 : EXIT_SYSCALL_FAILED;
}
