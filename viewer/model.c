/* model.c - runs and frames from a transition log (see model.h). */
#include "model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const state_keys[SF_COUNT] = {
	[SF_PID] = "pid", [SF_PPID] = "ppid", [SF_PARENT] = "parent",
	[SF_PGID] = "pgid", [SF_SID] = "sid", [SF_TTY] = "tty",
	[SF_TPGID] = "tpgid", [SF_CWD] = "cwd", [SF_UMASK] = "umask",
	[SF_NFDS] = "nfds", [SF_FDS] = "fds", [SF_FD0] = "fd0",
	[SF_FD1] = "fd1", [SF_FD2] = "fd2", [SF_SIGIGN] = "sigign",
	[SF_SIGCGT] = "sigcgt", [SF_SIGBLK] = "sigblk", [SF_UID] = "uid",
	[SF_GID] = "gid", [SF_GROUPS] = "groups", [SF_NENV] = "nenv",
};

const char *
state_field_key(enum state_field field)
{
	return state_keys[field];
}

/*** entries ***/

const char *
entry_get(const struct entry *entry, const char *key)
{
	for (size_t i = 0; i < entry->count; i++)
		if (strcmp(entry->fields[i].key, key) == 0)
			return entry->fields[i].value;
	return NULL;
}

const char *
entry_text(const struct entry *entry, const char *key)
{
	const char *value = entry_get(entry, key);
	return value ? value : "";
}

int
step_is_program(const char *step)
{
	/* the seven, and daemon(7)'s: 0a and 0b before the first fork, 8 after step 7 */
	return (step[0] >= '1' && step[0] <= '8' && step[1] == '\0') ||
	       strcmp(step, "0a") == 0 || strcmp(step, "0b") == 0;
}

int
skip_list_names(const char *list, const char *step)
{
	size_t len = strlen(step);

	while (list && *list) {
		size_t n = strcspn(list, ",");
		if (n == len && strncmp(list, step, len) == 0)
			return 1;
		list += n + (list[n] == ',');
	}
	return 0;
}

size_t
descriptors_above_stdio(const char *list, int *out, size_t max)
{
	size_t count = 0;
	char *end;

	for (const char *p = list; *p && count < max; p = *end ? end + 1 : end) {
		long fd = strtol(p, &end, 10);
		if (end == p)
			break;		/* not a number: the rest cannot be read */
		if (fd > 2 && fd <= 1 << 30)
			out[count++] = (int)fd;
	}
	return count;
}

size_t
descriptors_still_open(int *held, size_t count, const char *list)
{
	int open_now[320];	/* a list keeps at most about 600 bytes: fewer numbers */
	size_t now = descriptors_above_stdio(list, open_now, sizeof open_now / sizeof open_now[0]);
	size_t kept = 0;

	for (size_t i = 0; i < count; i++)
		for (size_t j = 0; j < now; j++)
			if (held[i] == open_now[j]) {
				held[kept++] = held[i];
				break;
			}
	return kept;
}

int
step_is_chain(const char *step)
{
	return step_is_program(step) || strcmp(step, "daemon") == 0;
}

static int
pattern_matches(const char *pattern, const char *value)
{
	if (strcmp(pattern, "step") == 0)
		return step_is_program(value);
	if (strcmp(pattern, "chain") == 0)
		return step_is_chain(value);
	return strcmp(pattern, "*") == 0 || strcmp(pattern, value) == 0;
}

int
entry_matches(const struct entry *record, const char *step, const char *event,
	      const char *key, const char *value)
{
	const char *has;

	if (!pattern_matches(step, entry_text(record, "step")) ||
	    !pattern_matches(event, entry_text(record, "event")))
		return 0;
	if (key == NULL)
		return 1;
	has = entry_get(record, key);
	return has != NULL && (value == NULL || strcmp(has, value) == 0);
}

/* Copies a parsed record (valid only while log_read visits it) into one block. */
static struct entry *
entry_copy(const struct logfmt_record *record)
{
	size_t text = 0;
	struct entry *entry;
	char *store;

	for (size_t i = 0; i < record->count; i++)
		text += strlen(record->fields[i].key) + strlen(record->fields[i].value) + 2;
	entry = malloc(sizeof *entry + record->count * sizeof entry->fields[0] + text);
	if (entry == NULL)
		return NULL;
	entry->count = record->count;
	store = (char *)&entry->fields[record->count];
	for (size_t i = 0; i < record->count; i++) {
		size_t key_len = strlen(record->fields[i].key) + 1;
		size_t value_len = strlen(record->fields[i].value) + 1;
		entry->fields[i].key = memcpy(store, record->fields[i].key, key_len);
		store += key_len;
		entry->fields[i].value = memcpy(store, record->fields[i].value, value_len);
		store += value_len;
	}
	return entry;
}

