# lib.sh - what the viewer's test scripts add to tests/lib.sh (fail, skip,
# poll_until, a folder of their own in $WORK, the check for leftover processes
# on exit): stopping a chain's daemon, and running a chain. Sourced by the
# scripts once they have set BIN (the programs' folder) and SRC (the source
# tree). They check exit statuses themselves, so errexit and pipefail are off.

# shellcheck source=../lib.sh
. "$SRC/tests/lib.sh"
set +e +o pipefail

# The daemon a chain left running, stopped by the PID its pid file names.
stop_daemon() {
	local pid_file="$WORK/heartbeatd.pid" pid
	[ -s "$pid_file" ] || return 0
	pid=$(head -n1 "$pid_file")
	case "$pid" in ''|*[!0-9]*) return 0 ;; esac
	[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = heartbeatd ] && kill "$pid" 2>/dev/null
	return 0
}
CLEANUPS="$CLEANUPS stop_daemon"

# run_chain RUN-ID COMMAND...: runs COMMAND (a chain of step programs) and
# heartbeatd --seconds 1 with the log in $LOG, and waits for the daemon's
# exit record.
run_chain() {
	local run=$1
	shift
	DAEMON_STEPS_LOG="$LOG" DAEMON_STEPS_RUN=$run "$@" \
		heartbeatd --seconds 1 --try-tty /dev/null >/dev/null 2>&1 ||
		fail "the chain $* failed to start"
	poll_until 20 grep -q "run=$run .*event=exit" "$LOG" ||
		fail "run $run never recorded its daemon's exit"
}
