/* source.c - which lines of which program a frame's code pane shows (see source.h). */
#include "source.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

enum { LINE_MAX_READ = 512 };	/* a call further along a longer line is not seen */

/* The comments that mark, in a step's main(), where its step begins and ends. */
static const char STEP_BEGINS[] = "/*** the step ***/";
static const char STEP_ENDS[] = "/*** going on ***/";

/*
 * What a frame shows: the first row whose step, event and condition match its
 * record names the lines, a function or the step that main()
 * marks, and the call to mark among them. A call is found in the code only,
 * at the start of a word: "printf(" is not the one in "snprintf(", and a
 * comment or a string that names setsid() is not the call (a call written
 * with quotes, record("exit", is found with its string).
 */
static const struct {
	const char *step, *event, *cond_key, *cond_value;	/* "*": any step or event */
	const char *function;	/* NULL: the step, as main() marks it */
	const char *call;
} rows[] = {
	/* --wait-ready: the parent waits, then exits by what it read */
	{ "1", "ready-wait", NULL, NULL, "wait_until_ready", "read(" },
	{ "1", "parent-exit", "ready", NULL, "wait_until_ready", "_exit(" },
	{ "1", "parent-exit", NULL, NULL, NULL, "_exit(" },
	{ "1", "*", NULL, NULL, NULL, "fork()" },
	{ "2", "*", NULL, NULL, NULL, "setsid()" },
	{ "3", "parent-exit", NULL, NULL, NULL, "_exit(" },
	{ "3", "*", NULL, NULL, NULL, "fork()" },
	{ "4", "*", NULL, NULL, NULL, "chdir(" },
	{ "5", "*", NULL, NULL, NULL, "umask(" },
	/* main() calls through a table: what closed them is the method recorded */
	{ "6", "after", "method", "close_range", "close_with_close_range", "syscall(" },
	{ "6", "after", "method", "proc", "close_with_proc", "close(" },
	{ "6", "after", "method", "loop", "close_with_loop", "close(" },
	{ "6", "*", NULL, NULL, NULL, "close_all(" },
	{ "7", "*", NULL, NULL, NULL, "open(" },

	{ "daemon", "after", "tried_tty", NULL, "try_terminal", "open(" },
	{ "daemon", "heartbeat", NULL, NULL, "beat", "printf(" },
	{ "daemon", "ready", NULL, NULL, "tell_waiting_starter", "write(" },
	{ "daemon", "signal", NULL, NULL, "main", "sigtimedwait(" },
	{ "daemon", "exit", NULL, NULL, "main", "record(\"exit\"" },
	{ "daemon", "*", NULL, NULL, "main", "program_start(" },

	{ "quiz", "*", "quiz", "leader-setsid", "group_leader_tries_setsid", "setsid()" },
	{ "quiz", "*", "quiz", "fork-then-setsid", "child_starts_session", "setsid()" },
	{ "quiz", "*", "quiz", "leader-opens-tty", "session_leader_opens",
	  "open_terminal_carelessly(" },
	{ "quiz", "*", "quiz", "non-leader-opens-tty", "second_child_opens",
	  "open_terminal_carelessly(" },
	{ "quiz", "*", NULL, NULL, "main", "program_start(" },
};

const char *
source_line(const struct source_file *file, int n)
{
	return n >= 1 && (size_t)n <= file->count ? file->lines[n - 1] : "";
}

static const struct source_file *
file_of_program(const char *prog)
{
	char path[128];

	if (snprintf(path, sizeof path, "steps/%s.c", prog) >= (int)sizeof path)
		return NULL;
	for (size_t i = 0; i < step_source_count; i++)
		if (strcmp(step_sources[i].path, path) == 0)
			return &step_sources[i];
	return NULL;
}

/*** finding a call in the code ***/

static int
is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The code of line, into out: comments blanked (in_comment carries a comment
 * that goes on to the next line), and the insides of strings and character
 * constants too unless keep_strings. */
static void
code_of(const char *line, int keep_strings, int *in_comment, char *out, size_t size)
{
	char quote = 0;
	size_t i = 0;

	/* two bytes of room: a comment's end and an escape take two at a time */
	for (; line[i] && i + 2 < size; i++) {
		char c = line[i];

		out[i] = c;
		if (*in_comment) {
			out[i] = ' ';
			if (c == '*' && line[i + 1] == '/') {
				out[++i] = ' ';
				*in_comment = 0;
			}
		} else if (quote) {
			if (c == '\\' && line[i + 1]) {
				out[i] = keep_strings ? c : ' ';
				i++;
				out[i] = keep_strings ? line[i] : ' ';
			} else if (c == quote) {
				quote = 0;
			} else if (!keep_strings) {
				out[i] = ' ';
			}
		} else if (c == '/' && line[i + 1] == '*') {
			out[i] = ' ';
			out[++i] = ' ';
			*in_comment = 1;
		} else if (c == '/' && line[i + 1] == '/') {
			break;
		} else if (c == '"' || c == '\'') {
			quote = c;
		}
	}
	out[i] = '\0';
}

/* Whether code holds call at the start of a word. */
static int
holds_call(const char *code, const char *call)
{
	for (const char *p = code; (p = strstr(p, call)) != NULL; p++)
		if (p == code || !is_word_char(p[-1]) || !is_word_char(call[0]))
			return 1;
	return 0;
}

