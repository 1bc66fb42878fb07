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
tmux -S "$TMUX_SOCKET" send-keys G	# End is not End here: the test's TERM is xterm, in tmux
# frame_shown: "N M" of the headline's "frame N/M"
frame_shown() { tmux_screen | sed -n 's/.* frame \([0-9]*\)\/\([0-9]*\)$/\1 \2/p' | tail -n 1; }
at_last_frame() { read -r shown count <<<"$(frame_shown)" && [ "$shown" = "$count" ]; }
wait_until 5 "the last frame" at_last_frame
frames=$count
on_a_later_frame() { at_last_frame && [ "$count" -gt "$frames" ]; }
wait_until 10 "a frame after $frames, as heartbeats arrive" on_a_later_frame
pass "at the last frame the viewer follows the run: frame $frames/$frames, then $count/$count"
tmux -S "$TMUX_SOCKET" send-keys q
wait_until 10 "the demo's exit status" screen_has "demo-status=0"
pass "q leaves the viewer, and daemon-demo exits 0"
# shell_word WORD: WORD as daemon-demo prints it, ready to paste
shell_word() {
	if [[ $1 =~ ^[A-Za-z0-9_./:=,+@%-]+$ ]]; then echo "$1"; else echo "'${1//\'/\'\\\'\'}'"; fi
}
replay="Replay it: $(shell_word "$DS_BIN/daemon-viewer") --run $run $(shell_word "$LOG")"
tmux -S "$TMUX_SOCKET" capture-pane -p -J -S - | grep -qxF -- "$replay" ||
	fail "after the viewer, the screen does not say: $replay"
pass "the screen says how to replay the run: $replay"
stop_pid "$(q1 run="$run" prog=heartbeatd event=start -- pid)"
