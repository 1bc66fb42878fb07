/* demo-table.c - a run of the log as a table (daemon-demo --no-viewer, or
 * when stdout is no terminal); see demo.h. */
#include "demo.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "logread.h"
#include "steplib.h"

/* The table's columns: as wide as their widest value in the run (or title),
 * numbers to the right; a working directory wider than CWD_MOST is cut from
 * the left, as the viewer cuts paths, so that the columns stay aligned. */
enum { CWD_MOST = 32, COLUMNS = 10 };

static const struct column {
	const char *key, *title;
	int text;		/* aligned left */
	int most;		/* widest it may get, 0: no limit */
} columns[COLUMNS] = {
	{ "prog", "PROGRAM", 1, 0 }, { "event", "EVENT", 1, 0 }, { "pid", "PID", 0, 0 },
	{ "ppid", "PPID", 0, 0 }, { "pgid", "PGID", 0, 0 }, { "sid", "SID", 0, 0 },
	{ "tty", "TTY", 1, 0 }, { "umask", "MASK", 0, 0 }, { "cwd", "CWD", 1, CWD_MOST },
	{ "fds", "FDS", 1, 0 },
};

struct table {
	const char *run;
	int widths[COLUMNS];
	int printing;		/* the second pass: the first measures */
	int after_clean_env;	/* the row before was step0b's: the next program's
				 * first shows the environment it cleaned */
};

/* A path cut to at most most columns, keeping its end: "..." and the last
 * whole components that fit, or just the last characters. */
static const char *
path_end(const char *path, int most, char *out, size_t size)
{
	size_t len = strlen(path);

	if (most < 4 || (int)len <= most)
		return path;
	const char *end = path + len - (most - 3), *component = strchr(end, '/');
	snprintf(out, size, "...%s", component && component[1] ? component : end);
	return out;
}

/* The value a record shows in a column. */
static const char *
cell(const struct logfmt_record *r, const struct column *column, char *out, size_t size)
{
	const char *value = logfmt_get(r, column->key);

	/* the shell did not start: its record is the origin the run starts from */
	if (strcmp(column->key, "event") == 0 && logfmt_get(r, "step") &&
	    strcmp(logfmt_get(r, "step"), "shell") == 0)
		return "origin";
	if (value == NULL)
		return "-";
	return column->most ? path_end(value, column->most, out, size) : value;
}

static void
print_cells(const char *const *cells, const int *widths)
{
	for (int i = 0; i < COLUMNS; i++)
		if (i == COLUMNS - 1)
			printf("%s\n", cells[i]);	/* the last: no padding after it */
		else
			printf("%*s ", columns[i].text ? -widths[i] : widths[i], cells[i]);
}

/* Notes key=value of r, when it has key, on the line below its row. */
static void
note(const struct logfmt_record *r, const char *key, int *noted)
{
	const char *value = logfmt_get(r, key);

	if (value == NULL)
		return;
	printf("%s%s=%s", *noted ? " " : "      ", key, value);
	*noted = 1;
}

/* What daemon(7)'s steps change, which no column shows: their own fields
 * (NULL-ended), or NULL for another step. */
static const char *const *
daemon7_fields(const char *step)
{
	static const char *const signals[] = { "sigign", "sigblk", NULL };
	static const char *const environment[] = { "nenv", NULL };
	static const char *const ids[] = { "uid", "gid", "groups", NULL };

	return strcmp(step, "0a") == 0 ? signals : strcmp(step, "0b") == 0 ? environment :
	       strcmp(step, "8") == 0 ? ids : NULL;
}

/* One record: measured in the first pass, printed in the second. */
static int
table_row(const struct logfmt_record *r, size_t line, void *context)
{
	struct table *table = context;
	static const char *const notes[] = { "quiz", "adopter", "errno", "hint", "tried_tty",
					      "tty_taken", "signal", "reason" };
	const char *cells[COLUMNS], *step = logfmt_get(r, "step") ? logfmt_get(r, "step") : "";
	const char *const *own = daemon7_fields(step);
	char cut[COLUMNS][CWD_MOST + 1];
	int noted = 0;

	(void)line;
	if (!logfmt_get(r, "run") || strcmp(logfmt_get(r, "run"), table->run) != 0)
		return 0;
	for (int i = 0; i < COLUMNS; i++) {
		cells[i] = cell(r, &columns[i], cut[i], sizeof cut[i]);
		if (!table->printing && (int)strlen(cells[i]) > table->widths[i])
			table->widths[i] = (int)strlen(cells[i]);
	}
	if (!table->printing)
		return 0;
	print_cells(cells, table->widths);
	/* what the event adds goes on a line of its own, so the table stays narrow */
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
		note(r, notes[i], &noted);
	for (size_t i = 0; own && own[i]; i++)
		note(r, own[i], &noted);
	/* /proc shows the environment a program was executed with: step 0b's
	 * cleaning shows in the next program's first record */
	if (table->after_clean_env && strcmp(step, "0b") != 0)
		note(r, "nenv", &noted);
	table->after_clean_env = strcmp(step, "0b") == 0;
	if (noted)
		printf("\n");
	return 0;
}

void
print_run(const char *run)
{
	struct log_read_stats stats;
	struct table table = { .run = run };
	const char *titles[COLUMNS];
	FILE *f = fopen(log_path(), "re");

	if (f == NULL) {
		report_failure("opening the log", errno, log_path());
		return;
	}
	for (int i = 0; i < COLUMNS; i++) {
		titles[i] = columns[i].title;
		table.widths[i] = (int)strlen(titles[i]);
	}
	(void)log_read(f, LOG_READ_ALL, table_row, &table, &stats);
	printf("\n");
	print_cells(titles, table.widths);
	rewind(f);
	table.printing = 1;
	(void)log_read(f, LOG_READ_ALL, table_row, &table, &stats);
	fclose(f);
}
