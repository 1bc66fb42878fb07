#!/usr/bin/env bash
# ptrace refused (a seccomp filter on daemon-trace makes it fail with EPERM):
# daemon-trace says what it found and exits 5, recorded in the log; the
# program never ran, and nothing is left behind.
. "$(dirname "$0")/lib.sh"

ticks=$WORK/ticks
status=0
without_leak_check	# the filter denies LeakSanitizer its ptrace too
DAEMON_STEPS_LOG=$LOG "$DS_TEST_BIN/deny-ptrace" "$DS_BIN/daemon-trace" -- "$TICKER" "$ticks" \
	>"$WORK/out" 2>&1 </dev/null || status=$?
cat "$WORK/out"
expect "exit status when tracing is refused" "$status" 5
says "daemon-trace: PTRACE_SEIZE failed: Operation not permitted"
says "a seccomp filter is on daemon-trace itself"
says "the program was not started"
expect "the refusal recorded" "$(q1 prog=daemon-trace event=error -- call errno)" $'PTRACE_SEIZE\tEPERM'
# the waiting child was killed before its exec: nothing of the test runs
# (a ticker that ran would still, with the log in its environment)
left=$(processes_with_log)
[ -z "$left" ] || fail "processes of the test run: $left"
[ ! -e "$ticks" ] || fail "the program ran"
pass "the program never ran"
