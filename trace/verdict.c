/* verdict.c - the daemon a program left, judged by the checklist (see verdict.h).
 *
 * For a real program each item is judged by what its step prevents, not by
 * the demo's values: a umask it chose passes whatever its value, a directory
 * of its own passes, 0, 1, 2 on a log file pass. The evidence is the
 * kernel's, read from /proc of the daemon after the trace; the lineage (which
 * steps it and its ancestors did, what it inherited) is calls.c's. What
 * daemon(7) also asks is verdict-daemon7.c's.
 */
#define _GNU_SOURCE
#include "verdict.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "calls.h"
#include "job.h"
#include "lineage.h"
#include "checklist.h"
#include "pidfile-removal.h"
#include "record.h"
#include "verdict-parts.h"

/* The recipe's steps in its own words, for the path. */
static const char *const step_words[8] = {
	NULL, "fork", "setsid", "fork again", "chdir", "umask", "close the descriptors",
	"reopen 0, 1, 2",
};

/* Whether step n was tried in p's lineage, its call failing, and never done. */
static int
step_tried(const struct traced_process *p, int n)
{
	return p->tried_errno[n] != 0 && strchr(p->path, '0' + n) == NULL;
}

/* A step tried and failed, as the verdict says it: "setsid (2) failed with
 * EPERM in PID 4242: ..." */
static void
print_tried(const struct traced_process *p, int n, FILE *out)
{
	fprintf(out, "  tried: %s (%d) failed with %s in PID %d%s\n", step_words[n], n,
		errno_name(p->tried_errno[n]), (int)p->tried_by[n],
		n == 2 && p->tried_errno[n] == EPERM ?
		": a process-group leader may not start a session; fork first (step 1), and "
		"call setsid() in the child" : "");
}

int
verdict_alive(pid_t pid)
{
	struct proc_stat stat;

	if (proc_stat_read(pid, &stat) == -1)
		return 0;
	if (stat.state == 'Z') {
		errno = ESRCH;	/* it has exited; its parent has not reaped it yet */
		return 0;
	}
	return 1;
}

/* The daemon: the oldest live traced process whose forker is gone (the root
 * of what stayed; a server's workers are its children). */
static const struct traced_process *
find_daemon(int *others)
{
	int count;
	const struct traced_process *all = lineage_all(&count), *daemon = NULL;

	*others = 0;
	for (int i = 0; i < count; i++) {
		const struct traced_process *p = &all[i], *forker = NULL;
		if (p->exited || !verdict_alive(p->pid))
			continue;
		for (int j = i; j-- > 0;)
			if (all[j].pid == p->forked_by) {
				forker = &all[j];
				break;
			}
		if (forker && !forker->exited && verdict_alive(forker->pid))
			continue;
		if (daemon == NULL)
			daemon = p;
		else
			++*others;
	}
	return daemon;
}

/*
 * --pid: without the history, a directory other than /, a umask other than 0
 * and a descriptor above 2 may be the program's own choice or its caller's:
 * not known, neither failed nor passed; and so is an item whose fact /proc
 * refuses (unreadable). The caller daemon-trace compares with is its own
 * (whoever runs it), not the program's, so no item is judged against it but
 * the session.
 */
static void
judge_from_proc_alone(struct judged *j)
{
	static const enum check history[] = { CHECK_CWD_ROOT, CHECK_UMASK_ZERO,
					      CHECK_NOTHING_INHERITED };
	const struct proc_state *n = &j->now;

	for (size_t i = 0; i < sizeof history / sizeof history[0]; i++)
		if (j->result[history[i]] != CHECK_MET)
			j->result[history[i]] = CHECK_NOT_KNOWN;
	for (int fd = 0; fd < 3; fd++)
		if (strncmp(n->stdio[fd], "unreadable", 10) == 0 || strcmp(n->stdio[fd], "?") == 0)
			j->result[CHECK_STDIO_NULL] = CHECK_NOT_KNOWN;
	if (j->now_error)
		for (int c = 0; c < CHECK_COUNT; c++)
			j->result[c] = CHECK_NOT_KNOWN;
}

