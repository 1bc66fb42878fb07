#!/usr/bin/env bash
# Two demos at once: the second heartbeatd finds the pid file locked. Its demo
# must say it as heartbeatd alone does ("another heartbeatd (PID N) holds the
# pid file"), not only the errno (EAGAIN), and how that daemon ends.
. "$(dirname "$0")/../lib.sh"

# both chains pause, so neither daemon is up when the other demo starts
run_program daemon-demo --pause 0.3 --no-viewer --seconds 30 >"$WORK/a" 2>&1 </dev/null &
first=$!
status_b=0
run_program daemon-demo --pause 0.3 --no-viewer --seconds 30 >"$WORK/b" 2>&1 </dev/null || status_b=$?
status_a=0
wait "$first" || status_a=$?
daemons=$(q prog=heartbeatd event=after -- pid | sort -u)	# the one that got past its pid file
expect "one heartbeatd runs" "$(wc -l <<<"$daemons")" 1
if [ "$status_a" = 0 ]; then winner=a loser=b status=$status_b; else winner=b loser=a status=$status_a; fi
expect "the demo whose daemon runs exits" "$([ $winner = a ] && echo "$status_a" || echo "$status_b")" 0
expect "the other exits" "$status" 1
for said in "daemon-demo: the chain failed: heartbeatd: locking the pid file failed: EAGAIN" \
	"daemon-demo: heartbeatd: another heartbeatd (PID $daemons) holds the pid file $WORK/heartbeatd.pid" \
	"daemon-demo: that heartbeatd stops by itself when its time is up, or with: daemon-demo --stop"; do
	grep -qF -- "$said" "$WORK/$loser" ||
		fail "the second demo does not say '$said': $(cat "$WORK/$loser")"
done
pass "the second demo says who holds the pid file, as heartbeatd does, and how it ends"
stop_pid "$daemons"
