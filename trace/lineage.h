/* lineage.h - the processes daemon-trace has seen, and each one's lineage:
 * what it inherited from daemon-trace's caller and which recipe steps it and
 * its ancestors did. A child gets a copy of its parent's at fork: a umask set
 * by the parent afterwards never reaches it. calls.c keeps them up to date;
 * the verdict reads them.
 */
#ifndef DAEMON_TRACE_LINEAGE_H
#define DAEMON_TRACE_LINEAGE_H

#include <stdint.h>
#include <sys/types.h>

#include "procstate.h"

enum { LINEAGE_FDS_MAX = 64, LINEAGE_PATH_MAX = 16, LINEAGE_UMASKS_MAX = 8 };

/* A traced process and what it inherited from the processes before it. */
struct traced_process {
	pid_t pid;
	pid_t forked_by;		/* the traced process that forked it; 0 for the first */
	int exited, exit_status;	/* a wait status, taken at its EXIT stop */
	int execs;
	char prog[32];
	/* the recipe steps done in its lineage, in order: "1", "2", ... */
	char path[LINEAGE_PATH_MAX + 1];
	int setsid_done;		/* its lineage has a session of its own */
	int second_fork_done;		/* and has forked after that */
	int vforked;			/* it was made by vfork */
	/* the recipe's steps whose call failed in its lineage ([n] for step n,
	 * 0: none failed; the last failure of each): a step tried is not a step
	 * missing, and a second setsid() of its own that failed is news */
	int tried_errno[8];
	pid_t tried_by[8];		/* the process whose call it was */
	/* what its lineage's umask() calls did, all of them in order: a call
	 * that puts back the mask an earlier one replaced undoes it (umask(077)
	 * ... umask(022) chose nothing); the caller's mask is not chosen */
	int umask_chosen;		/* the mask it has now was set by a call not undone */
	int umask_undone;		/* the mask the last undone call had set; -1: none */
	int umask_open;			/* calls not undone yet, the newest last: */
	int umask_replaced[LINEAGE_UMASKS_MAX];	/* the mask each replaced */
	int umask_was_chosen[LINEAGE_UMASKS_MAX];	/* and whether that one had been chosen */
	/* the descriptors above 2 it inherited from daemon-trace's caller and has not closed */
	int inherited[LINEAGE_FDS_MAX];
	int inherited_count, inherited_unknown;
	/* the signals ignored and blocked when the program it runs was
	 * executed: what its caller left it (nohup's SIGHUP), which daemon(7)
	 * asks it to reset; known from its exec's record */
	int exec_signals_known;
	unsigned long long exec_sig_ignored, exec_sig_blocked;
	/* the size of the environment that exec gave it (-1: not known): what
	 * /proc shows until a program writes over that memory (nginx's and
	 * redis's process titles do), so the environment item is judged here */
	int exec_nenv;
	uint64_t signals_told;		/* bit sig - 1: a signal recorded once */
	uint64_t last_credentials[4];	/* the last credential call told: its number, arguments */
	int landed_told;		/* bit fd: that was recorded once */
	int stdio_reopened;		/* bit fd: 0, 1 or 2 reopened on purpose */
	int stdio_lost_at_exec;		/* bit fd: reopened, then closed by an exec (close-on-exec) */
};

/* The newest process with pid (a PID may be used again), or NULL. */
struct traced_process *lineage_find(pid_t pid);

/* A new process, inheriting parent's lineage (NULL: none). NULL when out of memory. */
struct traced_process *lineage_add(pid_t pid, const struct traced_process *parent);

/* The live process pid; one first seen by a call (its fork event still to
 * come) inherits from its parent as /proc names it. */
struct traced_process *lineage_get(pid_t pid);

/* The recipe step ('1'..'7') done, once, in the order done. */
void lineage_step(struct traced_process *p, char step);

/* The recipe step undone: no longer in p's path (0, 1 and 2 put back). */
void lineage_step_undone(struct traced_process *p, char step);

/* A call of step ('1'..'7') failed in p with err. */
void lineage_step_failed(struct traced_process *p, char step, int err);

/* Its lineage called umask(set), which returned old. */
void lineage_umask(struct traced_process *p, int old, int set);

/* Whether fd is one it inherited from daemon-trace's caller, still open. */
int lineage_inherits(const struct traced_process *p, long fd);

/* The caller's descriptors above 2, as the first process has them after its exec. */
void lineage_from_caller(struct traced_process *p, const struct proc_state *state);

/* The descriptors above 2 of state's list into fds; how many. *unknown is
 * set when the list was cut, unreadable, or longer than LINEAGE_FDS_MAX. */
int lineage_fds_above_stdio(const struct proc_state *state, int fds[LINEAGE_FDS_MAX],
			    int *unknown);

/* Of the descriptors it inherited, those open in /proc now, into
 * still_open (which may be p->inherited itself); how many. */
int lineage_open_inherited(const struct traced_process *p, int still_open[LINEAGE_FDS_MAX]);

/* Keeps of the inherited descriptors those open now (after an exec): those
 * in now's list, just read; asked of /proc when now is NULL or its list
 * incomplete. */
void lineage_keep_open(struct traced_process *p, const struct proc_state *now);

/* Forgets the inherited descriptors lo to hi (closed, or replaced). */
void lineage_forget(struct traced_process *p, long lo, long hi);

/* Every process seen, in order of appearance. */
const struct traced_process *lineage_all(int *count);

#endif