/* The fields that count rather than change: a record differing from the one
 * before only in these is a repeat. */
static int
is_counting_field(const char *key)
{
	return strcmp(key, "time") == 0 || strcmp(key, "beat") == 0;
}

static int
is_repeat(const struct entry *before, const struct logfmt_record *record)
{
	if (before->count != record->count)
		return 0;
	for (size_t i = 0; i < record->count; i++) {
		const char *key = record->fields[i].key;
		if (strcmp(before->fields[i].key, key) != 0)
			return 0;
		/* values first: most are equal, and then the key need not be looked at */
		if (strcmp(before->fields[i].value, record->fields[i].value) != 0 &&
		    !is_counting_field(key))
			return 0;
	}
	return 1;
}

static int
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static unsigned
changed_fields(const struct entry *before, const struct entry *now)
{
	unsigned changed = 0;

	for (int f = 0; f < SF_COUNT; f++)
		if (!same_text(entry_get(before, state_keys[f]), entry_get(now, state_keys[f])))
			changed |= 1u << f;
	return changed;
}

/* Copies src into a small buffer, cutting what does not fit. */
static void
copy_text(char *dst, size_t size, const char *src)
{
	size_t len = src ? strlen(src) : 0;

	if (len >= size)
		len = size - 1;
	if (len)
		memcpy(dst, src, len);
	dst[len] = '\0';
}

/*** runs ***/

void
model_init(struct model *model)
{
	memset(model, 0, sizeof *model);
	model->last_run = NO_FRAME;
}

void
model_free(struct model *model)
{
	for (size_t r = 0; r < model->count; r++) {
		struct run *run = &model->runs[r];
		for (size_t f = 0; f < run->count; f++)
			free(run->frames[f].record);
		free(run->frames);
		free(run->id);
	}
	free(model->runs);
	model_init(model);
}

/* Grows an array of *capacity elements of size bytes so one more fits. */
static int
make_room(void **array, size_t *capacity, size_t count, size_t size)
{
	void *bigger;
	size_t wanted;

	if (count < *capacity)
		return 0;
	wanted = *capacity ? 2 * *capacity : 8;
	bigger = realloc(*array, wanted * size);
	if (bigger == NULL)
		return -1;
	*array = bigger;
	*capacity = wanted;
	return 0;
}

/* The run with this id, made when it is new; NULL when memory ran out. */
static struct run *
run_for(struct model *model, const char *id)
{
	struct run *run;

	if (model->last_run != NO_FRAME && strcmp(model->runs[model->last_run].id, id) == 0)
		return &model->runs[model->last_run];
	for (size_t r = 0; r < model->count; r++) {
		if (strcmp(model->runs[r].id, id) == 0) {
			model->last_run = r;
			return &model->runs[r];
		}
	}
	if (make_room((void **)&model->runs, &model->capacity, model->count,
		      sizeof *model->runs) == -1)
		return NULL;
	run = &model->runs[model->count];
	memset(run, 0, sizeof *run);
	run->last_of_thread[THREAD_DAEMON] = run->last_of_thread[THREAD_QUIZ] = NO_FRAME;
	run->id = strdup(id);
	if (run->id == NULL)
		return NULL;
	model->last_run = model->count++;
	return run;
}

/* Whether a frame shows a transition of the story's processes: the shell's
 * record shows where the story began, and each pop quiz record is an
 * experiment of its own, on a process of its own, so they are compared with
 * nothing, and nothing with them. */
static int
is_transition(const struct entry *record)
{
	const char *step = entry_text(record, "step");
	return strcmp(step, "shell") != 0 && strcmp(step, "quiz") != 0;
}

/*
 * The frame a new one is compared with: the newest frame of the same process
 * in its thread; for a process new to the log, the newest frame of the one it
 * came from (forked_by, else its parent), so that a fork shows as the PID that
 * changed; NO_FRAME when neither is in the log. The change marks, the
 * checklist's "<- now" and the explanation all compare with this one frame.
 */
static size_t
compared_frame(const struct run *run, enum thread thread, const struct entry *record)
{
	const char *pid = entry_get(record, "pid");
	const char *from = entry_get(record, "forked_by");
	int adopted = entry_get(record, "adopter") != NULL;
	size_t from_frame = NO_FRAME;

	if (pid == NULL)
		return run->last_of_thread[thread];
	if (from == NULL)
		from = entry_get(record, "ppid");
	for (size_t f = run->count; f-- > 0;) {
		const struct frame *frame = &run->frames[f];
		const char *other = entry_get(frame->record, "pid");

		if (frame->thread != thread || other == NULL || !is_transition(frame->record))
			continue;
		if (strcmp(other, pid) == 0)
			return f;
		if (from_frame == NO_FRAME && from && strcmp(other, from) == 0)
			from_frame = f;
		/* a log older than forked_by: an adopted child is the child of
		 * the newest fork whose parent exited */
		if (from_frame == NO_FRAME && adopted && !entry_get(record, "forked_by") &&
		    strcmp(entry_text(frame->record, "event"), "parent-exit") == 0)
			from_frame = f;
	}
	return from_frame;
}

