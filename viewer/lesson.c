/* lesson.c - a frame's explanation, made from what the frame shows (see lesson.h).
 *
 * One table. For a frame, every sentence whose step and event match, whose
 * key=value the record has, and whose claims all hold is said, in the
 * table's order: what happened (the call, the fields that changed, the
 * checklist items won or lost), why a daemon needs it, and what goes wrong
 * without it. Sentences that are alternatives (it leads its session / it does
 * not) claim opposite facts, so at most one of them is said.
 */
#include "lesson.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "logread.h"	/* log_signal_set(), log_id_list() */
#include "record.h"	/* format_signal_set */

#define WITHOUT "Without it"
#define AS_IT_STANDS "As it stands"	/* daemon(7)'s items the daemon begins without */
#define N(fact) NOT_FACT(FACT_##fact)
#define F(fact) FACT_##fact

static const struct sentence table[] = {
	/*** where it starts: the shell daemon-demo was started from ***/
	{ "shell", "*", NULL, NULL, PART_WHAT, NULL, { 0 },
	  "This is {prog} (PID {pid}), the program daemon-demo was started from." },
	{ "shell", "*", NULL, NULL, PART_WHAT, NULL, { F(LEADS_SESSION) },
	  "It leads its session, {sid}." },
	{ "shell", "*", NULL, NULL, PART_WHAT, NULL, { N(LEADS_SESSION) },
	  "It is in session {sid}, which another process leads." },
	{ "shell", "*", NULL, NULL, PART_WHAT, NULL, { F(HAS_TTY) },
	  "Its controlling terminal is {tty}." },
	{ "shell", "*", NULL, NULL, PART_WHAT, NULL, { N(HAS_TTY) },
	  "It has no controlling terminal (TTY ?): the demo ran from a script, a "
	  "service or a test, not from a terminal." },
	{ "shell", "*", NULL, NULL, PART_WHY, NULL, { 0 },
	  "A program started here inherits its session, its working directory, its "
	  "umask and its open descriptors, 0, 1, 2 and up." },
	{ "shell", "*", NULL, NULL, PART_WITHOUT, "Watch", { F(HAS_TTY) },
	  "The seven steps take these ties away one by one; this session stays on "
	  "screen as the place the daemon came from." },
	{ "shell", "*", NULL, NULL, PART_WITHOUT, "Watch", { N(HAS_TTY) },
	  "The seven steps take these ties away one by one; with no terminal to "
	  "leave, the TTY column stays ?. Run daemon-demo from a terminal to see it "
	  "change." },

	/*** the runner ***/
	{ "demo", "start", NULL, NULL, PART_WHAT, NULL, { 0 },
	  "daemon-demo (PID {pid}), the runner, starts the chain of step programs. "
	  "Each one does one step, records its state, and executes the next one in "
	  "the same process (exec keeps the PID)." },
	{ "demo", "start", "skip", NULL, PART_WHAT, NULL, { 0 },
	  "This run leaves out {skipped}." },
	{ "demo", "start", NULL, NULL, PART_WITHOUT, "Look for", { F(STOPS_AT_2) },
	  "Without step 1, step 2 runs in the process the runner started, which it "
	  "made a group leader as a shell makes each job, and a group leader's "
	  "setsid() fails with EPERM: the chain stops there." },
	{ "demo", "start", NULL, NULL, PART_WITHOUT, "Look for", { F(SKIPS_1), F(SKIPS_2) },
	  "Without step 1, the daemon keeps leading the process group the runner "
	  "made for the chain: watch PGID." },
	{ "demo", "start", NULL, NULL, PART_WITHOUT, "Look for", { F(SKIPS_2) },
	  "Without step 2, the daemon stays in the starter's session, with the "
	  "starter's terminal, if it has one: watch SID and TTY." },
	{ "demo", "start", NULL, NULL, PART_WITHOUT, "Look for", { F(SKIPS_3), N(SKIPS_2), N(STOPS_AT_2) },
	  "Without step 3, the daemon leads its session: a terminal no session owns "
	  "that it opens without O_NOCTTY becomes its own, and that terminal's "
	  "hangup sends it SIGHUP." },
	{ "demo", "start", NULL, NULL, PART_WITHOUT, "Look for", { F(SKIPS_4), N(STOPS_AT_2) },
	  "Without step 4, the daemon keeps the starter's working directory: watch "
	  "cwd." },
	{ "demo", "start", NULL, NULL, PART_WITHOUT, "Look for", { F(SKIPS_5), N(STOPS_AT_2) },
	  "Without step 5, the daemon keeps the starter's umask: watch umask." },
	{ "demo", "start", NULL, NULL, PART_WITHOUT, "Look for", { F(SKIPS_6), N(STOPS_AT_2) },
	  "Without step 6, the descriptors the runner left open reach the daemon: "
	  "watch fds." },
	{ "demo", "start", NULL, NULL, PART_WITHOUT, "Look for", { F(SKIPS_7), N(SKIPS_6), N(STOPS_AT_2) },
	  "Without step 7, 0, 1 and 2 stay closed after step 6, and the first file "
	  "the daemon opens takes descriptor 0: watch 0 1 2." },
	{ "demo", "start", NULL, NULL, PART_WITHOUT, "Look for", { F(SKIPS_7), F(SKIPS_6), N(STOPS_AT_2) },
	  "Without steps 6 and 7, 0, 1 and 2 stay what the starter gave: watch 0 1 2." },
	/* daemon(7)'s steps, which daemon-demo --daemon7 adds */
	{ "demo", "start", NULL, NULL, PART_WITHOUT, "Look for", { F(SKIPS_0A) },
	  "Without step 0a, the signals the chain was started with ignored or "
	  "blocked stay so in the daemon: watch sigign and sigblk in heartbeatd's "
	  "records, and whether a SIGHUP sent to it is recorded." },
	{ "demo", "start", NULL, NULL, PART_WITHOUT, "Look for", { F(SKIPS_0B) },
	  "Without step 0b, the daemon keeps the starter's whole environment: "
	  "watch nenv." },

	/*** a step program begins ***/
	{ "chain", "start", NULL, NULL, PART_WHAT, NULL, { N(COMPARED) },
	  "{prog} begins as PID {pid}, started by {parent} (PID {ppid})." },
	{ "chain", "start", NULL, NULL, PART_WHAT, NULL, { F(NEW_PROCESS), F(CHILD_OF_COMPARED) },
	  "{prog} begins in a new process, PID {pid}: a child of {parent} (PID "
	  "{ppid}), with its directory, umask and open descriptors." },
	{ "chain", "start", NULL, NULL, PART_WHAT, NULL, { F(COMPARED), N(NEW_PROCESS) },
	  "exec kept the process: PID {pid} now runs {prog}, and its state is what "
	  "{old.prog} left." },
	/* what the coming step is about, as it stands before the call */
	{ "1", "start", NULL, NULL, PART_WHAT, NULL, { F(LEADS_GROUP), F(NEW_PROCESS), F(PGID_CHANGED) },
	  "It leads a process group of its own, {pgid}, as a job-control shell puts "
	  "each job in one." },
	{ "1", "start", NULL, NULL, PART_WHAT, NULL, { F(LEADS_GROUP), F(PGID_CHANGED), N(NEW_PROCESS) },
	  "It leads its process group, {pgid} (it was in {old.pgid})." },
	{ "1", "start", NULL, NULL, PART_WHAT, NULL, { F(LEADS_GROUP), N(PGID_CHANGED) },
	  "It leads its process group, {pgid}." },
	{ "1", "start", NULL, NULL, PART_WHAT, NULL, { N(LEADS_GROUP) },
	  "It is in process group {pgid}, which it does not lead." },
	{ "1", "start", NULL, NULL, PART_WHAT, NULL, { F(LEADS_SESSION) },
	  "It leads its session, {sid}." },
	{ "1", "start", NULL, NULL, PART_WHAT, NULL, { N(LEADS_SESSION), F(ORIGIN_SESSION) },
	  "It is in the starter's session, {sid}, which it does not lead." },
	{ "1", "start", NULL, NULL, PART_WHAT, NULL, { N(LEADS_SESSION), N(ORIGIN_SESSION) },
	  "It is in session {sid}, which it does not lead." },
	{ "1", "start", NULL, NULL, PART_WHAT, NULL, { F(HAS_TTY) },
	  "Its controlling terminal is {tty}." },
	{ "1", "start", NULL, NULL, PART_WHAT, NULL, { N(HAS_TTY) },
	  "It has no controlling terminal." },
	{ "1", "start", NULL, NULL, PART_WHAT, NULL, { F(LEADS_GROUP) },
	  "Next: fork(). The child gets a new PID in this group, so it leads no "
	  "group and may call setsid()." },
	{ "1", "start", NULL, NULL, PART_WHAT, NULL, { N(LEADS_GROUP) },
	  "Next: fork(). This process leads no group already, so setsid() would "
	  "work even without it; a job of a job-control shell would lead one." },
	{ "2", "start", NULL, NULL, PART_WHAT, NULL, { N(LEADS_GROUP), N(LEADS_SESSION), F(HAS_TTY) },
	  "It is in session {sid}, which it does not lead, with the controlling "
	  "terminal {tty}, and it leads no process group. Next: setsid(), to leave "
	  "that session and its terminal." },
	{ "2", "start", NULL, NULL, PART_WHAT, NULL, { N(LEADS_GROUP), N(LEADS_SESSION), N(HAS_TTY) },
	  "It is in session {sid}, which it does not lead, with no controlling "
	  "terminal, and it leads no process group. Next: setsid(), to leave that "
	  "session." },
	{ "2", "start", NULL, NULL, PART_WHAT, NULL, { F(LEADS_GROUP) },
	  "It leads its process group ({pgid} is its PID), and the kernel refuses "
	  "setsid() to a group leader. Next: setsid(); watch what it returns." },
	{ "3", "start", NULL, NULL, PART_WHAT, NULL, { F(LEADS_SESSION), N(HAS_TTY) },
	  "It leads its session, {sid}, with no controlling terminal: a session "
	  "leader that opens a terminal no session owns, without O_NOCTTY, takes it "
	  "as its own. Next: fork() again, so that the daemon does not lead its "
	  "session." },
	{ "3", "start", NULL, NULL, PART_WHAT, NULL, { F(LEADS_SESSION), F(HAS_TTY) },
	  "It leads its session, {sid}, and its controlling terminal is {tty}. "
	  "Next: fork() again, so that the daemon does not lead its session." },
	{ "3", "start", NULL, NULL, PART_WHAT, NULL, { N(LEADS_SESSION) },
	  "It does not lead its session, {sid}, so it could not take a terminal "
	  "even now; the second fork guards a session leader. Next: fork() again." },
	{ "4", "start", NULL, NULL, PART_WHAT, NULL, { N(CWD_ROOT) },
	  "Its working directory is {cwd}. Next: chdir(\"/\")." },
	{ "4", "start", NULL, NULL, PART_WHAT, NULL, { F(CWD_ROOT) },
	  "Its working directory is / already. Next: chdir(\"/\") all the same." },
	{ "5", "start", NULL, NULL, PART_WHAT, NULL, { N(UMASK_ZERO) },
	  "Its umask is {umask}. Next: umask(0)." },
	{ "5", "start", NULL, NULL, PART_WHAT, NULL, { F(UMASK_ZERO) },
	  "Its umask is 0000 already. Next: umask(0) all the same." },
	{ "6", "start", NULL, NULL, PART_WHAT, NULL, { N(NOTHING_OPEN) },
	  "It holds the descriptors {fds}. Next: close every one, 0, 1 and 2 "
	  "included." },
	{ "6", "start", NULL, NULL, PART_WHAT, NULL, { F(NOTHING_OPEN) },
	  "It holds no descriptor. Next: close any that are open." },
	{ "7", "start", NULL, NULL, PART_WHAT, NULL, { F(STDIO_CLOSED) },
	  "0, 1 and 2 are closed. Next: open /dev/null on each." },
	{ "7", "start", NULL, NULL, PART_WHAT, NULL, { N(STDIO_CLOSED) },
	  "0, 1 and 2 are {stdio}. Next: put /dev/null on each in their place." },
	{ "0a", "start", NULL, NULL, PART_WHAT, NULL, { F(SIGNALS_IGNORED) },
	  "It ignores {sigign} (sigign), as the chain's starter left it. Next: "
	  "every signal back to its default action." },
	{ "0a", "start", NULL, NULL, PART_WHAT, NULL, { N(SIGNALS_IGNORED) },
	  "It ignores no signal ({sigign}). Next: every signal back to its default "
	  "action all the same." },
	{ "0a", "start", NULL, NULL, PART_WHAT, NULL, { F(SIGNALS_BLOCKED) },
	  "It blocks {sigblk} (sigblk): a blocked signal waits, undelivered. "
	  "Next: an empty signal mask." },
	{ "0a", "start", NULL, NULL, PART_WHAT, NULL, { N(SIGNALS_BLOCKED) },
	  "It blocks no signal. Next: an empty signal mask all the same." },
	{ "0b", "start", NULL, NULL, PART_WHAT, NULL, { N(NENV_UNREADABLE) },
	  "Its environment holds {nenv} variables, the starter's. Next: clear it "
	  "but for a documented few." },
	{ "8", "start", NULL, NULL, PART_WHAT, NULL, { F(IS_ROOT) },
	  "It runs as root: uid {uid}, gid {gid} (real, effective, saved, file "
	  "system), groups {groups}. Next: setgroups(), setgid(), setuid(), in "
	  "that order." },
	{ "8", "start", NULL, NULL, PART_WHAT, NULL, { N(IS_ROOT) },
	  "It does not run as root (uid {uid}): it has no privilege to drop, and "
	  "the kernel will refuse the calls." },
	{ "daemon", "start", NULL, NULL, PART_WHAT, NULL, { F(SIGHUP_IGNORED) },
	  "It ignores SIGHUP, inherited, and heartbeatd keeps it so, as nohup "
	  "means: kill -HUP will not reach it." },
	{ "daemon", "start", NULL, NULL, PART_WHAT, NULL, { F(SIGNALS_BLOCKED) },
	  "It starts with {sigblk} blocked, inherited: a handler would never run; "
	  "heartbeatd's sigtimedwait() takes blocked signals." },
	{ "1", "start", NULL, NULL, PART_WHAT, NULL, { F(NENV_CHANGED), F(COMPARED), N(NEW_PROCESS) },
	  "Its environment holds {nenv} variables now; it held {old.nenv}: exec "
	  "gave the kernel the environment the last program left." },
	{ "daemon", "start", NULL, NULL, PART_WHAT, NULL, { F(ALL_MET) },
	  "heartbeatd is the daemon's real work, and every item of the seven steps' "
	  "checklist is met: this process is a daemon." },
	{ "daemon", "start", NULL, NULL, PART_WHAT, NULL, { N(ALL_MET) },
	  "heartbeatd is the daemon's real work, but this process is not a daemon "
	  "yet. Not met: {unmet}." },
	/* what daemon(7) also asks, judged as the daemon's work begins */
	{ "daemon", "start", NULL, NULL, PART_WHAT, NULL, { F(SIGNALS_KEPT) },
	  "Since the chain began ({first.prog}), its signals are as its caller left "
	  "them: ignored {kept_ignored}, blocked {kept_blocked}; nothing reset them." },
	{ "daemon", "start", NULL, NULL, PART_WHAT, NULL, { F(ENV_KEPT) },
	  "Its environment is its caller's: {nenv} variables, where the chain began "
	  "with {first.nenv}." },
	{ "daemon", "start", NULL, NULL, PART_WHAT, NULL, { F(STARTED_ROOT), F(ROOT_LEFT) },
	  "It started as root and is root still: uid {uid}, gid {gid}, groups "
	  "{groups}." },
	{ "daemon", "start", NULL, NULL, PART_WHAT, NULL, { F(STARTED_ROOT), N(ROOT_LEFT) },
	  "It started as root and holds no root ID now: uid {uid}, gid {gid}." },
	{ "daemon", "start", NULL, NULL, PART_WHAT, NULL, { N(STARTED_ROOT) },
	  "It never ran as root (uid {first.uid} when the chain began): there is no "
	  "privilege to drop." },
	{ "daemon", "start", NULL, NULL, PART_WITHOUT, AS_IT_STANDS, { F(SIGNALS_KEPT) },
	  "A signal its caller ignored stays ignored, one it blocked stays blocked: "
	  "under nohup, kill -HUP no longer reaches the daemon, and a blocked "
	  "SIGTERM stays pending. daemon(7) resets every handler and empties the "
	  "mask first (step 0a)." },
	{ "daemon", "start", NULL, NULL, PART_WITHOUT, AS_IT_STANDS, { F(ENV_KEPT) },
	  "It runs with its caller's PATH, locale and HOME, even an LD_PRELOAD: what "
	  "it does depends on who started it (step 0b keeps a documented few)." },
	{ "daemon", "start", NULL, NULL, PART_WITHOUT, AS_IT_STANDS, { F(STARTED_ROOT), F(ROOT_LEFT) },
	  "Every flaw in the daemon is a flaw as root (step 8 drops to a user of its "
	  "own)." },

	/*** a fork's parent exits ***/
	{ "*", "parent-exit", NULL, NULL, PART_WHAT, NULL, { N(LEADS_SESSION), N(WAITED_READY) },
	  "fork() made a child, a copy with a new PID. The parent, PID {pid}, now "
	  "calls _exit(): its work is done, and whoever waits for it (a shell, for "
	  "one) goes on." },
	{ "*", "parent-exit", NULL, NULL, PART_WHAT, NULL, { F(LEADS_SESSION), N(WAITED_READY) },
	  "fork() made a child, a copy with a new PID. The parent, PID {pid}, the "
	  "leader of session {sid}, now calls _exit()." },
	{ "*", "parent-exit", NULL, NULL, PART_WHY, NULL, { N(WAITED_READY) },
	  "The child is in the parent's process group and session, and leads "
	  "neither: its PID is new." },

	/*** a step's result ***/
	/* a real program's call, as daemon-trace recorded it (call=) */
	{ "step", "after", NULL, NULL, PART_WHAT, NULL, { F(TRACED_CALL) },
	  "{prog} called {called}, which stands for step {step} of the recipe." },
	{ "4", "after", NULL, NULL, PART_WHAT, NULL, { F(TRACED_CALL), F(CWD_CHANGED) },
	  "Its working directory is now {cwd}; it was {old.cwd}." },
	{ "5", "after", NULL, NULL, PART_WHAT, NULL, { F(TRACED_CALL), F(UMASK_CHANGED) },
	  "Its umask is now {umask}; it was {old.umask}." },
	{ "7", "after", NULL, NULL, PART_WHAT, NULL, { F(TRACED_CALL) },
	  "0, 1 and 2 are now {stdio}." },
	{ "*", "after", NULL, NULL, PART_WHAT, NULL, { F(NEW_PROCESS), F(ADOPTED) },
	  "The child, PID {pid}, was orphaned when its parent (PID {old.pid}) "
	  "exited, and {adopter} adopted it: see PPID." },
	{ "1", "after", NULL, NULL, PART_WHAT, NULL, { N(LEADS_GROUP), N(PGID_CHANGED) },
	  "It is in its parent's process group, {pgid}, which it does not lead." },
	{ "1", "after", NULL, NULL, PART_WHY, NULL, { 0 },
	  "Only a process that leads no group may call setsid() in step 2." },
	{ "1", "after", NULL, NULL, PART_WITHOUT, WITHOUT, { 0 },
	  "A job-control shell makes every job lead its process group, and a group "
	  "leader's setsid() fails with EPERM." },

	{ "2", "after", NULL, NULL, PART_WHAT, NULL,
	  { F(SID_CHANGED), F(LEADS_SESSION), F(LEADS_GROUP), F(PGID_CHANGED) },
	  "setsid() made the process the leader of a new session, {sid} (it was in "
	  "{old.sid}), and of a new process group, {pgid} (was {old.pgid})." },
	{ "2", "after", NULL, NULL, PART_WHAT, NULL, { F(TTY_CHANGED), N(HAS_TTY), F(SID_CHANGED) },
	  "It lost its controlling terminal, {old.tty}: a new session has none." },
	{ "2", "after", NULL, NULL, PART_WHAT, NULL, { N(TTY_CHANGED), N(HAS_TTY), F(SID_CHANGED) },
	  "It has no controlling terminal, as every new session begins." },
	{ "2", "after", NULL, NULL, PART_WHY, NULL, { N(ORIGIN_SESSION) },
	  "The starter's session no longer reaches it: no terminal of the user's, "
	  "no job control, nothing of a login that will end." },
	{ "2", "after", NULL, NULL, PART_WITHOUT, WITHOUT, { 0 },
	  "The daemon stays in the starter's session, with its terminal, if any, "
	  "as its controlling terminal: ps -t lists it there, Ctrl-C reaches it "
	  "when its group is in the foreground, and when the terminal closes it "
	  "just loses it." },

	{ "3", "after", NULL, NULL, PART_WHAT, NULL, { N(LEADS_SESSION), N(HAS_TTY) },
	  "It is in session {sid} and does not lead it, so no terminal it opens can "
	  "become its controlling terminal." },
	{ "3", "after", NULL, NULL, PART_WHAT, NULL, { N(LEADS_SESSION), F(HAS_TTY) },
	  "It is in session {sid} and does not lead it: it keeps that session's "
	  "controlling terminal, {tty}, and can take no other." },
	{ "3", "after", NULL, NULL, PART_WHY, NULL, { N(HAS_TTY) },
	  "A daemon opens files, devices, perhaps a serial line or a console: none "
	  "of them can bring back a terminal and its signals." },
	{ "3", "after", NULL, NULL, PART_WHY, NULL, { F(HAS_TTY), N(LEADS_SESSION) },
	  "This process still has the terminal its session had: the second fork "
	  "keeps a daemon from taking one, it does not take one away (that is "
	  "setsid()'s work, step 2)." },
	{ "3", "after", NULL, NULL, PART_WITHOUT, WITHOUT, { 0 },
	  "A session leader with no controlling terminal that opens, without "
	  "O_NOCTTY, a terminal no session owns makes it its own, and that "
	  "terminal's hangup sends it SIGHUP, which kills by default." },

	{ "4", "after", NULL, NULL, PART_WHAT, NULL, { F(CWD_ROOT), F(CWD_CHANGED), N(TRACED_CALL) },
	  "chdir(\"/\"): the working directory is now / (it was {old.cwd})." },
	{ "4", "after", NULL, NULL, PART_WHAT, NULL, { F(CWD_ROOT), N(CWD_CHANGED), N(TRACED_CALL) },
	  "chdir(\"/\"): the working directory was / already, and stays so." },
	{ "4", "after", NULL, NULL, PART_WHY, NULL, { 0 },
	  "A working directory keeps its file system busy for as long as the "
	  "process lives." },
	{ "4", "after", NULL, NULL, PART_WITHOUT, WITHOUT, { 0 },
	  "umount says \"target is busy\" while the daemon runs, and relative paths "
	  "depend on where it was started." },

	{ "5", "after", NULL, NULL, PART_WHAT, NULL, { F(UMASK_ZERO), F(UMASK_CHANGED), N(TRACED_CALL) },
	  "umask(0): the file-mode mask is now 0000; it was {old.umask}." },
	{ "5", "after", NULL, NULL, PART_WHAT, NULL, { F(UMASK_ZERO), N(UMASK_CHANGED), N(TRACED_CALL) },
	  "umask(0): the file-mode mask was 0000 already, and stays so." },
	{ "5", "after", NULL, NULL, PART_WHY, NULL, { 0 },
	  "The modes the daemon passes to open() and mkdir() then mean exactly what "
	  "it asks for, whoever started it." },
	{ "5", "after", NULL, NULL, PART_WITHOUT, WITHOUT, { 0 },
	  "A file the daemon creates 0660 for its group comes out 0640 under a "
	  "user's umask of 0027." },

	{ "6", "after", NULL, NULL, PART_WHAT, NULL,
	  { F(NOTHING_OPEN), F(FDS_CHANGED), N(TRACED_CALL) },
	  "Every descriptor is closed, 0, 1 and 2 included: it held {old.fds}, now "
	  "none (method= tells how: close_range, /proc/self/fd, or the classic "
	  "loop)." },
	{ "6", "after", "closed", NULL, PART_WHAT, NULL, { F(TRACED_CALL) },
	  "Closed: {closed}, of {tried} tried (calls: {calls}, failed: {failed})." },
	{ "6", "after", NULL, NULL, PART_WHAT, NULL, { F(TRACED_CALL), F(NOTHING_OPEN) },
	  "No descriptor is open now; it held {old.fds}." },
	{ "6", "after", NULL, NULL, PART_WHAT, NULL, { F(TRACED_CALL), F(INHERITED_OPEN) },
	  "Still open, from its caller: {inherited_open}." },
	{ "6", "after", NULL, NULL, PART_WHAT, NULL, { F(NOTHING_OPEN), N(FDS_CHANGED) },
	  "No descriptor is open, as none was before." },
	{ "6", "after", NULL, NULL, PART_WHY, NULL, { 0 },
	  "Each descriptor keeps something alive: the terminal, a pipe whose reader "
	  "waits for end-of-file, a file on a disk, a socket." },
	{ "6", "after", NULL, NULL, PART_WITHOUT, WITHOUT, { 0 },
	  "What the starter left open stays open for as long as the daemon lives: a "
	  "script's $(...) waits for the end of a pipe the daemon still holds on 3 "
	  "or up (step 7 replaces only 0, 1 and 2), a deleted log keeps its disk "
	  "space, a socket its connection." },

	{ "7", "after", NULL, NULL, PART_WHAT, NULL, { F(STDIO_NULL), N(TRACED_CALL) },
	  "/dev/null is open on 0, 1 and 2." },
	{ "7", "after", NULL, NULL, PART_WHAT, NULL, { N(STDIO_NULL), N(TRACED_CALL) },
	  "0, 1 and 2 are now {stdio} (a log file on 1 and 2 with --log)." },
	{ "7", "after", NULL, NULL, PART_WHY, NULL, { 0 },
	  "open() returns the lowest free number: with 0, 1 and 2 taken, the "
	  "daemon's own files get 3 and up." },
	{ "7", "after", NULL, NULL, PART_WITHOUT, WITHOUT, { 0 },
	  "With 0, 1 and 2 closed, the daemon's first file (its pid file, its log) "
	  "becomes descriptor 0 and the next one 1: a printf() then writes into "
	  "that file." },

	{ "0a", "after", NULL, NULL, PART_WHAT, NULL, { N(SIGNALS_IGNORED), F(SIGIGN_CHANGED) },
	  "sigaction(SIG_DFL) for every signal: it no longer ignores {old.sigign}." },
	{ "0a", "after", NULL, NULL, PART_WHAT, NULL, { N(SIGNALS_BLOCKED), F(SIGBLK_CHANGED) },
	  "sigprocmask(): {old.sigblk} no longer blocked." },
	{ "0a", "after", NULL, NULL, PART_WHAT, NULL,
	  { N(SIGNALS_IGNORED), N(SIGNALS_BLOCKED), N(SIGIGN_CHANGED), N(SIGBLK_CHANGED) },
	  "No signal is ignored or blocked, as none was before: a start from a "
	  "clean shell leaves nothing to reset." },
	{ "0a", "after", NULL, NULL, PART_WHY, NULL, { 0 },
	  "An ignored signal and the signal mask pass through fork() and exec(); "
	  "only a handler is reset by exec. The daemon starts from the defaults a "
	  "new program gets, whoever started it." },
	{ "0a", "after", NULL, NULL, PART_WITHOUT, WITHOUT, { 0 },
	  "A daemon started under nohup keeps SIGHUP ignored, so kill -HUP (\"read "
	  "your configuration again\") does nothing; one that inherited SIGTERM "
	  "blocked never has it delivered to its handler." },

	{ "0b", "after", "kept", NULL, PART_WHAT, NULL, { 0 },
	  "clearenv(), then putenv() of the few kept: {kept}. The others are gone "
	  "(dropped= names them)." },
	{ "0b", "after", "kept", NULL, PART_WHAT, NULL, { N(NENV_CHANGED), N(NENV_UNREADABLE) },
	  "The kernel still counts {nenv} (nenv): /proc shows the environment exec "
	  "gave, and clearenv() changed only the program's copy. The next "
	  "program's start shows the new count." },
	{ "0b", "after", NULL, NULL, PART_WHY, NULL, { 0 },
	  "The environment is inherited: HOME, USER and SHELL are the "
	  "administrator's, TERM names a terminal the daemon will not have, "
	  "LD_PRELOAD and LD_LIBRARY_PATH change what code runs." },
	{ "0b", "after", NULL, NULL, PART_WITHOUT, WITHOUT, { 0 },
	  "A daemon started by hand behaves unlike the same daemon started at boot, "
	  "as the starter's environment says." },

	{ "8", "after", NULL, NULL, PART_WHAT, NULL, { F(IDS_CHANGED), N(IS_ROOT) },
	  "It now runs as {user} and {group}: uid {uid}, gid {gid}, groups {groups} "
	  "(it was uid {old.uid}, groups {old.groups}), and setuid(0) fails." },
	{ "8", "after", NULL, NULL, PART_WHAT, NULL, { F(NENV_UNREADABLE) },
	  "Its own environment is unreadable to it now (nenv: {nenv}): until its "
	  "next exec a process that left root is not dumpable, and its /proc "
	  "files are root's." },
	{ "8", "after", NULL, NULL, PART_WHY, NULL, { 0 },
	  "setgroups() and setgid() need root's CAP_SETGID, which setuid() gives "
	  "up: called after it, they fail and root's groups stay. setuid() as root "
	  "sets all three user IDs, so there is no way back." },
	{ "8", "after", NULL, NULL, PART_WITHOUT, WITHOUT, { 0 },
	  "The daemon serves strangers as root for months: a bug in it is the "
	  "whole machine's." },

	/* heartbeatd --try-tty: a careless open of a terminal */
	{ "daemon", "after", "tty_taken", "yes", PART_WHAT, NULL, { F(TTY_TAKEN), F(HAS_TTY) },
	  "The daemon opened {tried_tty} without O_NOCTTY, and the kernel made it "
	  "its controlling terminal: see TTY." },
	{ "daemon", "after", "tty_taken", "yes", PART_WHY, NULL, { F(LEADS_SESSION), F(TTY_TAKEN) },
	  "It leads its session ({sid} is its PID), and a session leader with no "
	  "controlling terminal takes a terminal no session owns when it opens "
	  "it." },
	{ "daemon", "after", "tty_taken", "yes", PART_WITHOUT, "Look for", { 0 },
	  "When that terminal hangs up, the kernel sends the daemon SIGHUP, which "
	  "kills by default. The second fork (step 3) prevents exactly this." },
	{ "daemon", "after", "tty_taken", "no", PART_WHAT, NULL, { F(TTY_NOT_TAKEN) },
	  "The daemon opened {tried_tty} without O_NOCTTY, as a careless daemon "
	  "would. It did not become its controlling terminal." },
	{ "daemon", "after", "tty_taken", "no", PART_WHY, NULL,
	  { N(LEADS_SESSION), F(TTY_NOT_TAKEN), N(HAS_TTY) },
	  "It does not lead its session, and only a session leader acquires a "
	  "controlling terminal: no open can give it a terminal, or a terminal's "
	  "signals." },
	{ "daemon", "after", "tty_taken", "no", PART_WHY, NULL,
	  { N(LEADS_SESSION), F(TTY_NOT_TAKEN), F(HAS_TTY) },
	  "It does not lead its session, so no open can give it another terminal; "
	  "it keeps {tty}, the one its session had, and that terminal's signals." },
	{ "daemon", "after", NULL, NULL, PART_WHAT, NULL,
	  { F(SIGBLK_CHANGED), F(SIGNALS_BLOCKED), N(SIGNALS_KEPT) },
	  "It blocks {sigblk} now, itself, to take them one at a time with "
	  "sigtimedwait(): a daemon's own choice, not what its caller left." },
	{ "daemon", "after", NULL, NULL, PART_WHAT, NULL, { F(FD0_FILE), F(FD1_CLOSED) },
	  "Descriptor 0 is {fd0}, and 1 is closed: open() gives the lowest free "
	  "number, so a file the daemon opened took descriptor 0." },

	/*** the daemon at work ***/
	{ "*", "heartbeat", NULL, NULL, PART_WHAT, NULL, { N(STDOUT_FAILED) },
	  "A heartbeat: the daemon runs, recording its state once a second. "
	  "Heartbeats that change nothing are counted on one frame." },
	{ "*", "heartbeat", NULL, NULL, PART_WHAT, NULL, { F(STDOUT_FAILED) },
	  "A heartbeat: the daemon runs, but its printf() to stdout failed "
	  "({stdout_errno})." },
	{ "*", "heartbeat", NULL, NULL, PART_WHAT, NULL, { F(STDOUT_FAILED), F(FD1_CLOSED) },
	  "Descriptor 1 is closed: 0 1 2 are {stdio}." },
	{ "*", "heartbeat", NULL, NULL, PART_WHY, NULL, { F(STDOUT_FAILED), F(FD0_FILE), F(FD1_CLOSED) },
	  "open() hands out the lowest free number: descriptor 0 is {fd0}, and the "
	  "next file the daemon opens will be descriptor 1, where these lines will "
	  "land." },
	{ "daemon", "signal", "signal", "SIGHUP", PART_WHAT, NULL, { 0 },
	  "SIGHUP arrived; heartbeatd takes it with sigtimedwait(), records it and "
	  "goes on." },
	{ "*", "signal", "signal", "SIGHUP", PART_WHY, NULL, { 0 },
	  "The kernel sends it to a session leader whose controlling terminal hangs "
	  "up (and a shell that gets one resends it to its jobs). A daemon made by all "
	  "seven steps has no terminal to lose: a SIGHUP it "
	  "gets was sent on purpose (kill -HUP), by convention meaning \"read your "
	  "configuration again\"." },
	{ "*", "signal", "signal", "SIGHUP", PART_WITHOUT, "Without step 3", { 0 },
	  "A daemon that took a terminal gets SIGHUP when that terminal closes, and "
	  "dies of it unless it catches it." },
	{ "*", "signal", "signal", "SIGTERM", PART_WHAT, NULL, { 0 },
	  "SIGTERM arrived: someone (kill, the runner, systemd) asks the daemon to "
	  "stop. It records it and exits cleanly." },
	{ "*", "signal", NULL, NULL, PART_WHAT, NULL, { N(SIGHUP), N(SIGTERM) },
	  "{signal} arrived." },
	{ "*", "signal", "signal", "SIGINT", PART_WHY, NULL, { N(HAS_TTY) },
	  "This process has no controlling terminal, so no Ctrl-C typed anywhere "
	  "sends it SIGINT: someone sent it with kill." },
	/* the new-style way: a service manager started it and listens */
	{ "daemon", "notify", "sent", "READY=1", PART_WHAT, NULL, { 0 },
	  "heartbeatd told the service manager that started it, on the socket "
	  "$NOTIFY_SOCKET names, that it is ready: READY=1, as sd_notify(3) sends "
	  "it, once its pid file holds its PID." },
	{ "daemon", "notify", "sent", "READY=1", PART_WHAT, NULL, { F(LEADS_SESSION), N(HAS_TTY) },
	  "It leads its session, {sid}, and has no controlling terminal." },
	{ "daemon", "notify", "sent", "READY=1", PART_WHY, NULL, { 0 },
	  "A new-style daemon (daemon(7)) forks nothing: its manager starts it in "
	  "the foreground, in a session of its own, and takes READY=1, not a "
	  "parent's exit, as the sign that the service is up." },
	{ "daemon", "notify", "sent", "READY=1", PART_WHY, NULL,
	  { F(LEADS_SESSION), F(LEADS_GROUP), N(HAS_TTY), N(ALL_MET) },
	  "The seven steps' checklist marks it unmet, as the leader of its group and "
	  "its session. Under a manager that is fine: no shell waits for it to fork, "
	  "the session it leads was made for it and has no terminal, and it told its "
	  "manager it is ready, as daemon(7) also asks. Only a terminal it opened "
	  "without O_NOCTTY would become its own." },
	{ "daemon", "notify", "sent", "STOPPING=1", PART_WHAT, NULL, { 0 },
	  "heartbeatd tells its service manager that it is stopping: STOPPING=1." },
	/*** readiness the classic way: step1-fork --wait-ready, s6's notification descriptor ***/
	{ "1", "start", "wait_ready", "yes", PART_WHAT, NULL, { 0 },
	  "With --wait-ready, the parent will not exit at once: it will wait until "
	  "the daemon says it is ready." },
	{ "1", "ready-wait", NULL, NULL, PART_WHAT, NULL, { 0 },
	  "fork() made a child, and the parent, PID {pid}, does not exit yet: it "
	  "reads a pipe whose write end, descriptor {ready_fd}, the child carries "
	  "down the chain (its number in DAEMON_STEPS_READY_FD). It exits when the "
	  "daemon writes a line there, or when every holder has closed it." },
	{ "1", "ready-wait", NULL, NULL, PART_WHY, NULL, { 0 },
	  "Whoever started it, a shell or a boot script, takes its exit for \"the "
	  "service is up\" (daemon(7)): exiting at once, it would say so before the "
	  "daemon could serve." },
	{ "1", "ready-wait", NULL, NULL, PART_WITHOUT, WITHOUT, { 0 },
	  "The prompt comes back, and a script's next line runs, while the daemon is "
	  "still on its way: a client started then finds no pid file and no server "
	  "(daemon-demo measures by how much)." },
	{ "1", "after", "ready_fd", NULL, PART_WHAT, NULL, { F(CHILD_OF_COMPARED) },
	  "Its parent, PID {ppid}, has not exited: it waits until the daemon is "
	  "ready. This child holds the pipe's write end, descriptor {ready_fd}, and "
	  "keeps it through every exec that follows." },
	{ "1", "parent-exit", "ready", "yes", PART_WHAT, NULL, { F(WAITED_READY) },
	  "The daemon wrote its line: the parent, PID {pid}, read it after "
	  "{waited_ms} ms and exits with status 0. Its starter goes on only now, "
	  "and the service is up as it does." },
	{ "1", "parent-exit", "ready", "no", PART_WHAT, NULL, { F(WAITED_READY) },
	  "The pipe ended without a line after {waited_ms} ms: every holder of its "
	  "write end, descriptor {ready_fd}, closed it, so the daemon died before it "
	  "was ready, or a step closed that descriptor. The parent, PID {pid}, exits "
	  "with status 3: its starter learns that the service did not come up." },
	{ "1", "parent-exit", "ready", "no", PART_WHY, NULL, { F(WAITED_READY) },
	  "End of file is the kernel's word that no process holds the write end any "
	  "more: it needs no timeout, and a daemon that crashes cannot forget to "
	  "send it." },
	{ "6", "after", "kept_fd", NULL, PART_WHAT, NULL, { N(NOTHING_OPEN) },
	  "Every descriptor is closed but {kept_fd}, the readiness pipe's write end "
	  "that DAEMON_STEPS_READY_FD names: fds={fds}." },
	{ "6", "after", "kept_fd", NULL, PART_WHY, NULL, { 0 },
	  "Closed, it would be that pipe's end of file: the first process, waiting "
	  "for the daemon's line, would take it for a daemon that died." },
	{ "6", "after", "closed_ready_fd", NULL, PART_WHAT, NULL, { 0 },
	  "It closed {closed_ready_fd} too, the readiness pipe's write end "
	  "(--close-ready-fd, as a recipe that knows nothing of it does): the first "
	  "process reads end of file and reports that the daemon never came up, "
	  "though nothing has failed." },
	{ "daemon", "ready", "tells", "yes", PART_WHAT, NULL, { 0 },
	  "heartbeatd is ready: its pid file holds its PID. It writes a newline to "
	  "descriptor {ready_fd}, the write end it was given, and closes it: the "
	  "first process, waiting at the other end, exits now." },
	{ "daemon", "ready", "tells", "yes", PART_WHY, NULL, { 0 },
	  "This is s6's notification descriptor: the starter names a descriptor, "
	  "and the daemon writes one line to it once it serves. A number in the "
	  "environment crosses exec, so a chain of programs carries it, and step 6 "
	  "keeps it open." },
	{ "daemon", "ready", "tells", "no", PART_WHAT, NULL, { 0 },
	  "heartbeatd is ready (its pid file holds its PID), but descriptor "
	  "{ready_fd}, which DAEMON_STEPS_READY_FD names, was no open pipe when it "
	  "started ({ready_errno}): nobody hears it. A first process waiting for it "
	  "has read end of file, and said that the daemon never came up." },
	{ "daemon", "ready", "tells", "no", PART_WITHOUT, "Look for", { 0 },
	  "A step closed it on the way: step 6 with --close-ready-fd, or any "
	  "close-everything loop that knows nothing of it (closed_ready_fd= on step "
	  "6's record)." },

	{ "daemon", "exit", NULL, NULL, PART_WHAT, NULL, { 0 },
	  "{prog} exits ({reason}) and removes its pid file." },

	/*** a real program, as daemon-trace recorded it ***/
	{ "trace", "start", "traced", NULL, PART_WHAT, NULL, { 0 },
	  "daemon-trace starts the program it follows, {traced}, in {start} mode: "
	  "{start_words}." },
	{ "trace", "exec", NULL, NULL, PART_WHAT, NULL, { 0 },
	  "PID {pid} now runs {prog} ({command}). exec keeps the PID, the session, "
	  "the directory, the umask and every descriptor not marked close-on-exec." },
	{ "*", "fork", "forked_by", NULL, PART_WHAT, NULL, { 0 },
	  "{call}() by PID {forked_by}: PID {pid} is its child, in its group and "
	  "session, with its directory, umask and descriptors." },
	{ "trace", "exit", "status", NULL, PART_WHAT, NULL, { 0 },
	  "{prog}, PID {pid}, exits: {status}." },
	/* a real program's call that is none of the recipe's steps */
	{ "trace", "after", "call", NULL, PART_WHAT, NULL, { 0 },
	  "{prog} called {called}, which is none of the recipe's steps." },
	{ "trace", "after", "landed_on", NULL, PART_WHAT, NULL, { 0 },
	  "Its new descriptor is {landed_on} only because that was the lowest free "
	  "number, not on purpose: 0, 1 and 2 are {stdio}." },
	{ "trace", "after", "landed_on", NULL, PART_WHY, NULL, { 0 },
	  "A printf() to 1, or an error written to 2, then goes into that file." },
	{ "trace", "after", "pid_file", NULL, PART_WHAT, NULL, { 0 },
	  "It wrote {holds}, a PID daemon-trace follows, into {pid_file}: a pid file." },
	{ "trace", "after", "pid_file", NULL, PART_WHY, NULL, { 0 },
	  "A pid file tells a script or a service manager which process to signal; "
	  "the verdict says whether it names the daemon." },
	{ "trace", "after", "uids", NULL, PART_WHAT, NULL, { 0 },
	  "The calling thread's user IDs are now {uids} and its group IDs {gids} "
	  "(real, effective, saved, file system)." },
	{ "trace", "after", "uids", NULL, PART_WHY, NULL, { 0 },
	  "A daemon started by root often drops to a user of its own, so that a flaw "
	  "in it gives that user's rights away, not root's." },
	{ "trace", "after", "tried_tty", NULL, PART_WHAT, NULL,
	  { F(TTY_TAKEN), F(LEADS_SESSION), F(HAS_TTY) },
	  "It opened the terminal {tried_tty} (O_NOCTTY: {noctty}) and, leading its "
	  "session, took it as its controlling terminal: TTY is now {tty}." },
	{ "trace", "after", "tried_tty", NULL, PART_WHAT, NULL, { F(TTY_NOT_TAKEN) },
	  "It opened the terminal {tried_tty} (O_NOCTTY: {noctty}), and it did not "
	  "become its controlling terminal." },
	{ "trace", "signal", "handled", "caught", PART_WHAT, NULL, { 0 },
	  "It catches it (SigCgt in /proc): a handler of its own runs." },
	{ "trace", "signal", "handled", "ignored", PART_WHAT, NULL, { 0 },
	  "It ignores it (SigIgn in /proc): the kernel discards it." },
	{ "trace", "signal", "handled", "default", PART_WHAT, NULL, { 0 },
	  "It neither catches nor ignores it (/proc's SigCgt and SigIgn): the "
	  "signal's default action is taken." },
	{ "trace", "verdict", NULL, NULL, PART_WHAT, NULL, { N(RECIPE_KNOWN) },
	  "daemon-trace's verdict: {verdict}. Failed: {failed}. The trace ended: {ended}." },
	{ "trace", "verdict", "daemon", NULL, PART_WHAT, NULL, { F(RECIPE_KNOWN) },
	  "daemon-trace's verdict: {verdict}. Failed: {failing}. The trace ended: {ended}." },
	{ "trace", "verdict", "daemon", NULL, PART_WHAT, NULL, { F(RECIPE_KNOWN) },
	  "The daemon, PID {daemon}, and the processes before it did {recipe}." },
	{ "trace", "verdict", "daemon", NULL, PART_WITHOUT, "Timeline", { F(RECIPE_KNOWN) },
	  "^4 out of order, 4* differently, 4! failing, (4) never done, (4!) tried, "
	  "its call failed." },

	/*** the pop quiz ***/
	{ "quiz", "start", NULL, NULL, PART_WHAT, NULL, { 0 },
	  "Pop quiz: why does step 1 fork before step 2 calls setsid(), and why "
	  "does step 3 fork again? popquiz tries both rules on real processes." },
	{ "quiz", "error", "quiz", "leader-setsid", PART_WHAT, NULL, { F(LEADS_GROUP), F(EPERM) },
	  "Pop quiz: this process leads its process group ({pgid} is its PID) and "
	  "calls setsid(). The kernel refuses: EPERM, operation not permitted." },
	{ "quiz", "error", "quiz", "leader-setsid", PART_WHY, NULL, { 0 },
	  "A new session gets a new process group with the caller's PID as its id. "
	  "That group already exists, led by the caller, and a group may not span "
	  "two sessions." },
	{ "quiz", "error", "quiz", "leader-setsid", PART_WITHOUT, "Answer", { 0 },
	  "Fork first. The child is in its parent's group but never leads it, so "
	  "its setsid() succeeds. That is step 1." },
	{ "quiz", "*", "quiz", "fork-then-setsid", PART_WHAT, NULL,
	  { F(LEADS_SESSION), F(LEADS_GROUP), N(HAS_TTY) },
	  "The quiz's answer at work: the leader forked, and its child called "
	  "setsid(). It worked: the child now leads a new session and a new group, "
	  "{sid}, with no controlling terminal." },
	{ "quiz", "*", "quiz", "fork-then-setsid", PART_WHY, NULL, { F(LEADS_SESSION), N(EPERM) },
	  "The child was no group leader, so no group had its PID yet." },
	{ "quiz", "*", "quiz", "leader-opens-tty", PART_WHAT, NULL,
	  { F(LEADS_SESSION), F(TTY_TAKEN), F(HAS_TTY) },
	  "A session leader with no terminal opened a fresh pseudo-terminal "
	  "without O_NOCTTY: tty_taken=yes, it became its controlling terminal, "
	  "{tty}." },
	{ "quiz", "*", "quiz", "leader-opens-tty", PART_WHY, NULL, { F(TTY_TAKEN) },
	  "The kernel gives a terminal no session owns to the first session leader "
	  "without a terminal that opens it." },
	{ "quiz", "*", "quiz", "leader-opens-tty", PART_WITHOUT, "Without step 3", { F(TTY_TAKEN) },
	  "It gets SIGHUP when that terminal hangs up, and Ctrl-C typed there. "
	  "That is why step 3 forks again." },
	{ "quiz", "*", "quiz", "non-leader-opens-tty", PART_WHAT, NULL,
	  { N(LEADS_SESSION), F(TTY_NOT_TAKEN), N(HAS_TTY) },
	  "After a second fork, the child opened the same kind of terminal without "
	  "O_NOCTTY: tty_taken=no, it got no controlling terminal." },
	{ "quiz", "*", "quiz", "non-leader-opens-tty", PART_WHY, NULL, { N(LEADS_SESSION), F(TTY_NOT_TAKEN) },
	  "The child is in the session but does not lead it, and only a session "
	  "leader can acquire a controlling terminal." },

	/*** failures ***/
	{ "chain", "error", NULL, NULL, PART_WHAT, NULL, { 0 },
	  "{call} failed: {errno}, {error}." },
	{ "2", "error", NULL, NULL, PART_WHAT, NULL, { F(EPERM), F(LEADS_GROUP) },
	  "This process leads its process group ({pgid} is its PID), so it may not "
	  "start a session." },
	{ "2", "error", NULL, NULL, PART_WHY, NULL, { F(EPERM) },
	  "A new session's group gets the caller's PID as its id; that group "
	  "already exists, and a group may not span two sessions." },
	{ "2", "error", NULL, NULL, PART_WITHOUT, "Answer", { F(EPERM) },
	  "Fork first (step 1): the child leads no group, and its setsid() "
	  "succeeds." },
	{ "8", "error", NULL, NULL, PART_WHAT, NULL, { F(EPERM), N(IS_ROOT) },
	  "It runs as uid {uid}: only root may change its user and groups. Run the "
	  "chain as root, or leave step 8 out." },
	{ "step", "error", NULL, NULL, PART_WHAT, NULL, { N(TRACED_RUN) },
	  "The program records it and exits with status 1 (126 or 127 when the "
	  "next program could not be run)." },
	{ "step", "error", NULL, NULL, PART_WHAT, NULL, { F(TRACED_RUN) },
	  "This is the kernel's answer to {prog}'s call; what {prog} does next, the "
	  "frames that follow show." },
	{ "daemon", "error", NULL, NULL, PART_WHAT, NULL, { 0 },
	  "heartbeatd records it and goes on." },

	/*** for every transition: what the checklist won and lost ***/
	{ "*", "*", NULL, NULL, PART_WHAT, NULL, { F(WON), N(LOST) },
	  "Now met: {won}." },
	{ "*", "*", NULL, NULL, PART_WHAT, NULL, { F(WON), F(LOST) },
	  "Now met: {won}; no longer met: {lost}." },
	{ "*", "*", NULL, NULL, PART_WHAT, NULL, { N(WON), F(LOST) },
	  "No longer met: {lost}." },
};

