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
	"$BIN/daemon-viewer" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	status=$?
	[ "$status" -eq "$want" ] || { cat "$WORK/err" >&2; fail "$name: exit status $status, not $want"; }
	grep -qF -- "$text" "$WORK/out" "$WORK/err" || { cat "$WORK/out" "$WORK/err" >&2; fail "$name: no '$text'"; }
	echo "ok: $name"
}

good=$(grep -m1 'step=2 event=after' "$SRC/tests/viewer/sample.log")

check "missing file" 1 "cannot read the log $WORK/nope: No such file or directory" "$WORK/nope"
check "a directory" 1 "cannot read the log $WORK: Is a directory" "$WORK"
if [ "$(id -u)" -ne 0 ]; then
	echo "$good" >"$WORK/secret" && chmod 000 "$WORK/secret"
	check "unreadable file" 1 "Permission denied" "$WORK/secret"
else
	echo "note: running as root, the unreadable-file case cannot fail to read: left out"
fi

: >"$WORK/empty"
check "empty log" 3 "holds no records: it is empty" "$WORK/empty"

printf 'hello\nnot=a record here\n\n' >"$WORK/junk"
check "no records, only junk" 3 "only lines that are not records" "$WORK/junk"

{ echo "a line of prose"; echo "$good"; echo "key=\"never closed"; echo "$good" | cut -c1-100
  head -c 10000 /dev/zero | tr '\0' x; echo; echo "$good"; } >"$WORK/mixed"
check "bad lines are counted" 0 "4 bad lines skipped (first: line 1, does not begin with v=1)" \
	"$WORK/mixed"
grep -qF "4 bad lines skipped" "$WORK/out" || fail "the dump does not show the bad-line count"

{ echo "$good" | sed 's/ cwd=/ colour=blue mood="rather good" cwd=/'; } >"$WORK/unknown"
check "unknown fields are tolerated" 0 'mood="rather good"' --width 200 "$WORK/unknown"

{ echo "$good" | sed 's/^v=1 /v=2 /'; echo "key=value pairs=alone"; echo "$good"; } >"$WORK/versions"
check "a later version, or key=value alone, is not a record" 0 \
	"1 records in 1 run; 2 bad lines skipped (first: line 1, does not begin with v=1)" "$WORK/versions"

echo "v=1 run=r time=soon prog=x step=9 event=whatever" >"$WORK/sparse"
check "records missing fields" 0 "x ?: whatever" "$WORK/sparse"

printf 'v=1 run=r\0x prog=a\n%s\n' "$good" >"$WORK/nul"
check "a NUL byte" 0 "1 bad line skipped (first: line 1" "$WORK/nul"

head -c 200000 /dev/urandom >"$WORK/binary"
"$BIN/daemon-viewer" --dump "$WORK/binary" >/dev/null 2>"$WORK/err"
status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 3 ] || { cat "$WORK/err" >&2; fail "binary garbage: exit status $status"; }
echo "ok: binary garbage (exit $status)"
{ cat "$WORK/binary"; echo; echo "$good"; } >"$WORK/binary-then-record"
check "a record after garbage" 0 "1 records in 1 run" "$WORK/binary-then-record"

check "unknown option" 2 "unknown option '--colour'" --colour
check "missing argument" 2 "option '--run' needs an argument" "$WORK/mixed" --run
check "bad width" 2 "--width wants a number from 80 to 400, not 'wide'" --width wide "$WORK/mixed"
check "two logs" 2 "one log at a time" "$WORK/mixed" "$WORK/mixed"
check "--follow into a pipe" 2 "--follow needs a terminal" --follow "$WORK/mixed"
check "no such run" 3 "no run 'nope' in" --run nope "$WORK/mixed"
check "--help" 0 "Exit status:" --help
check "--version" 0 "daemon-viewer (daemon-steps)" --version
echo "PASS: bad input handled"
