#!/usr/bin/env bash
# SIGTERM, SIGINT or SIGHUP sent to daemon-trace's own PID while it traces: it
# detaches, gives its verdict, and the program runs on, untraced.
# Usage: signals.sh TERM|INT|HUP
. "$(dirname "$0")/lib.sh"

signal=${1:?which signal}
ticks=$WORK/ticks
DAEMON_STEPS_LOG=$LOG "$DS_BIN/daemon-trace" -- "$TICKER" "$ticks" >"$WORK/out" 2>&1 </dev/null &
tracer=$!
ticker=$(ticker_pid "$ticks")
DAEMONS=$ticker
traced() { [ "$(awk '/^TracerPid:/ { print $2 }' "/proc/$ticker/status")" = "$tracer" ]; }
wait_until 5 "daemon-trace to trace the ticker" traced
kill -"$signal" "$tracer"
stayed() { grep -qF "verdict: it stayed in the foreground" "$WORK/out"; }
wait_until 10 "daemon-trace to give its verdict after SIG$signal" stayed
says "the trace ended: daemon-trace was asked to stop (a signal)"
says "detached 1 task of 1 process"
untraced "$ticker"
still_working "$ticks"
stop_pid "$ticker"
status=0
wait "$tracer" || status=$?
expect "daemon-trace's exit status" "$status" 4
