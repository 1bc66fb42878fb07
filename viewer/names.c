/* names.c - naming processes, terminals, files and times (see names.h). */
#include "names.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The PID fields, in the order that numbers processes. */
static const char *const pid_keys[] = { "pid", "ppid", "pgid", "sid", "tpgid", "forked_by" };
static const char *const path_keys[] = { "cwd", "fd0", "fd1", "fd2", "tried_tty" };

/* Values that are the same on every machine and stay as they are. */
static int
is_universal_pid(const char *pid)
{
	return strcmp(pid, "-1") == 0 || strcmp(pid, "0") == 0 || strcmp(pid, "1") == 0 ||
	       strcmp(pid, "?") == 0 || pid[0] == '\0';
}

static int
is_universal_path(const char *path)
{
	return strcmp(path, "/") == 0 || strcmp(path, "/dev/null") == 0 ||
	       strcmp(path, "closed") == 0 || strcmp(path, "?") == 0 || path[0] == '\0';
}

static const struct name *
find(const struct name *table, size_t count, const char *original)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(table[i].original, original) == 0)
			return &table[i];
	return NULL;
}

static void
add(struct name *table, size_t *count, const char *original, const char *format)
{
	if (*count == NAMES_MAX || find(table, *count, original))
		return;
	table[*count].original = original;
	snprintf(table[*count].name, NAME_SIZE, format, *count + 1);
	(*count)++;
}

/* "pts/3" for "/dev/pts/3", else NULL. */
static const char *
tty_of_device(const char *path)
{
	return strncmp(path, "/dev/", 5) == 0 && strchr(path + 5, '/') ? path + 5 : NULL;
}

static int
is_adopter_pid(const struct names *names, const char *pid)
{
	for (size_t i = 0; i < names->adopter_pid_count; i++)
		if (strcmp(names->adopter_pids[i], pid) == 0)
			return 1;
	return 0;
}

/* The adopters first: a subreaper may appear as a parent before it adopts. */
static void
find_adopters(struct names *names, const struct run *run)
{
	for (size_t f = 0; f < run->count; f++) {
		const struct entry *record = run->frames[f].record;
		const char *adopter = entry_get(record, "adopter");
		const char *pid = entry_text(record, "ppid");

		if (adopter == NULL)
			continue;
		if (names->adopter_count < NAMES_MAX && names_process(names, adopter) == adopter)
			names->adopters[names->adopter_count++] = adopter;
		if (names->adopter_pid_count < NAMES_MAX && pid[0] && !is_adopter_pid(names, pid))
			names->adopter_pids[names->adopter_pid_count++] = pid;
	}
}

void
names_build(struct names *names, const struct run *run, int normalize)
{
	memset(names, 0, sizeof *names);
	names->normalize = normalize;
	names->start = run->count ? log_time_seconds(entry_text(run->frames[0].record, "time")) : -1;
	if (!normalize)
		return;
	find_adopters(names, run);
	for (size_t f = 0; f < run->count; f++) {
		const struct entry *record = run->frames[f].record;
		const char *tty = entry_text(record, "tty");

		for (size_t k = 0; k < sizeof pid_keys / sizeof pid_keys[0]; k++) {
			const char *pid = entry_text(record, pid_keys[k]);
			if (!is_universal_pid(pid) && !is_adopter_pid(names, pid))
				add(names->pids, &names->pid_count, pid, "P%zu");
		}
		if (strcmp(tty, "?") != 0 && tty[0])
			add(names->ttys, &names->tty_count, tty, "<tty%zu>");
		for (size_t k = 0; k < sizeof path_keys / sizeof path_keys[0]; k++) {
			const char *path = entry_text(record, path_keys[k]);
			if (tty_of_device(path))
				add(names->ttys, &names->tty_count, tty_of_device(path), "<tty%zu>");
			else if (!is_universal_path(path))
				add(names->paths, &names->path_count, path, "<path%zu>");
		}
	}
}

const char *
names_pid(const struct names *names, const char *pid)
{
	const struct name *name;

	if (!names->normalize)
		return pid;
	if (is_adopter_pid(names, pid))
		return "<adopter>";
	if (is_universal_pid(pid))
		return pid;
	name = find(names->pids, names->pid_count, pid);
	return name ? name->name : "P?";
}

const char *
names_process(const struct names *names, const char *comm)
{
	for (size_t i = 0; names->normalize && i < names->adopter_count; i++)
		if (strcmp(names->adopters[i], comm) == 0)
			return "<adopter>";
	return comm;
}

const char *
names_tty(const struct names *names, const char *tty)
{
	const struct name *name;

	if (!names->normalize || strcmp(tty, "?") == 0 || tty[0] == '\0')
		return tty;
	name = find(names->ttys, names->tty_count, tty);
	return name ? name->name : "<tty?>";
}

const char *
names_path(const struct names *names, const char *path, char *out, size_t size)
{
	const struct name *name;

	if (!names->normalize || is_universal_path(path))
		return path;
	if (tty_of_device(path)) {
		snprintf(out, size, "/dev/%s", names_tty(names, tty_of_device(path)));
		return out;
	}
	name = find(names->paths, names->path_count, path);
	return name ? name->name : "<path?>";
}

const char *
names_identity(const struct names *names, const char *key, const char *value)
{
	static const char *const keys[][2] = {
		{ "uid", "<uid>" }, { "gid", "<gid>" }, { "groups", "<groups>" }, { "nenv", "<nenv>" },
	};

	for (size_t i = 0; names->normalize && i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(key, keys[i][0]) == 0)
			return keys[i][1];
	return value;
}

const char *
names_text(const struct names *names, const char *text, char *out, size_t size)
{
	size_t used = 0;

	if (!names->normalize || size == 0)
		return text;
	for (const char *p = text; *p && used + 1 < size;) {
		size_t digits = strspn(p, "0123456789");
		char number[NAME_SIZE];
		const char *shown;
		/* a PID is a word of its own: the 1 of step1-fork is not PID 1 */
		int word = (p == text || !isalnum((unsigned char)p[-1])) &&
			   !isalnum((unsigned char)p[digits]);

		if (digits == 0 || digits >= sizeof number) {
			out[used++] = *p++;
			continue;
		}
		memcpy(number, p, digits);
		number[digits] = '\0';
		/* PID 1 as the adopter stays 1 in text: a 1 there is as often a count */
		shown = word && (find(names->pids, names->pid_count, number) ||
				 (is_adopter_pid(names, number) && !is_universal_pid(number)))
				? names_pid(names, number)
				: number;
		used += (size_t)snprintf(out + used, size - used, "%s", shown);
		if (used >= size)
			used = size - 1;
		p += digits;
	}
	out[used] = '\0';
	return out;
}

const char *
names_time(const struct names *names, const char *time, char *out, size_t size)
{
	double at = log_time_seconds(time);
	double offset = at >= 0 && names->start >= 0 ? at - names->start : 0;

	if (at < 0 || names->start < 0)
		snprintf(out, size, "%s", names->normalize ? "+?s" : time);
	else if (names->normalize)	/* whole seconds: a run's milliseconds vary */
		snprintf(out, size, "%+lds", (long)(offset < 0 ? offset - 0.5 : offset + 0.5));
	else
		snprintf(out, size, "%.12s +%.3fs", strchr(time, 'T') + 1, offset);
	return out;
}
