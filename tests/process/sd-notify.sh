#!/usr/bin/env bash
# The new-style way: heartbeatd started in the foreground by a service
# manager, which sets NOTIFY_SOCKET, tells it READY=1 once its pid file holds
# its PID, and STOPPING=1 as it leaves, by the sd_notify datagram protocol.
# notify-listener stands for the manager: it makes the socket, reads the
# messages and the sender's PID as the kernel gives it. A path socket and an
# abstract one (@name); without NOTIFY_SOCKET, nothing is sent.
. "$(dirname "$0")/../lib.sh"
: "${DS_NOTIFY_LISTENER:?DS_NOTIFY_LISTENER must name the notify-listener helper}"

# manage RUN SOCKET: heartbeatd under a "manager" listening on SOCKET, as
# systemd starts a Type=notify service: in a session of its own, not forked.
manage() {
	local run=$1 socket=$2
	"$DS_NOTIFY_LISTENER" "$socket" "$WORK/heartbeatd.pid" 20 >"$WORK/$run.messages" 2>&1 &
	listener=$!
	wait_until 10 "the listener to bind $socket" grep -q listening "$WORK/$run.messages"
	DAEMON_STEPS_LOG=$LOG DAEMON_STEPS_RUN=$run NOTIFY_SOCKET=$socket \
		setsid "$DS_BIN/heartbeatd" --seconds 1 </dev/null >/dev/null 2>&1
	wait "$listener" || fail "the listener saw no STOPPING=1: $(cat "$WORK/$run.messages")"
}

for socket in "$WORK/notify" "@daemon-steps-test-$$-$RANDOM"; do
	run=run-$RANDOM
	manage "$run" "$socket"
	pid=$("$DS_LOGQ" "$LOG" run="$run" event=start -- pid)
	# READY=1 when the pid file holds the PID (heartbeatd runs on for a
	# second); by STOPPING=1 it may be gone already, so it is not compared
	expect "the messages heartbeatd sent to $socket" \
		"$(sed '1d; s/^\(STOPPING=1 from [0-9-]*\),.*/\1/' "$WORK/$run.messages")" \
		"READY=1 from $pid, pid file $pid
STOPPING=1 from $pid"
	expect "the log records both" "$("$DS_LOGQ" "$LOG" run="$run" event=notify -- sent | tr '\n' ' ')" \
		"READY=1 STOPPING=1 "
done
[ ! -e "$WORK/notify" ] || fail "the listener left its socket"

run=unmanaged
DAEMON_STEPS_LOG=$LOG DAEMON_STEPS_RUN=$run "$DS_BIN/heartbeatd" --seconds 1 </dev/null >/dev/null 2>&1
expect "without NOTIFY_SOCKET, notify records" "$("$DS_LOGQ" --count "$LOG" run=$run event=notify)" 0
expect "and no error" "$("$DS_LOGQ" --count "$LOG" run=$run event=error)" 0
