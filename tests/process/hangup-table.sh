#!/usr/bin/env bash
# The hangup table of docs/compared.md, measured: each row's command is typed
# into an interactive bash on a real terminal (tmux) with heartbeatd as prog;
# then the terminal goes away, and each heartbeatd's log says whether it got
# SIGHUP. The table is the expectation: edit it, and this test checks it.
. "$(dirname "$0")/../lib.sh"

doc=$(dirname "$0")/../../docs/compared.md
rows=$(sed -n '/<!-- hangup-table/,/<!-- end of hangup-table/p' "$doc" |
	sed -n 's/^| `\([^`]*\)` | \([A-Za-z]*\) |.*/\1|\2/p')
[ "$(wc -l <<<"$rows")" -ge 5 ] || fail "the hangup table in $doc has too few rows: $rows"

interactive_shell
tmux_type "chain() { step1-fork step2-setsid step3-fork-again step4-chdir step5-umask step6-close-fds step7-reopen-stdio \"\$@\"; }"
i=0
while IFS='|' read -r command expected; do
	i=$((i + 1))
	mkdir -p "$WORK/row$i"
	line=${command//prog/heartbeatd --seconds 60}
	tmux_type "cd $(printf %q "$WORK/row$i") && export DAEMON_STEPS_LOG=$(printf %q "$WORK/row$i/log") && $line"
	row_log=$WORK/row$i/log
	has_beat() { [ "$("$DS_LOGQ" --count "$row_log" event=heartbeat)" -gt 0 ]; }
	wait_until 10 "a heartbeat from: $command" has_beat
done <<<"$rows"

tmux_kill
i=0
while IFS='|' read -r command expected; do
	i=$((i + 1))
	row_log=$WORK/row$i/log
	pid=$("$DS_LOGQ" "$row_log" event=start prog=heartbeatd -- pid)
	if [ "$expected" = SIGHUP ]; then
		got_hup() { [ "$("$DS_LOGQ" --count "$row_log" signal=SIGHUP)" -gt 0 ]; }
		wait_until 5 "SIGHUP for: $command" got_hup
	else
		beats=$("$DS_LOGQ" --count "$row_log" event=heartbeat)
		beats_on() { [ "$("$DS_LOGQ" --count "$row_log" event=heartbeat)" -gt $((beats + 1)) ]; }
		wait_until 5 "heartbeats after the hangup for: $command" beats_on
		expect "no signal for: $command" "$("$DS_LOGQ" --count "$row_log" event=signal)" "0"
	fi
	pass "$command: $expected"
	stop_pid "$pid"
	log_is_whole "$row_log" || fail "the log of '$command' has lines that are not records"
done <<<"$rows"
