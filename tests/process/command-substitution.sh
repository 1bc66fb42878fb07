#!/usr/bin/env bash
# What step 6's lesson says of a script's $(...): it waits for the end of the
# pipe on its stdout, and a daemon that still holds that pipe on 3 or up keeps
# it waiting until the daemon exits, while one that holds it only on 1 lets it
# return, since step 7 puts /dev/null there. Both chains leave step 6 out;
# whether $(...) returned before heartbeatd ended is read from heartbeatd's
# own records, not timed.
. "$(dirname "$0")/../lib.sh"

chain=(step1-fork step2-setsid step3-fork-again step4-chdir step5-umask step7-reopen-stdio
	heartbeatd --seconds 2)

# exits RUN: how many exit records heartbeatd wrote in RUN.
exits() {
	"$DS_LOGQ" --count "$LOG" run="$1" prog=heartbeatd event=exit
}
has_exited() {
	[ "$(exits "$1")" -gt 0 ]
}

# 1. the pipe only on descriptor 1: step 7 replaces it, $(...) returns at once
# what a script does: $(...), whose output is not the point here
: "$(cd "$WORK" && DAEMON_STEPS_LOG=$LOG DAEMON_STEPS_RUN=on-stdout "$DS_BIN/${chain[0]}" "${chain[@]:1}")"
expect "with the pipe on 1 only, \$(...) returned before heartbeatd exited (exit records)" \
	"$(exits on-stdout)" 0
wait_until 10 "the first heartbeatd to exit" has_exited on-stdout

# 2. the same pipe also on descriptor 3: nothing closes it, $(...) waits
: "$(cd "$WORK" && DAEMON_STEPS_LOG=$LOG DAEMON_STEPS_RUN=on-three "$DS_BIN/${chain[0]}" "${chain[@]:1}" 3>&1)"
expect "with the pipe on 3 too, \$(...) returned only after heartbeatd exited (exit records)" \
	"$(exits on-three)" 1
fds=$("$DS_LOGQ" "$LOG" run=on-three prog=heartbeatd event=start -- fds)
grep -qE '(^|,)3(,|$)' <<<"$fds" || fail "heartbeatd did not hold descriptor 3: fds=$fds"
pass "heartbeatd held the pipe on descriptor 3 (fds=$fds)"
