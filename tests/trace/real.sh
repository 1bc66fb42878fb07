#!/usr/bin/env bash
# daemon-trace on a real program that daemonizes: the daemon works while
# traced; its verdict agrees, item by item, with /proc of the daemon it left;
# the daemon is untraced and still works after the detach; the verdict's exit status says whether every item
# passed. Started from a folder of its own, with umask 0027 and a descriptor
# left open, so that keeping either shows. Usage: real.sh PROGRAM
. "$(dirname "$0")/lib.sh"

ticks=$WORK/ticks
caller_with_ties

case $1 in
daemon3) command=("$TICKER" --daemon3 "$ticks") ;;
daemonize) need daemonize; command=(daemonize "$TICKER" "$ticks") ;;
start-stop-daemon)
	need start-stop-daemon
	# matched by its own pid file, not by --exec: another test's ticker may run
	command=(start-stop-daemon --start --background --make-pidfile --pidfile "$WORK/pid"
		--startas "$TICKER" -- "$ticks") ;;
setsid-f) need setsid; command=(setsid -f "$TICKER" "$ticks") ;;
pid-file-too-early)
	# a pid file written before the fork that makes the daemon
	need setsid
	command=(/bin/sh -c 'echo $$ >"$1" && exec setsid -f "$2" "$3"' sh "$WORK/pid" "$TICKER" "$ticks") ;;
python-daemon)
	python_daemon_command "$TICKER" "$ticks" ;;
*) fail "no such program: $1" ;;
esac

# a settle time long enough to see the daemon at work while still traced
as_caller "$DS_BIN/daemon-trace" --settle 2000 -- "${command[@]}" >"$WORK/out" 2>&1 </dev/null &
started=$!
daemon=$(ticker_pid "$ticks")
DAEMONS=$daemon
tracer=$(awk '/^TracerPid:/ { print $2 }' "/proc/$daemon/status")
expect "the daemon's tracer, before the detach" "$(cat "/proc/$tracer/comm")" daemon-trace
still_working "$ticks"
expect "the daemon's tracer, once it went on working" \
	"$(awk '/^TracerPid:/ { print $2 }' "/proc/$daemon/status")" "$tracer"
status=0
wait "$started" || status=$?
cat "$WORK/out"
says "settled: the first process exited, then 2000 ms with no recorded call"
expect "the verdict names the daemon" "$(q1 prog=trace-ticker event=verdict -- daemon)" "$daemon"
untraced "$daemon"
still_working "$ticks"
check_against_proc "$daemon" "$launch" 0027 "$leaked"
if [ "$(verdict_of "no descriptor of its caller")" = FAIL ]; then
	says "no descriptor of its caller: 7 -> $leaked (inherited from the caller)"
fi
case $1 in
start-stop-daemon)
	says "pid file $WORK/pid holds $daemon, the daemon's PID (written by its parent"
	expect "the pid file's record" "$(q1 pid_file="$WORK/pid" -- holds)" "$daemon" ;;
pid-file-too-early)
	says "pid file $WORK/pid holds $(cat "$WORK/pid"), NOT the daemon's PID ($daemon)"
	# the pid file is no step of the recipe: said so, not "(step daemon)"
	says "(no step of the recipe: the daemon's own work, as heartbeatd's)" ;;
esac
failed=$(grep -c '^  \[FAIL\]' "$WORK/out" || true)
says "detached"
if [ "$failed" = 0 ]; then
	says "verdict: a daemon: every item passes"
	expect "daemon-trace's exit status" "$status" 0
else
	says "verdict: a background process that fails $failed item"
	expect "daemon-trace's exit status" "$status" 3
fi
