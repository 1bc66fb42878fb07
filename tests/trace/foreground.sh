#!/usr/bin/env bash
# daemon-trace on programs that do not daemonize: one that exits (no process
# stayed), one that stays in the foreground (daemon-trace detaches at
# --seconds, says so, and waits for it as a shell would, leaving it
# untraced), a thread that is not the leader executing a program, one at a
# path with spaces, and programs that cannot run (as the shell says it: 127,
# 126).
. "$(dirname "$0")/lib.sh"

trace --help
expect "daemon-trace --help" "$status" 0
for line in "Usage: daemon-trace" "  3    a background process stayed" "  4    no daemon stayed" \
	"  5    tracing was refused" "  127  PROGRAM was not found" "--job-control yes|no"; do
	says "$line"
done
if grep -q DAEMON_STEPS_PAUSE "$WORK/out"; then fail "--help lists DAEMON_STEPS_PAUSE"; fi
trace --version
says "daemon-trace (daemon-steps) 1.0.0"
trace
expect "exit status without a PROGRAM" "$status" 2
says "daemon-trace: no PROGRAM to trace"

trace -- /bin/sh -c 'exit 3'
expect "exit status when nothing stayed" "$status" 4
says "the first process, PID"
says "exited 3"
says "verdict: no process stayed: it ran in the foreground and exited"
expect "the verdict recorded" "$(q1 event=verdict -- verdict)" "no process stayed"
expect "where the shell's prompt would return" "$(q1 event=exit prompt=returns -- status)" "exited 3"
# coreutils close 1 and 2 as they exit (close_stdout): no step 6 for that
trace -- /bin/sleep 0
expect "step 6 records of a program closing 1 and 2 at its exit" "$(count step=6)" 0

# a thread that is not the leader executes a program: the kernel ends the
# other threads, the leader among them, and the thread takes over the PID
# (ptrace(2)): one process, two execs, one exit at the end
trace --settle 200 -- /usr/bin/python3 -c 'import os, threading, time
threading.Thread(target=lambda: os.execv("/bin/sleep", ["sleep", "0.2"])).start()
time.sleep(10)'
expect "exit status of a thread's exec, then the exit" "$status" 4
run=$(q prog=daemon-trace event=start -- run | tail -n 1)
pid=$(q1 run="$run" event=exec -- pid)
expect "its execs, as recorded" "$(q run="$run" pid="$pid" event=exec -- prog | tr '\n' ' ')" "python3 sleep "
expect "its exits, as recorded" "$(q run="$run" pid="$pid" event=exit -- prog status)" $'sleep\texited 0'
says "the first process, PID $pid, exited 0"

ticks=$WORK/ticks
traced_in_foreground env DAEMON_STEPS_LOG="$LOG"
says "the trace ended: --seconds 1 passed"
untraced "$daemon"
still_working "$ticks"
is_alive "$tracer" || fail "daemon-trace did not wait for the program it started"
pass "daemon-trace waits for it, as a shell would"
stop_pid "$daemon"
status=0
wait "$tracer" || status=$?
expect "exit status when it stayed in the foreground" "$status" 4
# its replay: every step missing, and its exit after the detach (its state
# gone: unreadable) changes no item of the checklist
expect "the verdict record's path" "$(q event=verdict -- path | tail -n 1)" none
run=$(q event=verdict -- run | tail -n 1)
"$DS_BIN/daemon-viewer" --dump --run "$run" "$LOG" >"$WORK/dump" || fail "daemon-viewer --dump exited $?"
grep -qF '(1 fork)(2 setsid)(3 fork)(4 chdir)(5 umask)(6 close)(7 stdio)[daemon]' "$WORK/dump" ||
	fail "the verdict's frame does not show every step missing: $(grep -F 'fork' "$WORK/dump" | tail -2)"
pass "the verdict's frame shows every step missing"
awk '/ exits: / { last = 1 } last' "$WORK/dump" >"$WORK/exit-frame"
grep -q '<- now\|<- lost' "$WORK/exit-frame" &&
	fail "the exit frame, its state unreadable, changes the checklist: $(grep '<- ' "$WORK/exit-frame")"
grep -qF 'unreadable (ESRCH)' "$WORK/exit-frame" || fail "the exit frame is not the one after the detach"
pass "the exit after the detach, its state unreadable, changes no item"

# a program whose path holds a space: the replay is named by it, whole
mkdir "$WORK/my programs"
cp /bin/true "$WORK/my programs/say yes"
trace -- "$WORK/my programs/say yes" --now
expect "exit status of a program at a path with spaces" "$status" 4
expect "the program recorded" "$(q event=start prog=daemon-trace -- program | tail -n 1)" \
	"$WORK/my programs/say yes"
"$DS_BIN/daemon-viewer" --list "$LOG" >"$WORK/list" || fail "daemon-viewer --list exited $?"
grep -q 'daemon-trace: say yes  (newest)$' "$WORK/list" ||
	fail "--list does not name the run by its program: $(tail -n 1 "$WORK/list")"
pass "--list names the run by its program, spaces and all"

trace -- no-such-program-here
expect "exit status of a program not found" "$status" 127
says "daemon-trace: no-such-program-here: command not found"
grep -q "detached" "$WORK/out" && fail "a program that never ran is told detached: $(grep detached "$WORK/out")"
pass "a program that never ran: the shell's words only, no 'detached' line"
: >"$WORK/not-executable"
trace -- "$WORK/not-executable"
expect "exit status of a program that cannot be executed" "$status" 126
says "Permission denied"
