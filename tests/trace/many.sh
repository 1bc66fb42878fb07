#!/usr/bin/env bash
# No event lost: a program that starts 300 short-lived children at once
# (each a fork, an exec and an exit, their first stops racing their parent's
# fork events) is recorded with every one of them, as strace -f counts them.
. "$(dirname "$0")/lib.sh"

script='for i in $(seq 300); do /bin/true & done; wait'
trace -- /bin/bash -c "$script"
expect "daemon-trace's exit status (nothing stayed)" "$status" 4
run=$(q1 prog=daemon-trace event=start -- run)
# 300 children, and the one running seq for $(seq 300)
expect "forks recorded" "$(count run="$run" event=fork)" 301
expect "execs recorded (bash's own, seq's and the children's)" "$(count run="$run" event=exec)" 302
expect "exits recorded" "$(count run="$run" event=exit)" 302
if command -v strace >/dev/null; then
	strace -f -qq -e trace=execve -e signal=none -o "$WORK/strace" /bin/bash -c "$script"
	expect "execs as strace -f counts them" "$(grep -c 'execve("' "$WORK/strace")" 302
fi
