/* recipe.c - the recipe as a traced program did it (see recipe.h). */
#include "recipe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


enum { INHERITED_MAX = 64 };

/* A traced process: the steps it and the processes before it did, its
 * umask() calls, and the caller's descriptors it still holds. */
struct lineage {
	const char *pid;
	char path[8];
	int umask_calls;
	const char *last_old_umask, *last_new_umask;
	int inherited[INHERITED_MAX];
	size_t inherited_count;
};

struct lineages {
	struct lineage *all;
	size_t count, capacity;
	int out_of_memory;	/* the recipe is not known */
};

static struct lineage *
lineage_find(struct lineages *l, const char *pid)
{
	for (size_t i = l->count; i-- > 0;)
		if (strcmp(l->all[i].pid, pid) == 0)
			return &l->all[i];
	return NULL;
}

/* A process new to the run: a copy of the one that forked it (forked_by), if
 * known. A PID used again is a new process: the newest one with it counts. */
static struct lineage *
lineage_new(struct lineages *l, const char *pid, const char *forked_by)
{
	const struct lineage *parent = forked_by ? lineage_find(l, forked_by) : NULL;
	size_t parent_index = parent ? (size_t)(parent - l->all) : 0;
	struct lineage *p;

	if (l->count == l->capacity) {
		size_t capacity = l->capacity ? 2 * l->capacity : 16;
		struct lineage *grown = realloc(l->all, capacity * sizeof *grown);
		if (grown == NULL) {
			l->out_of_memory = 1;
			return NULL;
		}
		l->all = grown;
		l->capacity = capacity;
		if (parent)	/* it moved with the array */
			parent = &l->all[parent_index];
	}
	p = &l->all[l->count++];
	if (parent)
		*p = *parent;
	else
		memset(p, 0, sizeof *p);
	p->pid = pid;
	return p;
}

/* Keeps, of the caller's descriptors, those the record shows open. */
static void
keep_open(struct lineage *p, const struct entry *record)
{
	if (entry_get(record, "fds"))
		p->inherited_count = descriptors_still_open(p->inherited, p->inherited_count,
							    entry_text(record, "fds"));
}

static void
add_step(struct lineage *p, char step)
{
	size_t len = strlen(p->path);

	if (len < sizeof p->path - 1 && strchr(p->path, step) == NULL) {
		p->path[len] = step;
		p->path[len + 1] = '\0';
	}
}

/* Whether record says its process did its step: a step's result, or the
 * fork that is step 1 or 3; a traced run of closes that closed nothing is not
 * step 6. */
static int
does_step(const struct entry *record)
{
	const char *step = entry_text(record, "step"), *event = entry_text(record, "event");

	if (!(step[0] >= '1' && step[0] <= '7' && step[1] == '\0'))
		return 0;
	if (strcmp(event, "after") != 0 && strcmp(event, "fork") != 0)
		return 0;
	return !(step[0] == '6' && strcmp(entry_text(record, "closed"), "none") == 0);
}

/* Whether the lineage chose its umask: a umask() call not undone by a
 * set-and-restore pair (umask(077) ... umask(022) chose nothing). */
static int
umask_chosen(const struct lineage *p, const char *inherited)
{
	if (p->umask_calls == 0)
		return 0;
	return !(p->umask_calls >= 2 && strcmp(p->last_new_umask, inherited) == 0 &&
		 strcmp(p->last_old_umask, p->last_new_umask) != 0);
}

int
recipe_step_of(enum check check)
{
	return check_step(check)[0] - '0';
}

static void
judge(struct recipe *r, const struct lineage *daemon, const struct entry *start)
{
	const struct entry *v = r->verdict;
	struct lineage now = *daemon;
	struct check_facts facts;

	keep_open(&now, v);
	facts = (struct check_facts){
		.pid = entry_get(v, "pid"), .pgid = entry_get(v, "pgid"), .sid = entry_get(v, "sid"),
		.tty = entry_get(v, "tty"), .cwd = entry_get(v, "cwd"), .umask = entry_get(v, "umask"),
		.stdio = { entry_get(v, "fd0"), entry_get(v, "fd1"), entry_get(v, "fd2") },
		.origin_sid = entry_get(start, "sid"), .origin_cwd = entry_get(start, "cwd"),
		.origin_umask = entry_get(start, "umask"),
		.umask_chosen = umask_chosen(daemon, entry_text(start, "umask")),
		.inherited = strstr(entry_text(v, "cut"), "fds") ? -1 : (int)now.inherited_count,
	};
	for (int c = 0; c < CHECK_COUNT; c++)
		r->judged[c] = check_judge(c, &facts);
}

/* The marks: missing, done; for a step done, how its items stand (the worst
 * of them), and whether an earlier step of the recipe came after it. */
