#!/usr/bin/env bash
# present: slides/present.sh sets up the live demo in tmux: one pane shows
# the deck in mdp (its first slide, without speaker notes), the other is a
# shell in which daemon-demo is found in the build's bin folder and runs.
# Then the terminal's size: the slides' size present.sh states is mdp's least
# for the deck (it fits, a column or a row less does not); run in a terminal
# (a tmux pane of a given size) one column too narrow for side by side it
# refuses, naming the size needed and --stacked; at the least size of each
# layout the panes get what they need (mdp shows the deck, daemon-viewer its
# frame); a row too short for --stacked it refuses; the READMEs give the same
# sizes.
#
# Usage: present.sh SOURCE-DIR
. "$(dirname "$0")/lib.sh"
need mdp tmux

build=$(dirname "$DS_BIN")
TMUX_SOCKET=$(mktemp -u /tmp/ds-slides-XXXXXX)
HOME=$WORK bash "$SLIDES/present.sh" --socket "$TMUX_SOCKET" --no-attach --build "$build" \
	</dev/null >"$WORK/out" 2>&1 || fail "present.sh failed: $(cat "$WORK/out")"
grep -q -F "attach" "$WORK/out" || fail "present.sh did not say how to attach"

tm() {
	tmux -S "$TMUX_SOCKET" "$@"
}
panes=$(tm list-panes -t daemon-steps -F '#{pane_id}')
expect "panes" "$(wc -l <<<"$panes")" 2
deck_pane=$(sed -n 1p <<<"$panes")
shell_pane=$(sed -n 2p <<<"$panes")
pane_has() {
	tm capture-pane -p -t "$1" | grep -q -F -- "$2"
}

wait_until 10 "the first slide in the deck pane" pane_has "$deck_pane" "How a program becomes a daemon"
tm capture-pane -p -t "$deck_pane" | grep -q -F '<!--' && fail "the deck pane shows a speaker note"
pass "the deck pane shows slide 1, without notes"

wait_until 10 "the shell's greeting" pane_has "$shell_pane" "the demo is ready"
# The shell's PATH finds the build's programs; a run from it starts and ends.
tm send-keys -t "$shell_pane" -l "command -v daemon-demo; DAEMON_STEPS_LOG=$(printf %q "$WORK/log") daemon-demo --no-viewer --seconds 1; echo demo-status=\$?"
tm send-keys -t "$shell_pane" Enter
wait_until 10 "daemon-demo's path" pane_has "$shell_pane" "$DS_BIN/daemon-demo"
pane_matches() {
	tm capture-pane -p -J -t "$1" | grep -q -E -- "$2"
}
wait_until 60 "daemon-demo to finish" pane_matches "$shell_pane" "demo-status=[0-9]"
pane_has "$shell_pane" "demo-status=0" || { tm capture-pane -p -t "$shell_pane" >&2; fail "daemon-demo failed in the shell pane"; }
pass "the shell pane runs daemon-demo from $DS_BIN"

# A pane the teacher opens later (the slides say Ctrl-b " for the viewer)
# finds the programs too.
new_pane=$(tm split-window -P -F '#{pane_id}' -t "$shell_pane")
wait_until 10 "the new pane's greeting" pane_has "$new_pane" "the demo is ready"
tm send-keys -t "$new_pane" -l "command -v daemon-viewer"
tm send-keys -t "$new_pane" Enter
wait_until 10 "daemon-viewer's path in a new pane" pane_has "$new_pane" "$DS_BIN/daemon-viewer"
pass "a pane opened later finds daemon-viewer in $DS_BIN"

# Let heartbeatd end (--seconds 1) before the cleanup looks for leftovers.
wait_until 10 "heartbeatd to end" eval '[ -z "$(processes_with_log "$WORK/")" ]'

# q in the deck pane ends mdp; the pane says so and waits for Enter.
tm send-keys -t "$deck_pane" q
wait_until 10 "the deck pane's farewell" pane_has "$deck_pane" "slides closed"
pass "q closes the slides"

