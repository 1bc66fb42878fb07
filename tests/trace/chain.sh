#!/usr/bin/env bash
# daemon-trace on the project's own chain: a full pass, and its records of
# each step agree with the chain's own records of it (PID, group, session,
# terminal, directory, umask, 0-2); heartbeatd is untraced and beats on.
. "$(dirname "$0")/lib.sh"

without_leak_check	# the project's programs exit while traced
trace -- "$DS_BIN/step1-fork" step2-setsid step3-fork-again step4-chdir step5-umask \
	step6-close-fds step7-reopen-stdio heartbeatd --seconds 20
daemon=$(q1 prog=heartbeatd step=daemon event=start -- pid)
DAEMONS=$daemon
cat "$WORK/out"
expect "daemon-trace's exit status" "$status" 0
says "verdict: a daemon: every item passes"
says "path: fork (1), setsid (2), fork again (3), chdir (4), umask (5), close the descriptors (6), reopen 0, 1, 2 (7)"
expect "the verdict names heartbeatd" "$(q1 step=trace event=verdict -- daemon)" "$daemon"
untraced "$daemon"
beats=$(count prog=heartbeatd event=heartbeat)
more_beats() { [ "$(count prog=heartbeatd event=heartbeat)" -gt "$beats" ]; }
wait_until 5 "heartbeatd to beat on after the detach" more_beats
pass "heartbeatd beats on"

# each step's own "after" record, and daemon-trace's record of the same call
trace_run=$(q1 prog=daemon-trace event=start -- run)
chain_run=$(q1 step=1 event=start -- run)
expect_not "the chain's own run" "$chain_run" "$trace_run"
for step in 2 4 5 7; do
	own=$(q1 run="$chain_run" step="$step" event=after -- pid pgid sid tty cwd umask fd0 fd1 fd2)
	traced=$(q run="$trace_run" step="$step" event=after -- pid pgid sid tty cwd umask fd0 fd1 fd2 |
		tail -n 1)
	expect "step $step as the chain and as daemon-trace recorded it" "$traced" "$own"
done
own=$(q1 run="$chain_run" step=3 event=after -- pid pgid sid)
expect "the second fork's child, as both recorded it" \
	"$(q1 run="$trace_run" step=3 event=fork -- pid pgid sid)" "$own"
expect "the one exit a shell waits for (step1-fork's parent)" \
	"$(q run="$trace_run" prompt=returns -- prog pid)" "step1-fork"$'\t'"$(q1 run="$trace_run" event=exec -- pid)"
