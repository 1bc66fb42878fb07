#!/usr/bin/env bash
# daemon-demo --skip N: the consequence of leaving out step N, in the log and
# in /proc. Usage: skip.sh N
. "$(dirname "$0")/../lib.sh"

step=${1:?which step to leave out}
launch=$WORK/launch
mkdir -p "$launch"

# says TEXT: daemon-demo's output ($WORK/out) says TEXT
says() {
	grep -qF -- "$1" "$WORK/out" || { cat "$WORK/out" >&2; fail "daemon-demo does not say: $1"; }
	pass "daemon-demo says: $1"
}

# demo ARGS...: runs daemon-demo from $launch, its output in $WORK/out, and
# sets run and daemon (heartbeatd's PID, when it started).
demo() {
	(cd "$launch" && run_program daemon-demo --no-viewer --seconds 30 "$@") \
		>"$WORK/out" 2>&1 </dev/null || fail "daemon-demo $* exited $?: $(cat "$WORK/out")"
	run=$(q prog=daemon-demo event=start -- run | tail -n 1)
	daemon=$(q1 run="$run" prog=heartbeatd event=start -- pid)
}

case $step in
1)
	demo --skip 1
	read_fields pid pgid err <<<"$(q1 run="$run" prog=step2-setsid event=error -- pid pgid errno)"
	expect "step 2 runs in a group leader" "$pgid" "$pid"
	expect "and setsid() fails with" "$err" "EPERM"
	expect "no daemon starts" "$daemon" ""
	grep -q "as intended without step 1" "$WORK/out" || fail "daemon-demo does not explain the EPERM"
	pass "daemon-demo calls the EPERM intended"
	# step2-setsid says why on its stderr; the runner does not say it again
	# there, but does where its stderr does not go
	why="process group $pid already exists and this process leads it"
	expect "step2-setsid's own words why" "$(grep -cF "step2-setsid: $why" "$WORK/out")" 1
	expect "the runner's copy beside them" "$(grep -cF "daemon-demo: step2-setsid: " "$WORK/out")" 0
	(cd "$launch" && run_program daemon-demo --no-viewer --seconds 30 --skip 1) \
		>"$WORK/stdout" 2>/dev/null </dev/null || fail "daemon-demo --skip 1 exited $?"
	expect "the runner's copy on its stdout alone" \
		"$(grep -c "^daemon-demo: step2-setsid: process group [0-9]* already exists" "$WORK/stdout")" 1
	;;
2)
	interactive_shell
	tmux_type "cd $(printf %q "$launch") && daemon-demo --skip 2 --no-viewer --seconds 30 >out 2>&1; echo demo-status=\$?"
	wait_until 15 "daemon-demo to finish" screen_has "demo-status=0"
	run=$(q1 prog=daemon-demo event=start -- run)
	daemon=$(q1 run="$run" prog=heartbeatd event=start -- pid)
	shell=$(shell_pid)
	read_fields sid tty <<<"$(q1 run="$run" prog=heartbeatd event=start -- sid tty)"
	expect "the daemon stays in the shell's session" "$sid" "$(proc_field "$shell" 4)"
	expect_not "and on the shell's terminal" "$tty" "?"
	cp "$launch/out" "$WORK/out"
	says "without step 2, heartbeatd is still in the session it was started from"
	says "(SID $sid), on its terminal: ps -t $tty lists it, and when that terminal closes,"
	ps -t "$tty" -o pid= | grep -qw "$daemon" || fail "ps -t $tty does not list the daemon $daemon"
	pass "ps -t $tty lists the daemon"
	beats=$(count run="$run" event=heartbeat)
	tmux_kill
	tty_gone() { [ "$(proc_field "$daemon" 5)" = 0 ]; }
	wait_until 5 "the daemon to lose its terminal" tty_gone
	pass "the terminal went away: the daemon's tty is now ?"
	more_beats() { [ "$(count run="$run" event=heartbeat)" -gt $((beats + 1)) ]; }
	wait_until 5 "the daemon to go on beating" more_beats
	expect "it was not signalled" "$(count run="$run" event=signal)" "0"
	;;
