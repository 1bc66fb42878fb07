#!/usr/bin/env bash
# daemon-trace run by a user without privilege (nobody, from root with
# setpriv): tracing its own child needs none, every state field is readable,
# and the verdict and the detach are as root's.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip "not root: every other trace test runs without privilege already"
need setpriv
# nobody cannot enter the test's folder (mode 700): a folder of its own, removed on exit
shared=$(mktemp -d /tmp/ds-trace-nobody-XXXXXX)
remove_shared() { rm -rf "$shared"; }
CLEANUPS="remove_shared $CLEANUPS"
chmod 777 "$shared"
status=0
# nor can it write the sanitizers' reports there: under asan-ubsan they go to
# its stderr, $WORK/out, which fails the test's checks if anything is reported
setpriv --reuid=65534 --regid=65534 --clear-groups env -u ASAN_OPTIONS -u UBSAN_OPTIONS \
	DAEMON_STEPS_LOG="$shared/log" \
	"$DS_BIN/daemon-trace" -- "$TICKER" --daemon3 "$shared/ticks" >"$WORK/out" 2>&1 </dev/null ||
	status=$?
daemon=$(ticker_pid "$shared/ticks")
DAEMONS=$daemon
cat "$WORK/out"
expect "the daemon's user" "$(awk '/^Uid:/ { print $2 }' "/proc/$daemon/status")" 65534
expect "daemon-trace's exit status (daemon(3) forks once)" "$status" 3
says "daemon-trace: the process that stayed: PID $daemon"
says "[FAIL] not its session's leader: it leads session $daemon"
untraced "$daemon"
still_working "$shared/ticks"
LOG=$shared/log	# the queries below read nobody's log
expect "records with a field /proc refused" "$(grep -c unreadable "$LOG" || true)" 0
expect "the setsid() recorded" "$(q1 call=setsid -- pid)" "$daemon"
LOG=$WORK/log

# a set-user-ID program traced without privilege runs without it: said so
if [ -u /usr/bin/chfn ]; then
	setpriv --reuid=65534 --regid=65534 --clear-groups env -u ASAN_OPTIONS -u UBSAN_OPTIONS \
		DAEMON_STEPS_LOG="$shared/log" "$DS_BIN/daemon-trace" -- /usr/bin/chfn --help \
		>"$WORK/out" 2>&1 </dev/null || true
	says "/usr/bin/chfn is set-user-ID or set-group-ID, and the kernel ignores that under ptrace"
	LOG=$shared/log
	expect "the exec's record" "$(q exe=/usr/bin/chfn -- setid_ignored | tail -n 1)" yes
	LOG=$WORK/log
fi
