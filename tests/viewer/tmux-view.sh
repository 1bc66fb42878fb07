#!/bin/bash
# tmux-view.sh BIN SOURCE-DIR - daemon-viewer in a real terminal.
#
# tmux gives the viewer a pseudo-terminal of a known size; send-keys types,
# capture-pane reads the screen. Checks the keys (and what the key of a step
# the run lacks says), the help, resizing below and above 80x24, --follow
# picking up an appended record, waiting for a log that does not exist yet
# and starting again on a log cut short or replaced, that a dumb terminal
# gets the frames as text, and that quitting with q, Ctrl-C or SIGTERM leaves
# the terminal restored (the alternate screen off).
set -u
BIN=$1
SRC=$2
. "$SRC/tests/viewer/lib.sh"

command -v tmux >/dev/null || skip "tmux is not installed"

# a server of this test's own, which tests/lib.sh ends on exit (tmux_kill)
TMUX_SOCKET=$(mktemp -u /tmp/ds-tmux-XXXXXX)	# short: a socket path has ~107 bytes

t() { tmux -S "$TMUX_SOCKET" "$@"; }
cp "$SRC/tests/viewer/sample.log" "$WORK/sample.log"
FULL=20260101-100000-200

# start NAME ARGS...: the viewer in a new window NAME, kept after it exits.
# Given as several words, the command runs as the pane's program itself: one
# string would go through $SHELL -c, and a dash there stays as the pane's
# process, between tmux and the viewer.
start() {
	local name=$1
	shift
	if t has-session 2>/dev/null; then
		t new-window -d -n "$name" "$BIN/daemon-viewer" "$@"
	else
		t -f /dev/null new-session -d -s viewer -n "$name" -x 100 -y 30 \
			-e TERM=tmux-256color "$BIN/daemon-viewer" "$@"
	fi
	t set-option -w -t "viewer:$name" remain-on-exit on
}

screen_of() { t capture-pane -p -S - -t "viewer:$1"; }
shows() { screen_of "$1" | grep -qF -- "$2"; }
keys() { local name=$1; shift; t send-keys -t "viewer:$name" "$@"; }

# screen_shows NAME TEXT: waits until the window shows TEXT
screen_shows() {
	poll_until 10 shows "$1" "$2" || {
		screen_of "$1" >&2
		fail "window $1 never showed: $2"
	}
}

pane() { t display -p -t "viewer:$1" "$2"; }

# ended NAME: waits for the viewer to exit (its terminal closes); the
# terminal must be restored
ended() {
	poll_until 10 pane_dead "viewer:$1" || fail "the viewer in $1 did not exit"
	[ "$(pane "$1" '#{alternate_on}')" = 0 ] || fail "$1: the terminal was left in the alternate screen"
}

# exited_with NAME STATUS: ended, with exit status STATUS
exited_with() {
	local status
	ended "$1"
	status=$(pane_exit_status "viewer:$1")
	[ "$status" = "$2" ] || fail "$1: exit status '$status', not $2"
}

# --- keys, on the full run
start keys --run $FULL "$WORK/sample.log"
screen_shows keys "frame 1/25"
screen_shows keys "bash 100: where daemon-demo was started"
keys keys Right;      screen_shows keys "frame 2/25"
keys keys l;          screen_shows keys "frame 3/25"
keys keys Space;      screen_shows keys "frame 4/25"
keys keys Left;       screen_shows keys "frame 3/25"
keys keys h;          screen_shows keys "frame 2/25"
keys keys BSpace;     screen_shows keys "frame 1/25"
keys keys End;        screen_shows keys "frame 25/25"
screen_shows keys "heartbeatd 202: exits: SIGTERM"
keys keys Home;       screen_shows keys "frame 1/25"
keys keys G;          screen_shows keys "frame 25/25"
keys keys g;          screen_shows keys "frame 1/25"
keys keys 2;          screen_shows keys "step2-setsid 201: done: setsid()"
screen_shows keys "* SID   100 -> 201 (leader)"
screen_shows keys "[x] own session             (2) <- now"
screen_shows keys "x 200 step1-fork"
screen_shows keys "Why: The starter's session no longer reaches it"
# at 100x30 the diagram leaves step 2's explanation no room for its end:
# the status line offers e, which gives it the diagram's rows, and back
screen_shows keys "e: the rest of the explanation"
shows keys "terminal closes it just loses it." && fail "step 2's explanation was whole before e"
keys keys e;          screen_shows keys "terminal closes it just loses it."
screen_shows keys "e: the diagram again"
shows keys "x 200 step1-fork" && fail "e left the diagram on the screen"
keys keys e;          screen_shows keys "x 200 step1-fork"
keys keys 4;          screen_shows keys "step4-chdir 202: done"
keys keys '?';        screen_shows keys "play or pause the replay"
screen_shows keys "<- now  <- lost        this transition met the item, or undid it"
keys keys x;          screen_shows keys "step4-chdir 202: done"
keys keys g p;        screen_shows keys "[playing, 1 s/frame]"
keys keys +;          screen_shows keys "[playing, 0.5 s/frame]"
screen_shows keys "frame 3/25"
keys keys p;          poll_until 10 eval '! shows keys playing' || fail "p did not pause"