static void
judge(struct judged *j, pid_t pid, const struct traced_process *lineage,
      const struct proc_state *origin)
{
	memset(j, 0, sizeof *j);
	j->lineage = lineage;
	if (proc_state_read(pid, &j->now) == -1) {
		j->now_error = errno;
		j->now.pid = pid;
	}
	snprintf(j->pid, sizeof j->pid, "%d", (int)pid);
	snprintf(j->pgid, sizeof j->pgid, "%d", (int)j->now.pgid);
	snprintf(j->sid, sizeof j->sid, "%d", (int)j->now.sid);
	snprintf(j->umask, sizeof j->umask, "%04o", (unsigned)j->now.umask);
	snprintf(j->origin_sid, sizeof j->origin_sid, "%d", (int)origin->sid);
	snprintf(j->origin_umask, sizeof j->origin_umask, "%04o", (unsigned)origin->umask);
	if (lineage)
		j->open_inherited_count = lineage_open_inherited(lineage, j->open_inherited);
	j->facts = (struct check_facts){
		.pid = j->pid, .pgid = j->pgid, .sid = j->sid, .tty = j->now.tty,
		.cwd = j->now.cwd_error ? NULL : j->now.cwd,
		.umask = j->now.umask < 0 ? NULL : j->umask,
		.stdio = { j->now.stdio[0], j->now.stdio[1], j->now.stdio[2] },
		.origin_sid = j->origin_sid, .origin_cwd = origin->cwd,
		.origin_umask = j->origin_umask,
		.umask_chosen = lineage ? lineage->umask_chosen : -1,
		.inherited = lineage ? (lineage->inherited_unknown ? -1 : j->open_inherited_count)
				     : -1,
	};
	if (lineage == NULL) {
		/* from /proc alone: every descriptor above 2 may be inherited; no
		 * caller of the daemon's is seen, so its session is compared with
		 * its parent's (a shell's job shares it, a daemon's adopter has
		 * another); a session made outside the namespace may be either */
		struct proc_stat parent;
		int cut;	/* a list cut still shows descriptors above 2 */
		j->open_inherited_count = lineage_fds_above_stdio(&j->now, j->open_inherited, &cut);
		j->facts.inherited = j->now.fds_error ? -1 : j->open_inherited_count;
		j->origin_is_parent = 1;
		if (j->now.sid != 0 && proc_stat_read(j->now.ppid, &parent) == 0)
			snprintf(j->origin_sid, sizeof j->origin_sid, "%d", (int)parent.sid);
		else
			j->facts.origin_sid = NULL;
	}
	for (int c = 0; c < CHECK_COUNT; c++)
		j->result[c] = check_judge(c, &j->facts);
	if (lineage == NULL)
		judge_from_proc_alone(j);
	if (lineage && (j->pid_file = calls_pid_file(&j->pid_file_holds, &j->pid_file_writer)))
		j->pid_file_removal = pidfile_removal(pid, j->pid_file, j->stuck_why,
						      sizeof j->stuck_why);
	j->wait = lineage ? calls_readiness_of(pid) : NULL;
}

/* The item's evidence, in words. */
enum { NAMED_MAX = 8 };	/* descriptors named in it */
#define MADE_OUTSIDE " (made outside this PID namespace)"	/* a PGID or SID of 0 */

