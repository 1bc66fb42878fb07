#!/usr/bin/env bash
# The pop quiz: both lessons, each outcome in the log and in the exit code;
# and --ask, which puts each question before its answer.
. "$(dirname "$0")/../lib.sh"

run_program popquiz >"$WORK/out" 2>&1 || fail "popquiz exited $? : $(cat "$WORK/out")"
pass "popquiz exits 0 when the kernel answers as expected"

# lesson 1: a group leader's setsid() fails with EPERM; its child's works
read_fields pid pgid err <<<"$(q1 quiz=leader-setsid -- pid pgid errno)"
expect "the process that tried leads its group" "$pgid" "$pid"
expect "its setsid() failed with" "$err" "EPERM"
expect "recorded as an error" "$(q1 quiz=leader-setsid -- event)" "error"
read_fields child ppid sid <<<"$(q1 quiz=fork-then-setsid event=after -- pid ppid sid)"
expect "the child of the group leader" "$ppid" "$pid"
expect "the child's setsid() made it a session leader" "$sid" "$child"

# lesson 2: a session leader takes a fresh terminal; after a second fork, none
read_fields pid sid tty tpgid taken tried <<<"$(q1 quiz=leader-opens-tty -- pid sid tty tpgid tty_taken tried_tty)"
expect "the opener leads its session" "$sid" "$pid"
expect "the terminal became its controlling terminal" "$taken" "yes"
expect "/proc names it" "/dev/$tty" "$tried"
expect "its group is the terminal's foreground group" "$tpgid" "$pid"
read_fields pid sid tty tpgid taken <<<"$(q1 quiz=non-leader-opens-tty -- pid sid tty tpgid tty_taken)"
expect_not "after the second fork it leads no session" "$sid" "$pid"
expect "it got no terminal" "$taken $tty $tpgid" "no ? -1"
expect "both lineages recorded" "$(count step=quiz)" "5"

grep -q "setsid() failed: EPERM" "$WORK/out" || fail "the output does not show the EPERM"
grep -q "it became its controlling terminal" "$WORK/out" || fail "the output does not show the terminal taken"
grep -q "no controlling terminal: tty stays ?" "$WORK/out" || fail "the output does not show the terminal refused"
pass "the output tells both lessons"

# --ask: a question first; the kernel's answer only after the student's
interactive_shell
tmux_type "popquiz --ask; echo quiz-status=\$?"
wait_until 10 "the first question" screen_has "Question 1"
screen_has "EPERM" && fail "--ask showed the answer before the question was answered"
tmux_type "it fails"
wait_until 10 "the first answer" screen_has "setsid() failed: EPERM"
wait_until 10 "the second question" screen_has "Question 2"
screen_has "became its controlling terminal" && fail "--ask showed the second answer too soon"
tmux_type ""
wait_until 10 "the second answer, and the end" screen_has "quiz-status=0"
pass "popquiz --ask asks each question before the kernel answers it"
