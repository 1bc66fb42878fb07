#!/usr/bin/env bash
# Readiness the classic way: step1-fork --wait-ready exits only once the
# daemon says it is ready. On real processes: with the wait, the first
# process exits with status 0 when heartbeatd's pid file already holds its
# PID, and its exit comes after heartbeatd's "ready" in the log; without it,
# the first process's exit comes before heartbeatd has even started. Step 6
# keeps the readiness descriptor; a daemon that dies before it is ready
# (another heartbeatd holds the pid file) gives status 3 and says so, and so
# does a step 6 that closes the descriptor anyway (--close-ready-fd), while
# that daemon runs on, unheard. Only the order of events is asserted, never
# a time.
. "$(dirname "$0")/../lib.sh"

steps=(step2-setsid step3-fork-again step4-chdir step5-umask)
daemon=(step7-reopen-stdio heartbeatd --seconds 20)

# chain LOG RUN STEP1-OPTIONS... -- STEP6-OPTIONS...: the whole chain, from
# the log's folder; its stderr into $WORK/RUN.err, its status printed.
chain() {
	local log=$1 run=$2 first=() sixth=()
	shift 2
	while [ "$1" != -- ]; do first+=("$1"); shift; done
	shift
	sixth=("$@")
	(cd "$(dirname "$log")" && DAEMON_STEPS_LOG=$log DAEMON_STEPS_RUN=$run \
		"$DS_BIN/step1-fork" "${first[@]}" "${steps[@]}" step6-close-fds "${sixth[@]}" \
		"${daemon[@]}" </dev/null >/dev/null 2>"$WORK/$run.err") && echo 0 || echo $?
}

# position LOG RUN PROG EVENT: the line of the run's first such record among its records.
position() {
	"$DS_LOGQ" "$1" run="$2" -- prog event | grep -n -x -m 1 "$3	$4" | cut -d: -f1
}

# 1. waited for: status 0, and the pid file names the live heartbeatd as the first process exits
status=$(chain "$LOG" waited --wait-ready --)
pid_file=$(cat "$WORK/heartbeatd.pid" 2>/dev/null || echo none)
daemon_pid=$(q run=waited prog=heartbeatd event=start -- pid)
expect "with --wait-ready, the first process's status" "$status" 0
expect "as it exited, the pid file held heartbeatd's PID" "$pid_file" "$daemon_pid"
is_alive "$daemon_pid" || fail "heartbeatd (PID $daemon_pid) is not running"
expect "the first process says the daemon came up" \
	"$(q run=waited prog=step1-fork event=parent-exit -- ready)" yes
ready_at=$(position "$LOG" waited heartbeatd ready)
exit_at=$(position "$LOG" waited step1-fork parent-exit)
[ -n "$ready_at" ] && [ "$exit_at" -gt "$ready_at" ] ||
	fail "the first process's exit (record $exit_at) is not after heartbeatd's ready (record ${ready_at:-none})"
pass "the first process exited after heartbeatd's ready (records $ready_at, $exit_at)"

# step 6 kept the write end: it is what step 1 made, and heartbeatd started with it
ready_fd=$(q run=waited prog=step1-fork event=ready-wait -- ready_fd)
expect "step 6 kept the readiness descriptor" \
	"$(q run=waited prog=step6-close-fds event=after -- kept_fd)" "$ready_fd"
start_fds=$(q run=waited prog=heartbeatd event=start -- fds)
grep -qE "(^|,)$ready_fd(,|$)" <<<"$start_fds" ||
	fail "heartbeatd started without descriptor $ready_fd: fds=$start_fds"
pass "heartbeatd started with descriptor $ready_fd (fds=$start_fds)"
expect "heartbeatd told it" "$(q run=waited prog=heartbeatd event=ready -- ready_fd tells)" \
	"$ready_fd	yes"
# the pid file was open when it told (written just after its open, under its
# lock): the ready record holds one descriptor more than the start, the pid
# file's, the lowest free number once 0, 1 and 2 are /dev/null
ready_fds=$(q run=waited prog=heartbeatd event=ready -- fds)
expect "heartbeatd held its pid file as it told (its descriptors then, with $start_fds at start)" \
	"$(comm -13 <(tr , '\n' <<<"$start_fds" | sort) <(tr , '\n' <<<"$ready_fds" | sort))" 3