static void
evidence(const struct judged *j, enum check c, char *out, size_t size)
{
	const struct proc_state *n = &j->now;
	int pass = j->result[c] != CHECK_FAILS;
	size_t used;

	switch (c) {
	case CHECK_NOT_GROUP_LEADER:
		if (n->pgid == 0)
			snprintf(out, size, "PGID 0: a group made outside this PID namespace, "
				 "so not one it leads");
		else
			snprintf(out, size, pass ? "PGID %d, not its PID" : n->sid == n->pid ?
				 "it leads process group %d, as the leader of a session does" :
				 "it leads process group %d", (int)n->pgid);
		break;
	case CHECK_OWN_SESSION:
		if (j->result[c] == CHECK_NOT_KNOWN && n->sid == 0)
			snprintf(out, size, "SID 0: a session made outside this PID namespace, "
				 "its caller's or another");
		else if (pass)
			snprintf(out, size, "SID %d; its %s's is %s%s", (int)n->sid,
				 j->origin_is_parent ? "parent" : "caller", j->origin_sid,
				 strcmp(j->origin_sid, "0") == 0 ? MADE_OUTSIDE : "");
		else
			snprintf(out, size, "still in its %s's session, %d%s",
				 j->origin_is_parent ? "parent" : "caller", (int)n->sid,
				 n->sid == 0 ? MADE_OUTSIDE : "");
		break;
	case CHECK_NOT_SESSION_LEADER:
		if (n->sid == 0)
			snprintf(out, size, "SID 0: a session made outside this PID namespace, "
				 "so not one it leads");
		else
			snprintf(out, size, pass ? "session %d is led by another process" :
				 "it leads session %d", (int)n->sid);
		break;
	case CHECK_NO_TERMINAL:
		snprintf(out, size, pass ? "TTY ?" : "its controlling terminal is %s", n->tty);
		break;
	case CHECK_CWD_ROOT:
		if (n->cwd_error)
			snprintf(out, size, "cwd unreadable (%s)", errno_name(n->cwd_error));
		else
			snprintf(out, size, j->result[c] == CHECK_MET || !j->lineage ? "cwd %s" :
				 pass ? "changed to %s" : "kept its caller's directory, %s", n->cwd);
		break;
	case CHECK_UMASK_ZERO:
		if (j->facts.umask_chosen == 0 && j->lineage->umask_undone >= 0)
			snprintf(out, size, "set %04o, then put back %s: it chose nothing",
				 (unsigned)j->lineage->umask_undone, j->umask);
		else if (j->facts.umask_chosen == 0)
			snprintf(out, size, "never set a umask: inherited %s", j->umask);
		else if (j->facts.umask_chosen == 1)
			snprintf(out, size, "chose its umask (%s)", j->umask);
		else if (!j->lineage)
			snprintf(out, size, "umask %s", j->umask);
		else
			snprintf(out, size, pass ? "umask %s, not its caller's %s" :
				 "umask %s, as its caller's %s", j->umask, j->origin_umask);
		break;
	case CHECK_STDIO_NULL:
		/* a file its caller gave passes, but is told: `daemon > log` */
		used = 0;
		for (int fd = 0; fd < 3 && used < size; fd++)
			used += (size_t)snprintf(out + used, size - used, "%s%d %s%s", fd ? ", " : "",
						 fd, n->stdio[fd], j->lineage &&
						 strcmp(n->stdio[fd], "closed") != 0 &&
						 calls_stdio_is_callers(n->pid, fd) ? " (its caller's)" : "");
		break;
	case CHECK_NOTHING_INHERITED:
		if (j->facts.inherited == 0) {
			snprintf(out, size, "none left open");
			break;
		}
		if (j->facts.inherited < 0) {
			snprintf(out, size, "cannot tell: the descriptor list was cut or unreadable");
			break;
		}
		used = 0;
		/* the first few, named; a server's hundreds would drown the verdict */
		for (int i = 0; i < j->open_inherited_count && i < NAMED_MAX && used < size; i++) {
			char target[256];
			if (proc_fd_target(n->pid, j->open_inherited[i], target, sizeof target) <= 0)
				snprintf(target, sizeof target, "unreadable (%s)", errno_name(errno));
			used += (size_t)snprintf(out + used, size - used, "%s%d -> %s", i ? ", " : "",
						 j->open_inherited[i], target);
		}
		if (j->open_inherited_count > NAMED_MAX && used < size)
			used += (size_t)snprintf(out + used, size - used, " and %d more",
						 j->open_inherited_count - NAMED_MAX);
		if (used < size)
			snprintf(out + used, size - used, j->lineage ? " (inherited from the caller)" :
				 " (from /proc alone: each may be its own)");
		break;
	default:		/* daemon(7)'s items: daemon7_print() */
		out[0] = '\0';
		break;
	}
}

/* What follows from a failed item, in the recipe's words, and its step. */
static void
print_remedy(const struct judged *j, enum check c, FILE *out)
{
	const char *step = check_step(c);

	if (c == CHECK_NOT_GROUP_LEADER && j->now.sid == j->now.pid &&
	    j->result[CHECK_OWN_SESSION] != CHECK_FAILS) {
		fprintf(out, "         a session leader leads its group too: see \"%s\"\n",
			check_goal(CHECK_NOT_SESSION_LEADER));
		return;
	}
	fprintf(out, "         without it, %s", check_prevents(c));
	if (j->lineage && step_tried(j->lineage, step[0] - '0'))
		fprintf(out, " (step %s, %s, failed with %s)\n", step, step_words[step[0] - '0'],
			errno_name(j->lineage->tried_errno[step[0] - '0']));
	else if (j->lineage && strchr(j->lineage->path, step[0]) == NULL)
		fprintf(out, " (step %s, %s, is missing)\n", step, step_words[step[0] - '0']);
	else if (c == CHECK_UMASK_ZERO && j->facts.umask_chosen == 0)
		fprintf(out, " (step %s, %s, was undone)\n", step, step_words[step[0] - '0']);
	else
		fprintf(out, " (step %s)\n", step);
}

