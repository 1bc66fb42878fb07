#!/usr/bin/env bash
# Hangup: in a job-control shell on a real terminal, `heartbeatd &` is a job
# and gets SIGHUP when the terminal goes away; the daemon the chain made gets
# nothing and goes on beating.
. "$(dirname "$0")/../lib.sh"

job_log=$WORK/job/log
has_record_in() {
	local log=$1
	shift
	[ "$("$DS_LOGQ" --count "$log" "$@")" -gt 0 ]
}
more_beats_than() {
	[ "$(count prog=heartbeatd event=heartbeat)" -gt "$1" ]
}
mkdir -p "$WORK/job"
interactive_shell
tmux_type "DAEMON_STEPS_LOG=$(printf %q "$job_log") heartbeatd --seconds 60 &"
tmux_type "step1-fork step2-setsid step3-fork-again step4-chdir step5-umask step6-close-fds step7-reopen-stdio heartbeatd --seconds 60"
wait_until 10 "the chain's first heartbeat" has_record prog=heartbeatd event=heartbeat
wait_until 10 "the job's first heartbeat" has_record_in "$job_log" event=heartbeat
job=$("$DS_LOGQ" "$job_log" event=start -- pid)
daemon=$(q1 prog=heartbeatd event=start -- pid)

tmux_kill
wait_until 5 "the job's SIGHUP" has_record_in "$job_log" event=signal signal=SIGHUP
pass "the shell's job got SIGHUP"
beats=$(count prog=heartbeatd event=heartbeat)
wait_until 5 "the daemon's next heartbeats" more_beats_than $((beats + 1))
expect "the daemon got no signal" "$(count event=signal)" "0"
stop_pid "$job"
stop_pid "$daemon"
log_is_whole "$job_log" || fail "the job's log has lines that are not records"
