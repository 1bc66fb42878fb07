#!/usr/bin/env bash
# daemon-demo --stop says "stopped" only once heartbeatd is gone, and says
# what happened when it does not go.
. "$(dirname "$0")/../lib.sh"

# start_daemon: a heartbeatd adopted as a daemon is (orphaned by the subshell);
# sets daemon to its PID.
start_daemon() {
	(run_program heartbeatd --seconds 60 </dev/null >/dev/null 2>&1 &)
	wait_until 5 "heartbeatd to beat" has_record prog=heartbeatd event=heartbeat
	daemon=$(q prog=heartbeatd event=start -- pid | tail -n 1)
}

# 1. heartbeatd takes its time to go: on SIGTERM it records the signal first,
# and the log is now a FIFO that nobody reads, so its open() waits.
start_daemon
mv "$LOG" "$WORK/log.before"
mkfifo "$LOG"
run_program daemon-demo --stop >"$WORK/stop" 2>&1 &
stopper=$!
blocked() { [ "$(cat "/proc/$daemon/wchan" 2>/dev/null)" = wait_for_partner ]; }
wait_until 5 "heartbeatd, sent SIGTERM, to wait for a reader of the log" blocked
# what a user would see: the claim, or the prompt back
claimed_or_done() { grep -q stopped "$WORK/stop" || ! kill -0 "$stopper" 2>/dev/null; }
if poll_until 1 claimed_or_done; then
	fail "--stop said or ended while heartbeatd (PID $daemon) still ran: $(cat "$WORK/stop")"
fi
pass "--stop waits while heartbeatd is still running"
exec 3<>"$LOG"	# a reader: heartbeatd records, and goes
wait "$stopper" || fail "--stop exited $?: $(cat "$WORK/stop")"
is_dead "$daemon" || fail "--stop ended, yet heartbeatd (PID $daemon) still runs"
grep -q "^daemon-demo: stopped heartbeatd (PID $daemon)" "$WORK/stop" ||
	fail "--stop said: $(cat "$WORK/stop")"
pass "then it says so, once heartbeatd is gone: $(head -n 1 "$WORK/stop")"
exec 3>&-
rm "$LOG"
mv "$WORK/log.before" "$LOG"

# 2. heartbeatd cannot go: it is stopped (Ctrl-Z, SIGSTOP), so the SIGTERM waits
start_daemon
kill -STOP "$daemon"
status=0
run_program daemon-demo --stop >"$WORK/stop" 2>&1 || status=$?
expect "--stop exits, when heartbeatd does not go, with" "$status" 1
for said in "heartbeatd (PID $daemon) did not stop within 5 s of SIGTERM" \
	"it is stopped itself (state T" "kill -CONT $daemon"; do
	grep -qF -- "$said" "$WORK/stop" || fail "--stop does not say '$said': $(cat "$WORK/stop")"
done
grep -q "stopped heartbeatd" "$WORK/stop" && fail "--stop says it stopped it: $(cat "$WORK/stop")"
pass "--stop says why it did not go, and what would end it"
kill -CONT "$daemon"
wait_until 5 "heartbeatd, let go on, to take its SIGTERM" is_dead "$daemon"
expect "and it did" "$(q prog=heartbeatd event=exit -- reason | tail -n 1)" SIGTERM
