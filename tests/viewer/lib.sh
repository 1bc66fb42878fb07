# lib.sh - what the viewer's test scripts share: a private temp dir that is
# always removed, waiting with a deadline, failing loudly, skipping visibly.
# Sourced by the scripts; BIN (the built programs' directory) must be set.

SKIP=77

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	echo "SKIP: $*" >&2
	exit "$SKIP"
}

# A temp dir per test, removed on any exit; cleanup hooks run first.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dv-test-XXXXXX") || fail "mktemp"
CLEANUPS=""
on_exit() {
	for hook in $CLEANUPS; do "$hook"; done
	rm -rf "$TMP"
}
trap on_exit EXIT
trap 'exit 1' INT TERM HUP

# wait_until SECONDS COMMAND...: polls COMMAND every 50 ms until it succeeds.
wait_until() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@"; do
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.05
	done
}

# The daemon a chain left running, stopped by the PID its pid file names.
stop_daemon() {
	local pid_file="$TMP/heartbeatd.pid" pid
	[ -s "$pid_file" ] || return 0
	pid=$(head -n1 "$pid_file")
	case "$pid" in ''|*[!0-9]*) return 0 ;; esac
	[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = heartbeatd ] && kill "$pid" 2>/dev/null
	return 0
}
CLEANUPS="$CLEANUPS stop_daemon"

# run_chain RUN-ID COMMAND...: runs COMMAND (a chain of step programs) and
# heartbeatd --seconds 1 with the log in $TMP, and waits for the daemon's
# exit record.
run_chain() {
	local run=$1
	shift
	DAEMON_STEPS_LOG="$TMP/log" DAEMON_STEPS_RUN=$run "$@" \
		heartbeatd --seconds 1 --try-tty /dev/null >/dev/null 2>&1 ||
		fail "the chain $* failed to start"
	wait_until 20 grep -q "run=$run .*event=exit" "$TMP/log" ||
		fail "run $run never recorded its daemon's exit"
}