/* The labels of the items that fail, comma-separated ("" when none), for
 * the verdict's record. */
static void
failed_labels(const struct judged *j, char *failed, size_t size)
{
	check_failing(j->result, CHECK_COUNT, ",", 0, failed, size);
}

/* Prints the items; returns how many fail, and lists their labels in failed. */
static int
print_items(const struct judged *j, FILE *out, char *failed, size_t size)
{
	int failures = 0;

	failed_labels(j, failed, size);
	for (int c = 0; c < CHECK_COUNT; c++) {
		char why[1024];
		int pass = j->result[c] != CHECK_FAILS;

		evidence(j, c, why, sizeof why);
		fprintf(out, "  [%s] %s: %s%s\n", j->result[c] == CHECK_NOT_KNOWN ? " ?  " :
			pass ? "pass" : "FAIL", check_goal(c), why, j->result[c] == CHECK_NOT_KNOWN ?
			" (not known from /proc alone: not counted)" : "");
		if (pass)
			continue;
		failures++;
		print_remedy(j, c, out);
	}
	return failures;
}

/* The pid file, whether the PID in it is the daemon's, and whether the
 * daemon can remove it. */
static void
print_pid_file(const struct judged *j, FILE *out)
{
	const char *path = j->pid_file;
	pid_t holds = j->pid_file_holds, by = j->pid_file_writer;

	if (path == NULL)
		return;
	const char *who = by == j->now.pid ? "the daemon itself" :
			  by == j->lineage->forked_by ? "its parent" : "another process";

	if (holds == j->now.pid)
		fprintf(out, "  pid file %s holds %d, the daemon's PID (written by %s, %d)\n", path,
			(int)holds, who, (int)by);
	else
		fprintf(out, "  pid file %s holds %d, NOT the daemon's PID (%d): written by %s, %d, "
			"before the daemon was forked\n", path, (int)holds, (int)j->now.pid, who,
			(int)by);
	if (j->pid_file_removal == PIDFILE_STUCK)
		fprintf(out, "  the daemon cannot remove its pid file as it exits: %s\n"
			"         it outlives the daemon, and the next start finds a stale one: write it "
			"where the daemon's user may remove it, or leave its removal to a process that "
			"keeps the privilege\n", j->stuck_why);
}

/* Steps ("4127") comma-separated, as the verdict's record lists them
 * ("4,1,2,7"; "" for none). */
static void
steps_listed(const char *steps, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (const char *s = steps; *s && used < size; s++)
		used += (size_t)snprintf(out + used, size - used, "%s%c", used ? "," : "", *s);
}

/* The steps in the order done, for the verdict's record. */
static void
path_steps(const struct traced_process *p, char *steps, size_t size)
{
	steps_listed(p->path, steps, size);
}

