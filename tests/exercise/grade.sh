#!/usr/bin/env bash
# grade.sh CASE - the homework of docs/exercise, graded by daemon-trace as a
# student checks it: the folder copied as handed out, built with its own
# Makefile, mydaemon started from there by a caller that holds a file open on
# descriptor 7 and has umask 0027. CASE:
#   skeleton      as shipped: it stays in the foreground (step 1 is missing)
#   complete      tests/exercise/daemonize.c in place of the stub: a daemon
#   without-3     the same without the second fork: the verdict names it
#   without-6     the same without closing the descriptors: the verdict names it
# Every line of the verdict that says what is wrong must be in the exercise's
# README (numbers aside), where the student looks it up.
. "$(dirname "$0")/../trace/lib.sh"

case=${1:?usage: grade.sh skeleton|complete|without-3|without-6}
exercise=$(cd "$(dirname "$0")/../../docs/exercise" && pwd)
need make cc

# --- the student's folder ---------------------------------------------------
expect "the files handed out" "$(cd "$exercise" && ls -A | xargs)" "Makefile README.md mydaemon.c"
student=$WORK/homework
cp -R "$exercise" "$student"

# solution_without STEP: daemonize.c, without its comment header and without
# the block of STEP: its "/* STEP. " comment up to the next empty line, or to
# the function's end
solution_without() {
	sed -n '/^static void$/,$p' "$(dirname "$0")/daemonize.c" |
		awk -v step="$1" '
			index($0, "\t/* " step ". ") == 1 { skipping = 1 }
			skipping && ($0 == "" || $0 == "}") { skipping = 0; if ($0 == "") next }
			!skipping { print }'
}
# hand_in STEP: the skeleton's daemonize() replaced by the solution's
hand_in() {
	local solution=$WORK/solution.c
	solution_without "$1" >"$solution"
	awk -v solution="$solution" '
		/^static void$/ { held = $0; next }
		held != "" && /^daemonize\(void\)$/ { replacing = 1; held = ""
			while ((getline line < solution) > 0) print line; next }
		held != "" { print held; held = "" }
		replacing { if (/^}$/) replacing = 0; next }
		{ print }' "$exercise/mydaemon.c" >"$student/mydaemon.c"
	grep -qx '	pid_t pid;' "$student/mydaemon.c" || fail "the solution did not replace the stub"
}
case $case in
skeleton) ;;
complete) hand_in none ;;
without-3 | without-6)
	hand_in "${case#without-}"
	if grep -q "^	/\* ${case#without-}\. " "$student/mydaemon.c"; then fail "step ${case#without-} is still in"; fi
	;;
*) fail "no such case: $case" ;;
esac

make -C "$student" >"$WORK/make.out" 2>&1 || { cat "$WORK/make.out" >&2; fail "make failed"; }
if grep -q "warning:" "$WORK/make.out"; then cat "$WORK/make.out" >&2; fail "the compiler warns"; fi
pass "make builds mydaemon with the exercise's Makefile, without a warning"

# --- graded ---------------------------------------------------------------
# as the README says, and its Makefile's check target does
grep -qxF '    daemon-trace -- ./mydaemon 7<mydaemon.c' "$exercise/README.md" ||
	fail "the README does not say to check it with: daemon-trace -- ./mydaemon 7<mydaemon.c"
grep -qxF '	$(DAEMON_TRACE) --seconds 5 -- ./mydaemon 7<mydaemon.c' "$exercise/Makefile" ||
	fail "make check does not run: daemon-trace --seconds 5 -- ./mydaemon 7<mydaemon.c"
# with the caller's file open on descriptor 7, and
# --seconds 3 to end the trace of a program that stays in the foreground (a
# daemon's trace ends earlier, 1 s after its first process exits)
# a desktop's limit of 1024 descriptors, so that the close loop of step 6 is
# as long on every machine (a container's can be a million)
(cd "$student" && umask 0027 && ulimit -n 1024 && exec 7<mydaemon.c &&
	DAEMON_STEPS_LOG=$LOG exec "$DS_BIN/daemon-trace" --seconds 3 -- ./mydaemon) \
	>"$WORK/out" 2>&1 </dev/null &
