#!/usr/bin/env bash
# DAEMON_STEPS_RUN names the demo's run, as --help says for every program (a
# class can then replay "--run class-1"); an id the log already has is refused,
# since the demo tells its run's records from the others by it.
. "$(dirname "$0")/../lib.sh"

DAEMON_STEPS_RUN=class-1 run_program daemon-demo --no-viewer --seconds 30 >"$WORK/out" 2>&1 </dev/null ||
	fail "daemon-demo exited $?: $(cat "$WORK/out")"
daemon=$(q1 prog=heartbeatd event=start -- pid)
expect "every record has the run id given" "$(q -- run | sort -u)" class-1
grep -qF -- "daemon-demo: run class-1" "$WORK/out" ||
	fail "daemon-demo does not name its run: $(cat "$WORK/out")"
# the viewer's path is quoted when it has a space (a clone in "My Projects")
grep -qE -- "daemon-viewer'? --run class-1 " "$WORK/out" ||
	fail "daemon-demo's replay line lacks --run class-1: $(cat "$WORK/out")"
pass "the demo names it, and replays it by it"
expect "the viewer finds the run by that id" \
	"$("$DS_BIN/daemon-viewer" --dump --run class-1 "$LOG" >/dev/null; echo $?)" 0
stop_pid "$daemon"

records=$(count)
status=0
DAEMON_STEPS_RUN=class-1 run_program daemon-demo --no-viewer --seconds 30 >"$WORK/again" 2>&1 </dev/null ||
	status=$?
expect "the same id again: bad usage, status" "$status" 2
grep -qF "daemon-demo: run 'class-1' (DAEMON_STEPS_RUN) is already in the log $LOG" "$WORK/again" ||
	fail "the refusal says: $(cat "$WORK/again")"
expect "and nothing was run or recorded" "$(count)" "$records"

run_program daemon-demo --no-viewer --seconds 30 >"$WORK/new" 2>&1 </dev/null ||
	fail "daemon-demo without DAEMON_STEPS_RUN exited $?: $(cat "$WORK/new")"
run=$(q prog=daemon-demo event=start -- run | tail -n 1)
expect_not "unset, a new id is made" "$run" class-1
stop_pid "$(q1 run="$run" prog=heartbeatd event=start -- pid)"
