#!/bin/bash
# dump-story.sh BIN SOURCE-DIR - daemon-viewer --dump tells the real programs' story.
#
# Runs the real step chain three ways, each its own run in one log: a full
# chain in a session of its own (the golden run), the same chain under a
# pseudo-terminal (to see the terminal lost), and step2-setsid alone in a
# process that leads its group (the EPERM of the pop quiz). Then checks what
# the dump says, and compares a stable part of the golden run, --normalize'd,
# with tests/viewer/golden/full-chain.txt.
set -u
BIN=$1
SRC=$2
. "$SRC/tests/viewer/lib.sh"

command -v perl >/dev/null || skip "perl is needed to start a process-group leader"
command -v script >/dev/null || skip "script (util-linux) is needed for a terminal"
umask 022

# 1. the golden run: setsid(1) gives the chain a session of its own, so the
#    PIDs are numbered alike wherever the test runs; as root it runs as
#    nobody, so that it never ran as root whoever runs the test (normalized,
#    a user's IDs and the environment's size are <uid>, <nenv>...). nobody
#    cannot enter the test's folder (mode 700): a log of its own, in a folder
#    removed on exit, nor write the sanitizers' reports there.
chain=(step1-fork step2-setsid step3-fork-again step4-chdir step5-umask
       step6-close-fds step7-reopen-stdio)
golden_log=$LOG as_user=()
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is needed to run as nobody"
	shared=$(mktemp -d /tmp/ds-golden-XXXXXX)
	remove_shared() { rm -rf "$shared"; }
	CLEANUPS="remove_shared $CLEANUPS"
	chmod 777 "$shared"
	golden_log=$shared/log
	as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups env -u ASAN_OPTIONS -u UBSAN_OPTIONS)
fi
LOG=$golden_log run_chain golden "${as_user[@]}" setsid "$BIN/${chain[0]}" "${chain[@]:1}"

# 2. under a terminal: the chain starts with one and loses it at step 2; the
#    shell outlives the setsid, so the terminal's hangup reaches no step
#    (script(1) runs its command with $SHELL -c: /bin/sh, whatever the user's;
#    the first program's path reaches it in the environment, unquoted by none)
DAEMON_STEPS_LOG="$LOG" DAEMON_STEPS_RUN=terminal SHELL=/bin/sh FIRST_STEP="$BIN/step1-fork" \
	script -qec "\"\$FIRST_STEP\" ${chain[*]:1} heartbeatd --seconds 1; sleep 1" \
	/dev/null >/dev/null 2>&1 </dev/null
poll_until 20 grep -q "run=terminal .*event=exit" "$LOG" ||
	fail "the chain under a terminal never finished"

# 3. step2-setsid in a group leader: setsid() fails with EPERM, status 1
DAEMON_STEPS_LOG="$LOG" DAEMON_STEPS_RUN=eperm \
	perl -e 'setpgrp(0, 0) or die "setpgrp: $!"; exec { $ARGV[0] } @ARGV or die "exec: $!"' \
	"$BIN/step2-setsid" >/dev/null 2>&1
status=$?
[ "$status" -eq 1 ] || fail "step2-setsid as a group leader exited $status, not 1"

dump() {
	"$BIN/daemon-viewer" --dump "$@" "$LOG" || fail "daemon-viewer --dump $* exited $?"
}

# dump_has RUN TEXT: the run's dump has a line holding TEXT
dump_has() {
	grep -qF -- "$2" "$WORK/$1.txt" || fail "the $1 dump lacks: $2"
}

LOG=$golden_log dump --run golden >"$WORK/golden.txt"
dump_has golden "step2-setsid"
dump_has golden "done: setsid(): a session of its own"
dump_has golden "[x] own session             (2) <- now"
dump_has golden "[x] not a session leader    (3) <- now"
dump_has golden "[x] cwd /                   (4) <- now"
dump_has golden "[x] umask 0                 (5) <- now"
dump_has golden "[x] 0, 1, 2 on /dev/null    (7) <- now"
dump_has golden "daemon(7) also asks... (step)"
dump_has golden "[-] privileges dropped (8)"
dump_has golden "It never ran as root"
grep -qE '^\* umask [0-7]{4} -> 0000' "$WORK/golden.txt" || fail "no umask change to 0000"
grep -qE '^\* cwd .* -> / ' "$WORK/golden.txt" || fail "no cwd change to /"
grep -qE '\|x [0-9]+ step1-fork' "$WORK/golden.txt" || fail "no ghost of step 1's parent"

dump --run terminal >"$WORK/terminal.txt"
grep -qE '^\* TTY   pts/[0-9]+ -> \? \(none\)' "$WORK/terminal.txt" ||
	fail "the terminal run does not show the terminal lost"
dump_has terminal "[x] no controlling terminal (2) <- now"

dump --run eperm >"$WORK/eperm.txt"
dump_has eperm "FAILED: setsid: EPERM"
dump_has eperm "Answer: Fork first (step 1)"

# the newest run comes first when no --run is given
dump >"$WORK/newest.txt"
grep -q "^run eperm:" "$WORK/newest.txt" || fail "the newest run is not shown by default"

# the golden part: from step 7 on, the same on any machine
LOG=$golden_log dump --run golden --normalize |
	awk '{ line[NR] = $0 } /^step7-reopen-stdio [^ ]*: begins/ && !from { from = NR - 2 }
	     END { for (i = from; from && i <= NR; i++) print line[i] }' >"$WORK/golden-part.txt"
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
	cp "$WORK/golden-part.txt" "$SRC/tests/viewer/golden/full-chain.txt"
fi
diff -u "$SRC/tests/viewer/golden/full-chain.txt" "$WORK/golden-part.txt" ||
	fail "the normalized dump differs from tests/viewer/golden/full-chain.txt"
echo "PASS: the dump tells the story of the real programs"
