#!/usr/bin/env bash
# daemon-trace --view: typed at a prompt (tmux), after the verdict the
# viewer opens on the run, its first frame the trace's start; q returns to
# the shell with daemon-trace's own exit status (3: setsid -f fails some
# items), not the viewer's. daemon-trace is run by its path with the build
# folder out of PATH, so the viewer is found beside it. Without a terminal,
# --view says so and the status is the verdict's.
. "$(dirname "$0")/lib.sh"

ticks=$WORK/ticks
interactive_shell
tmux_type "PATH=/usr/bin:/bin $(printf %q "$DS_BIN")/daemon-trace --view -- setsid -f $(printf '%q ' "$TICKER" "$ticks"); echo view-status=\$?"
DAEMONS=$(ticker_pid "$ticks")
wait_until 15 "the viewer's first frame" screen_has "frame 1/"
screen_has "begins  traced=\"setsid -f" || { tmux_screen; fail "the first frame is not the trace's start"; }
pass "the viewer opens on the run's first frame"
untraced "$DAEMONS"
tmux -S "$TMUX_SOCKET" send-keys q
# the status line the shell prints, not the command typed, which also says view-status=
status_printed() { tmux_screen | grep -q '^view-status=[0-9]'; }
wait_until 10 "the shell to print daemon-trace's status after the viewer" status_printed
expect "daemon-trace's exit status after q" "$(tmux_screen | sed -n 's/^view-status=//p')" 3
screen_has "verdict: a background process that fails" || { tmux_screen; fail "no verdict before the viewer"; }
pass "the verdict was printed before the viewer"
tmux_kill
stop_daemons
DAEMONS=""

rm -f "$ticks"
status=0
DAEMON_STEPS_LOG=$LOG "$DS_BIN/daemon-trace" --view -- setsid -f "$TICKER" "$ticks" >"$WORK/out" 2>&1 </dev/null ||
	status=$?
DAEMONS=$(ticker_pid "$ticks")
says "--view needs a terminal in the foreground: replay it as \"Replay it\" above says"
# off a terminal too, the verdict ends with the log and the replay's command,
# naming this run and (not the usual one) this log
run=$(q prog=daemon-trace event=start -- run | tail -n 1)
grep -F "Replay it: " "$WORK/out" | grep -F -- "--run $run " | grep -qF -- "$LOG" ||
	{ cat "$WORK/out" >&2; fail "no 'Replay it' line naming run $run and $LOG"; }
says "The log: $LOG"
expect "daemon-trace --view's exit status without a terminal" "$status" 3
if grep -q "^--- frame" "$WORK/out"; then fail "the viewer printed the run without a terminal"; fi
pass "no viewer without a terminal"