tracer=$!
# stopped at the end by PID: the pid file's, should the verdict never come
stop_by_pid_file() { [ ! -s "$student/mydaemon.pid" ] || kill "$(cat "$student/mydaemon.pid")" 2>/dev/null; }
CLEANUPS="$CLEANUPS stop_by_pid_file"
has_verdict() { grep -q "^daemon-trace: verdict: " "$WORK/out"; }
wait_until 10 "daemon-trace's verdict" has_verdict
daemon=$(sed -nE 's/^daemon-trace: (the process that stayed: PID|verdict: it stayed in the foreground \(PID) ([0-9]+).*/\2/p' "$WORK/out")
[ -n "$daemon" ] || { cat "$WORK/out" >&2; fail "the verdict names no process that stayed"; }
DAEMONS=$daemon
expect "the PID in mydaemon.pid, against the verdict's" "$(cat "$student/mydaemon.pid")" "$daemon"
beats() { grep -c "^mydaemon $daemon: beat " "$student/mydaemon.out" || true; }
more_beats() { [ "$(beats)" -gt "$before" ]; }
before=$(beats)
wait_until 5 "mydaemon to go on writing mydaemon.out" more_beats
pass "mydaemon $daemon writes mydaemon.out once a second ($before beats, then $(beats))"

if [ "$case" = skeleton ]; then
	# daemon-trace waits for a program in the foreground, as a shell would
	says "the first process still runs in its caller's session: a shell waits for it, and its prompt does not come back (step 1, fork and let the parent exit, is missing)"
	says "daemon-trace: verdict: it stayed in the foreground (PID $daemon, mydaemon)"
	stop_pid "$daemon"
fi
status=0
wait "$tracer" || status=$?
cat "$WORK/out"

# The lines that say what is wrong must be in the README's section for the
# step they point to, as its real runs show them: numbers and paths aside.
# What daemon(7) also asks, printed after the seven, is not the homework's
# (the README's "All done" says so): its lines are left out.
verdict_lines() {
	local line
	while IFS= read -r line; do echo "${line//"$WORK"/\/work}"; done |
		awk '/^  daemon\(7\) also asks/ { beyond = 1; next } /^  [a-z]/ { beyond = 0 } !beyond' |
		{ grep -E '^  \[FAIL\]|^         |^  missing:|^  no second fork|^daemon-trace: verdict:' || true; } |
		sed -E 's#/[^ ,]*#PATH#g; s/[0-9]+/N/g'
}
# readme_section HEADING: the README's "### HEADING..." section
readme_section() {
	awk -v heading="### $1" 'index($0, heading) == 1 { inside = 1; next }
		/^##/ { inside = 0 } inside' "$exercise/README.md"
}
case $case in
skeleton) section="Step 1:" ;;
complete) section="All done" ;;
*) section="Step ${case#without-}:" ;;
esac
verdict_lines <"$WORK/out" >"$WORK/verdict"
readme_section "$section" | verdict_lines >"$WORK/readme"
[ -s "$WORK/verdict" ] || fail "no verdict lines"
while IFS= read -r line; do
	grep -qxF -- "$line" "$WORK/readme" || fail "the README's \"$section\" does not explain: $line"
done <"$WORK/verdict"
pass "the README's \"$section\" has every line of the verdict ($(wc -l <"$WORK/verdict") lines)"

failed_items() { grep '^  \[FAIL\]' "$WORK/out" | sed -E 's/^  \[FAIL\] ([^:]*):.*/\1/' | paste -sd, -; }
missing() { sed -n 's/^  missing: //p' "$WORK/out"; }
case $case in
skeleton)
	expect "exit status (no daemon stayed)" "$status" 4
	;;
complete)
	expect "exit status (a daemon)" "$status" 0
	says "  path: fork (1), setsid (2), fork again (3), chdir (4), umask (5), close the descriptors (6), reopen 0, 1, 2 (7)"
	says "  pid file $student/mydaemon.pid holds $daemon, the daemon's PID (written by the daemon itself, $daemon)"
	says "daemon-trace: verdict: a daemon: every item passes"
	;;
without-3)
	expect "exit status (fails some items)" "$status" 3
	expect "the items failed" "$(failed_items)" "not a process-group leader,not its session's leader"
	says "(step 3, fork again, is missing)"
	expect "the steps missing" "$(missing)" "fork again (3)"
	says "  no second fork: it leads its session"
	;;
without-6)
	expect "exit status (fails some items)" "$status" 3
	expect "the items failed" "$(failed_items)" "no descriptor of its caller"
	says "  [FAIL] no descriptor of its caller: 7 -> $student/mydaemon.c (inherited from the caller)"
	says "(step 6, close the descriptors, is missing)"
	expect "the steps missing" "$(missing)" "close the descriptors (6)"
	;;
esac