/* The first line from `from` to last whose code holds call, or 0. */
static int
find_call(const struct source_file *file, int from, int last, const char *call)
{
	int in_comment = 0, keep_strings = strchr(call, '"') != NULL;
	char code[LINE_MAX_READ];

	for (int n = from; n <= last; n++) {
		code_of(source_line(file, n), keep_strings, &in_comment, code, sizeof code);
		if (holds_call(code, call))
			return n;
	}
	return 0;
}

/*** finding the lines ***/

/* Whether line n names a function being defined: the name at the start of
 * the line, then '(' (the return type is on the line before, as here). */
static int
is_definition(const struct source_file *file, int n)
{
	const char *line = source_line(file, n);
	size_t name = 0;

	while (is_word_char(line[name]))
		name++;
	return name > 0 && !isdigit((unsigned char)line[0]) && line[name] == '(' &&
	       line[strlen(line) - 1] != ';';
}

/* The function defined at line n: from its return type to its closing brace. */
static int
function_at(const struct source_file *file, int n, struct excerpt *excerpt)
{
	const char *name = source_line(file, n), *type = source_line(file, n - 1);
	int end = n + 1;

	snprintf(excerpt->function, sizeof excerpt->function, "%.*s", (int)strcspn(name, "("),
		 name);
	while ((size_t)end <= file->count && strcmp(source_line(file, end), "}") != 0)
		end++;
	if ((size_t)end > file->count)
		return -1;
	excerpt->first = type[0] && !strstr(type, "*/") ? n - 1 : n;
	excerpt->last = end;
	return 0;
}

static int
find_function(const struct source_file *file, const char *name, struct excerpt *excerpt)
{
	size_t len = strlen(name);

	for (int n = 1; (size_t)n <= file->count; n++) {
		const char *line = source_line(file, n);
		if (strncmp(line, name, len) == 0 && line[len] == '(' && is_definition(file, n))
			return function_at(file, n, excerpt);
	}
	return -1;
}

/* The function whose lines hold line n. */
static int
enclosing_function(const struct source_file *file, int n, struct excerpt *excerpt)
{
	struct excerpt found = *excerpt;

	for (int start = n; start >= 1; start--) {
		if (!is_definition(file, start))
			continue;
		if (function_at(file, start, &found) == -1 || found.last < n)
			return -1;
		*excerpt = found;
		return 0;
	}
	return -1;
}

static int
is_blank(const char *line)
{
	return line[strspn(line, " \t")] == '\0';
}

/* The lines a step's main() marks, without the blank lines at either end. */
static int
find_step(const struct source_file *file, struct excerpt *excerpt)
{
	int begins = 0, ends = 0;

	for (int n = 1; (size_t)n <= file->count; n++) {
		const char *line = source_line(file, n);
		const char *text = line + strspn(line, " \t");
		if (strcmp(text, STEP_BEGINS) == 0 && !begins)
			begins = n;
		else if (strcmp(text, STEP_ENDS) == 0 && begins && !ends)
			ends = n;
	}
	if (!begins || !ends)
		return -1;
	excerpt->first = begins + 1;
	excerpt->last = ends - 1;
	while (excerpt->first < excerpt->last && is_blank(source_line(file, excerpt->first)))
		excerpt->first++;
	while (excerpt->last > excerpt->first && is_blank(source_line(file, excerpt->last)))
		excerpt->last--;
	snprintf(excerpt->function, sizeof excerpt->function, "main");
	return 0;
}

/*** the excerpt ***/

static size_t
row_of(const struct entry *record)
{
	size_t count = sizeof rows / sizeof rows[0];

	for (size_t i = 0; i < count; i++)
		if (entry_matches(record, rows[i].step, rows[i].event, rows[i].cond_key,
				  rows[i].cond_value))
			return i;
	return count;
}

/*
 * An error marks the call that failed, as call= names it: where the lines
 * shown call it (call= is "setsid"), else where they name it ("recording",
 * as fail() was told), else in the function of the file that names it.
 */
static void
mark_failed_call(const struct entry *record, struct excerpt *excerpt)
{
	const char *failed = entry_get(record, "call");
	const struct source_file *file = excerpt->file;
	char call[LINE_MAX_READ], named[LINE_MAX_READ];
	int n;

	if (failed == NULL || failed[0] == '\0')
		return;
	snprintf(call, sizeof call, "%s(", failed);
	snprintf(named, sizeof named, "\"%s\"", failed);
	if ((n = find_call(file, excerpt->first, excerpt->last, call)) ||
	    (n = find_call(file, excerpt->first, excerpt->last, named))) {
		excerpt->call = n;
		return;
	}
	n = find_call(file, 1, (int)file->count, named);
	if (n && enclosing_function(file, n, excerpt) == 0)
		excerpt->call = n;
}

void
excerpt_of(const struct entry *record, struct excerpt *excerpt)
{
	size_t row = row_of(record);
	const struct source_file *file = file_of_program(entry_text(record, "prog"));

	memset(excerpt, 0, sizeof *excerpt);
	excerpt->file = file;
	if (file == NULL || row == sizeof rows / sizeof rows[0] ||
	    (rows[row].function ? find_function(file, rows[row].function, excerpt)
				: find_step(file, excerpt)) == -1) {
		memset(excerpt, 0, sizeof *excerpt);	/* no code for this frame */
		return;
	}
	excerpt->call = find_call(file, excerpt->first, excerpt->last, rows[row].call);
	if (strcmp(entry_text(record, "event"), "error") == 0)
		mark_failed_call(record, excerpt);
}
