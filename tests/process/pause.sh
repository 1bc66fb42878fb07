#!/usr/bin/env bash
# daemon-demo --pause: every step waits that long after its record, so a class
# can watch each state in ps; the pause reaches the steps through the environment.
. "$(dirname "$0")/../lib.sh"

run_program daemon-demo --pause 0.3 --no-viewer --seconds 10 >"$WORK/out" 2>&1 </dev/null ||
	fail "daemon-demo --pause exited $?: $(cat "$WORK/out")"
daemon=$(q1 prog=heartbeatd event=start -- pid)
seconds() { date -u -d "$1" +%s.%6N; }
for step in 4 5 6; do
	after=$(q1 step=$step event=after -- time)
	next=$(q1 step=$((step + 1)) event=start -- time)
	gap=$(awk -v a="$(seconds "$after")" -v b="$(seconds "$next")" 'BEGIN { printf "%.2f", b - a }')
	awk -v g="$gap" 'BEGIN { exit !(g >= 0.3 && g < 2) }' || fail "step $step paused $gap s, not 0.3"
	pass "step $step waited $gap s before the next program"
done
stop_pid "$daemon"