3)
	demo --skip 3
	read_fields sid taken <<<"$(q1 run="$run" prog=heartbeatd event=after -- sid tty_taken)"
	expect "the daemon leads its session" "$sid" "$daemon"
	expect "and takes the runner's terminal" "$taken" "yes"
	wait_until 5 "its SIGHUP" has_record run="$run" prog=heartbeatd signal=SIGHUP
	pass "it got SIGHUP when the runner closed the master"
	;;
4)
	demo --skip 4
	expect "the daemon's cwd stays the launch folder" "$(q1 run="$run" prog=heartbeatd -- cwd)" "$launch"
	expect "/proc agrees" "$(readlink /proc/"$daemon"/cwd)" "$launch"
	says "without step 4, heartbeatd still works in $launch:"
	(cd / && run_program daemon-demo --stop) >"$WORK/stop" 2>&1 || fail "daemon-demo --stop failed"
	grep -q "stopped heartbeatd (PID $daemon)" "$WORK/stop" || fail "--stop said: $(cat "$WORK/stop")"
	wait_until 5 "daemon-demo --stop to end it" is_dead "$daemon"
	pass "daemon-demo --stop ends the daemon"
	;;
5)
	umask 027
	demo --skip 5
	expect "the daemon keeps the inherited umask" "$(q1 run="$run" prog=heartbeatd -- umask)" "0027"
	expect "/proc agrees" "$(awk '/^Umask:/ { print $2 }' /proc/"$daemon"/status)" "0027"
	says "without step 5, heartbeatd keeps the umask it inherited, 0027:"
	;;
6)
	demo --skip 6
	leaked=$WORK/left-open-by-daemon-demo
	kept=$(for fd in /proc/"$daemon"/fd/*; do [ "$(readlink "$fd")" = "$leaked" ] && echo "${fd##*/}"; done)
	[ -n "$kept" ] || fail "the daemon does not hold $leaked"
	pass "the daemon keeps the runner's file open as descriptor $kept"
	says "without step 6, heartbeatd started with descriptors it never opened: $kept"
	q1 run="$run" prog=heartbeatd event=start -- fds | tr ',' '\n' | grep -qx "$kept" ||
		fail "the log does not list descriptor $kept"
	pass "the log lists it too"
	full=$(q1 run="$run" prog=step6-close-fds -- pid)
	expect "step 6 did not run" "$full" ""
	;;
7)
	demo --skip 7
	expect "the pid file became descriptor 0" "$(readlink /proc/"$daemon"/fd/0)" "$WORK/heartbeatd.pid"
	says "daemon-demo: fd0=$WORK/heartbeatd.pid."
	expect "in the log too" "$(q1 run="$run" prog=heartbeatd event=start -- fd0)" "closed"
	wait_until 5 "a heartbeat" has_record run="$run" event=heartbeat
	read_fields fd0 fd1 out_err <<<"$(q1 run="$run" event=heartbeat -- fd0 fd1 stdout_errno)"
	expect "a heartbeat record shows the pid file on 0" "$fd0" "$WORK/heartbeatd.pid"
	expect "and stdout closed: its lines go nowhere" "$fd1 $out_err" "closed EBADF"
	# what the slides promise a projector of 100 columns
	"$DS_BIN/daemon-viewer" --dump --width 100 --run "$run" "$LOG" >"$WORK/dump" ||
		fail "daemon-viewer --dump failed"
	grep -qF -- "-> .../heartbeatd.pid, closed, closed" "$WORK/dump" ||
		fail "the viewer at 100 columns does not show the pid file on descriptor 0"
	pass "the viewer at 100 columns shows the pid file on descriptor 0"
	;;
*)
	fail "no step $step"
	;;
esac
if [ -n "${daemon:-}" ]; then stop_pid "$daemon"; fi
