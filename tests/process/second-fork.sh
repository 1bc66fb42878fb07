#!/usr/bin/env bash
# Why the second fork: without step 3 the daemon is a session leader, takes
# the runner's fresh pseudo-terminal and gets SIGHUP when the runner closes the
# master; after the full chain the same open takes nothing.
. "$(dirname "$0")/../lib.sh"

run_program daemon-demo --single-fork --no-viewer --seconds 30 >"$WORK/single" 2>&1 </dev/null ||
	fail "daemon-demo --single-fork exited $?: $(cat "$WORK/single")"
run=$(q1 prog=daemon-demo event=start -- run)
expect "--single-fork leaves out step 3" "$(q1 run="$run" prog=daemon-demo -- skip)" "3"
expect "step 3 did not run" "$(count run="$run" step=3)" "0"
read_fields daemon sid tty taken tried <<<"$(q1 run="$run" prog=heartbeatd event=after -- pid sid tty tty_taken tried_tty)"
expect "the daemon leads its session" "$sid" "$daemon"
expect "it took the terminal" "$taken" "yes"
expect "as its controlling terminal" "/dev/$tty" "$tried"
wait_until 5 "SIGHUP when the master closed" has_record run="$run" prog=heartbeatd event=signal signal=SIGHUP
expect "the hangup also took the terminal away" "$(proc_field "$daemon" 5)" "0"
grep -q "got SIGHUP" "$WORK/single" || fail "daemon-demo does not tell of the SIGHUP"
pass "daemon-demo tells of the SIGHUP"

# the full chain; a new run also stops the daemon the last one left
run_program daemon-demo --no-viewer --seconds 30 >"$WORK/full" 2>&1 </dev/null ||
	fail "daemon-demo exited $?: $(cat "$WORK/full")"
wait_until 5 "the earlier daemon to stop" is_dead "$daemon"
expect "the earlier daemon was stopped with" "$(q1 run="$run" prog=heartbeatd event=exit -- reason)" "SIGTERM"
run=$(q prog=daemon-demo event=start -- run | tail -n 1)
read_fields daemon sid tty taken <<<"$(q1 run="$run" prog=heartbeatd event=after -- pid sid tty tty_taken)"
expect_not "after the full chain the daemon leads no session" "$sid" "$daemon"
expect "the same open takes no terminal" "$taken $tty" "no ?"
wait_until 5 "a heartbeat after the runner closed the master" \
	has_record run="$run" prog=heartbeatd event=heartbeat
expect "and no signal came" "$(count run="$run" event=signal)" "0"
stop_pid "$daemon"
