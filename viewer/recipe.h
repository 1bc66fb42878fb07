/* recipe.h - the recipe as a traced program did it: which of the seven steps
 * the daemon that stayed (and the processes before it) did, in which order,
 * and how each one's checklist item stands at the verdict.
 *
 * Read from daemon-trace's verdict record, which says it as the verdict
 * does: path= the steps the daemon and the processes before it did, in
 * order, tried= the steps never done whose call failed (setsid() in a group
 * leader), and judged= each checklist item's judgment (lib/checklist.c), so
 * that the replay never judges otherwise than the verdict. Runs that are not
 * traced, not yet judged, or written before judged= have no recipe: the
 * timeline shows them as before.
 */
#ifndef DAEMON_STEPS_VIEWER_RECIPE_H
#define DAEMON_STEPS_VIEWER_RECIPE_H

#include "checklist.h"
#include "model.h"

/* How the daemon's lineage did a step, as the timeline marks it. */
enum step_mark {
	STEP_MISSING,		/* never done: "(3 fork)" */
	STEP_TRIED,		/* never done, its call tried and failed: "(2 setsid!)" */
	STEP_DONE,		/* done, and its items met as the recipe does it */
	STEP_DIFFERENTLY,	/* done, its items met otherwise (umask 022, chdir /var/lib/foo): '*' */
	STEP_FAILS		/* done, yet an item of its fails at the verdict: '!' */
};

struct recipe {
	int known;			/* a traced run with a verdict that names its daemon */
	const struct entry *verdict;	/* that record: its state is the daemon's */
	char path[8];			/* the steps done, in order: "4127" */
	char tried[8];			/* steps never done whose call failed: "2" */
	enum step_mark marks[8];	/* [1]..[7] */
	int done_before[8];		/* [n]: an earlier step of the recipe that came after n
					 * (n was done out of order, too soon); 0: in order */
	enum check_judgment judged[CHECK_ALL_COUNT];	/* each item, as the verdict judges it */
};

/* The recipe of run, as its records show it (known is 0 for other runs). */
void recipe_of(const struct run *run, struct recipe *recipe);

/* The step ("1".."7") an item is achieved by, as a number. */
int recipe_step_of(enum check check);

/* What the recipe shows, in words: "steps 4, 1, 2 and 7, in that order; out
 * of order: 4 (before 1); done differently: 7; missing: 3, 5, 6". */
void recipe_words(const struct recipe *recipe, char *out, size_t size);

#endif