static void
mark(struct recipe *r)
{
	for (int step = 1; step <= 7; step++) {
		const char *at = strchr(r->path, '0' + step);
		enum check_judgment worst = CHECK_MET;

		if (at == NULL) {
			r->marks[step] = STEP_MISSING;
			continue;
		}
		for (const char *later = at + 1; *later && !r->done_before[step]; later++)
			if (*later - '0' < step)
				r->done_before[step] = *later - '0';
		/* setsid() makes a process a group leader again, by design: after
		 * step 2, "not a group leader" is step 3's to restore (the verdict
		 * says so too: a session leader leads its group) */
		if (step == 1 && strchr(at, '2'))
			worst = CHECK_MET;
		else
			for (int c = 0; c < CHECK_COUNT; c++)
				if (recipe_step_of(c) == step && r->judged[c] < worst)
					worst = r->judged[c];
		r->marks[step] = worst == CHECK_FAILS ? STEP_FAILS :
				 worst == CHECK_MET_OTHERWISE ? STEP_DIFFERENTLY : STEP_DONE;
	}
}

void
recipe_of(const struct run *run, struct recipe *r)
{
	struct lineages lineages = { 0 }, *l = &lineages;
	const struct entry *start = NULL;
	const struct lineage *daemon;

	memset(r, 0, sizeof *r);
	for (size_t f = 0; f < run->count && !l->out_of_memory; f++) {
		const struct entry *record = run->frames[f].record;
		const char *pid = entry_get(record, "pid"), *event = entry_text(record, "event");
		const char *forked_by = entry_get(record, "forked_by");
		struct lineage *p;

		if (strcmp(entry_text(record, "step"), "trace") == 0 && strcmp(event, "start") == 0) {
			start = record;		/* daemon-trace: its caller's state */
			continue;
		}
		if (strcmp(event, "verdict") == 0) {
			r->verdict = entry_get(record, "daemon") ? record : NULL;
			continue;
		}
		if (start == NULL || pid == NULL)
			continue;
		/* a fork's record is its child's first */
		if (strcmp(event, "fork") == 0 || (p = lineage_find(l, pid)) == NULL) {
			if ((p = lineage_new(l, pid, forked_by)) == NULL)
				break;
			if (forked_by == NULL)	/* the first process: the caller's descriptors */
				p->inherited_count = descriptors_above_stdio(entry_text(record, "fds"),
									     p->inherited, INHERITED_MAX);
		}
		keep_open(p, record);
		if (!does_step(record))
			continue;
		add_step(p, entry_text(record, "step")[0]);
		if (entry_get(record, "old_umask")) {
			p->umask_calls++;
			p->last_old_umask = entry_text(record, "old_umask");
			p->last_new_umask = entry_text(record, "umask");
		}
	}
	if (start && r->verdict && !l->out_of_memory &&
	    (daemon = lineage_find(l, entry_text(r->verdict, "daemon"))) != NULL) {
		r->known = 1;
		memcpy(r->path, daemon->path, sizeof r->path);
		judge(r, daemon, start);
		mark(r);
	}
	free(l->all);
}

/* " (not a group leader)": the items of step n that fail, after out[used]. */
static size_t
failing_items(const struct recipe *r, int n, char *out, size_t size, size_t used)
{
	int count = 0;

	for (int c = 0; c < CHECK_COUNT && used < size; c++)
		if (recipe_step_of(c) == n && r->judged[c] == CHECK_FAILS)
			used += (size_t)snprintf(out + used, size - used, "%s%s", count++ ? ", " : " (",
						 check_label(c));
	if (count && used < size)
		used += (size_t)snprintf(out + used, size - used, ")");
	return used;
}

void
recipe_words(const struct recipe *r, char *out, size_t size)
{
	static const struct {
		enum step_mark mark;
		const char *words;
	} groups[] = {
		{ STEP_DIFFERENTLY, "done differently" },
		{ STEP_FAILS, "failing at the verdict" },
		{ STEP_MISSING, "missing" },
	};
	size_t used;
	int count = 0;

	if (r->path[0] == '\0') {
		used = (size_t)snprintf(out, size, "none of the recipe's steps");
	} else {
		used = (size_t)snprintf(out, size, "step%s", r->path[1] ? "s" : "");
		for (const char *s = r->path; *s && used < size; s++)
			used += (size_t)snprintf(out + used, size - used, "%s%c",
						 s == r->path ? " " : s[1] ? ", " : " and ", *s);
		if (r->path[1] && used < size)
			used += (size_t)snprintf(out + used, size - used, ", in that order");
	}
	for (int n = 1; n <= 7 && used < size; n++)
		if (r->done_before[n])
			used += (size_t)snprintf(out + used, size - used, "%s%d (before %d)",
						 count++ ? ", " : "; out of order: ", n,
						 r->done_before[n]);
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		count = 0;
		for (int n = 1; n <= 7 && used < size; n++) {
			if (r->marks[n] != groups[g].mark)
				continue;
			if (count++ == 0)
				used += (size_t)snprintf(out + used, size - used, "; %s: %d",
							 groups[g].words, n);
			else
				used += (size_t)snprintf(out + used, size - used, ", %d", n);
			if (groups[g].mark == STEP_FAILS && used < size)
				used = failing_items(r, n, out, size, used);
		}
	}
}
