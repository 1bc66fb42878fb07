#!/usr/bin/env bash
# daemon-trace's group "daemon(7) also asks", on real processes, each item
# checked against /proc: a daemon(3) daemon started with SIGHUP ignored and
# SIGUSR1 blocked (as nohup and a careless script leave them) keeps both; the
# project's chain resets nothing it was not given, keeps its caller's
# environment, keeps root when started as root (not applicable otherwise),
# writes its own pid file; daemon(3)'s first process does not wait for its
# readiness; a process title written over the environment is no environment
# of its own. The group is not counted:
# the chain still passes as a daemon (status 0). With --pid, the caller's
# signals and environment are not known.
. "$(dirname "$0")/lib.sh"

without_leak_check	# the programs exit while traced
# signal_set_has PID FIELD SIGNAL-NUMBER: /proc/PID/status's FIELD (SigIgn,
# SigBlk) holds the signal
signal_set_has() {
	local mask
	mask=$(awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status")
	(((16#$mask >> ($3 - 1)) & 1))
}

status=0
DAEMON_STEPS_LOG=$LOG env --ignore-signal=HUP --block-signal=USR1 \
	"$DS_BIN/daemon-trace" -- "$TICKER" --daemon3 "$WORK/ticks" >"$WORK/out" 2>&1 </dev/null ||
	status=$?
daemon=$(ticker_pid "$WORK/ticks")
DAEMONS=$daemon
cat "$WORK/out"
expect "daemon-trace's exit status (daemon(3) forks once: it fails the seven's items)" "$status" 3
says "  daemon(7) also asks (not counted in the verdict):"
says "[FAIL] no signal ignored or blocked that its caller left: as its caller left them: ignored SIGHUP, blocked SIGUSR1"
signal_set_has "$daemon" SigIgn 1 || fail "/proc: the daemon does not ignore SIGHUP"
signal_set_has "$daemon" SigBlk 10 || fail "/proc: the daemon does not block SIGUSR1"
pass "/proc: the daemon ignores SIGHUP and blocks SIGUSR1"
says "[FAIL] its starter told when it is ready: the first process exited without waiting"
says "[n/a ] a pid file written by the daemon itself, after the last fork: none seen written"
untraced "$daemon"

# nohup in the traced command is the daemon's caller too: the SIGHUP it
# ignored before executing the program is left, not the program's own choice
status=0
DAEMON_STEPS_LOG=$LOG "$DS_BIN/daemon-trace" -- nohup "$TICKER" --daemon3 "$WORK/ticks-nohup" \
	>"$WORK/out" 2>&1 </dev/null || status=$?
daemon=$(ticker_pid "$WORK/ticks-nohup")
DAEMONS="$DAEMONS $daemon"
cat "$WORK/out"
signal_set_has "$daemon" SigIgn 1 || fail "/proc: the daemon under nohup does not ignore SIGHUP"
says "[FAIL] no signal ignored or blocked that its caller left: as its caller left them: ignored SIGHUP, blocked none"
untraced "$daemon"

# a process title written over the environment (nginx, redis): /proc shows
# none of it now, yet the daemon runs with its caller's, as exec gave it
status=0
trace --settle 300 -- "$TICKER" fork setsid fork process-title chdir=/ "$WORK/ticks-title"
daemon=$(ticker_pid "$WORK/ticks-title")
DAEMONS="$DAEMONS $daemon"
cat "$WORK/out"
expect "/proc: the titled daemon's environment, in bytes not NUL" \
	"$(tr -d '\0' <"/proc/$daemon/environ" | wc -c)" 0
given=$(q1 event=exec pid="$(q event=exec -- pid | tail -n 1)" -- nenv)
expect_not "the environment its exec gave, as recorded" "$given" 0
says "[FAIL] an environment of its own, not its caller's: $given variables from its exec; its caller gave"
"$DS_BIN/daemon-viewer" --dump --run "$(q event=verdict -- run | tail -n 1)" "$LOG" >"$WORK/dump" ||
	fail "daemon-viewer --dump exited $?"
grep -q '\[x\] own environment' "$WORK/dump" && fail "the replay meets 'own environment' for the titled daemon"
pass "the replay does not meet 'own environment' for the titled daemon either"

# the chain: signals as given (none), the caller's environment and more
trace -- "$DS_BIN/step1-fork" step2-setsid step3-fork-again step4-chdir step5-umask \
	step6-close-fds step7-reopen-stdio heartbeatd --seconds 20
heartbeatd=$(q1 prog=heartbeatd step=daemon event=start -- pid)
DAEMONS="$DAEMONS $heartbeatd"
cat "$WORK/out"
expect "daemon-trace's exit status (the group is not counted)" "$status" 0
says "verdict: a daemon: every item passes"
says "[pass] no signal ignored or blocked that its caller left"
variables=$(tr -cd '\0' <"/proc/$heartbeatd/environ" | wc -c)
says "[FAIL] an environment of its own, not its caller's: $variables variables from its exec; its caller gave"
pid_file=$(dirname "$LOG")/heartbeatd.pid
expect "the pid file holds" "$(cat "$pid_file")" "$heartbeatd"
says "[pass] a pid file written by the daemon itself, after the last fork: $pid_file holds $heartbeatd, written by $heartbeatd"
if [ "$(id -u)" = 0 ]; then
	expect "/proc: heartbeatd's user" "$(awk '/^Uid:/ { print $3 }' "/proc/$heartbeatd/status")" 0
	says "[FAIL] no root privilege left where it started as root: uid 0,0,0,0"
else
	says "[n/a ] no root privilege left where it started as root:"
	says "it never ran as root: there is no privilege to drop"
fi
untraced "$heartbeatd"

# --pid: from /proc alone, what the caller gave is not known; root is root
trace --pid "$heartbeatd"
says "[ ?  ] no signal ignored or blocked that its caller left: from /proc alone: what its caller gave is not known"
if [ "$(id -u)" = 0 ]; then
	says "[FAIL] no root privilege left where it started as root: uid 0,0,0,0"
fi
pass "daemon(7)'s group judged as /proc shows it"
