#!/usr/bin/env bash
# daemon-trace on a real program that daemonizes: its verdict agrees, item
# by item, with /proc of the daemon it left; the daemon is untraced and still
# works after the detach; the verdict's exit status says whether every item
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

status=0
as_caller "$DS_BIN/daemon-trace" -- "${command[@]}" >"$WORK/out" 2>&1 </dev/null || status=$?
daemon=$(ticker_pid "$ticks")
DAEMONS=$daemon
cat "$WORK/out"
expect "the verdict names the daemon" "$(q1 prog=trace-ticker event=verdict -- daemon)" "$daemon"
untraced "$daemon"
still_working "$ticks"
check_against_proc "$daemon" "$launch" 0027 "$leaked"
case $1 in
start-stop-daemon)
	says "pid file $WORK/pid holds $daemon, the daemon's PID (written by its parent"
	expect "the pid file's record" "$(q1 pid_file="$WORK/pid" -- holds)" "$daemon" ;;
pid-file-too-early)
	says "pid file $WORK/pid holds $(cat "$WORK/pid"), NOT the daemon's PID ($daemon)" ;;
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