const struct sentence *
lesson_sentences(size_t *count)
{
	*count = sizeof table / sizeof table[0];
	return table;
}

/*** the facts a frame shows ***/

static int
has(const struct entry *record, const char *key, const char *value)
{
	const char *text = entry_get(record, key);
	return text != NULL && strcmp(text, value) == 0;
}

static int
same_field(const struct entry *a, const struct entry *b, const char *key)
{
	return strcmp(entry_text(a, key), entry_text(b, key)) == 0;
}

static int
fd_is_file(const char *target)
{
	return target[0] == '/' && strcmp(target, "/dev/null") != 0 &&
	       strncmp(target, "/dev/", 5) != 0;
}

/* Whether a skip list like "3" or "0a,6" names step. */
static int
skips(const struct entry *record, const char *step)
{
	return skip_list_names(entry_text(record, "skip"), step);
}

/* Whether a signal-set field (sigign, sigblk) names any signal, or sig. */
static int
names_signal(const struct entry *record, const char *key, int sig)
{
	unsigned long long set;

	if (log_signal_set(entry_text(record, key), &set) == -1)
		return 0;
	return sig ? (set >> (sig - 1)) & 1 : set != 0;
}

/* Whether uid= says the effective user is root. */
static int
runs_as_root(const struct entry *record)
{
	long ids[4];
	return log_id_list(entry_text(record, "uid"), ids, 4) == 4 && ids[1] == 0;
}

