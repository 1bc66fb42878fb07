#!/usr/bin/env bash
# No event lost: a program that starts 300 short-lived children at once
# (each a fork, an exec and an exit) is recorded with every one of them, as
# strace -f counts them. Then the same from a grandchild of daemon-trace:
# waitpid() looks at its own children first, but among traced processes that
# are not, the newest first, so a child's first stop usually comes before its
# parent's fork event (measured: 146 to 235 of the 300); each child is held
# until that event, so its fork is still its first record.
. "$(dirname "$0")/lib.sh"

script='for i in $(seq 300); do /bin/true & done; wait'
trace -- /bin/bash -c "$script"
expect "daemon-trace's exit status (nothing stayed)" "$status" 4
run=$(q1 prog=daemon-trace event=start -- run)
# 300 children, and the one running seq for $(seq 300)
expect "forks recorded" "$(count run="$run" event=fork)" 301
expect "execs recorded (bash's own, seq's and the children's)" "$(count run="$run" event=exec)" 302
expect "exits recorded" "$(count run="$run" event=exit)" 302
# bash catches SIGCHLD (to reap): its first one is told, once, as caught
expect "bash's SIGCHLD, once" "$(count run="$run" event=signal signal=SIGCHLD)" 1
expect "how bash handles it, from its SigCgt" "$(q1 run="$run" event=signal -- signal handled)" \
	$'SIGCHLD\tcaught'
if command -v strace >/dev/null; then
	strace -f -qq -e trace=execve -e signal=none -o "$WORK/strace" /bin/bash -c "$script"
	expect "execs as strace -f counts them" "$(grep -c 'execve("' "$WORK/strace")" 302
fi

# the same 300, forked by bash's child
trace -- /bin/bash -c "/bin/bash -c '$script'; true"
expect "daemon-trace's exit status (nothing stayed)" "$status" 4
run=$(q prog=daemon-trace event=start -- run | tail -n 1)
expect "forks recorded, from a grandchild" "$(count run="$run" event=fork)" 302
expect "execs recorded, from a grandchild" "$(count run="$run" event=exec)" 303
expect "exits recorded, from a grandchild" "$(count run="$run" event=exit)" 303
first=$(q1 run="$run" event=exec -- pid)
# each process's first record (daemon-trace's own and the first process's aside)
firsts=$(q run="$run" -- pid event | awk -F'\t' -v first="$first" '
	$2 != "start" && $2 != "verdict" && $1 != first && !seen[$1]++ { print $2 }' | sort | uniq -c)
expect "the first record of every forked process" "$(echo $firsts)" "302 fork"
