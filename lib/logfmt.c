/* logfmt.c - writing and reading transition-log records (format: logfmt.h). */
#include "logfmt.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int
is_key_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static int
is_control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

static int
needs_quotes(const char *value)
{
	if (*value == '\0')
		return 1;
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		if (*p == ' ' || *p == '"' || *p == '=' || *p == '\\' ||
		    is_control(*p))
			return 1;
	return 0;
}

static int
is_utf8_continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Writes the escape for byte c into out (room for 4); returns its length. */
static size_t
escape_byte(unsigned char c, char *out)
{
	static const char hex[] = "0123456789abcdef";

	switch (c) {
	case '"':  memcpy(out, "\\\"", 2); return 2;
	case '\\': memcpy(out, "\\\\", 2); return 2;
	case '\n': memcpy(out, "\\n", 2); return 2;
	case '\t': memcpy(out, "\\t", 2); return 2;
	case '\r': memcpy(out, "\\r", 2); return 2;
	}
	if (is_control(c)) {
		out[0] = '\\';
		out[1] = 'x';
		out[2] = hex[c >> 4];
		out[3] = hex[c & 0xf];
		return 4;
	}
	out[0] = (char)c;
	return 1;
}

/*
 * Encodes value into out, using at most room bytes. Returns the length written
 * and sets *was_cut when the value did not fit whole. A cut never splits an
 * escape or a UTF-8 character.
 */
static size_t
encode_value(const char *value, char *out, size_t room, int *was_cut)
{
	const unsigned char *in = (const unsigned char *)value;
	size_t n = 0, character_start = 1;	/* where the last whole character began */

	*was_cut = 0;
	if (!needs_quotes(value)) {
		size_t len = strlen(value);
		if (len <= room) {
			memcpy(out, value, len);
			return len;
		}
		*was_cut = 1;
		for (n = room; n > 0 && is_utf8_continuation(in[n]); n--)
			;
		if (n > 0) {
			memcpy(out, value, n);
			return n;
		}
		/* not even one character fits bare: the empty value, "" */
	}

	out[n++] = '"';
	for (size_t i = 0; in[i]; i++) {
		char esc[4];
		size_t k = escape_byte(in[i], esc);
		if (!is_utf8_continuation(in[i]))
			character_start = n;
		if (n + k + 1 > room) {		/* + 1: the closing quote */
			*was_cut = 1;
			if (is_utf8_continuation(in[i]))
				n = character_start;	/* drop the character's first bytes */
			break;
		}
		memcpy(out + n, esc, k);
		n += k;
	}
	out[n++] = '"';
	return n;
}

void
logfmt_start(struct logfmt_writer *w)
{
	w->len = strlen(LOGFMT_VERSION_FIELD);
	memcpy(w->line, LOGFMT_VERSION_FIELD, w->len);
	w->cut[0] = '\0';
}

static size_t
room_left(const struct logfmt_writer *w)
{
	size_t usable = LOGFMT_RECORD_MAX - 1 - LOGFMT_CUT_ROOM;	/* 1: newline */
	return w->len < usable ? usable - w->len : 0;
}

static void
note_cut(struct logfmt_writer *w, const char *key)
{
	size_t used = strlen(w->cut);
	size_t need = strlen(key) + (used ? 1 : 0);

	/* the cut list itself must fit: " cut=" + list, within LOGFMT_CUT_ROOM */
	if (used + need + 5 >= sizeof w->cut)
		return;
	snprintf(w->cut + used, sizeof w->cut - used, "%s%s", used ? "," : "", key);
}

void
logfmt_add_max(struct logfmt_writer *w, const char *key, const char *value,
	       size_t max_encoded)
{
	size_t key_len = strlen(key);
	size_t prefix = 1 + key_len + 1;	/* " key=": v=1 is always first */
	size_t room = room_left(w);
	int was_cut;

	if (prefix + 2 > room) {	/* 2: the shortest value, "" */
		note_cut(w, key);
		return;
	}
	room -= prefix;
	if (room > max_encoded)
		room = max_encoded < 2 ? 2 : max_encoded;

	w->line[w->len++] = ' ';
	memcpy(w->line + w->len, key, key_len);
	w->len += key_len;
	w->line[w->len++] = '=';
	w->len += encode_value(value, w->line + w->len, room, &was_cut);
	if (was_cut)
		note_cut(w, key);
}

void
logfmt_add(struct logfmt_writer *w, const char *key, const char *value)
{
	logfmt_add_max(w, key, value, LOGFMT_RECORD_MAX);
}

void
logfmt_addf(struct logfmt_writer *w, const char *key, const char *fmt, ...)
{
	char value[LOGFMT_RECORD_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof value, fmt, ap);
	va_end(ap);
	logfmt_add(w, key, value);
}

size_t
logfmt_finish(struct logfmt_writer *w)
{
	if (w->cut[0])
		w->len += (size_t)snprintf(w->line + w->len, sizeof w->line - w->len, " cut=%s",
					   w->cut);
	w->line[w->len++] = '\n';
	return w->len;
}

static int
hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Character classes for the parser's inner loops, which run over every byte of a log. */
enum { KEY_CHAR = 1, BARE_CHAR = 2, QUOTED_CHAR = 4 };

static const unsigned char *
char_classes(void)
{
	static unsigned char classes[256];
	static int ready;

	if (!ready) {
		for (int c = 0; c < 256; c++) {
			int plain = !is_control((unsigned char)c) && c != '"' && c != '\\';
			classes[c] = (unsigned char)((is_key_char((unsigned char)c) ? KEY_CHAR : 0) |
						     (plain && c != ' ' && c != '=' ? BARE_CHAR : 0) |
						     (plain ? QUOTED_CHAR : 0));
		}
		ready = 1;
	}
	return classes;
}

