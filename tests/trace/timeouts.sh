#!/usr/bin/env bash
# A relative timeout runs on across the detach, as if never traced: each
# program waits in one call with a 2 s timeout, daemon-trace detaches it 1 s
# in (--seconds 1), and the call still times out about 2 s after it began,
# not 3 (its whole timeout again). sigtimedwait and epoll_wait fail with EINTR
# at the detach's PTRACE_INTERRUPT, and so do epoll_pwait2 and semtimedop:
# daemon-trace turns it back into the call with the time left (all but
# epoll_wait's timeout are passed by pointer); the others the kernel
# restarts itself, with the time left.
. "$(dirname "$0")/lib.sh"

calls="sigtimedwait epoll_wait epoll_pwait2 semtimedop select pselect ppoll poll nanosleep clock_nanosleep"
tracers=""
for call in $calls; do
	DAEMON_STEPS_LOG=$LOG "$DS_BIN/daemon-trace" --seconds 1 -- \
		"$DS_TEST_BIN/trace-timeout" "$call" "$WORK/report" >"$WORK/out.$call" 2>&1 </dev/null &
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
