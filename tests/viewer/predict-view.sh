#!/bin/bash
# predict-view.sh BIN SOURCE-DIR - daemon-viewer --predict in a real 80x24 terminal.
#
# Answers the questions of a whole demo's step 2 and 3 by keys (tests/viewer/
# predict.log, recorded from a terminal), checks that the result stays hidden
# until the last answer, the marks, and the score on q; then does the same on
# a --skip 1 run the real programs make here, where setsid() fails. Also the
# refusals: with --follow, and without a terminal.
set -u
BIN=$1
SRC=$2
. "$SRC/tests/viewer/lib.sh"

need tmux
NORMAL=20261201-123200-20106
cp "$SRC/tests/viewer/predict.log" "$WORK/predict.log"

keys() { tmux -S "$TMUX_SOCKET" send-keys "$@"; }

# shows TEXT: waits until the screen shows TEXT
shows() {
	poll_until 10 screen_has "$1" || {
		tmux_screen >&2
		fail "the screen never showed: $1"
	}
	pass "shown: $1"
}

hides() {
	if screen_has "$1"; then
		tmux_screen >&2
		fail "the screen shows, too early: $1"
	fi
	pass "not shown yet: $1"
}

# predict ARGS...: the viewer with --predict in an 80x24 terminal, made that
# size (a resize while the viewer starts may come before ncurses listens);
# a server of this test's own, which tests/lib.sh ends on exit (tmux_kill)
predict() {
	tmux_kill
	TMUX_SOCKET=$(mktemp -u /tmp/ds-tmux-XXXXXX)	# short: a socket path has ~107 bytes
	tmux -S "$TMUX_SOCKET" -f /dev/null new-session -d -x 80 -y 24 -e TERM=tmux-256color \
		"$BIN/daemon-viewer" --predict "$@"
	tmux -S "$TMUX_SOCKET" set-option -g remain-on-exit on >/dev/null
	expect "the terminal's size" "$(tmux -S "$TMUX_SOCKET" display -p '#{window_width}x#{window_height}')" 80x24
}

# quits: q on the score screen ends the viewer with status 0
quits() {
	keys q
	wait_until 10 "the viewer to exit" pane_dead
	expect "the viewer's exit status" "$(pane_exit_status)" 0
}

# --- refused: --follow (a run still growing has no end), no terminal
out=$("$BIN/daemon-viewer" --predict --follow "$WORK/predict.log" 2>&1)
expect "--predict --follow's exit status" $? 2
grep -qF -- "--predict asks about a run that has ended: not with --follow" <<<"$out" ||
	fail "--predict --follow says: $out"
out=$("$BIN/daemon-viewer" --predict "$WORK/predict.log" 2>&1 >/dev/null)
expect "--predict's exit status without a terminal" $? 2
grep -qF -- "--predict needs a terminal" <<<"$out" || fail "--predict to a file says: $out"

# --- a whole demo: step 2, asked before it is shown
predict --run $NORMAL "$WORK/predict.log"
shows "frame 1/27"
keys '?'
shows "y  n  s                yes, no, skip the question"
shows "Press any key to go back (q quits)."	# the whole help fits 80x24
keys Left
keys 2
shows "-- Predict frame 7/27: setsid(): a session of its own --"
shows "> Will setsid() succeed? y/n?"
shows "step2-setsid 20110: begins; next: setsid()"	# the state before
hides "done: setsid()"
hides "* TTY"
keys y
shows "> Will the PID change?   y/n?"
shows "  Will setsid() succeed? yes"
keys n y
shows "question 4 of 4"
hides "done: setsid()"
keys n		# the TTY changes: wrong
shows "-- Frame 7/27: 3 of 4 right --"
rule=$(tmux_screen | grep -F -- "-- Frame 7/27: 3 of 4 right --")
expect "the width of the marks' rule" "${#rule}" 80
shows "step2-setsid 20110: done: setsid(): a session of its own"
shows "* TTY   pts/1 -> ? (none)"
shows " right   setsid() succeeds"
shows " right   PID stays"
shows " right   PGID changes"
shows " WRONG   TTY changes"

# --- step 3: s skips one question, Right reveals the frame with the rest skipped
keys 3
shows "-- Predict frame 10/27: fork() again"
keys s
shows "question 2 of 3"
keys Right
shows "-- Frame 10/27: 3 skipped --"
shows " skipped PID changes"
shows "in all: 3 of 4 right, 3 skipped"

# --- q: the score, and which were wrong; any key goes back, q q quits
keys q
shows "Your predictions: 3 of 4 right, 3 skipped"
shows "frame  7/27  2 setsid  Will the TTY change?"
shows "you said no"
keys Left
shows "-- Frame 10/27: 3 skipped --"
keys q
shows "Your predictions: 3 of 4 right, 3 skipped"
quits

# --- a --skip 1 run of the real programs: setsid() fails, nothing changes
run_program daemon-demo --no-viewer --skip 1 >"$WORK/demo.out" 2>&1 ||
	fail "daemon-demo --skip 1 exited $?: $(cat "$WORK/demo.out")"
predict "$LOG"
shows "frame 1/"
keys 2
shows "Predict frame"
shows "> Will setsid() succeed? y/n?"
keys y n n n
shows " WRONG   setsid() fails: EPERM"
shows " right   PGID stays"
shows " right   TTY stays"
shows "FAILED: setsid: EPERM"
keys End		# the last frame is the pop quiz's last question
shows "Predict frame 9/9: the pop quiz, non-leader-opens-tty"
keys Right Right	# reveal it (skipped), then past the last frame: the score
shows "Your predictions: 3 of 4 right, 1 skipped"
shows "2 setsid  Will setsid() succeed?"
shows "you said yes"
quits
echo "PASS: --predict asks, marks and scores in a real terminal"