# --- resizing: below the minimum it says so; above, the frame returns
t resize-window -t viewer:keys -x 70 -y 20
screen_shows keys "at least 80x24"
screen_shows keys "this one is 70x20"
t resize-window -t viewer:keys -x 30 -y 8
screen_shows keys "at least 80x24"
screen_shows keys "this one is 30x8"
t resize-window -t viewer:keys -x 80 -y 24
screen_shows keys "A daemon is..."
keys keys '?';        screen_shows keys "Press any key to go back (q quits)."	# the help fits
screen_shows keys "<- now  <- lost"
screen_shows keys "traced: out of order, otherwise, fails, never, tried"	# its last mark too
screen_shows keys "a group's box by its PGID; ?: not in the log"
keys keys x;          screen_shows keys "A daemon is..."
t resize-window -t viewer:keys -x 140 -y 45
screen_shows keys "A daemon is..."
[ "$(pane keys '#{alternate_on}')" = 1 ] || fail "the viewer does not use the alternate screen"
keys keys q
exited_with keys 0

# --- a key the terminal's description does not know does nothing: with
#     TERM=xterm, tmux sends End as ESC [ 4 ~, which must not jump to step 4
t new-window -d -n xterm -e TERM=xterm "$BIN/daemon-viewer" --run $FULL "$WORK/sample.log"
screen_shows xterm "frame 1/25"
keys xterm End l
screen_shows xterm "frame 2/25"
keys xterm q
exited_with xterm 0

# --- --follow: a record appended to the log appears
start follow --follow "$WORK/sample.log"
screen_shows follow "heartbeatd 301: exits: SIGHUP"
sed -n '/run=20260101-110000-300 .*event=exit/p' "$WORK/sample.log" |
	sed 's/event=exit reason=SIGHUP/event=signal signal=SIGTERM/; s/T10:00:5[0-9]/T10:01:00/' >>"$WORK/sample.log"
screen_shows follow "heartbeatd 301: got SIGTERM"
keys follow C-c
ended follow

# --- --follow before the log exists: it waits, then shows it
start waiting --follow "$WORK/later.log"
screen_shows waiting "waiting for $WORK/later.log to appear"
cp "$WORK/sample.log" "$WORK/later.log"
screen_shows waiting "A daemon is..."
keys waiting q
exited_with waiting 0

# --- --follow --run ID before the run is in the log: it waits for that run,
#     then shows it from its first frame
SINGLE=20260101-110000-300
grep -v "run=$SINGLE " "$WORK/sample.log" >"$WORK/before.log"
start later --follow --run $SINGLE "$WORK/before.log"
screen_shows later "Waiting for run $SINGLE"
grep "run=$SINGLE " "$WORK/sample.log" >>"$WORK/before.log"
screen_shows later "run $SINGLE"
screen_shows later "frame 1/"
keys later q
exited_with later 0

