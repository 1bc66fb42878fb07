/* test-logfmt - the record format: writing and parsing round-trip, hostile
 * values included; cuts keep records whole; malformed lines, and lines that
 * do not begin with v=1, are refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "logfmt.h"

static struct logfmt_record parsed;

static const char *
roundtrip(const char *value)
{
	struct logfmt_writer w;

	logfmt_start(&w);
	logfmt_add(&w, "before", "x");
	logfmt_add(&w, "value", value);
	logfmt_add(&w, "after", "y");
	size_t len = logfmt_finish(&w);
	enum logfmt_error error = logfmt_parse(w.line, len, &parsed);
	CHECK(error == LOGFMT_OK, "parse of a written record: %s", logfmt_strerror(error));
	CHECK(w.line[len - 1] == '\n' && memchr(w.line, '\n', len - 1) == NULL,
	      "a record is one line");
	CHECK(logfmt_get(&parsed, "before") && strcmp(logfmt_get(&parsed, "before"), "x") == 0 &&
	      logfmt_get(&parsed, "after") && strcmp(logfmt_get(&parsed, "after"), "y") == 0,
	      "neighbours of a hostile value survive");
	return logfmt_get(&parsed, "value") ? logfmt_get(&parsed, "value") : "(missing)";
}

static void
test_roundtrip(void)
{
	static const char *const hostile[] = {
		"", "plain", "with space", "quote\"d", "eq=sign", "back\\slash", "new\nline",
		"tab\there", "cr\rhere", "\x01\x02\x1b[31m\x1f\x7f", "/home/ünïcödé/dir",
		"/tmp/a b/\"c\"=d\\e", "\"", "\\", "=", " ", "\\x41", "cut=fds",
	};
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		const char *back = roundtrip(hostile[i]);
		CHECK(strcmp(back, hostile[i]) == 0, "round trip of value %zu: got '%s'", i, back);
	}
}

static void
test_bare_and_quoted(void)
{
	struct logfmt_writer w;

	logfmt_start(&w);
	logfmt_add(&w, "cwd", "/");
	logfmt_add(&w, "tty", "?");
	logfmt_add(&w, "msg", "a b");
	logfmt_finish(&w);
	CHECK(strncmp(w.line, "v=1 cwd=/ tty=? msg=\"a b\"\n", w.len) == 0,
	      "the version first, simple values bare, others quoted: %.*s", (int)w.len, w.line);
}

static void
test_cuts(void)
{
	static char big[8000];
	struct logfmt_writer w;

	memset(big, 'x', sizeof big - 1);
	logfmt_start(&w);
	logfmt_add(&w, "first", "1");
	logfmt_add(&w, "huge", big);
	logfmt_add(&w, "more", big);
	size_t len = logfmt_finish(&w);
	CHECK(len <= LOGFMT_RECORD_MAX, "a record never exceeds %d bytes: %zu", LOGFMT_RECORD_MAX, len);
	CHECK(logfmt_parse(w.line, len, &parsed) == LOGFMT_OK, "a cut record parses");
	CHECK(logfmt_get(&parsed, "cut") && strcmp(logfmt_get(&parsed, "cut"), "huge,more") == 0,
	      "the cut list names the cut keys: %s", logfmt_get(&parsed, "cut"));
	CHECK(logfmt_get(&parsed, "huge") && strlen(logfmt_get(&parsed, "huge")) > 3000,
	      "a cut value keeps what fits");

	/* a cut never splits a UTF-8 character... */
	char accents[6001] = "";
	for (int i = 0; i < 3000; i++)
		strcat(accents + 2 * i, "\xc3\xa9");
	logfmt_start(&w);
	logfmt_add_max(&w, "name", accents, 101);
	len = logfmt_finish(&w);
	CHECK(logfmt_parse(w.line, len, &parsed) == LOGFMT_OK, "parses");
	const char *name = logfmt_get(&parsed, "name");
	CHECK(name && strlen(name) == 100 && strspn(name, "\xc3\xa9") == 100 &&
	      (unsigned char)name[99] == 0xa9, "whole characters only: %zu bytes", name ? strlen(name) : 0);

	/* ...nor an escape, in a quoted value */
	char newlines[1000];
	memset(newlines, '\n', sizeof newlines - 1);
	newlines[sizeof newlines - 1] = '\0';
	logfmt_start(&w);
	logfmt_add_max(&w, "text", newlines, 50);
	len = logfmt_finish(&w);
	CHECK(logfmt_parse(w.line, len, &parsed) == LOGFMT_OK, "parses");
	const char *text = logfmt_get(&parsed, "text");
	CHECK(text && strlen(text) == 24 && strspn(text, "\n") == 24,
	      "whole escapes only: %zu", text ? strlen(text) : 0);
}

/* Whether s ends inside a UTF-8 character. */
static int
ends_mid_character(const char *s)
{
	size_t len = strlen(s), back = 0;

	while (back < len && (s[len - 1 - back] & 0xc0) == 0x80)
		back++;
	if (back == len)
		return back > 0;
	unsigned char lead = (unsigned char)s[len - 1 - back];
	size_t wants = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
	return back != wants;
}

/* Every value, cut to every small room: a record that parses, holding a
 * prefix of the value that ends on a whole character. */
