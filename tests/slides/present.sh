#!/usr/bin/env bash
# present: slides/present.sh sets up the live demo in tmux: one pane shows
# the deck in mdp (its first slide, without speaker notes), the other is a
# shell in which daemon-demo is found in the build's bin folder and runs.
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