# --- --follow on a log that starts anew: cut short (: > log, then a run
#     smaller than what was read), or replaced by another file at its path,
#     as a rotation leaves it (bigger than the old one, so that only the
#     file's identity tells): the view starts again from the new file's
#     newest run, and says why
QUIZ=20260101-090000-50
cp "$WORK/sample.log" "$WORK/anew.log"
start anew --follow "$WORK/anew.log"
screen_shows anew "heartbeatd 301: got SIGTERM"		# the record appended above
: >"$WORK/anew.log"
screen_shows anew "Waiting for records in $WORK/anew.log"
grep "run=$QUIZ " "$WORK/sample.log" >>"$WORK/anew.log"
screen_shows anew "popquiz 52: pop quiz: non-leader-opens-tty"
screen_shows anew "the log was cut short: reading it again from its start"
{ cat "$WORK/sample.log"; grep "run=$FULL " "$WORK/sample.log" | sed "s/run=$FULL /run=rotated /"; } \
	>"$WORK/anew.new"
mv "$WORK/anew.new" "$WORK/anew.log"
screen_shows anew "the log was replaced by a new file: reading that one from its start"
screen_shows anew "heartbeatd 202: exits: SIGTERM"
keys anew G;          screen_shows anew "run rotated"	# the message gone, the run shows
keys anew q
exited_with anew 0

# --- the key of a step the run has no record of says why, from the records:
#     left out (--skip), the chain stopped before it, or not reached yet
start skipped --run $SINGLE "$WORK/sample.log"
screen_shows skipped "frame 1/"
keys skipped 3;       screen_shows skipped "step 3 was left out in this run (--skip 3)"
screen_shows skipped "frame 1/"
keys skipped l;       screen_shows skipped "frame 2/"
shows skipped "left out in this run" && fail "the message stayed after the next key"
keys skipped q
exited_with skipped 0
# the whole run up to step N's start (step2 becomes its EPERM) as run ID
run_until() {
	awk -v run="run=$FULL " -v step=" step=$1 event=start " -v id="run=$2 " '
		index($0, run) { sub(run, id); print }
		index($0, step) { exit }' "$WORK/sample.log"
}
{ run_until 2 stopped | sed '$s/ event=start / event=error call=setsid errno=EPERM /'
  run_until 3 cut; } >"$WORK/short.log"
start stopped --run stopped "$WORK/short.log"
screen_shows stopped "frame 1/"
keys stopped 5;       screen_shows stopped "step 5 was not reached: the chain stopped at step 2 (EPERM)"
keys stopped q
exited_with stopped 0
start cut --run cut "$WORK/short.log"
screen_shows cut "frame 1/"
keys cut 6;           screen_shows cut "step 6 not reached yet: the run's last step so far is 3"
keys cut q
exited_with cut 0

# --- a terminal that cannot move the cursor (TERM=dumb: an Emacs shell
#     buffer), or of a type not known here, gets the frames as --dump prints
#     them, and a line saying why; --follow, as daemon-demo passes it, too
#     (tmux drops what a program wrote just before it exits when it marks
#     its pane dead: a shell waits, after the viewer, for Enter)
for type in dumb no-such-terminal; do
	# shellcheck disable=SC2016 # expanded by that shell
	t new-window -d -n "$type" -e TERM=$type /bin/sh -c \
		'"$0" "$@"; echo "viewer-status=$?"; read -r enter' \
		"$BIN/daemon-viewer" --follow --run $FULL "$WORK/sample.log"
	t set-option -w -t "viewer:$type" remain-on-exit on
	screen_shows "$type" "viewer-status=0"
	screen_shows "$type" "daemon-viewer: no full-screen view: "
	screen_shows "$type" "--- frame 25/25, log line"
	screen_shows "$type" "heartbeatd 202: exits: SIGTERM"
	keys "$type" Enter
	exited_with "$type" 0
done
screen_shows dumb "this terminal (TERM=dumb) cannot move the cursor"
screen_shows no-such-terminal "TERM=no-such-terminal is not known here"

# --- SIGTERM restores the terminal too
start term "$WORK/sample.log"
screen_shows term "A daemon is..."
kill -TERM "$(pane term '#{pane_pid}')"
ended term
echo "PASS: the viewer works in a real terminal"
