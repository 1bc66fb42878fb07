#!/usr/bin/env bash
# daemon-trace on popquiz: the kernel's two answers as daemon-trace records
# them agree with popquiz's own records: the group leader's setsid() fails
# with EPERM, its child's works; the session leader that opens a fresh
# terminal without O_NOCTTY takes it, the process after a second fork does not.
. "$(dirname "$0")/lib.sh"

without_leak_check	# the project's programs exit while traced
trace -- "$DS_BIN/popquiz"
cat "$WORK/out"
expect "daemon-trace's exit status (nothing stayed)" "$status" 4
trace_run=$(q1 prog=daemon-trace event=start -- run)
quiz_run=$(q1 prog=popquiz step=quiz event=start -- run)
expect_not "popquiz's own run" "$quiz_run" "$trace_run"

leader=$(q1 run="$quiz_run" quiz=leader-setsid -- pid)
expect "the leader's setsid(), as daemon-trace recorded it" \
	"$(q1 run="$trace_run" pid="$leader" call=setsid -- event errno)" $'error\tEPERM'
for quiz in leader-opens-tty non-leader-opens-tty; do
	read_fields pid tty taken <<<"$(q1 run="$quiz_run" quiz="$quiz" -- pid tried_tty tty_taken)"
	expect "$quiz: the terminal taken, as daemon-trace recorded it" \
		"$(q1 run="$trace_run" call=openat tried_tty="$tty" -- pid noctty tty_taken)" \
		"$pid"$'\t'no$'\t'"$taken"
done
expect "no record of a pseudo-terminal's master" "$(count run="$trace_run" tried_tty=/dev/ptmx)" 0