void
frame_facts_of(const struct story *story, struct frame_facts *facts)
{
	const struct frame *frame = &story->run->frames[story->frame];
	const struct entry *now = frame->record;
	const struct entry *was = frame->previous != NO_FRAME
				  ? story->run->frames[frame->previous].record : NULL;
	const char *pid = entry_text(now, "pid");
	unsigned char *f = facts->holds;
	const struct entry *first = story_lineage_start(story);
	const struct thread_story *t = story_thread(story);
	int all = 1, won = 0, lost = 0;
	long ids[4];

	memset(facts, 0, sizeof *facts);
	for (int check = 0; check < CHECK_ALL_COUNT; check++) {
		int met = story_check(story, check), before = story_check_before(story, check);
		if (check < CHECK_COUNT)
			all &= met;
		won |= met && !before;
		lost |= !met && before;
	}
	f[FACT_SIGNALS_KEPT] = t->signals_known && (t->kept_ignored || t->kept_blocked);
	f[FACT_ENV_KEPT] = first && story_judgment(story, CHECK_OWN_ENVIRONMENT) == CHECK_FAILS;
	f[FACT_STARTED_ROOT] = first && log_id_list(entry_text(first, "uid"), ids, 4) == 4 &&
			       ids[1] == 0;
	f[FACT_ROOT_LEFT] = check_holds_root(entry_text(now, "uid")) == 1 ||
			    check_holds_root(entry_text(now, "gid")) == 1 ||
			    check_holds_root(entry_text(now, "groups")) == 1;
	f[FACT_LEADS_GROUP] = pid[0] && has(now, "pgid", pid);
	f[FACT_LEADS_SESSION] = pid[0] && has(now, "sid", pid);
	f[FACT_HAS_TTY] = entry_get(now, "tty") && !has(now, "tty", "?");
	f[FACT_ORIGIN_SESSION] = has(now, "sid", story_origin_sid(story));
	f[FACT_ALL_MET] = all;
	f[FACT_CWD_ROOT] = has(now, "cwd", "/");
	f[FACT_UMASK_ZERO] = has(now, "umask", "0000");
	f[FACT_STDIO_NULL] = has(now, "fd0", "/dev/null") && has(now, "fd1", "/dev/null") &&
			     has(now, "fd2", "/dev/null");
	f[FACT_STDIO_CLOSED] = has(now, "fd0", "closed") && has(now, "fd1", "closed") &&
			       has(now, "fd2", "closed");
	f[FACT_FD1_CLOSED] = has(now, "fd1", "closed");
	f[FACT_FD0_FILE] = fd_is_file(entry_text(now, "fd0"));
	f[FACT_NOTHING_OPEN] = has(now, "nfds", "0");
	f[FACT_INHERITED_OPEN] = story_inherited(story) && story_inherited(story)->count > 0;
	f[FACT_COMPARED] = was != NULL;
	if (was) {
		f[FACT_NEW_PROCESS] = !same_field(now, was, "pid");
		f[FACT_PGID_CHANGED] = !same_field(now, was, "pgid");
		f[FACT_SID_CHANGED] = !same_field(now, was, "sid");
		f[FACT_TTY_CHANGED] = !same_field(now, was, "tty");
		f[FACT_CWD_CHANGED] = !same_field(now, was, "cwd");
		f[FACT_UMASK_CHANGED] = !same_field(now, was, "umask");
		f[FACT_FDS_CHANGED] = !same_field(now, was, "fds");
		f[FACT_WON] = won;
		f[FACT_LOST] = lost;
	}
	f[FACT_ADOPTED] = entry_get(now, "adopter") != NULL;
	f[FACT_TTY_TAKEN] = has(now, "tty_taken", "yes");
	f[FACT_TTY_NOT_TAKEN] = has(now, "tty_taken", "no");
	f[FACT_EPERM] = has(now, "errno", "EPERM");
	f[FACT_STDOUT_FAILED] = entry_get(now, "stdout_errno") != NULL;
	f[FACT_SIGHUP] = has(now, "signal", "SIGHUP");
	f[FACT_SIGTERM] = has(now, "signal", "SIGTERM");
	for (char n = '1'; n <= '7'; n++)
		f[FACT_SKIPS_1 + (n - '1')] = skips(now, (char[]){ n, '\0' });
	f[FACT_SKIPS_0A] = skips(now, "0a");
	f[FACT_SKIPS_0B] = skips(now, "0b");
	f[FACT_SKIPS_8] = skips(now, "8");
	f[FACT_TRACED_CALL] = entry_get(now, "call") != NULL && has(now, "event", "after");
	f[FACT_TRACED_RUN] = story->run->count > 0 &&
			     has(story->run->frames[0].record, "step", "trace") &&
			     has(story->run->frames[0].record, "event", "start");
	f[FACT_RECIPE_KNOWN] = story->recipe.known && now == story->recipe.verdict;
	f[FACT_STOPS_AT_2] = skips(now, "1") && !skips(now, "2");
	f[FACT_SIGNALS_IGNORED] = names_signal(now, "sigign", 0);
	f[FACT_SIGHUP_IGNORED] = names_signal(now, "sigign", SIGHUP);
	f[FACT_SIGNALS_BLOCKED] = names_signal(now, "sigblk", 0);
	f[FACT_NENV_UNREADABLE] = strncmp(entry_text(now, "nenv"), "unreadable", 10) == 0;
	f[FACT_IS_ROOT] = runs_as_root(now);
	if (was) {
		f[FACT_SIGIGN_CHANGED] = !same_field(now, was, "sigign");
		f[FACT_SIGBLK_CHANGED] = !same_field(now, was, "sigblk");
		f[FACT_NENV_CHANGED] = !same_field(now, was, "nenv");
		f[FACT_IDS_CHANGED] = !same_field(now, was, "uid") || !same_field(now, was, "gid") ||
				      !same_field(now, was, "groups");
	}
	f[FACT_CHILD_OF_COMPARED] = was != NULL && has(now, "ppid", entry_text(was, "pid"));
	f[FACT_WAITED_READY] = entry_get(now, "ready") != NULL;
}