/* The steps in the order done, what is missing, and what the textbook misses. */
static void
print_path(const struct judged *j, FILE *out, char *path_field, size_t size)
{
	const struct traced_process *p = j->lineage;
	int missing = 0;

	path_steps(p, path_field, size);
	fprintf(out, "  path:");
	for (const char *s = p->path; *s; s++)
		fprintf(out, "%s %s (%c)", s == p->path ? "" : ",", step_words[*s - '0'], *s);
	if (p->path[0] == '\0')
		fprintf(out, " none of the recipe's steps");
	fprintf(out, "\n");
	for (char step = '1'; step <= '7'; step++)
		if (strchr(p->path, step) == NULL && !step_tried(p, step - '0'))
			fprintf(out, "%s %s (%c)", missing++ ? "," : "  missing:", step_words[step - '0'],
				step);
	if (missing)
		fprintf(out, "\n");
	for (int n = 1; n <= 7; n++)
		if (step_tried(p, n))
			print_tried(p, n, out);
	/* setsid() before any fork works in script mode, where the program is in
	 * daemon-trace's group; a shell's job would lead its own, and fail */
	if (strchr(p->path, '2') && (strchr(p->path, '1') == NULL ||
				     strchr(p->path, '1') > strchr(p->path, '2')) && !job_control())
		fprintf(out, "  setsid() came before any fork: it worked because the program was "
			"started in script mode, in daemon-trace's process group, which it does not "
			"lead; typed at a prompt, a shell makes it a group's leader and its setsid() "
			"fails with EPERM (--job-control=yes shows it)\n");
	if (strchr(p->path, '2') && strchr(p->path, '3') == NULL && j->now.sid == j->now.pid)
		fprintf(out, "  no second fork: it leads its session, so a terminal it opens "
			"without O_NOCTTY becomes its own\n");
	if (p->vforked)
		fprintf(out, "  it was made by vfork(): its parent waited until it executed or exited\n");
	if (p->tried_errno[2] && p->tried_by[2] == p->pid && !step_tried(p, 2))
		fprintf(out, "  a setsid() of its own failed with %s\n", errno_name(p->tried_errno[2]));
	print_pid_file(j, out);
	for (int fd = 0; fd < 3; fd++) {
		if (strcmp(j->now.stdio[fd], "closed") != 0)
			continue;
		if (p->stdio_lost_at_exec & (1 << fd))
			fprintf(out, "  descriptor %d was reopened close-on-exec: the exec of the program "
				"that runs now closed it\n", fd);
		fprintf(out, "  descriptor %d is closed: the next file it opens becomes its %s\n",
			fd, fd == 0 ? "stdin" : fd == 1 ? "stdout" : "stderr");
	}
}

/* The verdict's record, with the daemon's state as judged (without a
 * daemon, daemon-trace's own, the origin). */
static void
record_verdict(const struct judged *j, const struct proc_state *origin, const char *verdict,
	       const char *failed, const char *path, const char *ended)
{
	struct logfmt_writer w;
	const struct proc_state *st = j ? &j->now : origin;
	int error = j ? j->now_error : 0;

	record_begin(&w, calls_run(), error ? "?" : st->comm, "trace", "verdict");
	record_field(&w, "verdict", verdict);
	if (j) {
		record_fieldf(&w, "daemon", "%d", (int)st->pid);
		char judged[CHECK_ALL_COUNT * 16] = "";
		for (int c = 0; c < CHECK_ALL_COUNT; c++)
			snprintf(judged + strlen(judged), sizeof judged - strlen(judged), "%s%s",
				 c ? "," : "", check_judgment_name(j->result[c]));
		record_field(&w, "failed", failed[0] ? failed : "none");
		record_field(&w, "judged", judged);
		if (path)
			record_field(&w, "path", path[0] ? path : "none");
		if (j->lineage) {
			char tried[8] = "", listed[16];
			for (char n = '1'; n <= '7'; n++)
				if (step_tried(j->lineage, n - '0'))
					tried[strlen(tried)] = n;
			steps_listed(tried, listed, sizeof listed);
			if (listed[0])
				record_field(&w, "tried", listed);
		}
		if (j->pid_file_removal == PIDFILE_STUCK)
			record_field(&w, "pid_file_stuck", j->stuck_why);
	}
	if (ended)
		record_field(&w, "ended", ended);
	if (error)
		record_state_unreadable(&w, st->pid, error);
	else
		record_state(&w, st);
	if (record_log_add(calls_log(), &w) == -1 || record_log_flush(calls_log()) == -1)
		fprintf(stderr, "daemon-trace: cannot write the log: %s\n", strerror(errno));
}

