#!/usr/bin/env bash
# daemon-trace where its caller's process group and session were made outside
# the PID namespace that /proc shows, so that /proc reads 0 for both: CI's
# runner is such a caller (its PID 1 never calls setsid()), as is a docker
# exec. The script runs itself again in a PID namespace of its own to be one,
# wherever the suite was started from. A group or session of 0 is never one
# the process leads: the leader items pass. A session still 0 is its caller's:
# "a session of its own" fails, and a program that stays in it stayed in the
# foreground. With --pid, no caller is seen: its session is not known.
if [ "${DS_OUTSIDE_NAMESPACE:-}" != inside ] &&
	unshare --pid --fork --mount-proc true 2>/dev/null; then
	DS_OUTSIDE_NAMESPACE=inside exec unshare --pid --fork --mount-proc bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"
[ "${DS_OUTSIDE_NAMESPACE:-}" = inside ] ||
	skip "no PID namespace can be made here (unshare --pid needs root)"
expect "the test's process group, in its namespace's /proc" "$(proc_field $$ 3)" 0
expect "the test's session, in its namespace's /proc" "$(proc_field $$ 4)" 0

ticks=$WORK/ticks
caller_with_ties
made_outside="made outside this PID namespace"

# the whole recipe: every item passes, its caller's session told for what it is
status=0
as_caller "$DS_BIN/daemon-trace" --settle 300 -- "$TICKER" fork setsid fork chdir=/ umask=0 \
	close-all null-stdio "$ticks" >"$WORK/out" 2>&1 </dev/null || status=$?
daemon=$(ticker_pid "$ticks")
DAEMONS=$daemon
cat "$WORK/out"
untraced "$daemon"
check_against_proc "$daemon" "$WORK/launch" 0027 "$leaked"
says "[pass] a session of its own: SID $(proc_field "$daemon" 4); its caller's is 0 ($made_outside)"
says "verdict: a daemon: every item passes"
expect "daemon-trace's exit status for the whole recipe" "$status" 0
# the replay's words say what the 0 it left is
"$DS_BIN/daemon-viewer" --dump --width 400 "$LOG" >"$WORK/dump" || fail "daemon-viewer --dump exited $?"
grep -qF "(it was in 0, $made_outside), and of a new process group, $(proc_field "$daemon" 3) (was 0, $made_outside)" \
	"$WORK/dump" || fail "the replay of setsid() does not say what 0 is: $(grep -F 'setsid() made' "$WORK/dump")"
pass "the replay of setsid() says what the group and session of 0 it left were"
stop_pid "$daemon"
rm -f "$ticks"

# setsid() in a group leader fails, the rest of the recipe done: still in the
# caller's session 0, and told why
status=0
as_caller "$DS_BIN/daemon-trace" --settle 300 -- "$TICKER" fork lead-group setsid-unchecked fork \
	chdir=/ umask=0 close-all null-stdio "$ticks" >"$WORK/out" 2>&1 </dev/null || status=$?
daemon=$(ticker_pid "$ticks")
DAEMONS=$daemon
cat "$WORK/out"
check_against_proc "$daemon" "$WORK/launch" 0027 "$leaked"
says "[pass] not its session's leader: SID 0: a session $made_outside, so not one it leads"
says "[FAIL] a session of its own: still in its caller's session, 0 ($made_outside)"
says "(step 2, setsid, failed with EPERM)"
expect "daemon-trace's exit status for a setsid() that failed" "$status" 3
stop_pid "$daemon"
rm -f "$ticks"

# no step at all: the program stays in its caller's session, in the foreground
status=0
traced_in_foreground as_caller
cat "$WORK/out"
says "the first process still runs in its caller's session"
stop_pid "$daemon"
wait "$tracer" || status=$?
expect "daemon-trace's exit status for a program in the foreground" "$status" 4
rm -f "$ticks"

# --pid of a process in that session: whose session it is, is not known
as_caller "$TICKER" fork "$ticks" </dev/null >"$WORK/ticker.out" 2>&1
daemon=$(ticker_pid "$ticks")
DAEMONS=$daemon
expect "the ticker's session, in /proc" "$(proc_field "$daemon" 4)" 0
trace --pid "$daemon"
cat "$WORK/out"
says "[pass] not a process-group leader: PGID 0: a group $made_outside, so not one it leads"
says "[ ?  ] a session of its own: SID 0: a session $made_outside, its caller's or another"
says "[pass] not its session's leader: SID 0: a session $made_outside, so not one it leads"
