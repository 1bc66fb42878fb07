#!/usr/bin/env bash
# daemon-trace as a shell's job, at a real job-control prompt (tmux), for a
# program that stays in the foreground. A Ctrl-Z of a job of two processes
# (sh and its child) while traced: daemon-trace stops once, and one fg
# continues them all. After the detach daemon-trace still waits for the
# program as a shell would: Ctrl-Z stops the program and daemon-trace with
# it, the shell's prompt returns, fg gives the program the terminal again,
# and the log records each time the shell's prompt would have returned.
. "$(dirname "$0")/lib.sh"

stopped() { case $(proc_field "$1" 1) in [Tt]) return 0 ;; esac; return 1; }	# t: while traced
running() { ! stopped "$1"; }
shell_has_terminal() { [ "$(proc_field "$(shell_pid)" 6)" = "$(proc_field "$(shell_pid)" 3)" ]; }
interactive_shell
: >>"$LOG"	# counted before the first run writes it
ticks=$WORK/ticks

# one_stop_one_fg NAME COMMAND: while traced, COMMAND (several tasks, writing
# $ticks) stopped by Ctrl-Z, stops daemon-trace once; one fg continues all.
one_stop_one_fg() {
	local name=$1 command=$2 ticker tracer stops
	rm -f "$ticks"
	stops=$(count event=stop)
	tmux_type "daemon-trace -- $command >$name.out 2>&1; echo $name-status=\$?"
	ticker=$(ticker_pid "$ticks")
	DAEMONS=$ticker
	tracer=$(awk '$1 == "TracerPid:" { print $2 }' "/proc/$ticker/status")
	tmux -S "$TMUX_SOCKET" send-keys C-z
	wait_until 5 "the $name to stop at Ctrl-Z" stopped "$ticker"
	wait_until 5 "daemon-trace to stop as a job" stopped "$tracer"
	wait_until 5 "the shell to see its job stopped by SIGTSTP" screen_has "$name-status=148"
	tmux_type "fg"
	wait_until 5 "the $name to run again after one fg" running "$ticker"
	still_working "$ticks"
	running "$tracer" || fail "daemon-trace stopped again after one fg"
	pass "daemon-trace runs on after one fg"
	expect "the terminal's foreground group" "$(proc_field "$ticker" 6)" "$(proc_field "$ticker" 3)"
	expect "stops recorded" "$(count event=stop)" $((stops + 1))
	expect "the job's stop, as recorded" "$(q event=stop -- status prompt | tail -n 1)" \
		$'stopped by TSTP\treturns'
	# (what followed the job's command ran when it stopped: the status then was 148)
	tmux -S "$TMUX_SOCKET" send-keys C-c
	wait_until 10 "daemon-trace to end after Ctrl-C" is_dead "$tracer"
}
# five processes: four shells, each waiting for the next, and the ticker
cat >"$WORK/job.sh" <<'SH'
if [ "$1" -gt 0 ]; then sh "$0" $(($1 - 1)) "$2" "$3"; true; else "$2" "$3"; true; fi
SH
one_stop_one_fg processes "sh $(printf %q "$WORK/job.sh") 3 $(printf %q "$TICKER") $(printf %q "$ticks")"
# two threads, each told of the group-stop on its own. The ticking one blocks
# SIGINT: Python takes a Ctrl-C only in its main thread, and the kernel gives a
# process's signal to another thread when the main one is in a ptrace stop
# at that moment (a limit, docs/trace.md): the main thread, waiting at exit
# for the other, would then never hear it (a CI run once waited 10 s for
# daemon-trace to end after Ctrl-C here: the likely cause)
cat >"$WORK/threads.py" <<'PYTHON'
import os, signal, sys, threading, time
def tick(path):
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    for count in range(1, 600):
        with open(path + ".next", "w") as f:
            f.write("%d %d\n" % (os.getpid(), count))
        os.rename(path + ".next", path)
        time.sleep(0.1)
threading.Thread(target=tick, args=(sys.argv[1],)).start()
PYTHON
one_stop_one_fg threads "python3 $(printf %q "$WORK/threads.py") $(printf %q "$ticks")"

# after the detach: still the shell's job
rm -f "$ticks"
tmux_type "daemon-trace --seconds 1 -- $(printf %q "$TICKER") $(printf %q "$ticks") >after.out 2>&1; echo after-status=\$?"
ticker=$(ticker_pid "$ticks")
DAEMONS=$ticker
tracer=$(proc_field "$ticker" 2)
run=$(q prog=daemon-trace event=start -- run | tail -n 1)
has_verdict() { has_record run="$run" event=verdict; }
wait_until 10 "daemon-trace to detach and give its verdict" has_verdict
untraced "$ticker"
expect "the terminal after the detach" "$(proc_field "$ticker" 6)" "$ticker"
tmux -S "$TMUX_SOCKET" send-keys C-z
wait_until 5 "the program to stop at Ctrl-Z" stopped "$ticker"
wait_until 5 "daemon-trace to stop with it" stopped "$tracer"
wait_until 5 "the shell to see its job stopped by SIGTSTP" screen_has "after-status=148"
wait_until 5 "the shell to have the terminal again" shell_has_terminal
expect "the stop after the detach, as recorded" \
	"$(q1 run="$run" event=stop -- pid status prompt)" "$ticker"$'\tstopped by TSTP\treturns'
tmux_type "fg"
wait_until 5 "the program to run again" running "$ticker"
still_working "$ticks"
expect "the terminal is the program's again" "$(proc_field "$ticker" 6)" "$ticker"
untraced "$ticker"
tmux -S "$TMUX_SOCKET" send-keys C-c
wait_until 10 "daemon-trace to end after Ctrl-C" is_dead "$tracer"
wait_until 5 "the ticker to die of it" is_dead "$ticker"
expect "the program's end after the detach, as recorded" \
	"$(q1 run="$run" event=exit -- pid status prompt)" "$ticker"$'\tkilled by INT\treturns'
wait_until 5 "the shell to have the terminal again" shell_has_terminal