int
model_add(struct model *model, const struct logfmt_record *record, size_t line)
{
	const char *id = logfmt_get(record, "run");
	const char *step = logfmt_get(record, "step");
	enum thread thread = step && strcmp(step, "quiz") == 0 ? THREAD_QUIZ : THREAD_DAEMON;
	struct run *run = run_for(model, id ? id : "?");
	struct frame *frame;
	size_t previous;

	if (run == NULL)
		return -1;
	run->records++;
	previous = run->last_of_thread[thread];
	if (previous != NO_FRAME && is_repeat(run->frames[previous].record, record)) {
		frame = &run->frames[previous];
		frame->repeats++;
		copy_text(frame->last_time, sizeof frame->last_time, logfmt_get(record, "time"));
		copy_text(frame->last_beat, sizeof frame->last_beat, logfmt_get(record, "beat"));
		return 0;
	}

	if (make_room((void **)&run->frames, &run->capacity, run->count,
		      sizeof *run->frames) == -1)
		return -1;
	frame = &run->frames[run->count];
	memset(frame, 0, sizeof *frame);
	frame->record = entry_copy(record);
	if (frame->record == NULL)
		return -1;
	frame->line = line;
	frame->thread = thread;
	if (!is_transition(frame->record)) {
		frame->previous = NO_FRAME;
		run->count++;
		return 0;
	}
	previous = compared_frame(run, thread, frame->record);
	frame->previous = previous;
	if (previous != NO_FRAME)
		frame->changed = changed_fields(run->frames[previous].record, frame->record);
	run->last_of_thread[thread] = run->count++;
	return 0;
}

/*** reading ***/

struct reading {
	struct model *model;
	size_t lines_before;	/* lines of the log read by earlier calls */
};

static int
visit_record(const struct logfmt_record *record, size_t line, void *context)
{
	struct reading *reading = context;

	if (model_add(reading->model, record, reading->lines_before + line) == -1) {
		reading->model->out_of_memory = 1;
		return 1;	/* stop reading */
	}
	return 0;
}

int
model_read(struct model *model, FILE *file, enum log_read_mode mode)
{
	struct log_read_stats now;
	struct reading reading = { model, model->stats.lines };
	struct log_read_stats *total = &model->stats;
	int result;

	clearerr(file);		/* after an end of file, --follow reads on */
	result = log_read(file, mode, visit_record, &reading, &now);
	if (now.bad_lines && total->bad_lines == 0) {
		total->first_bad_line = reading.lines_before + now.first_bad_line;
		total->first_error = now.first_error;
	}
	total->lines += now.lines;
	total->records += now.records;
	total->bad_lines += now.bad_lines;
	if (model->out_of_memory) {
		errno = ENOMEM;
		return -1;
	}
	return result;
}

const struct run *
model_run(const struct model *model, size_t newest_first)
{
	if (newest_first >= model->count)
		return NULL;
	return &model->runs[model->count - 1 - newest_first];
}

long
model_find_run(const struct model *model, const char *id)
{
	for (size_t i = 0; i < model->count; i++)
		if (strcmp(model_run(model, i)->id, id) == 0)
			return (long)i;
	return -1;
}

size_t
run_find_step(const struct run *run, const char *step)
{
	size_t first = NO_FRAME, failed = NO_FRAME;

	for (size_t f = 0; f < run->count; f++) {
		const struct entry *record = run->frames[f].record;
		const char *event = entry_text(record, "event");

		if (strcmp(entry_text(record, "step"), step) != 0)
			continue;
		if (strcmp(event, "after") == 0)
			return f;
		if (first == NO_FRAME)
			first = f;
		if (failed == NO_FRAME && strcmp(event, "error") == 0)
			failed = f;
	}
	return failed != NO_FRAME ? failed : first;
}

void
run_subject(const struct run *run, char *out, size_t size)
{
	const struct entry *first = run->frames[0].record;
	const char *traced = entry_get(first, "traced"), *program, *name;
	size_t len;

	if (traced == NULL || strcmp(entry_text(first, "event"), "start") != 0) {
		snprintf(out, size, "%s", entry_text(first, "prog"));
		return;
	}
	/* the program as given, which may hold spaces; a log older than that
	 * field has only the command's words joined */
	program = entry_get(first, "program");
	len = program ? strlen(program) : strcspn(traced, " ");
	if (program == NULL)
		program = traced;
	for (name = program + len; name > program && name[-1] != '/'; name--)
		;
	snprintf(out, size, "%s: %.*s", entry_text(first, "prog"), (int)(program + len - name), name);
}
