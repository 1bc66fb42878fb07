#!/bin/bash
# bad-input.sh BIN SOURCE-DIR - bad input never crashes daemon-viewer.
#
# Each case: what the viewer is given, the exit status it must end with, and
# a message it must print. Under the ASan+UBSan preset a crash or a leak also
# fails the case.
set -u
BIN=$1
SRC=$2
. "$SRC/tests/viewer/lib.sh"

# check NAME STATUS TEXT ARGS...: daemon-viewer ARGS exits STATUS and prints
# TEXT (on stdout or stderr)
check() {
	local name=$1 want=$2 text=$3 status
	shift 3
	"$BIN/daemon-viewer" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	status=$?
	[ "$status" -eq "$want" ] || { cat "$TMP/err" >&2; fail "$name: exit status $status, not $want"; }
	grep -qF -- "$text" "$TMP/out" "$TMP/err" || { cat "$TMP/out" "$TMP/err" >&2; fail "$name: no '$text'"; }
	echo "ok: $name"
}

good=$(grep -m1 'step=2 event=after' "$SRC/tests/viewer/sample.log")

check "missing file" 1 "cannot read the log $TMP/nope: No such file or directory" "$TMP/nope"
check "a directory" 1 "cannot read the log $TMP: Is a directory" "$TMP"
if [ "$(id -u)" -ne 0 ]; then
	echo "$good" >"$TMP/secret" && chmod 000 "$TMP/secret"
	check "unreadable file" 1 "Permission denied" "$TMP/secret"
else
	echo "note: running as root, the unreadable-file case cannot fail to read: left out"
fi

: >"$TMP/empty"
check "empty log" 3 "holds no records: it is empty" "$TMP/empty"

printf 'hello\nnot=a record here\n\n' >"$TMP/junk"
check "no records, only junk" 3 "only lines that are not records" "$TMP/junk"

{ echo "a line of prose"; echo "$good"; echo "key=\"never closed"; echo "$good" | cut -c1-100
  head -c 10000 /dev/zero | tr '\0' x; echo; echo "$good"; } >"$TMP/mixed"
check "bad lines are counted" 0 "4 bad lines skipped (first: line 1" "$TMP/mixed"
grep -qF "4 bad lines skipped" "$TMP/out" || fail "the dump does not show the bad-line count"

{ echo "$good" | sed 's/ cwd=/ colour=blue mood="rather good" cwd=/'; } >"$TMP/unknown"
check "unknown fields are tolerated" 0 'mood="rather good"' --width 200 "$TMP/unknown"

echo "v=1 run=r time=soon prog=x step=9 event=whatever" >"$TMP/sparse"
check "records missing fields" 0 "x ?: whatever" "$TMP/sparse"

printf 'v=1 run=r\0x prog=a\n%s\n' "$good" >"$TMP/nul"
check "a NUL byte" 0 "1 bad line skipped (first: line 1" "$TMP/nul"

head -c 200000 /dev/urandom >"$TMP/binary"
"$BIN/daemon-viewer" --dump "$TMP/binary" >/dev/null 2>"$TMP/err"
status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 3 ] || { cat "$TMP/err" >&2; fail "binary garbage: exit status $status"; }
echo "ok: binary garbage (exit $status)"
{ cat "$TMP/binary"; echo; echo "$good"; } >"$TMP/binary-then-record"
check "a record after garbage" 0 "1 records in 1 run" "$TMP/binary-then-record"

check "unknown option" 2 "unknown option '--colour'" --colour
check "missing argument" 2 "option '--run' needs an argument" "$TMP/mixed" --run
check "bad width" 2 "--width wants a number from 80 to 400, not 'wide'" --width wide "$TMP/mixed"
check "two logs" 2 "one log at a time" "$TMP/mixed" "$TMP/mixed"
check "--follow into a pipe" 2 "--follow needs a terminal" --follow "$TMP/mixed"
check "no such run" 3 "no run 'nope' in" --run nope "$TMP/mixed"
check "--help" 0 "Exit status:" --help
check "--version" 0 "daemon-viewer (daemon-steps)" --version
echo "PASS: bad input handled"
