/* verdict-daemon7.c - what daemon(7) also asks of the daemon a program left,
 * beyond the seven steps, judged where the trace shows it, and when the daemon
 * was ready against its first process's exit (see verdict-parts.h).
 */
#define _GNU_SOURCE
#include "verdict-parts.h"

#include <string.h>

#include "record.h"

/* The first listen() came before the first process exited: a starter that
 * takes that exit for "up" finds the socket listening. */
static int
listened_before_exit(void)
{
	pid_t listener;
	int late;

	return calls_listened(&listener, &late) != NULL && !late;
}

/*
 * What daemon(7) also asks, judged where the trace shows it, as a group of
 * its own after the seven, its items indented under its title: printed,
 * never counted in the verdict (that stays the classic recipe's). Signals
 * and the environment are compared with what daemon-trace's caller gave;
 * with --pid (origin NULL) there is no history.
 */
void
daemon7_judge(struct judged *j, const struct proc_state *origin, int first_exited)
{
	const struct proc_state *n = &j->now;
	/* the signals its caller left: those of the exec of the program it runs
	 * (a nohup or a script in the trace is a caller too), else daemon-trace's
	 * caller's */
	const struct traced_process *p = j->lineage;
	int exec_known = p && p->exec_signals_known;
	unsigned long long left_ignored = exec_known ? p->exec_sig_ignored :
					  origin ? origin->sig_ignored : 0;
	unsigned long long left_blocked = exec_known ? p->exec_sig_blocked :
					  origin ? origin->sig_blocked : 0;

	/* the environment exec gave the program it runs, as /proc showed it
	 * then: a process title written since over that memory is no
	 * environment of its own; --pid has only /proc now */
	int exec_nenv = p ? p->exec_nenv : -1;
	int nenv_known = exec_nenv >= 0 || !n->environ_error;

	j->nenv_at_exec = exec_nenv >= 0;
	snprintf(j->nenv, sizeof j->nenv, "%d", exec_nenv >= 0 ? exec_nenv : n->nenv);
	snprintf(j->origin_nenv, sizeof j->origin_nenv, "%d", origin ? origin->nenv : 0);
	j->facts7 = (struct check_facts){
		.signals_known = !n->status_error &&
				 (exec_known || (origin && !origin->status_error)),
		.kept_ignored = n->sig_ignored & left_ignored & ~CHECK_LIBC_SIGNALS,
		.kept_blocked = n->sig_blocked & left_blocked & ~CHECK_LIBC_SIGNALS,
		.nenv = nenv_known ? j->nenv : NULL,
		.origin_nenv = origin && !origin->environ_error ? j->origin_nenv : NULL,
		.uid = n->status_error ? NULL : n->uid, .gid = n->status_error ? NULL : n->gid,
		.groups = n->status_error ? NULL : n->groups,
		/* without a history: root now started as root, anyone else may have dropped */
		.origin_uid = origin ? origin->uid : strncmp(n->uid, "0,", 2) == 0 ? n->uid : NULL,
		/* a wait the daemon ended told the first process, and so did a
		 * listen() before its exit (nginx's: a connection queues from then
		 * on); one that exited otherwise told nothing (a manager's socket is
		 * not traced) */
		.ready = j->wait || (first_exited && listened_before_exit()) ? READY_TOLD :
			 j->lineage && first_exited ? READY_NOT_TOLD : READY_NOT_KNOWN,
		.pid_file = !j->lineage ? PID_FILE_NOT_KNOWN : !j->pid_file ? PID_FILE_NONE :
			    j->pid_file_holds == n->pid && j->pid_file_writer == n->pid ?
			    PID_FILE_BY_ITSELF : PID_FILE_BY_ANOTHER,
	};
	for (int c = CHECK_COUNT; c < CHECK_ALL_COUNT; c++)
		j->result[c] = check_judge(c, &j->facts7);
}