int
claim_holds(const struct frame_facts *facts, int claim)
{
	return facts->holds[FACT_OF(claim)] != FACT_NEGATED(claim);
}

/*** the words ***/

/* The checklist items that are not met (unmet: the seven's), or that
 * changed (won: met now and not before; lost: the other way, daemon(7)'s
 * included), as a list of labels. */
static void
check_list(const struct story *story, const char *which, char *out, size_t size)
{
	size_t used = 0;
	int count = 0;

	out[0] = '\0';
	for (int check = 0;
	     check < (strcmp(which, "unmet") == 0 ? CHECK_COUNT : CHECK_ALL_COUNT); check++) {
		int met = story_check(story, check), before = story_check_before(story, check);
		int wanted = strcmp(which, "won") == 0 ? met && !before
			     : strcmp(which, "lost") == 0 ? !met && before
			     : !met;	/* unmet */
		if (!wanted)
			continue;
		used += (size_t)snprintf(out + used, size - used, "%s%s (%s)",
					 count++ ? ", " : "", check_label(check),
					 check_step(check));
		if (used >= size)
			return;
	}
}

/* The items a traced daemon fails, as the verdict judges them (its failed=,
 * with each item's step): "not a group leader (1), umask 0 (5)", or "none". */
static void
failing_words(const struct recipe *recipe, char *out, size_t size)
{
	check_failing(recipe->judged, CHECK_COUNT, ", ", 1, out, size);
	if (out[0] == '\0')
		snprintf(out, size, "none");
}

