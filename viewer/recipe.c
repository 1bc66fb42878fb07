/* recipe.c - the recipe as a traced program did it (see recipe.h). */
#include "recipe.h"

#include <stdio.h>
#include <string.h>

/* The steps of a verdict's path= ("4,1,2,7", "none") into path ("4127");
 * whether it was one. */
static int
read_path(const char *text, char path[8])
{
	size_t len = 0;

	path[0] = '\0';
	if (strcmp(text, "none") == 0)
		return 1;
	for (const char *s = text; *s; s++) {
		if (*s == ',' || strchr(path, *s))
			continue;
		if (*s < '1' || *s > '7' || len == 7)
			return 0;
		path[len++] = *s;
		path[len] = '\0';
	}
	return len > 0;
}

/* The items of a verdict's judged= ("met,met,fails,..."), all of them
 * (the seven's, then daemon(7)'s) in the checklist's order; whether each
 * was named. */
static int
read_judged(const char *text, enum check_judgment judged[CHECK_ALL_COUNT])
{
	for (int c = 0; c < CHECK_ALL_COUNT; c++) {
		size_t len = strcspn(text, ",");
		int judgment = check_judgment_named(text, len);
		if (judgment < 0 || (c < CHECK_ALL_COUNT - 1 && text[len] != ','))
			return 0;
		judged[c] = (enum check_judgment)judgment;
		text += len + (text[len] == ',');
	}
	return *text == '\0';
}

int
recipe_step_of(enum check check)
{
	return check_step(check)[0] - '0';
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
			r->marks[step] = strchr(r->tried, '0' + step) ? STEP_TRIED : STEP_MISSING;
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
	const struct entry *v = NULL;

	memset(r, 0, sizeof *r);
	for (size_t f = 0; f < run->count; f++) {
		const struct entry *record = run->frames[f].record;
		if (strcmp(entry_text(record, "event"), "verdict") == 0)
			v = entry_get(record, "daemon") ? record : NULL;
	}
	/* a log written before the verdict said judged= has no recipe */
	if (v == NULL || !entry_get(v, "judged") || !entry_get(v, "path") ||
	    !read_path(entry_text(v, "path"), r->path) ||
	    !read_judged(entry_text(v, "judged"), r->judged) ||
	    (entry_get(v, "tried") && !read_path(entry_text(v, "tried"), r->tried)))
		return;
	r->verdict = v;
	r->known = 1;
	mark(r);
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
		{ STEP_TRIED, "tried, its call failed" },
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