/*
 * Skips the run of bytes of class wanted; returns its length. The line is
 * NUL-ended and NUL is in no class, so the run stops at the end by itself:
 * one test a byte, in the loop every byte of a log goes through.
 */
static size_t
skip_run(char **pp, const unsigned char *classes, unsigned char wanted)
{
	char *from = *pp, *p = from;

	while (classes[(unsigned char)*p] & wanted)
		p++;
	*pp = p;
	return (size_t)(p - from);
}

/*
 * Decodes, in place, a quoted value whose opening quote is at *pp: the
 * decoded value is never longer than its quoted form, so it is written over
 * it and ended by a NUL. *pp is left after the closing quote.
 */
static enum logfmt_error
decode_quoted(char **pp, const char *end, const unsigned char *classes)
{
	char *out = *pp, *p = *pp + 1;

	for (;;) {
		char *plain = p;
		size_t n = skip_run(&p, classes, QUOTED_CHAR);
		memmove(out, plain, n);
		out += n;
		if (p == end)
			return LOGFMT_UNTERMINATED_QUOTE;
		if (*p == '"')
			break;
		if (*p != '\\')
			return LOGFMT_BAD_VALUE;	/* a raw control byte */
		if (++p == end)
			return LOGFMT_UNTERMINATED_QUOTE;
		switch (*p) {
		case '"':  *out++ = '"'; break;
		case '\\': *out++ = '\\'; break;
		case 'n':  *out++ = '\n'; break;
		case 't':  *out++ = '\t'; break;
		case 'r':  *out++ = '\r'; break;
		case 'x': {
			int hi, lo;
			if (end - p < 3 || (hi = hex_value((unsigned char)p[1])) < 0 ||
			    (lo = hex_value((unsigned char)p[2])) < 0 || hi * 16 + lo == 0)
				return LOGFMT_BAD_ESCAPE;
			*out++ = (char)(hi * 16 + lo);
			p += 2;
			break;
		}
		default:
			return LOGFMT_BAD_ESCAPE;
		}
		p++;
	}
	*out = '\0';
	*pp = p + 1;
	return LOGFMT_OK;
}

/* The line's first field is LOGFMT_VERSION_FIELD, whole. */
static int
begins_with_version(const char *line, size_t len)
{
	size_t field_len = strlen(LOGFMT_VERSION_FIELD);

	return len >= field_len && memcmp(line, LOGFMT_VERSION_FIELD, field_len) == 0 &&
	       (len == field_len || line[field_len] == ' ');
}

/*
 * The line is copied once into the record's storage and split there: each
 * key's '=' and each separating space become the NULs that end keys and
 * values, and quoted values are decoded where they stand.
 */

enum logfmt_error
logfmt_parse(const char *line, size_t len, struct logfmt_record *out)
{
	const unsigned char *classes = char_classes();
	char *p = out->storage, *end;

	out->count = 0;
	if (len > LOGFMT_RECORD_MAX)
		return LOGFMT_TOO_LONG;
	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (len == 0)
		return LOGFMT_EMPTY;
	if (!begins_with_version(line, len))
		return LOGFMT_NOT_VERSION_1;
	memcpy(p, line, len);
	p[len] = '\0';
	end = p + len;

	while (p < end) {
		struct logfmt_field *field;

		if (out->count == LOGFMT_FIELDS_MAX)
			return LOGFMT_TOO_MANY_FIELDS;
		field = &out->fields[out->count];

		field->key = p;
		if (skip_run(&p, classes, KEY_CHAR) == 0)
			return LOGFMT_BAD_KEY;
		if (p == end || *p != '=')
			return LOGFMT_NO_EQUALS;
		*p++ = '\0';

		field->value = p;
		if (p < end && *p == '"') {
			enum logfmt_error error = decode_quoted(&p, end, classes);
			if (error != LOGFMT_OK)
				return error;
		} else if (skip_run(&p, classes, BARE_CHAR) == 0) {
			return LOGFMT_BAD_VALUE;
		}
		out->count++;

		if (p < end) {
			if (*p != ' ')
				return LOGFMT_BAD_VALUE;
			*p++ = '\0';	/* ends a bare value; after a quoted one, a spare */
			if (p == end)
				return LOGFMT_BAD_KEY;
		}
	}
	return LOGFMT_OK;
}

const char *
logfmt_strerror(enum logfmt_error error)
{
	switch (error) {
	case LOGFMT_OK:			return "no error";
	case LOGFMT_TOO_LONG:		return "line longer than a record may be";
	case LOGFMT_EMPTY:		return "empty line";
	case LOGFMT_NOT_VERSION_1:	return "does not begin with v=1";
	case LOGFMT_BAD_KEY:		return "a key is missing or has a character keys may not have";
	case LOGFMT_NO_EQUALS:		return "a key without '='";
	case LOGFMT_BAD_VALUE:		return "a value is empty or has a character it must quote";
	case LOGFMT_UNTERMINATED_QUOTE:	return "a quoted value is not closed";
	case LOGFMT_BAD_ESCAPE:		return "an unknown escape in a quoted value";
	case LOGFMT_TOO_MANY_FIELDS:	return "more fields than a record may have";
	}
	return "unknown error";
}

const char *
logfmt_get(const struct logfmt_record *record, const char *key)
{
	/* the first byte first: most keys differ there, and this runs for every field asked */
	for (size_t i = 0; i < record->count; i++)
		if (record->fields[i].key[0] == key[0] && strcmp(record->fields[i].key, key) == 0)
			return record->fields[i].value;
	return NULL;
}