static void
test_small_rooms(void)
{
	static const char *const values[] = {
		"\x01\x80\x80\x80", "a\\\xb0\xb0\xb0\xb0", "\xe2\x82\xac\xe2\x82\xac",
		"a b \xc3\xa9\"\n", "\xc3\xa9\xc3\xa9plain", "x=\xf0\x9f\x98\x80y",
	};
	for (size_t v = 0; v < sizeof values / sizeof values[0]; v++)
		for (size_t room = 2; room <= 12; room++) {
			struct logfmt_writer w;
			logfmt_start(&w);
			logfmt_add_max(&w, "k", values[v], room);
			size_t len = logfmt_finish(&w);
			enum logfmt_error error = logfmt_parse(w.line, len, &parsed);
			CHECK(error == LOGFMT_OK, "value %zu in %zu bytes: %.*s: %s", v, room,
			      (int)len - 1, w.line, logfmt_strerror(error));
			if (error != LOGFMT_OK)
				continue;
			const char *back = logfmt_get(&parsed, "k");
			CHECK(back && strncmp(back, values[v], strlen(back)) == 0 &&
			      (strcmp(back, values[v]) == 0 || !ends_mid_character(back)),
			      "value %zu in %zu bytes: not a whole-character prefix: %s", v, room,
			      back ? back : "(none)");
		}
}

static void
test_malformed(void)
{
	static const struct { const char *line; enum logfmt_error error; } cases[] = {
		{ "", LOGFMT_EMPTY },
		{ "\n", LOGFMT_EMPTY },
		{ "k=v", LOGFMT_NOT_VERSION_1 },	/* well-formed, but not a record */
		{ "v=2 k=v", LOGFMT_NOT_VERSION_1 },
		{ "v=10 k=v", LOGFMT_NOT_VERSION_1 },
		{ "v=1x k=v", LOGFMT_NOT_VERSION_1 },
		{ " v=1 k=v", LOGFMT_NOT_VERSION_1 },
		{ "k=v v=1", LOGFMT_NOT_VERSION_1 },
		{ "v=\xbc\xaa\x91", LOGFMT_NOT_VERSION_1 },	/* seen in random bytes */
		{ "v=1 novalue", LOGFMT_NO_EQUALS },
		{ "v=1 k=", LOGFMT_BAD_VALUE },
		{ "v=1 K=v", LOGFMT_BAD_KEY },
		{ "v=1 =v", LOGFMT_BAD_KEY },
		{ "v=1 k=v  k2=v", LOGFMT_BAD_KEY },
		{ "v=1 k=v ", LOGFMT_BAD_KEY },
		{ "v=1 ", LOGFMT_BAD_KEY },
		{ "v=1 k=\"open", LOGFMT_UNTERMINATED_QUOTE },
		{ "v=1 k=\"ends in backslash\\", LOGFMT_UNTERMINATED_QUOTE },
		{ "v=1 k=\"bad \\q\"", LOGFMT_BAD_ESCAPE },
		{ "v=1 k=\"nul \\x00\"", LOGFMT_BAD_ESCAPE },
		{ "v=1 k=\"short \\x4\"", LOGFMT_BAD_ESCAPE },
		{ "v=1 k=a\"b", LOGFMT_BAD_VALUE },
		{ "v=1 k=a=b", LOGFMT_BAD_VALUE },
		{ "v=1 k=\"a\"b", LOGFMT_BAD_VALUE },
		{ "v=1 k=\"raw\ttab\"", LOGFMT_BAD_VALUE },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum logfmt_error error = logfmt_parse(cases[i].line, strlen(cases[i].line), &parsed);
		CHECK(error == cases[i].error, "case %zu '%s': got '%s', expected '%s'", i,
		      cases[i].line, logfmt_strerror(error), logfmt_strerror(cases[i].error));
	}

	/* a NUL inside a line (the parser stops its scans at NUL) */
	CHECK(logfmt_parse("v=1 k=a\0b", 9, &parsed) == LOGFMT_BAD_VALUE, "a NUL in a bare value");
	CHECK(logfmt_parse("v=1 k=\"a\0b\"", 11, &parsed) == LOGFMT_BAD_VALUE,
	      "a NUL in a quoted value");
	CHECK(logfmt_parse("v=1 k\0=v", 9, &parsed) == LOGFMT_NO_EQUALS, "a NUL in a key");
	CHECK(logfmt_parse("v=1\0k=v", 7, &parsed) == LOGFMT_NOT_VERSION_1, "a NUL after v=1");
	CHECK(logfmt_parse("v=1", 3, &parsed) == LOGFMT_OK && parsed.count == 1, "v=1 alone");

	static char line[LOGFMT_RECORD_MAX + 10];
	memset(line, 'a', sizeof line);
	memcpy(line, "v=1 k=", 6);
	CHECK(logfmt_parse(line, LOGFMT_RECORD_MAX + 1, &parsed) == LOGFMT_TOO_LONG, "too long");
	CHECK(logfmt_parse(line, LOGFMT_RECORD_MAX, &parsed) == LOGFMT_OK, "the longest record");

	char many[LOGFMT_FIELDS_MAX * 5 + 10] = "v=1";
	for (int i = 1; i <= LOGFMT_FIELDS_MAX; i++)
		sprintf(many + strlen(many), " k=%d", i % 10);
	CHECK(logfmt_parse(many, strlen(many), &parsed) == LOGFMT_TOO_MANY_FIELDS, "too many fields");
}

static void
test_unknown_and_missing(void)
{
	const char line[] = "v=1 future_field=\"who knows\" pid=42\n";
	CHECK(logfmt_parse(line, sizeof line - 1, &parsed) == LOGFMT_OK, "unknown fields are fine");
	CHECK(logfmt_get(&parsed, "pid") && strcmp(logfmt_get(&parsed, "pid"), "42") == 0, "pid");
	CHECK(logfmt_get(&parsed, "ppid") == NULL, "a missing field is NULL");
}

int
main(void)
{
	test_roundtrip();
	test_bare_and_quoted();
	test_cuts();
	test_small_rooms();
	test_malformed();
	test_unknown_and_missing();
	return checks_done();
}