/* Prints daemon(7)'s items as daemon7_judge() judged them, with their evidence. */
void
daemon7_print(const struct judged *j, const struct proc_state *origin, FILE *out)
{
	const struct proc_state *n = &j->now;
	const struct readiness_wait *wait = j->wait;
	char ignored[256], blocked[256], why[1024];
	pid_t listener;
	int late;

	format_signal_set(j->facts7.kept_ignored, ignored, sizeof ignored);
	format_signal_set(j->facts7.kept_blocked, blocked, sizeof blocked);
	fprintf(out, "  %s (not counted in the verdict):\n", check_group(CHECK_COUNT));
	for (int c = CHECK_COUNT; c < CHECK_ALL_COUNT; c++) {
		enum check_judgment result = j->result[c];

		switch (c) {
		case CHECK_SIGNALS_RESET:
			snprintf(why, sizeof why, result == CHECK_MET ?
				 "none of its caller's ignored or blocked signals is left" :
				 "as its caller left them: ignored %s, blocked %s", ignored, blocked);
			break;
		case CHECK_OWN_ENVIRONMENT:
			snprintf(why, sizeof why, "%s variables%s; its caller gave %s", j->nenv,
				 j->nenv_at_exec ? " from its exec" : "", j->origin_nenv);
			break;
		case CHECK_PRIVILEGES_DROPPED:
			snprintf(why, sizeof why, "uid %s, gid %s, groups %s", n->uid, n->gid, n->groups);
			break;
		case CHECK_READY_TOLD:
			if (wait)
				snprintf(why, sizeof why, "the first process waited %lld ms on a pipe "
					 "until it was %s", wait->waited_ms, wait->written ? "written" :
					 "closed");
			else if (result == CHECK_MET)	/* by a listen() before its exit */
				snprintf(why, sizeof why, "it listened on %s before the first "
					 "process exited", calls_listened(&listener, &late));
			else if (result == CHECK_FAILS)
				snprintf(why, sizeof why, "the first process exited without waiting");
			else
				snprintf(why, sizeof why, j->lineage ? "the first process has not exited" :
					 "from /proc alone");
			break;
		case CHECK_PID_FILE_OWN:
			if (j->pid_file)
				snprintf(why, sizeof why, "%s holds %d, written by %d", j->pid_file,
					 (int)j->pid_file_holds, (int)j->pid_file_writer);
			else
				snprintf(why, sizeof why, j->lineage ? "none seen written (a write() or "
					 "pwrite64() of at most 32 bytes)" : "from /proc alone");
			break;
		}
		if (result == CHECK_NOT_KNOWN && c != CHECK_READY_TOLD && c != CHECK_PID_FILE_OWN)
			snprintf(why, sizeof why, "%s", origin ? check_unjudged(c, result) :
				 "from /proc alone: what its caller gave is not known");
		else if (result == CHECK_NOT_APPLICABLE && c == CHECK_PRIVILEGES_DROPPED)
			snprintf(why + strlen(why), sizeof why - strlen(why), ": %s",
				 check_unjudged(c, result));
		fprintf(out, "    [%s] %s: %s\n", result == CHECK_FAILS ? "FAIL" :
			result == CHECK_NOT_APPLICABLE ? "n/a " : result == CHECK_NOT_KNOWN ? " ?  " :
			"pass", check_goal(c), why);
		if (result == CHECK_FAILS && strcmp(check_step(c), "daemon") == 0)
			fprintf(out, "           without it, %s (no step of the recipe: the daemon's "
				"own work, as heartbeatd's)\n", check_prevents(c));
		else if (result == CHECK_FAILS)
			fprintf(out, "           without it, %s (step %s)\n", check_prevents(c),
				check_step(c));
	}
}

/*
 * When the daemon was ready, against the first process's exit: a starter
 * (a shell script, an init script, a test) that runs the program and takes
 * that exit for "up" is right only when the exit comes after. The pid file's
 * first name when it was renamed into place, the first listen(), and the
 * first process's wait on a readiness pipe.
 */
void
daemon7_print_when_ready(const struct judged *j, const struct verdict_input *in, FILE *out)
{
	const char *written_as = calls_pid_file_written_as(), *address;
	const struct readiness_wait *wait = j->wait;
	pid_t listener;
	int listened_late;

	if (written_as)
		fprintf(out, "  the pid file was written as %s, then renamed to its name\n", written_as);
	if ((address = calls_listened(&listener, &listened_late)) != NULL) {
		char by[48] = "";
		if (listener != j->now.pid)
			snprintf(by, sizeof by, " (by PID %d, not the daemon)", (int)listener);
		if (listened_late)
			fprintf(out, "  listened on %s%s after the first process had exited: a starter "
				"that takes the first process's exit for \"up\" could connect too "
				"early\n", address, by);
		else
			fprintf(out, "  listened on %s%s before the first process exited\n", address, by);
	}
	if (wait) {
		char who[32] = "it was";	/* ended by a call not seen: an exec's close-on-exec */
		if (wait->ended_by == j->now.pid)
			snprintf(who, sizeof who, "the daemon");
		else if (wait->ended_by)
			snprintf(who, sizeof who, "PID %d", (int)wait->ended_by);
		fprintf(out, "  the first process waited %lld ms for the daemon's readiness on a pipe: "
			"%s %s\n", wait->waited_ms, who, wait->written ?
			(wait->ended_by ? "wrote to it" : "written to") :
			(wait->ended_by ? "closed it" : "closed"));
	} else if (in->first_exited && listened_before_exit()) {
		if (calls_late_after_first_exit())
			fprintf(out, "  a recipe step came after the first process's exit, but "
				"connections queue from the listen() on: a starter that connects "
				"then is served once the daemon accepts\n");
	} else if (in->first_exited && calls_late_after_first_exit()) {
		fprintf(out, "  the first process exited at once, before the daemon was ready: "
			"a recipe step or the first listen() came after its exit\n");
	} else if (in->first_exited) {
		fprintf(out, "  the first process exited without waiting for the daemon's readiness "
			"(all of daemonizing seen came before its exit)\n");
	}
}
