/* verdict-parts.h - what the two halves of the verdict share: verdict.c
 * judges the seven steps' checklist and gives the verdict; verdict-daemon7.c
 * judges and prints what daemon(7) also asks, and when the daemon was ready.
 */
#ifndef DAEMON_TRACE_VERDICT_PARTS_H
#define DAEMON_TRACE_VERDICT_PARTS_H

#include <stdio.h>
#include <sys/types.h>

#include "calls.h"
#include "checklist.h"
#include "lineage.h"
#include "pidfile-removal.h"
#include "procstate.h"
#include "verdict.h"

/* The facts as text, and where they came from. */
struct judged {
	struct proc_state now;
	int now_error;			/* why /proc refused the whole state, else 0 */
	const struct traced_process *lineage;	/* NULL with --pid */
	char pid[16], pgid[16], sid[16], umask[8], origin_sid[16], origin_umask[8];
	int open_inherited[LINEAGE_FDS_MAX];
	int open_inherited_count;
	struct check_facts facts;
	/* the seven's, then daemon(7)'s (judge_daemon7(): its facts apart) */
	enum check_judgment result[CHECK_ALL_COUNT];
	struct check_facts facts7;
	char nenv[16], origin_nenv[16];
	int origin_is_parent;	/* --pid: origin_sid is its parent's */
	int nenv_at_exec;	/* nenv is the environment exec gave, not /proc's now */
	/* the pid file written, if any: the PID it holds, who wrote it, and
	 * whether the daemon can remove it (stuck_why: what stops it) */
	const char *pid_file;
	pid_t pid_file_holds, pid_file_writer;
	enum pidfile_removal pid_file_removal;
	const struct readiness_wait *wait;	/* the first process's on the daemon, or NULL */
	char stuck_why[4608];
};

/* daemon(7)'s items of j's daemon (origin: daemon-trace's caller, NULL with
 * --pid; first_exited: the first process has exited), into j->result. */
void daemon7_judge(struct judged *j, const struct proc_state *origin, int first_exited);

/* Those items, as daemon7_judge() judged them, with their evidence. */
void daemon7_print(const struct judged *j, const struct proc_state *origin, FILE *out);

/* When the daemon was ready, against the first process's exit. */
void daemon7_print_when_ready(const struct judged *j, const struct verdict_input *in, FILE *out);

#endif