/* 0, 1 and 2 in a few words: "all /dev/null", "/dev/null, closed, closed". */
static void
stdio_words(const struct names *names, const struct entry *record, char *out, size_t size)
{
	static const char *const keys[3] = { "fd0", "fd1", "fd2" };
	char paths[3][256];
	const char *fd[3];

	for (int i = 0; i < 3; i++)
		fd[i] = names_path(names, entry_text(record, keys[i]), paths[i], sizeof paths[i]);
	if (strcmp(fd[0], fd[1]) == 0 && strcmp(fd[1], fd[2]) == 0)
		snprintf(out, size, "all %s", fd[0]);
	else
		snprintf(out, size, "%s, %s, %s", fd[0], fd[1], fd[2]);
}

/* A skip list in words: "3" is "step 3", "1,3" "steps 1 and 3", "1,0a,6"
 * "steps 1, 0a and 6". */
static void
skipped_words(const char *list, char *out, size_t size)
{
	size_t count = 0, used;
	const char *p;

	for (p = list; *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ','))
		count++;
	used = (size_t)snprintf(out, size, "step%s ", count > 1 ? "s" : "");
	for (p = list; *p && used < size; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
		count--;
		used += (size_t)snprintf(out + used, size - used, "%.*s%s", (int)strcspn(p, ","), p,
					 count > 1 ? ", " : count == 1 ? " and " : "");
	}
}

