#!/usr/bin/env bash
# daemon-trace on a shell whose first process reads two pipes while children
# of its own live: its stdin, a pipe from outside that a child holds only for
# reading (inherited as its stdin), and a command substitution's, whose write
# end its subshell holds. Only the second is a wait on another traced process
# (a reader is no writer), and neither is the readiness of the process that
# stays, which holds no write end.
. "$(dirname "$0")/lib.sh"

without_leak_check	# sh and its children exit while traced
status=0
echo go | run_program daemon-trace --settle 200 -- /bin/sh -c \
	'exec 3<&0; sleep 5 <&3 & x=$(sleep 0.2; echo ready); read line; echo "$x $line" >"$1"' \
	sh "$WORK/said" >"$WORK/out" 2>&1 || status=$?
cat "$WORK/out"
stays=$(q1 event=exec command="sleep 5" -- pid)
DAEMONS=$stays
expect "what the shell read: the substitution's output, then its stdin" "$(cat "$WORK/said")" "ready go"
subshell=$(q1 event=exec command="sleep 0.2" -- ppid)
case $(readlink "/proc/$stays/fd/0") in
pipe:*) pass "the child that stays reads the shell's stdin pipe" ;;
*) fail "the child that stays does not hold the shell's stdin pipe: $(readlink "/proc/$stays/fd/0")" ;;
esac
expect "waits on a pipe recorded: the substitution's only" \
	"$(($(count call=read readiness=written) + $(count call=read readiness=closed)))" 1
expect "the substitution's wait: written by its subshell, which holds the write end" \
	"$(q1 call=read readiness=written -- ended_by held_by | cut -d, -f1)" "$subshell"$'\t'"$subshell"
expect "the verdict tells no readiness of the process that stayed" \
	"$(grep -c "for the daemon's readiness on a pipe" "$WORK/out" || true)" 0
says "the first process exited"
