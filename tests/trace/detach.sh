#!/usr/bin/env bash
# After the detach the program runs as if never traced: calls blocked in
# epoll_wait(-1) and sigtimedwait(), which daemon-trace's PTRACE_INTERRUPT
# would end with EINTR, are restarted and still wake when they should; a
# program stopped with SIGSTOP while traced is still stopped after (it does
# not count while an untraced one counts twice), and runs on at SIGCONT.
. "$(dirname "$0")/lib.sh"

fifo=$WORK/fifo
report=$WORK/report
mkfifo "$fifo"
DAEMON_STEPS_LOG=$LOG "$DS_BIN/daemon-trace" --seconds 1 -- "$DS_TEST_BIN/trace-waiter" "$fifo" "$report" \
	>"$WORK/out" 2>&1 </dev/null &
tracer=$!
both_waiting() { [ "$(grep -c -e ' epoll_wait$' -e ' sigtimedwait$' "$report" 2>/dev/null)" = 2 ]; }
wait_until 10 "both processes to wait" both_waiting
epoller=$(awk '$2 == "epoll_wait" { print $1 }' "$report")
signalled=$(awk '$2 == "sigtimedwait" { print $1 }' "$report")
DAEMONS="$epoller $signalled"
detached() { grep -qF "detached 2 tasks of 2 processes" "$WORK/out"; }
wait_until 10 "daemon-trace to detach" detached
untraced "$epoller"
untraced "$signalled"
kill -USR1 "$signalled"
echo wake >"$fifo"
woken() { grep -q " woke$" "$report" && grep -q " SIGUSR1$" "$report"; }
wait_until 5 "both calls to return as they should" woken
pass "epoll_wait woke on its FIFO, sigtimedwait got SIGUSR1"
# an EINTR at the detach would have been reported before the wake
if grep EINTR "$report"; then fail "a call saw EINTR after the detach"; fi
pass "no call saw EINTR"
status=0
wait "$tracer" || status=$?
expect "daemon-trace's exit status (it stayed in the foreground)" "$status" 4

ticks=$WORK/ticks
DAEMON_STEPS_LOG=$LOG "$DS_BIN/daemon-trace" --seconds 1 -- "$TICKER" "$ticks" \
	>"$WORK/out" 2>&1 </dev/null &
tracer=$!
ticker=$(ticker_pid "$ticks")
DAEMONS=$ticker
kill -STOP "$ticker"
detached() { grep -qF "detached 1 task of 1 process" "$WORK/out"; }
wait_until 10 "daemon-trace to detach" detached
expect "the stopped program after the detach" "$(proc_field "$ticker" 1)" T
expect "the SIGSTOP, as recorded" "$(q1 pid="$ticker" event=signal -- signal handled)" $'SIGSTOP\tdefault'
expect "its tracer" "$(awk '/^TracerPid:/ { print $2 }' "/proc/$ticker/status")" 0
count=$(ticker_count "$ticks")
# while an untraced ticker counts twice (200 ms: a running one counts every 100)
clock=$WORK/clock
"$TICKER" "$clock" &
clock_ticker=$!
DAEMONS="$DAEMONS $clock_ticker"
ticked_twice() { [ -s "$clock" ] && [ "$(ticker_count "$clock")" -ge 3 ]; }
wait_until 5 "the other ticker to count twice" ticked_twice
stop_pid "$clock_ticker"
expect "it did not run meanwhile" "$(ticker_count "$ticks")" "$count"
expect "it is still stopped" "$(proc_field "$ticker" 1)" T
kill -CONT "$ticker"
still_working "$ticks"
stop_pid "$ticker"
wait "$tracer" || true
