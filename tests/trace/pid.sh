#!/usr/bin/env bash
# daemon-trace --pid: the same checklist for a running process, from /proc
# alone, agreeing item by item with what /proc shows, and what needs the
# history (the directory, the umask, the descriptors) not known, never
# failed; a PID that is gone or not a number is refused.
. "$(dirname "$0")/lib.sh"

ticks=$WORK/ticks
caller_with_ties
as_caller "$TICKER" --daemon3 "$ticks" </dev/null
daemon=$(ticker_pid "$ticks")
DAEMONS=$daemon

status=0
as_caller "$DS_BIN/daemon-trace" --pid "$daemon" >"$WORK/out" 2>&1 </dev/null || status=$?
cat "$WORK/out"
says "daemon-trace: PID $daemon (trace-ticker), parent"
says "from /proc alone"
says "cannot tell whether it chose its umask"
check_against_proc "$daemon" "$launch" 0027 "$leaked" proc-alone
says "not known from /proc alone: not counted"
expect "exit status of a background process that fails items" "$status" 3
untraced "$daemon"

# a shell that leads its own session, asking about itself: daemon-trace,
# its child, shares that session, but its parent (this test) does not
setsid bash -c '"$0" --pid $$; true' "$DS_BIN/daemon-trace" >"$WORK/out" 2>&1 </dev/null
cat "$WORK/out"
says "[pass] a session of its own: SID"
says "; its parent's is $(proc_field $$ 4)"
# and a process in its parent's session
sleep 30 </dev/null >/dev/null 2>&1 &
sleeper=$!
trace --pid "$sleeper"
kill "$sleeper"
wait "$sleeper" 2>/dev/null || true
if [ "$(proc_field $$ 4)" = 0 ]; then	# made outside the namespace (CI): either
	says "[ ?  ] a session of its own: SID 0: a session made outside this PID namespace"
else
	says "[FAIL] a session of its own: still in its parent's session, $(proc_field $$ 4)"
fi

stop_pid "$daemon"
trace --pid "$daemon"
expect "exit status for a PID that is gone" "$status" 1
says "daemon-trace: reading /proc/$daemon failed: No such"
trace --pid 12x
expect "exit status for a PID that is not a number" "$status" 2
says "--pid needs a whole number"
