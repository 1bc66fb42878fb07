#!/bin/bash
# colour.sh BIN SOURCE-DIR - colour where the terminal has it, a monochrome
# rendering (bold, reverse) where it has none, and none with NO_COLOR.
#
# capture-pane -e gives the screen with its attributes as SGR sequences:
# colours are 30-37, 40-47, 90-97, 38;... and 48;...; bold is 1.
set -u
BIN=$1
SRC=$2
. "$SRC/tests/viewer/lib.sh"
need tmux

# sgr_counts ENV...: "COLOURS BOLDS" on the viewer's step-2 frame under ENV
sgr_counts() {
	tmux_start env "$@" "$BIN/daemon-viewer" "$SRC/tests/viewer/sample.log"
	poll_until 10 screen_has "A daemon is..." || fail "the viewer did not draw under $*"
	tmux -S "$TMUX_SOCKET" send-keys 2
	poll_until 10 screen_has "setsid" || fail "no step 2 under $*"
	tmux -S "$TMUX_SOCKET" capture-pane -e -p >"$WORK/screen"
	tmux_kill
	local sgrs
	sgrs=$(grep -oE $'\e\\[[0-9;]*m' "$WORK/screen" | tr -d '\033[m' | tr ';' '\n')
	echo "$(grep -cE '^(3[0-7]|4[0-7]|9[0-7]|38|48)$' <<<"$sgrs") $(grep -cx 1 <<<"$sgrs")"
}

read -r colours bolds <<<"$(sgr_counts TERM=tmux-256color)"
[ "$colours" -gt 0 ] || fail "no colour on a colour terminal"
echo "ok: colour on a colour terminal ($colours colour changes)"
# readable on a dark and on a light background (a projector's theme): no
# yellow text, which a white background washes out, nor blue, which a black
# one swallows; what changed is black on yellow, as a highlighter marks it
codes=$(grep -oE $'\e\\[[0-9;]*m' "$WORK/screen" | tr -d '\033[m' | tr ';' '\n')
grep -qxE '33|34' <<<"$codes" && fail "yellow or blue text on the terminal's own background"
grep -qx 43 <<<"$codes" || fail "no field highlighted in yellow on step 2's frame"
echo "ok: no yellow or blue text; the changed fields highlighted"

read -r colours bolds <<<"$(sgr_counts TERM=tmux-256color NO_COLOR=1)"
[ "$colours" = 0 ] || fail "NO_COLOR set, yet $colours colour changes"
[ "$bolds" -gt 0 ] || fail "NO_COLOR: no attribute left to mark what changed"
echo "ok: NO_COLOR: no colour, $bolds bold marks"

read -r colours bolds <<<"$(sgr_counts TERM=vt100)"
[ "$colours" = 0 ] || fail "a terminal without colours got $colours colour changes"
[ "$bolds" -gt 0 ] || fail "monochrome: no attribute marks what changed"
echo "ok: monochrome on vt100: $bolds bold marks"