enum verdict_code
verdict_give(const struct verdict_input *in, FILE *out)
{
	int others;
	const struct traced_process *daemon = find_daemon(&others);
	struct judged j;
	char failed[256], path[64], how[64];
	int failures;

	if (in->first_exited) {
		describe_wait_status(in->first_status, how, sizeof how);
		fprintf(out, "daemon-trace: the first process, PID %d, %s\n", (int)in->first, how);
	}
	fprintf(out, "daemon-trace: the trace ended: %s\n", in->ended);
	if (calls_setid_ignored())
		fprintf(out, "daemon-trace: %s is set-user-ID or set-group-ID, and the kernel ignores "
			"that under ptrace by a user who is not root: it ran without its privilege, "
			"so this trace differs from an untraced run; trace it as root\n",
			calls_setid_ignored());
	if (calls_foreign())
		fprintf(out, "daemon-trace: %lu calls of an architecture it does not decode (x32, "
			"32-bit ARM) were not followed: what they did is missing here\n",
			calls_foreign());
	if (daemon == NULL) {
		int count;
		const struct traced_process *all = lineage_all(&count);
		/* what failed is why, often: a setsid() in a group leader, and exit */
		for (int i = 0; i < count; i++)
			for (int n = 1; n <= 7; n++)
				if (all[i].tried_by[n] == all[i].pid && step_tried(&all[i], n))
					print_tried(&all[i], n, out);
		fprintf(out, "daemon-trace: verdict: no process stayed: it ran in the foreground "
			"and exited\n");
		record_verdict(NULL, in->origin, "no process stayed", NULL, NULL, in->ended);
		return VERDICT_NO_DAEMON;
	}
	judge(&j, daemon->pid, daemon, in->origin);
	daemon7_judge(&j, in->origin, in->first_exited);
	if (daemon->pid == in->first && !in->first_exited &&
	    j.result[CHECK_OWN_SESSION] == CHECK_FAILS) {
		fprintf(out, "  the first process still runs in its caller's session: a shell "
			"waits for it, and its prompt does not come back (step 1, fork and let the "
			"parent exit, is missing)\n");
		fprintf(out, "daemon-trace: verdict: it stayed in the foreground (PID %d, %s)\n",
			(int)daemon->pid, j.now.comm);
		failed_labels(&j, failed, sizeof failed);	/* the record's, as judged= says */
		path_steps(daemon, path, sizeof path);
		record_verdict(&j, NULL, "stayed in the foreground", failed, path, in->ended);
		return VERDICT_NO_DAEMON;
	}
	fprintf(out, "daemon-trace: the process that stayed: PID %d (%s), parent %d (%s)%s\n",
		(int)daemon->pid, j.now.comm, (int)j.now.ppid, j.now.parent_comm,
		others ? ", and other processes of its own" : "");
	failures = print_items(&j, out, failed, sizeof failed);
	daemon7_print(&j, in->origin, out);
	print_path(&j, out, path, sizeof path);
	daemon7_print_when_ready(&j, in, out);
	if (failures == 0) {
		fprintf(out, "daemon-trace: verdict: a daemon: every item passes\n");
		record_verdict(&j, NULL, "daemon", failed, path, in->ended);
		return VERDICT_DAEMON;
	}
	fprintf(out, "daemon-trace: verdict: a background process that fails %d item%s\n",
		failures, failures == 1 ? "" : "s");
	record_verdict(&j, NULL, "fails some items", failed, path, in->ended);
	return VERDICT_FAILS_SOME;
}

enum verdict_code
verdict_of_pid(pid_t pid, const struct proc_state *origin, FILE *out)
{
	struct judged j;
	char failed[256];
	int failures, unknown = 0;

	judge(&j, pid, NULL, origin);
	daemon7_judge(&j, NULL, 0);
	fprintf(out, "daemon-trace: PID %d (%s), parent %d (%s), from /proc alone\n", (int)pid,
		j.now.comm, (int)j.now.ppid, j.now.parent_comm);
	failures = print_items(&j, out, failed, sizeof failed);
	daemon7_print(&j, NULL, out);
	fprintf(out, "  without its history daemon-trace cannot tell whether it chose its umask "
		"or inherited it, nor which descriptors its caller gave it\n");
	for (int c = 0; c < CHECK_COUNT; c++)
		unknown += j.result[c] == CHECK_NOT_KNOWN;
	if (failures == 0 && unknown > 0) {
		fprintf(out, "daemon-trace: verdict: a daemon as far as /proc shows: no item fails, "
			"%d not known without its history (trace its start to know)\n", unknown);
		return VERDICT_DAEMON;
	}
	if (failures == 0) {
		fprintf(out, "daemon-trace: verdict: a daemon: every item passes\n");
		return VERDICT_DAEMON;
	}
	fprintf(out, "daemon-trace: verdict: fails %d item%s\n", failures, failures == 1 ? "" : "s");
	return j.result[CHECK_OWN_SESSION] == CHECK_FAILS ? VERDICT_NO_DAEMON : VERDICT_FAILS_SOME;
}
