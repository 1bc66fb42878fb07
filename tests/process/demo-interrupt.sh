#!/usr/bin/env bash
# Ctrl-C during daemon-demo --pause, typed at a real terminal (tmux): the
# chain's first process leads a group of its own, so the terminal's SIGINT
# reaches only the runner; the runner must stop the chain too, and say so.
# And a demo killed before it could (SIGKILL) leaves its chain on its way:
# daemon-demo --stop must find it and stop it.
. "$(dirname "$0")/../lib.sh"

# run_processes RUN: the live processes whose environment carries run RUN
# (the shell in the pane has the log in its environment, but no run).
run_processes() {
	local environ pid
	{ grep -l -s -z -e "^DAEMON_STEPS_RUN=$1\$" /proc/[0-9]*/environ || true; } |
		while read -r environ; do
			pid=${environ#/proc/}
			pid=${pid%/environ}
			is_alive "$pid" && echo "$pid"
		done
	return 0
}
nothing_of() { [ -z "$(run_processes "$1")" ] && sleep 0.2 && [ -z "$(run_processes "$1")" ]; }
# status_shown NAME: the line NAME=N that the shell printed (not the typed command)
status_shown() { tmux_screen | grep -q "^$1=[0-9]"; }
demo_runs() { [ "$(count prog=daemon-demo event=start)" -gt "$1" ]; }
chain_at_step_2() { has_record run="$run" prog=step2-setsid event=after; }

interactive_shell
tmux_type "cd $(printf %q "$WORK") && daemon-demo --pause 2 --no-viewer --seconds 30"
wait_until 10 "the demo to start" demo_runs 0
run=$(q1 prog=daemon-demo event=start -- run)
wait_until 10 "the chain to reach step 2" chain_at_step_2
[ -n "$(run_processes "$run")" ] || fail "no process of run $run is running"
tmux -S "$TMUX_SOCKET" send-keys C-c
wait_until 20 "the demo to end, saying how to replay the run" screen_has "Replay it: "
# (bash drops the rest of a command line whose program died of Ctrl-C)
tmux_type 'echo demo-status=$?'
wait_until 5 "the demo's status" status_shown demo-status
expect "the demo ends as Ctrl-C ends a program: status" \
	"$(tmux_screen | sed -n 's/^demo-status=//p')" 130
for said in "daemon-demo: interrupted (Ctrl-C, SIGINT): stopping what run $run started" \
	", on its way to heartbeatd"; do
	screen_has "$said" || fail "the demo does not say '$said': $(tmux_screen)"
done
pass "it says what it stopped: $(tmux_screen | grep -F 'on its way' | head -n 1)"
nothing_of "$run" || fail "still running after Ctrl-C: $(run_processes "$run")"
pass "nothing of run $run is left running"
expect "no heartbeatd came of it" "$(count run="$run" prog=heartbeatd)" 0
tmux_type "daemon-demo --stop; echo stop-status=\$?"
wait_until 10 "--stop to answer" status_shown stop-status
screen_has "daemon-demo: no demo daemon is running" || fail "--stop after Ctrl-C said: $(tmux_screen)"
pass "--stop then finds nothing to stop"

# a demo killed outright, mid-chain: its chain goes on, and --stop stops it
tmux_type "daemon-demo --pause 2 --no-viewer --seconds 30"
wait_until 10 "the second demo to start" demo_runs 1
run=$(q prog=daemon-demo event=start -- run | tail -n 1)
runner=$(q1 run="$run" prog=daemon-demo event=start -- pid)
wait_until 10 "its chain to reach step 2" chain_at_step_2
kill -KILL "$runner"
wait_until 5 "the runner to die" is_dead "$runner"
left=$(run_processes "$run")
[ -n "$left" ] || fail "the chain of run $run ended with its runner"
pass "the chain of the killed demo goes on: $(echo $left)"
tmux_type "daemon-demo --stop; echo left-stop-status=\$?"
wait_until 20 "--stop to answer" status_shown left-stop-status
expect "--stop exits" "$(tmux_screen | sed -n 's/^left-stop-status=//p')" 0
for pid in $left; do
	screen_has "(PID $pid), on its way to heartbeatd" ||
		fail "--stop does not say it stopped PID $pid: $(tmux_screen)"
done
nothing_of "$run" || fail "still running after --stop: $(run_processes "$run")"
pass "--stop stopped the chain a killed demo left (PID $(echo $left))"
expect "no heartbeatd came of it" "$(count run="$run" prog=heartbeatd)" 0
