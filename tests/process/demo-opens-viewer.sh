#!/usr/bin/env bash
# daemon-demo on a terminal ends in the viewer, on the first frame of the run
# it just made, and the viewer follows the daemon's heartbeats as they come; q
# leaves it, where to replay the run is on the screen, and the demo's exit
# status is 0.
. "$(dirname "$0")/../lib.sh"

interactive_shell
tmux_type "daemon-demo --seconds 30; echo demo-status=\$?"
wait_until 15 "the viewer's first frame" screen_has "frame 1/"
run=$(q1 prog=daemon-demo event=start -- run)
wait_until 5 "the viewer on this run ($run)" screen_has "run $run"
screen_has "daemon-demo" || fail "the first frame does not show the runner"
tmux -S "$TMUX_SOCKET" send-keys End
frames_shown() { tmux_screen | sed -n 's/.* frame [0-9]*\/\([0-9]*\)$/\1/p' | tail -n 1; }
wait_until 5 "the last frame" eval '[ -n "$(frames_shown)" ]'
frames=$(frames_shown)
wait_until 10 "more than $frames frames, as heartbeats arrive" eval '[ "$(frames_shown)" -gt "$frames" ]'
pass "at the last frame the viewer follows the run: $frames frames, then $(frames_shown)"
tmux -S "$TMUX_SOCKET" send-keys q
wait_until 10 "the demo's exit status" screen_has "demo-status=0"
pass "q leaves the viewer, and daemon-demo exits 0"
screen_has "Replay it: $DS_BIN/daemon-viewer --run $run" ||
	fail "after the viewer, the screen does not say how to replay the run"
pass "the screen says how to replay the run"
stop_pid "$(q1 run="$run" prog=heartbeatd event=start -- pid)"