/* The value a {name} in a sentence stands for, as the frame shows it. */
static const char *
placeholder(const struct story *story, const struct names *names, const char *name,
	    char *out, size_t size)
{
	static const char *const pid_like[] = { "pid", "ppid", "pgid", "sid", "tpgid", "forked_by" };
	static const char *const path_like[] = { "cwd", "tried_tty" };
	const struct frame *frame = &story->run->frames[story->frame];
	const struct entry *record = frame->record;
	const char *value;

	if (strcmp(name, "won") == 0 || strcmp(name, "lost") == 0 || strcmp(name, "unmet") == 0) {
		check_list(story, name, out, size);
		return out;
	}
	if (strcmp(name, "kept_ignored") == 0 || strcmp(name, "kept_blocked") == 0) {
		const struct thread_story *t = story_thread(story);
		format_signal_set(name[5] == 'i' ? t->kept_ignored : t->kept_blocked, out, size);
		return out;
	}
	if (strcmp(name, "start_words") == 0) {	/* the mode daemon-trace started it in */
		snprintf(out, size, "%s", strcmp(entry_text(record, "start"), "job") == 0
			 ? "as a job-control shell starts a job, in a group of its own, made "
			   "the terminal's foreground"
			 : "as a script would, in daemon-trace's own group, the terminal "
			   "left as it was");
		return out;
	}
	if (strcmp(name, "skipped") == 0) {
		skipped_words(entry_text(record, "skip"), out, size);
		return out;
	}
	if (strcmp(name, "recipe") == 0) {
		recipe_words(&story->recipe, out, size);
		return out;
	}
	if (strcmp(name, "called") == 0) {	/* the call as C writes it: "chdir()" */
		value = entry_text(record, "call");
		snprintf(out, size, strpbrk(value, ", ") ? "%s" : "%s()", value);
		return out;
	}
	if (strcmp(name, "inherited_open") == 0) {	/* "7" or "3, 4 and 7" */
		const struct inheritance *in = story_inherited(story);
		size_t used = 0;
		out[0] = '\0';
		for (size_t i = 0; in && i < in->count && used < size; i++)
			used += (size_t)snprintf(out + used, size - used, "%s%d",
						 i == 0 ? "" : i + 1 == in->count ? " and " : ", ",
						 in->fds[i]);
		return out;
	}
	if (strcmp(name, "failing") == 0) {
		failing_words(&story->recipe, out, size);
		return out;
	}
	if (strcmp(name, "stdio") == 0) {
		stdio_words(names, record, out, size);
		return out;
	}
	if (strncmp(name, "old.", 4) == 0) {
		if (frame->previous == NO_FRAME)
			return "?";
		record = story->run->frames[frame->previous].record;
		name += 4;
	} else if (strncmp(name, "origin.", 7) == 0) {
		if (story->origin == NULL)
			return "?";
		record = story->origin;
		name += 7;
	} else if (strncmp(name, "first.", 6) == 0) {
		if ((record = story_lineage_start(story)) == NULL)
			return "?";
		name += 6;
	}
	value = entry_get(record, name);
	if (value == NULL)
		return "?";
	/* a group or session whose leader has no PID in the recorder's PID
	 * namespace (made by a CI runner's PID 1, a container's runtime) */
	if ((strcmp(name, "pgid") == 0 || strcmp(name, "sid") == 0) && strcmp(value, "0") == 0)
		return "0, made outside this PID namespace";
	for (size_t i = 0; i < sizeof pid_like / sizeof pid_like[0]; i++)
		if (strcmp(name, pid_like[i]) == 0)
			return names_pid(names, value);
	for (size_t i = 0; i < sizeof path_like / sizeof path_like[0]; i++)
		if (strcmp(name, path_like[i]) == 0)
			return names_path(names, value, out, size);
	if (strcmp(name, "tty") == 0)
		return names_tty(names, value);
	if (strcmp(name, "parent") == 0 || strcmp(name, "adopter") == 0)
		return names_process(names, value);
	if (names_identity(names, name, value) != value)
		return names_identity(names, name, value);
	return names_text(names, value, out, size);
}