# 2. the daemon dies before it is ready: the first heartbeatd still holds the pid file
status=$(chain "$LOG" died --wait-ready --)
expect "a daemon that died before it was ready: the first process's status" "$status" 3
grep -q "the daemon never said it was ready" "$WORK/died.err" ||
	fail "no clear message: $(cat "$WORK/died.err")"
pass "it says why: $(head -n 1 "$WORK/died.err")"
expect "its record" "$(q run=died prog=step1-fork event=parent-exit -- ready)" no
expect "heartbeatd's failure is in the log" \
	"$(q run=died prog=heartbeatd event=error -- call)" "locking the pid file"
stop_pid "$daemon_pid"

# 3. without the wait, the first process is gone before heartbeatd has begun
status=$(chain "$LOG" at-once --)
expect "without --wait-ready, the first process's status" "$status" 0
started() {
	has_record run=at-once prog=heartbeatd event=start
}
wait_until 10 "heartbeatd of the run without the wait" started
exit_at=$(position "$LOG" at-once step1-fork parent-exit)
start_at=$(position "$LOG" at-once heartbeatd start)
[ "$exit_at" -lt "$start_at" ] ||
	fail "without the wait, the first process's exit (record $exit_at) is not before heartbeatd's start ($start_at)"
pass "without the wait, the first process exited before heartbeatd started (records $exit_at, $start_at)"
expect "and no ready record" "$(count run=at-once event=ready)" 0
stop_pid "$(q run=at-once prog=heartbeatd event=start -- pid)"

# 4. step 6 closes the descriptor anyway: the first process reads end-of-file,
# and heartbeatd, up and running, has nobody to tell
mkdir "$WORK/closed"
closed_log=$WORK/closed/log
status=$(chain "$closed_log" closed --wait-ready -- --close-ready-fd)
expect "with the descriptor closed by step 6, the first process's status" "$status" 3
grep -q "the daemon never said it was ready" "$WORK/closed.err" ||
	fail "no clear message: $(cat "$WORK/closed.err")"
expect "step 6 says it closed it" \
	"$("$DS_LOGQ" "$closed_log" run=closed prog=step6-close-fds event=after -- closed_ready_fd)" \
	"$("$DS_LOGQ" "$closed_log" run=closed prog=step1-fork event=ready-wait -- ready_fd)"
told() {
	[ "$("$DS_LOGQ" --count "$closed_log" run=closed event=ready)" -gt 0 ]
}
wait_until 10 "heartbeatd's ready record" told
expect "heartbeatd found it closed" \
	"$("$DS_LOGQ" "$closed_log" run=closed event=ready -- tells ready_errno)" "no	EBADF"
closed_pid=$("$DS_LOGQ" "$closed_log" run=closed prog=heartbeatd event=start -- pid)
is_alive "$closed_pid" || fail "heartbeatd, unheard, should still run"
pass "heartbeatd runs on, unheard (PID $closed_pid)"
stop_pid "$closed_pid"

# 5. daemon-demo shows it: the prompt came back before heartbeatd was ready
# without the wait, after it with; the figures are the records' order
for kind in at-once waited; do
	mkdir "$WORK/demo-$kind"
	options=(--no-viewer --seconds 20)
	[ "$kind" = waited ] && options+=(--wait-ready)
	(cd "$WORK/demo-$kind" && DAEMON_STEPS_LOG=$WORK/demo-$kind/log "$DS_BIN/daemon-demo" \
		"${options[@]}" </dev/null >"$WORK/demo-$kind/out" 2>&1) ||
		fail "daemon-demo ${options[*]} failed: $(cat "$WORK/demo-$kind/out")"
	DAEMON_STEPS_LOG=$WORK/demo-$kind/log "$DS_BIN/daemon-demo" --stop >/dev/null
done
grep -q "the prompt came back [0-9.]* ms BEFORE heartbeatd was ready" "$WORK/demo-at-once/out" ||
	fail "the demo without --wait-ready does not say the prompt came back first: $(cat "$WORK/demo-at-once/out")"
pass "without --wait-ready: $(grep -o 'the prompt came back .*ready' "$WORK/demo-at-once/out")"
grep -q "the prompt came back [0-9.]* ms after heartbeatd was ready: step1-fork's" "$WORK/demo-waited/out" ||
	fail "the demo with --wait-ready does not say the prompt came back after: $(cat "$WORK/demo-waited/out")"
pass "with --wait-ready: $(grep -o 'the prompt came back .*ready' "$WORK/demo-waited/out")"
