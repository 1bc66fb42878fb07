#!/usr/bin/env bash
# daemon-trace run by a user without privilege (nobody, from root with
# setpriv): tracing its own child needs none, every state field is readable,
# and the verdict and the detach are as root's. A set-user-ID program it
# traces runs without its privilege, and the verdict says so.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip "not root: every other trace test runs without privilege already"
shared_with_nobody 777
status=0
as_nobody DAEMON_STEPS_LOG="$shared/log" \
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

# a set-user-ID program traced without privilege runs without it: the
# ticker made set-user-ID root runs as root untraced, as nobody traced, and
# the verdict says so and what to do
effective_uid() {
	awk '/^Uid:/ { print $3 }' "/proc/$1/status"
}
setuid_ticker=$shared/setuid-ticker
cp "$TICKER" "$setuid_ticker"
chmod 4755 "$setuid_ticker"
as_nobody "$setuid_ticker" --daemon3 "$shared/ticks-untraced" </dev/null
untraced_daemon=$(ticker_pid "$shared/ticks-untraced")
DAEMONS="$DAEMONS $untraced_daemon"
expect "the set-user-ID daemon's effective user, untraced" "$(effective_uid "$untraced_daemon")" 0
as_nobody DAEMON_STEPS_LOG="$shared/log" "$DS_BIN/daemon-trace" -- "$setuid_ticker" --daemon3 \
	"$shared/ticks-traced" >"$WORK/out" 2>&1 </dev/null || true
traced_daemon=$(ticker_pid "$shared/ticks-traced")
DAEMONS="$DAEMONS $traced_daemon"
cat "$WORK/out"
expect "the same daemon's effective user, traced by nobody" "$(effective_uid "$traced_daemon")" 65534
says "daemon-trace: $setuid_ticker is set-user-ID or set-group-ID, and the kernel ignores that under ptrace by a user who is not root: it ran without its privilege, so this trace differs from an untraced run; trace it as root"
LOG=$shared/log
expect "the exec's record" "$(q exe="$setuid_ticker" -- setid_ignored | tail -n 1)" yes
LOG=$WORK/log
