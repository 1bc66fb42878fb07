/* logq - a test helper: prints fields of the records of a transition log
 * that match every KEY=VALUE filter, one record a line, tab-separated.
 *
 *   logq LOG [KEY=VALUE...] [-- FIELD...]    fields of each matching record
 *   logq --count LOG [KEY=VALUE...]          how many records match
 *
 * A missing field prints as "-". It reads the log with the project's own
 * parser, so the tests check the format as the programs write it.
 */
#include <stdio.h>
#include <string.h>

#include "logread.h"

struct query {
	char **filters;
	int nfilters;
	char **fields;
	int nfields;
	long matches;
	int count_only;
};

static int
matches(const struct logfmt_record *r, const struct query *q)
{
	for (int i = 0; i < q->nfilters; i++) {
		const char *equals = strchr(q->filters[i], '=');
		char key[64];
		size_t len = (size_t)(equals - q->filters[i]);

		if (len >= sizeof key)
			return 0;
		memcpy(key, q->filters[i], len);
		key[len] = '\0';
		const char *value = logfmt_get(r, key);
		if (value == NULL || strcmp(value, equals + 1) != 0)
			return 0;
	}
	return 1;
}

static int
visit(const struct logfmt_record *r, size_t line, void *context)
{
	struct query *q = context;

	(void)line;
	if (!matches(r, q))
		return 0;
	q->matches++;
	if (q->count_only)
		return 0;
	for (int i = 0; i < q->nfields; i++) {
		const char *value = logfmt_get(r, q->fields[i]);
		printf("%s%s", i ? "\t" : "", value ? value : "-");
	}
	printf("\n");
	return 0;
}

int
main(int argc, char **argv)
{
	struct query q = { 0 };
	struct log_read_stats stats;
	int arg = 1;

	if (arg < argc && strcmp(argv[arg], "--count") == 0) {
		q.count_only = 1;
		arg++;
	}
	if (arg >= argc) {
		fprintf(stderr, "usage: logq [--count] LOG [KEY=VALUE...] [-- FIELD...]\n");
		return 2;
	}
	FILE *f = fopen(argv[arg++], "r");
	if (f == NULL) {
		perror(argv[arg - 1]);
		return 1;
	}
	q.filters = argv + arg;
	while (arg < argc && strcmp(argv[arg], "--") != 0) {
		if (strchr(argv[arg], '=') == NULL) {
			fprintf(stderr, "logq: a filter is KEY=VALUE, not '%s'\n", argv[arg]);
			return 2;
		}
		q.nfilters++;
		arg++;
	}
	if (arg < argc) {
		q.fields = argv + arg + 1;
		q.nfields = argc - arg - 1;
	}
	if (log_read(f, LOG_READ_ALL, visit, &q, &stats) == -1) {
		perror("reading the log");
		return 1;
	}
	fclose(f);
	if (stats.bad_lines)
		fprintf(stderr, "logq: %zu bad lines, the first at line %zu: %s\n", stats.bad_lines,
			stats.first_bad_line, logfmt_strerror(stats.first_error));
	if (q.count_only)
		printf("%ld\n", q.matches);
	return stats.bad_lines ? 3 : 0;
}
