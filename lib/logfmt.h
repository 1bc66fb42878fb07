/* logfmt.h - the one definition of the transition log's record format.
 *
 * A record is one line of `key=value` pairs separated by single spaces and
 * ended by a newline, at most LOGFMT_RECORD_MAX bytes in all. Its first field
 * is the format's version, v=1: logfmt_start() writes it, and logfmt_parse()
 * refuses a line without it, so that a stray line that happens to look like
 * key=value pairs, or a record of another version, is not taken for one of
 * this format's. A key is made of
 * a-z, 0-9 and '_'. A value is written bare when it is not empty and holds no
 * space, '"', '=', '\\' or control character; otherwise it is quoted:
 * "..." with \" \\ \n \t \r and \xHH (two lowercase hex digits) for any other
 * control byte (0x01-0x1f, 0x7f). Bytes from 0x80 up are written as they are,
 * so a UTF-8 path stays readable with cat. A value too long for its room is
 * cut (never inside an escape or a UTF-8 character) and its key is listed in
 * the record's last field, `cut=key1,key2`.
 *
 * This file knows nothing of processes or files: the step programs write
 * records with it, the viewer and the tests read them with it.
 */
#ifndef DAEMON_STEPS_LOGFMT_H
#define DAEMON_STEPS_LOGFMT_H

#include <stddef.h>

/* The first field of every record: the format's version. */
#define LOGFMT_VERSION_FIELD "v=1"

enum {
	LOGFMT_RECORD_MAX = 4096,	/* bytes, newline included */
	LOGFMT_FIELDS_MAX = 64,
	LOGFMT_CUT_ROOM = 96		/* kept free for the cut list */
};

/* A record being written. */
struct logfmt_writer {
	char line[LOGFMT_RECORD_MAX];
	size_t len;
	char cut[LOGFMT_CUT_ROOM];	/* keys whose values were cut */
};

/* Starts a record with its first field, v=1. */
void logfmt_start(struct logfmt_writer *w);

/* Appends key=value, cutting the value to what room is left. */
void logfmt_add(struct logfmt_writer *w, const char *key, const char *value);

/* The same, with the encoded value cut to at most max_encoded bytes. */
void logfmt_add_max(struct logfmt_writer *w, const char *key,
		    const char *value, size_t max_encoded);

/* printf-style value. */
void logfmt_addf(struct logfmt_writer *w, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Appends the cut list (if any) and the newline; returns the line's length. */
size_t logfmt_finish(struct logfmt_writer *w);

/* A record read back. Values are decoded and NUL-terminated. */
struct logfmt_field {
	const char *key;
	const char *value;
};

struct logfmt_record {
	struct logfmt_field fields[LOGFMT_FIELDS_MAX];
	size_t count;
	char storage[LOGFMT_RECORD_MAX + 1];	/* the line, split into NUL-ended keys and values */
};

/* Why a line is not a record. */
enum logfmt_error {
	LOGFMT_OK = 0,
	LOGFMT_TOO_LONG,
	LOGFMT_EMPTY,
	LOGFMT_NOT_VERSION_1,
	LOGFMT_BAD_KEY,
	LOGFMT_NO_EQUALS,
	LOGFMT_BAD_VALUE,
	LOGFMT_UNTERMINATED_QUOTE,
	LOGFMT_BAD_ESCAPE,
	LOGFMT_TOO_MANY_FIELDS
};

/* Parses one line (without or with its trailing newline). */
enum logfmt_error logfmt_parse(const char *line, size_t len,
			       struct logfmt_record *out);

const char *logfmt_strerror(enum logfmt_error error);

/* The value of key, or NULL when the record has no such field. */
const char *logfmt_get(const struct logfmt_record *record, const char *key);

#endif