/* Appends a sentence to a part, its {names} replaced, a space before it. */
static void
say(const struct story *story, const struct names *names, const char *text, char *part)
{
	size_t used = strlen(part);

	if (used && used + 1 < LESSON_TEXT)
		part[used++] = ' ';
	for (const char *p = text; *p && used + 1 < LESSON_TEXT; p++) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		char name[32], value[512];
		const char *shown;
		size_t len;

		if (end == NULL || (size_t)(end - p - 1) >= sizeof name) {
			part[used++] = *p;
			continue;
		}
		memcpy(name, p + 1, (size_t)(end - p - 1));
		name[end - p - 1] = '\0';
		shown = placeholder(story, names, name, value, sizeof value);
		len = strlen(shown);
		if (len > LESSON_TEXT - 1 - used)
			len = LESSON_TEXT - 1 - used;
		memcpy(part + used, shown, len);
		used += len;
		p = end;
	}
	part[used] = '\0';
}

void
lesson_tell(const struct story *story, const struct names *names, struct lesson *lesson)
{
	const struct entry *record = story->run->frames[story->frame].record;
	struct frame_facts facts;

	memset(lesson, 0, sizeof *lesson);
	frame_facts_of(story, &facts);
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		const struct sentence *s = &table[i];
		int holds = entry_matches(record, s->step, s->event, s->key, s->value);

		for (int c = 0; holds && c < SENTENCE_CLAIMS_MAX && s->claims[c] != FACT_NONE; c++)
			holds = claim_holds(&facts, s->claims[c]);
		if (!holds)
			continue;
		say(story, names, s->text, lesson->text[s->part]);
		if (s->part == PART_WITHOUT && lesson->without_label == NULL)
			lesson->without_label = s->label;
		if (lesson->said_count < LESSON_SENTENCES_MAX)
			lesson->said[lesson->said_count++] = s;
	}
	if (lesson->text[PART_WHAT][0] == '\0')
		say(story, names, "A record of the log (event= says what happened).",
		    lesson->text[PART_WHAT]);
}
