/* explain.c - the lesson's words, as data (see explain.h).
 *
 * One table: the first row whose step, event and condition match a record
 * explains it. Rows for a particular case (the EPERM of step 2, a terminal
 * taken) come before the general row of their step and event.
 */
#include "explain.h"

#include <string.h>

const struct timeline_stop timeline[TIMELINE_STOPS] = {
	{ "", "start" },
	{ "1", "1 fork" },
	{ "2", "2 setsid" },
	{ "3", "3 fork" },
	{ "4", "4 chdir" },
	{ "5", "5 umask" },
	{ "6", "6 close" },
	{ "7", "7 stdio" },
	{ "daemon", "daemon" },
	{ "quiz", "quiz" },	/* daemon-demo puts the pop quiz last */
};

int
timeline_stop_of(const char *step)
{
	for (int i = 1; i < TIMELINE_STOPS; i++)
		if (strcmp(timeline[i].step, step) == 0)
			return i;
	return 0;	/* the shell, the runner, anything else: the start */
}

static const struct {
	const char *step;
	const char *call;
} calls[] = {
	{ "1", "fork(), and the parent exits" },
	{ "2", "setsid(): a session of its own" },
	{ "3", "fork() again, and the session leader exits" },
	{ "4", "chdir(\"/\")" },
	{ "5", "umask(0)" },
	{ "6", "close every inherited descriptor" },
	{ "7", "/dev/null on 0, 1 and 2" },
	{ "daemon", "the daemon at work" },
	{ "quiz", "the pop quiz" },
	{ "shell", "where daemon-demo was started" },
	{ "demo", "the runner, daemon-demo" },
};

const char *
step_call(const char *step)
{
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
		if (strcmp(calls[i].step, step) == 0)
			return calls[i].call;
	return NULL;
}

#define WITHOUT "Without it"
#define ANSWER "Answer"

/* A row matches when step and event match ("*": any) and, if cond_key is
 * set, the record has that key with cond_value (any value when NULL). */
