#!/usr/bin/env bash
# daemon-viewer replays a traced run: --dump shows one frame per record of
# the run, the real program's name and calls in the titles, the lesson's
# words for exec, fork, exit and the verdict, and --normalize reads it too.
. "$(dirname "$0")/lib.sh"

ticks=$WORK/ticks
trace -- "$TICKER" --daemon3 "$ticks"
daemon=$(ticker_pid "$ticks")
DAEMONS=$daemon
run=$(q1 prog=daemon-trace event=start -- run)
records=$(count run="$run")
"$DS_BIN/daemon-viewer" --dump --run "$run" "$LOG" >"$WORK/out" 2>&1 || fail "daemon-viewer --dump exited $?"
says "run $run: $records records in $records frames"
says "frame $records/$records"
says "trace-ticker $daemon: step 2 by setsid()  result=$daemon"
says "exits: exited 0"
says "now runs trace-ticker"
says "fork() by PID"
says "daemon-trace's verdict: fails some items."
says "[x] own session"
"$DS_BIN/daemon-viewer" --dump --normalize --run "$run" "$LOG" >"$WORK/out" 2>&1 ||
	fail "daemon-viewer --dump --normalize exited $?"
says "step 2 by setsid()  result=P"
if grep -qw "$daemon" "$WORK/out"; then fail "--normalize left the daemon's PID"; fi
pass "--normalize names the daemon's PID"
