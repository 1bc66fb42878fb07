/* lineage.c - the traced processes and what each inherited (see lineage.h). */
#define _GNU_SOURCE
#include "lineage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct {
	struct traced_process *processes;
	int count, capacity;
} table;

static struct proc_state state;	/* a new process's parent, as /proc names it */


/* The newest process with pid (a PID may be used again). */
struct traced_process *
lineage_find(pid_t pid)
{
	for (int i = table.count; i-- > 0;)
		if (table.processes[i].pid == pid)
			return &table.processes[i];
	return NULL;
}

struct traced_process *
lineage_add(pid_t pid, const struct traced_process *parent)
{
	struct traced_process *p;
	pid_t parent_pid = parent ? parent->pid : 0;

	if (table.count == table.capacity) {
		int capacity = table.capacity ? 2 * table.capacity : 64;
		struct traced_process *grown = realloc(table.processes,
						       (size_t)capacity * sizeof *grown);
		if (grown == NULL)
			return NULL;
		table.processes = grown;
		table.capacity = capacity;
		if (parent)	/* it moved with the array */
			parent = lineage_find(parent_pid);
	}
	p = &table.processes[table.count++];
	if (parent) {
		*p = *parent;	/* a child inherits its lineage */
		p->forked_by = parent->pid;
	} else {
		memset(p, 0, sizeof *p);
		p->umask_undone = -1;
		p->exec_nenv = -1;
	}
	p->pid = pid;
	p->exited = p->execs = p->vforked = 0;
	/* told once per process: a child's own signals and credentials are news */
	p->signals_told = 0;
	memset(&p->last_credentials, 0, sizeof p->last_credentials);
	return p;
}

/* The live process pid; one first seen by a call (its fork event still to
 * come) inherits from its parent as /proc names it. */
struct traced_process *
lineage_get(pid_t pid)
{
	struct traced_process *p = lineage_find(pid);

	if (p && !p->exited)
		return p;
	if (proc_state_read(pid, &state) == 0 && (p = lineage_find(state.ppid)) != NULL)
		return lineage_add(pid, p);
	return lineage_add(pid, NULL);
}

void
lineage_step_failed(struct traced_process *p, char step, int err)
{
	p->tried_errno[step - '0'] = err;
	p->tried_by[step - '0'] = p->pid;
}

void
lineage_step(struct traced_process *p, char step)
{
	size_t len = strlen(p->path);

	if (len < LINEAGE_PATH_MAX && strchr(p->path, step) == NULL) {
		p->path[len] = step;
		p->path[len + 1] = '\0';
	}
}

void
lineage_step_undone(struct traced_process *p, char step)
{
	char *at = strchr(p->path, step);

	if (at)
		memmove(at, at + 1, strlen(at));	/* its NUL too */
}

/* A call that puts back the mask the newest open one replaced undoes it: its
 * lineage has again the mask, chosen or not, it had before. Any other call
 * chooses, one that changes nothing too (umask(022) where the mask was 022:
 * the program said so), and that one undoes nothing. */
void
lineage_umask(struct traced_process *p, int old, int set)
{
	if (p->umask_open > 0 && p->umask_replaced[p->umask_open - 1] == set && set != old) {
		p->umask_open--;
		p->umask_undone = old;
		p->umask_chosen = p->umask_was_chosen[p->umask_open];
		return;
	}
	if (p->umask_open == LINEAGE_UMASKS_MAX) {	/* the oldest is forgotten */
		memmove(p->umask_replaced, p->umask_replaced + 1,
			(LINEAGE_UMASKS_MAX - 1) * sizeof p->umask_replaced[0]);
		memmove(p->umask_was_chosen, p->umask_was_chosen + 1,
			(LINEAGE_UMASKS_MAX - 1) * sizeof p->umask_was_chosen[0]);
		p->umask_open--;
	}
	p->umask_replaced[p->umask_open] = old;
	p->umask_was_chosen[p->umask_open++] = p->umask_chosen;
	p->umask_chosen = 1;
}

int
lineage_inherits(const struct traced_process *p, long fd)
{
	for (int i = 0; i < p->inherited_count; i++)
		if (p->inherited[i] == fd)
			return 1;
	return 0;
}

int
lineage_open_inherited(const struct traced_process *p, int still_open[LINEAGE_FDS_MAX])
{
	int count = 0;

	for (int i = 0; i < p->inherited_count; i++) {
		char path[64];
		snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)p->pid, p->inherited[i]);
		if (access(path, F_OK) == 0)
			still_open[count++] = p->inherited[i];	/* count <= i: in place is safe */
	}
	return count;
}

void
lineage_keep_open(struct traced_process *p, const struct proc_state *now)
{
	int open_now[LINEAGE_FDS_MAX], open_count = 0, unknown = 1, kept = 0;

	if (now)
		open_count = lineage_fds_above_stdio(now, open_now, &unknown);
	if (unknown) {		/* no whole list: /proc is asked of each */
		p->inherited_count = lineage_open_inherited(p, p->inherited);
		return;
	}
	for (int i = 0; i < p->inherited_count; i++)
		for (int j = 0; j < open_count; j++)
			if (open_now[j] == p->inherited[i]) {
				p->inherited[kept++] = p->inherited[i];
				break;
			}
	p->inherited_count = kept;
}

void
lineage_forget(struct traced_process *p, long lo, long hi)
{
	int kept = 0;

	for (int i = 0; i < p->inherited_count; i++)
		if (p->inherited[i] < lo || p->inherited[i] > hi)
			p->inherited[kept++] = p->inherited[i];
	p->inherited_count = kept;
}

/* The first process's descriptors above 2, right after its exec: what it
 * inherited from daemon-trace's caller (daemon-trace's own are close-on-exec). */
void
lineage_from_caller(struct traced_process *p, const struct proc_state *state)
{
	p->inherited_count = lineage_fds_above_stdio(state, p->inherited, &p->inherited_unknown);
}

int
lineage_fds_above_stdio(const struct proc_state *state, int fds[LINEAGE_FDS_MAX], int *unknown)
{
	int count = 0;
	char *end;

	*unknown = state->fds_cut || state->fds_error;
	for (const char *s = state->fds; *s; s = *end ? end + 1 : end) {
		long fd = strtol(s, &end, 10);
		if (end == s)
			break;
		if (fd <= 2)
			continue;
		if (count == LINEAGE_FDS_MAX) {
			*unknown = 1;
			break;
		}
		fds[count++] = (int)fd;
	}
	return count;
}

const struct traced_process *
lineage_all(int *count)
{
	*count = table.count;
	return table.processes;
}