static const struct {
	const char *step, *event, *cond_key, *cond_value;
	struct explanation text;
} rows[] = {
	/* where it starts */
	{ "shell", "*", "tty", "?", {
	  "This is the program daemon-demo was started from, its parent. It has "
	  "no controlling terminal (TTY ?): the demo ran from a script, a "
	  "service or a test, not from a terminal.",
	  "A program started here inherits its session, its working directory, "
	  "its umask and its open descriptors on 0, 1, 2 and up.",
	  "The seven steps take these ties away one by one; with no terminal "
	  "to leave, the TTY column stays ?. Run daemon-demo from a terminal to "
	  "see it change.", "Watch" } },
	{ "shell", "*", NULL, NULL, {
	  "This is the shell the demo was started from. It leads its session, and "
	  "its terminal is the session's controlling terminal. Each command typed "
	  "here becomes a job: a process group of its own, in this session.",
	  "A program started here inherits all of it: the session, the terminal "
	  "on 0, 1 and 2, the working directory, the umask, open descriptors.",
	  "The seven steps take these ties away one by one; this session stays on "
	  "screen as the place the daemon came from.", "Watch" } },
	{ "demo", "start", "skip", NULL, {
	  "daemon-demo starts the chain of step programs, but this run leaves out "
	  "the step(s) named by skip=. Each program does one step, records its "
	  "state, and executes the next one in the same process.",
	  "A step left out is a lesson too: watch its checklist item stay unmet.",
	  "Left out, the second fork (--single-fork) lets the daemon lead its "
	  "session: the terminal it opens becomes its own, and its hangup sends "
	  "SIGHUP.", "Look for" } },
	{ "demo", "*", NULL, NULL, {
	  "daemon-demo, the runner, starts the chain of step programs. Each one "
	  "does one step, records its state, and executes the next one in the "
	  "same process (exec keeps the PID).",
	  NULL, NULL, NULL } },

	/* the pop quiz */
	{ "quiz", "start", NULL, NULL, {
	  "Pop quiz: why does step 1 fork before step 2 calls setsid(), and why "
	  "does step 3 fork again? popquiz tries both rules on real processes.",
	  NULL, NULL, NULL } },
	{ "quiz", "*", "quiz", "leader-setsid", {
	  "Pop quiz: this process leads its process group and calls setsid(). "
	  "The kernel refuses: EPERM, operation not permitted.",
	  "A new session gets a new process group with the caller's PID as "
	  "its id. That group already exists, led by the caller, and a group may "
	  "not span two sessions.",
	  "Fork first. The child is in its parent's group but never leads it, so "
	  "its setsid() succeeds. That is step 1.", ANSWER } },
	{ "quiz", "*", "quiz", "fork-then-setsid", {
	  "The quiz's answer at work: the leader forked, and its child called "
	  "setsid(). It worked: the child now leads a new session and a new "
	  "group, with no controlling terminal.",
	  "The child was no group leader, so no group had its PID yet.",
	  NULL, NULL } },
	{ "quiz", "*", "quiz", "leader-opens-tty", {
	  "A session leader with no terminal opened a fresh pseudo-terminal "
	  "without O_NOCTTY: tty_taken=yes, it became its controlling terminal "
	  "(see TTY).",
	  "The kernel gives a terminal nobody owns to the first session leader "
	  "that opens it.",
	  "It gets SIGHUP when that terminal hangs up, and Ctrl-C typed there. "
	  "That is why step 3 forks again.", "Without step 3" } },
	{ "quiz", "*", "quiz", "non-leader-opens-tty", {
	  "After a second fork, the child opened the same kind of terminal "
	  "without O_NOCTTY: tty_taken=no, it got no controlling terminal.",
	  "The child is in the session but does not lead it, and only a session "
	  "leader can acquire a controlling terminal.",
	  NULL, NULL } },

	/* step 1 */
	{ "1", "start", NULL, NULL, {
	  "step1-fork begins as a shell starts a job: in a process group of its "
	  "own, which it leads, in the starter's session, with its terminal, "
	  "directory, umask and descriptors. "
	  "Next: fork(), so that a process that leads no group can go on.",
	  NULL, NULL, NULL } },
	{ "1", "parent-exit", NULL, NULL, {
	  "fork() made a child, a copy with a new PID. The parent now calls "
	  "_exit(): its work is done, and the shell gets its prompt back.",
	  "The child stays in the parent's process group, but does not lead it.",
	  NULL, NULL } },
	{ "1", "after", NULL, NULL, {
	  "The child was orphaned when its parent exited, and adopted (see PPID). "
	  "It is in its parent's group, but is not the group's leader.",
	  "Only a process that leads no group may call setsid() in step 2.",
	  "setsid() fails with EPERM when the program was started as a job of a "
	  "job-control shell, which makes every job lead its group.", WITHOUT } },

	/* step 2 */
	{ "2", "error", "errno", "EPERM", {
	  "setsid() failed with EPERM: this process leads its process group, so "
	  "it may not start a session. Step 1 was left out, or did not fork.",
	  "A new session's group gets the caller's PID as its id; that group "
	  "already exists, and a group may not span two sessions.",
	  "Fork first (step 1): the child leads no group, and its setsid() "
	  "succeeds.", ANSWER } },
	{ "2", "start", NULL, NULL, {
	  "step2-setsid begins: exec kept the PID, a new program runs. "
	  "Next: setsid(), to leave the shell's session and its terminal.",
	  NULL, NULL, NULL } },
	{ "2", "after", NULL, NULL, {
	  "setsid() made the process the leader of a new session and of a new "
	  "process group, with no controlling terminal (TTY ?).",
	  "The user's session no longer reaches it: no terminal of the user's, "
	  "no job control, nothing of a login that will end.",
	  "The daemon stays in the user's session, with the user's terminal as "
	  "its controlling terminal: ps -t lists it there, reading the terminal "
	  "stops it (SIGTTIN), and when the terminal closes it just loses it.",
	  WITHOUT } },

	/* step 3 */
	{ "3", "start", NULL, NULL, {
	  "step3-fork-again begins. The process leads its new session, and a "
	  "session leader that opens a terminal may take it as its own. "
	  "Next: fork() again, so the daemon does not lead its session.",
	  NULL, NULL, NULL } },
	{ "3", "parent-exit", NULL, NULL, {
	  "fork() made a second child. The session leader now calls _exit().",
	  "The child stays in the new session and group, but leads neither.",
	  NULL, NULL } },
	{ "3", "after", NULL, NULL, {
	  "The second child was adopted. It is in the new session, but is not "
	  "its leader, so no terminal it opens can become its controlling "
	  "terminal.",
	  "A daemon opens files, devices, perhaps a serial line or a console: "
	  "none of them can bring back a terminal and its signals.",
	  "Opening a terminal without O_NOCTTY makes it the daemon's own, and "
	  "its hangup sends SIGHUP, which kills by default.", WITHOUT } },

	/* steps 4 to 7 */
	{ "4", "start", NULL, NULL, {
	  "step4-chdir begins, still in the directory it was started from. "
	  "Next: chdir(\"/\").", NULL, NULL, NULL } },
	{ "4", "after", NULL, NULL, {
	  "chdir(\"/\"): the working directory is now the root (see cwd).",
	  "A working directory keeps its file system busy for as long as the "
	  "process lives.",
	  "umount says \"target is busy\" while the daemon runs, and relative "
	  "paths depend on where it was started.", WITHOUT } },
	{ "5", "start", NULL, NULL, {
	  "step5-umask begins, with the umask it inherited from the shell. "
	  "Next: umask(0).",
	  NULL, NULL, NULL } },
	{ "5", "after", NULL, NULL, {
	  "umask(0): the file-mode mask inherited from the shell (old_umask) is "
	  "cleared.",
	  "The modes the daemon passes to open() and mkdir() then mean exactly "
	  "what it asks for, whoever started it.",
	  "A file the daemon creates 0660 for its group comes out 0640 under a "
	  "user's umask of 0027.", WITHOUT } },
	{ "6", "start", NULL, NULL, {
	  "step6-close-fds begins, holding every descriptor its starter left "
	  "open (see fds). "
	  "Next: close all of them, 0, 1 and 2 included.",
	  NULL, NULL, NULL } },
	{ "6", "after", NULL, NULL, {
	  "Every inherited descriptor is closed, 0, 1 and 2 included (method= "
	  "tells how: close_range, /proc/self/fd, or the classic loop).",
	  "Each one keeps something alive: the terminal, a pipe whose reader "
	  "waits for end-of-file, a file on a disk, a socket.",
	  "$(daemon) in a script never returns: the daemon still holds the "
	  "pipe's write end.", WITHOUT } },
	{ "7", "start", NULL, NULL, {
	  "step7-reopen-stdio begins with 0, 1 and 2 closed. "
	  "Next: open /dev/null on 0, 1 and 2.",
	  NULL, NULL, NULL } },
	{ "7", "after", NULL, NULL, {
	  "/dev/null is open on 0, 1 and 2 (or a log file on 1 and 2, with "
	  "--log).",
	  "open() returns the lowest free number: with 0, 1 and 2 taken, the "
	  "daemon's own files get 3 and up.",
	  "With 0, 1 and 2 closed, the daemon's first file (its pid file, its "
	  "log) becomes descriptor 0 and the next one 1: a printf() then writes "
	  "into that file.", WITHOUT } },

	/* the daemon */
	{ "daemon", "start", NULL, NULL, {
	  "heartbeatd begins: the daemon's real work. Every item of the "
	  "checklist should now be met.",
	  NULL, NULL, NULL } },
	{ "daemon", "after", "tty_taken", "yes", {
	  "The daemon opened a terminal (tried_tty) without O_NOCTTY, and the "
	  "kernel made it its controlling terminal: see TTY.",
	  "This run left out step 3: the daemon still leads its session, and a "
	  "session leader with no terminal takes the first one it opens.",
	  "When that terminal hangs up, the kernel sends the daemon SIGHUP, "
	  "which kills by default. The second fork prevents exactly this.",
	  "Look for" } },
	{ "daemon", "after", "tty_taken", "no", {
	  "The daemon opened a terminal (tried_tty) without O_NOCTTY, as a "
	  "careless daemon would. It did not become its controlling terminal.",
	  "It does not lead its session (step 3): no open can give it a "
	  "terminal, or a terminal's signals.", NULL, NULL } },
	{ "daemon", "heartbeat", "stdout_errno", NULL, {
	  "A heartbeat: the daemon runs, but its printf() to stdout failed "
	  "(stdout_errno): this run left out step 7, so 1 and 2 are closed, and "
	  "its pid file took descriptor 0 (see 0 1 2).",
	  "open() hands out the lowest free number: had the daemon opened one "
	  "more file, it would be descriptor 1, and these lines would land in it.",
	  NULL, NULL } },
	{ "daemon", "heartbeat", NULL, NULL, {
	  "A heartbeat: the daemon runs, recording its state once a second. "
	  "Heartbeats that change nothing are counted on one frame.",
	  NULL, NULL, NULL } },
	{ "*", "signal", "signal", "SIGHUP", {
	  "SIGHUP arrived. The kernel sends it to the session leader that "
	  "controls a terminal when the terminal hangs up; bash, getting one, "
	  "resends it to its jobs.",
	  "A daemon made by all seven steps has no terminal to lose: a SIGHUP it "
	  "gets was sent on purpose (kill -HUP), by convention meaning \"read "
	  "your configuration again\".",
	  "A daemon that took a terminal gets it when that terminal closes, and "
	  "dies of it unless it catches it.", "Without step 3" } },
	{ "*", "signal", "signal", "SIGTERM", {
	  "SIGTERM arrived: someone (kill, the runner, systemd) asks the daemon "
	  "to stop. It records it and exits cleanly.",
	  NULL, NULL, NULL } },
	{ "*", "signal", NULL, NULL, {
	  "A signal arrived (see signal=). A process with no terminal gets "
	  "Ctrl-C's SIGINT only when someone sends it with kill.",
	  NULL, NULL, NULL } },
	{ "*", "exit", NULL, NULL, {
	  "The daemon exits (see reason=) and removes its pid file.",
	  NULL, NULL, NULL } },

	/* whatever is left */
	{ "*", "error", NULL, NULL, {
	  "A system call failed: call= names it, errno= and error= say why. The "
	  "program records it and exits with status 1 (126 or 127 when the next "
	  "program could not be run).",
	  NULL, NULL, NULL } },
	{ "*", "parent-exit", NULL, NULL, {
	  "The parent of a fork exits; its child is orphaned and adopted.",
	  NULL, NULL, NULL } },
	{ "*", "*", NULL, NULL, {
	  "A record of the log (event= says what happened).", NULL, NULL, NULL } },
};

static int
matches(const char *pattern, const char *value)
{
	return strcmp(pattern, "*") == 0 || strcmp(pattern, value) == 0;
}

const struct explanation *
explain(const struct entry *record)
{
	const char *step = entry_text(record, "step");
	const char *event = entry_text(record, "event");

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *value;

		if (!matches(rows[i].step, step) || !matches(rows[i].event, event))
			continue;
		if (rows[i].cond_key == NULL)
			return &rows[i].text;
		value = entry_get(record, rows[i].cond_key);
		if (value && (rows[i].cond_value == NULL || strcmp(value, rows[i].cond_value) == 0))
			return &rows[i].text;
	}
	return NULL;	/* not reached: the last row matches every record */
}
