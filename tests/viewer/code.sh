#!/bin/bash
# code.sh BIN SOURCE-DIR - the code beside the frame, as a user sees it.
#
# On a run of the real step programs: every line of code that
# `daemon-viewer --dump --code` shows is the line of that number in the source
# tree's file (so the viewer's copy is not stale and not misnumbered). Then in
# a real terminal (tmux): c on step 2's frame shows step2-setsid.c with the
# setsid() line marked '>' and highlighted, in place of the diagram and the
# explanation at 80x24 and 100x30 and beside the frame at 160x40; c again
# brings them back; ? lists c; --code opens with the code shown.
set -u
BIN=$1
SRC=$2
. "$SRC/tests/viewer/lib.sh"
need tmux

run_chain code "$BIN/step1-fork" step2-setsid step3-fork-again step4-chdir step5-umask \
	step6-close-fds step7-reopen-stdio
"$BIN/daemon-viewer" --dump --code "$LOG" >"$WORK/dump" || fail "daemon-viewer --dump --code exited $?"

# --- every line shown is the file's line of that number: the dump's lines,
#     "steps/FILE.c, FUNCTION(), lines A-B" and then "  N > text" or "  N   text",
#     are compared without blanks (the pane expands tabs and takes the common
#     indent off); a line cut at the pane's edge ends in "...", and is compared
#     up to there
awk -v src="$SRC" '
	function squeeze(s) { gsub(/[ \t]/, "", s); return s }
	/^steps\/[a-z0-9-]+\.c, [a-z_]+\(\), lines [0-9]+-[0-9]+$/ {
		file = src "/" substr($1, 1, length($1) - 1); delete line; n = 0
		while ((getline text < file) > 0) line[++n] = text
		close(file); titles++; next
	}
	file && /^ *[0-9]+ [> ] / {
		number = $1 + 0; shown = $0
		sub(/^ *[0-9]+ [> ] /, "", shown)
		want = squeeze(line[number]); got = squeeze(shown)
		if (got ~ /\.\.\.$/) { got = substr(got, 1, length(got) - 3); want = substr(want, 1, length(got)) }
		if (!(number in line) || got != want) {
			printf "%s:%d is \"%s\", but the viewer shows \"%s\"\n", file, number, line[number], shown
			bad++
		}
		checked++; next
	}
	{ file = file && /^ *(\.\.\.)?$/ ? file : "" }
	END {
		printf "%d lines of code in %d panes compared with the source tree\n", checked, titles
		exit bad || checked < 100 || titles < 15
	}' "$WORK/dump" || fail "the code the viewer shows is not the source tree's (or too little of it)"
grep -qE '^ *[0-9]+ > *if \(setsid\(\) == -1\) \{$' "$WORK/dump" || fail "the dump marks no setsid() call"
pass "the code shown is the source tree's, line for line"

# --- in a real terminal
setsid_line=$(grep -n 'if (setsid() == -1) {' "$SRC/steps/step2-setsid.c" | cut -d: -f1)
[ -n "$setsid_line" ] || fail "no setsid() call in steps/step2-setsid.c"
marked="$setsid_line > if (setsid() == -1) {"

tmux_start env TERM=tmux-256color "$BIN/daemon-viewer" "$LOG"
tmux -S "$TMUX_SOCKET" resize-window -x 80 -y 24
t() { tmux -S "$TMUX_SOCKET" "$@"; }
lacks() { ! screen_has "$1"; }
screen_shows() { poll_until 10 screen_has "$1" || { tmux_screen >&2; fail "the screen never showed: $1"; }; }
screen_lacks() { poll_until 10 lacks "$1" || { tmux_screen >&2; fail "the screen still shows: $1"; }; }

# the marked row is drawn highlighted: reverse video or a background colour
highlighted() {
	t capture-pane -e -p | grep -F -- "$marked" | grep -qE $'\e\\[[0-9;]*(7|4[0-7]|48;[0-9;]+)m'
}

screen_shows "A daemon is..."
t send-keys 2
screen_shows "step2-setsid"
screen_shows "Why:"
t send-keys c
screen_shows "steps/step2-setsid.c, main(), lines"
screen_shows "$marked"
highlighted || fail "the marked setsid() line is not highlighted"
screen_shows "* SID "		# the state it changed stays on screen
screen_lacks "Why:"		# the explanation gave way, at 80x24
screen_lacks "+- origin session"
pass "80x24: c shows step2-setsid.c, the setsid() line marked, below the state"

t resize-window -x 100 -y 30
screen_shows "$marked"
screen_lacks "+- origin session"
pass "100x30: the code below the state"

t resize-window -x 160 -y 40
screen_shows "| steps/step2-setsid.c, main(), lines"
screen_shows "$marked"
screen_shows "+- origin session"	# beside the frame: the diagram stays
screen_shows "Why:"
pass "160x40: the code beside the whole frame"

t send-keys c
screen_lacks "$marked"
screen_shows "Why:"
t resize-window -x 80 -y 24
screen_shows "Why:"
screen_lacks "steps/step2-setsid.c"
pass "c again hides the code"

t send-keys '?'
screen_shows "the code that made the change (> its call)"
t send-keys q
poll_until 10 pane_dead || fail "q did not quit"
tmux_kill

tmux_start env TERM=tmux-256color "$BIN/daemon-viewer" --code "$LOG"
tmux -S "$TMUX_SOCKET" resize-window -x 80 -y 24
t send-keys 2
screen_shows "$marked"
pass "--code opens with the code shown"
echo "PASS: the code beside the frame"
