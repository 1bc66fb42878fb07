#!/usr/bin/env bash
# A relative timeout runs on across the detach, as if never traced: each
# program waits in one call with a 2 s timeout, daemon-trace detaches it 1 s
# in (--seconds 1), and the call still times out about 2 s after it began,
# not 3 (its whole timeout again). sigtimedwait and epoll_wait fail with EINTR
# at the detach's PTRACE_INTERRUPT, and so do epoll_pwait2 and semtimedop:
# daemon-trace turns it back into the call with the time left (all but
# epoll_wait's timeout are passed by pointer); the others the kernel
# restarts itself, with the time left. A real EINTR stays: a signal the
# program catches, sent while traced, ends its epoll_wait at once.
# Usage: timeouts.sh [compat32]: with compat32, the same of trace-timeout's
# source built 32-bit (gcc -m32), whose calls, registers and timespecs are
# i386's, plus its calls with a 64-bit timespec (skipped without gcc-multilib).
. "$(dirname "$0")/lib.sh"
without_leak_check	# trace-timeout is traced as it exits

timeout_program=$DS_TEST_BIN/trace-timeout
calls="sigtimedwait epoll_wait epoll_pwait2 semtimedop select pselect ppoll poll nanosleep clock_nanosleep"
if [ "${1:-}" = compat32 ]; then
	timeout_program=$WORK/timeout-32bit
	build_32bit "$(dirname "$0")/timeout.c" "$timeout_program"
	calls="$calls sigtimedwait_time64 semtimedop_time64"
fi
tracers=""
for call in $calls; do
	DAEMON_STEPS_LOG=$LOG "$DS_BIN/daemon-trace" --seconds 1 -- \
		"$timeout_program" "$call" "$WORK/report" >"$WORK/out.$call" 2>&1 </dev/null &
	tracers="$tracers $!"
done
returned() { [ "$(grep -c -E '^[a-z_0-9]+ [0-9]+ ' "$WORK/report" 2>/dev/null)" = "$(echo $calls | wc -w)" ]; }
wait_until 15 "every call to return" returned
for call in $calls; do
	grep -qF "detached 1 task of 1 process" "$WORK/out.$call" ||
		{ cat "$WORK/out.$call" >&2; fail "daemon-trace did not detach the $call program"; }
	read -r ms result <<<"$(awk -v c="$call" '$1 == c && $2 ~ /^[0-9]+$/ { print $2, $3 }' "$WORK/report")"
	expect "how $call's 2 s wait ended" "$result" timeout
	# at least the timeout; well below 3 s, where a whole timeout again would end
	if [ "$ms" -lt 1990 ] || [ "$ms" -gt 2600 ]; then
		fail "$call, detached 1 s into its 2 s timeout, returned after $ms ms (expected about 2000)"
	fi
	pass "$call returned after $ms ms, detached 1 s into its 2 s timeout"
done
for tracer in $tracers; do
	status=0
	wait "$tracer" || status=$?
	expect "daemon-trace's exit status (the program stayed in the foreground, then exited)" "$status" 4
done

DAEMON_STEPS_LOG=$LOG "$timeout_program" epoll_wait_caught "$WORK/untraced" &
untraced=$!
DAEMON_STEPS_LOG=$LOG "$DS_BIN/daemon-trace" --seconds 5 -- \
	"$timeout_program" epoll_wait_caught "$WORK/traced" >"$WORK/out.traced" 2>&1 </dev/null &
tracer=$!
for way in untraced traced; do
	waiting() { grep -q "^epoll_wait_caught waiting " "$WORK/$way" 2>/dev/null; }
	wait_until 10 "the $way program to wait" waiting
	program=$(awk '$2 == "waiting" { print $3 }' "$WORK/$way")
	if [ "$way" = traced ]; then
		expect "the program's tracer" "$(awk '/^TracerPid:/ { print $2 }' "/proc/$program/status")" "$tracer"
	fi
	kill -USR1 "$program"
	ended() { grep -qE "^epoll_wait_caught [0-9]+ " "$WORK/$way"; }
	wait_until 5 "the $way program's call to end" ended
	read -r ms result <<<"$(awk '$2 ~ /^[0-9]+$/ { print $2, $3 }' "$WORK/$way")"
	expect "how a caught signal ends epoll_wait, $way" "$result" EINTR
	[ "$ms" -lt 1000 ] || fail "the caught signal ended epoll_wait after $ms ms, $way"
done
wait "$untraced" || true
wait "$tracer" || true