# --- installed: no build folder, the programs in PATH (the .deb's /usr/bin) -
# the slides' folder alone, as the package installs it, run from elsewhere
cp -r "$SLIDES" "$WORK/installed-slides"
installed_socket=$(mktemp -u /tmp/ds-slides-XXXXXX)
(cd "$WORK" && env -u XDG_RUNTIME_DIR HOME="$WORK" TMPDIR="$WORK" PATH="$DS_BIN:$PATH" \
	bash "$WORK/installed-slides/present.sh" --socket "$installed_socket" --no-attach \
	</dev/null >"$WORK/installed.out" 2>&1) || fail "present.sh with no build folder: $(cat "$WORK/installed.out")"
tmux -S "$installed_socket" kill-server 2>/dev/null || true
rm -f "$installed_socket"
rcfile=$WORK/daemon-steps-present-$(id -u).bashrc
expect "with no build folder, the shell's PATH starts with the installed programs' folder" \
	"$(grep '^PATH=' "$rcfile" 2>/dev/null)" "PATH=$(printf %q "$DS_BIN"):\$PATH"

# --- the terminal's size ----------------------------------------------------
# present.sh states what each pane needs, and so what each layout needs.
help=$(bash "$SLIDES/present.sh" --help)
sizes=$(sed -n 's/^The slides need \([0-9]*x[0-9]*\) (mdp), the shell \([0-9]*x[0-9]*\) .*/\1 \2/p' <<<"$help")
side=$(grep -o -E 'side by side needs a terminal of at least [0-9]+x[0-9]+' <<<"$help" | grep -o -E '[0-9]+x[0-9]+$' || true)
stacked=$(grep -o -E -- '--stacked [0-9]+x[0-9]+' <<<"$help" | grep -o -E '[0-9]+x[0-9]+$' || true)
read -r deck_size shell_size <<<"$sizes"
[ -n "$deck_size" ] && [ -n "$side" ] && [ -n "$stacked" ] || { echo "$help" >&2; fail "present.sh --help does not state the sizes"; }
deck_cols=${deck_size%x*} deck_rows=${deck_size#*x}
pass "present.sh says: slides $deck_size, shell $shell_size; side by side $side, --stacked $stacked"

# The slides' numbers are mdp's for this deck, to the row and the column: the
# deck shows whole at that size (render.sh), and not at one column or one row
# less.
render() {
	bash "$(dirname "$0")/render.sh" "$SOURCE_DIR" "$1" "$2" >"$WORK/render.out" 2>&1
}
render "$deck_cols" "$deck_rows" || { cat "$WORK/render.out" >&2; fail "the deck does not fit ${deck_size}, as present.sh says it does"; }
render $((deck_cols - 1)) "$deck_rows" && fail "the deck fits $((deck_cols - 1))x$deck_rows too: present.sh asks for more columns than the slides need"
grep -q 'lines wrap' "$WORK/render.out" || { cat "$WORK/render.out" >&2; fail "at $((deck_cols - 1))x$deck_rows the deck failed for another reason than its width"; }
render "$deck_cols" $((deck_rows - 1)) && fail "the deck fits ${deck_cols}x$((deck_rows - 1)) too: present.sh asks for more rows than the slides need"
grep -q 'too small' "$WORK/render.out" || { cat "$WORK/render.out" >&2; fail "at ${deck_cols}x$((deck_rows - 1)) mdp did not say the terminal is too small"; }
pass "mdp shows the deck from $deck_size: at one column less a line wraps, at one row less mdp says the terminal is too small"

# present.sh, attaching, in a terminal of a given size: a tmux pane of the
# test's own (TMUX_SOCKET), and a tmux server of its own for the demo.
tmux_kill
demo_socket=$(mktemp -u /tmp/ds-present-XXXXXX)
demo_kill() {
	tmux -S "$demo_socket" kill-server 2>/dev/null || true
	rm -f "$demo_socket"
}
CLEANUPS="demo_kill $CLEANUPS"
demo() {
	tmux -S "$demo_socket" "$@"
}
# in_terminal COLUMNSxROWS [OPTION...]: present.sh there, as a user starts it.
in_terminal() {
	tmux_kill
	demo_kill
	terminal_start "${1%x*}" "${1#*x}" env -u TMUX HOME="$WORK" \
		bash "$SLIDES/present.sh" --socket "$demo_socket" --build "$build" "${@:2}"
}

# refused SIZE OPTIONS NEEDED ADVICE: present.sh in a terminal of SIZE with
# OPTIONS says it needs NEEDED and what else to do, exits 1, and starts nothing.
refused() {
	local size=$1 options=$2 needed=$3 advice=$4
	# shellcheck disable=SC2086 # the options are words
	in_terminal "$size" $options
	wait_until 10 "present.sh to refuse at $size" pane_dead
	expect "present.sh's status at $size${options:+ $options}" "$(pane_exit_status)" 1
	screen_has "this terminal is $size; " || { tmux_screen >&2; fail "present.sh did not say the terminal's size ($size)"; }
	screen_has "needs at least $needed" || { tmux_screen >&2; fail "present.sh did not say it needs $needed"; }
	screen_has "$advice" || { tmux_screen >&2; fail "present.sh did not say: $advice"; }
	demo has-session 2>/dev/null && fail "present.sh started tmux all the same"
	pass "at $size${options:+ $options}, present.sh refuses: needs $needed; $advice"
}

# started SIZE OPTIONS DECK SHELL: present.sh in a terminal of SIZE with
# OPTIONS attaches to the layout, whose panes are DECK and SHELL in size; mdp
# shows the first slide (not its "too small"), and daemon-viewer, run in the
# shell pane on the demo's log from above, its frame (not its "needs").
started() {
	local size=$1 options=$2 deck=$3 shell=$4 panes
	# shellcheck disable=SC2086 # the options are words
	in_terminal "$size" $options
	wait_until 10 "the slides in the terminal at $size" screen_has "How a program becomes a daemon"
	panes=$(demo list-panes -t daemon-steps -F '#{pane_width}x#{pane_height}' | paste -s -d ' ')
	expect "the panes (slides, shell) at $size${options:+ $options}" "$panes" "$deck $shell"
	wait_until 10 "the first slide's number" screen_has "1 / "
	screen_has "too small" && { tmux_screen >&2; fail "mdp says the pane is too small at $size"; }
	wait_until 10 "the shell's greeting" screen_has "the demo is ready"
	demo send-keys -t daemon-steps.1 -l "daemon-viewer $(printf %q "$WORK/log")"
	demo send-keys -t daemon-steps.1 Enter
	wait_until 10 "daemon-viewer in the shell pane" eval 'screen_has "A daemon is..." || screen_has "daemon-viewer needs"'
	screen_has "daemon-viewer needs" && { tmux_screen >&2; fail "daemon-viewer says the shell pane is too small at $size"; }
	demo send-keys -t daemon-steps.1 q
	pass "at $size${options:+ $options}, the slides show whole in a pane of $deck, daemon-viewer in one of $shell"
}

side_cols=${side%x*} side_rows=${side#*x}
stacked_cols=${stacked%x*} stacked_rows=${stacked#*x}
# One column too narrow for side by side, where --stacked fits: says so.
refused "$((side_cols - 1))x$stacked_rows" "" "$side" "--stacked fits here: use --stacked (it needs $stacked)"
started "$((side_cols - 1))x$stacked_rows" --stacked "$((side_cols - 1))x$deck_rows" "$((side_cols - 1))x${shell_size#*x}"
# The least side by side: each pane exactly what it needs, in rows the
# shell's (24, more than the slides' 20), less tmux's status line.
started "$side" "" "${deck_cols}x$((side_rows - 1))" "${shell_size%x*}x$((side_rows - 1))"
# One row too short for --stacked, where side by side does not fit either.
refused "${stacked_cols}x$((stacked_rows - 1))" --stacked "$stacked" "needs $side, which does not fit either"

# The READMEs give the same sizes.
for readme in README.md slides/README.md; do
	for size in "$side" "$stacked"; do
		grep -q -F -- "$size" "$SOURCE_DIR/$readme" || fail "$readme does not give present.sh's size $size"
	done
done
grep -q -F -- "$deck_size" "$SOURCE_DIR/slides/README.md" || fail "slides/README.md does not give the slides' size $deck_size"
pass "README.md and slides/README.md give the same sizes"
