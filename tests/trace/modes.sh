#!/usr/bin/env bash
# Job and script mode, at a real job-control prompt (tmux): started as a
# shell starts a job, the program leads its own process group, so its
# setsid() fails with EPERM exactly as it would untraced; with
# --job-control=no it stays in daemon-trace's group and setsid() works.
# The prompt comes back either way.
. "$(dirname "$0")/lib.sh"

interactive_shell
setsid_program="/usr/bin/python3 -c 'import os; os.setsid()'"
tmux_type "daemon-trace -- $setsid_program >job.out 2>&1; echo job-status=\$?"
wait_until 15 "daemon-trace in job mode to finish" screen_has "job-status=4"
expect "how it was started" "$(q1 prog=daemon-trace event=start -- start)" job
read_fields pid pgid <<<"$(q1 event=exec -- pid pgid)"
expect "the program leads its own group, as a job does" "$pgid" "$pid"
expect "and its setsid() fails with" "$(q1 call=setsid -- errno)" EPERM

tmux_type "daemon-trace --job-control=no -- $setsid_program >script.out 2>&1; echo script-status=\$?"
wait_until 15 "daemon-trace in script mode to finish" screen_has "script-status=4"
run=$(q prog=daemon-trace event=start -- run | tail -n 1)
expect "how it was started" "$(q1 run="$run" prog=daemon-trace event=start -- start)" script
read_fields pid pgid <<<"$(q1 run="$run" event=exec -- pid pgid)"
expect_not "in script mode it does not lead a group" "$pgid" "$pid"
expect "it is in daemon-trace's group" "$pgid" "$(q1 run="$run" prog=daemon-trace event=start -- pgid)"
event=$(q1 run="$run" call=setsid -- event)
expect "and its setsid() works" "$event" after
tmux_type "echo prompt-is-back"
wait_until 5 "the shell to take commands again" screen_has "prompt-is-back"

# a command of a script typed at the prompt (as make's recipes are): the
# script leads the foreground job, daemon-trace is only in its group, and so
# would the program be untraced: script mode, and setsid() works as it would
quoted_setsid='/usr/bin/python3 -c "import os; os.setsid()"'
tmux_type "sh -c '$quoted_setsid && echo untraced-setsid-\$((6 * 7)); daemon-trace -- $quoted_setsid >in-script.out 2>&1; echo in-script-status=\$?'"
wait_until 15 "daemon-trace inside a script to finish" screen_has "in-script-status=4"
expect "untraced, the script's command can start a session" "$(screen_has untraced-setsid-42 && echo yes)" yes
run=$(q prog=daemon-trace event=start -- run | tail -n 1)
expect "a foreground group daemon-trace does not lead" "$(q1 run="$run" prog=daemon-trace event=start -- start)" script
expect "and its setsid() works, as untraced" "$(q1 run="$run" call=setsid -- event)" after

# Ctrl-C at the terminal reaches the program, as under a shell, and the
# prompt comes back
ticks=$WORK/ticks
tmux_type "daemon-trace -- $(printf %q "$TICKER") $(printf %q "$ticks") >ctrl-c.out 2>&1; echo ctrl-c-status=\$?"
ticker=$(ticker_pid "$ticks")
DAEMONS=$ticker
tmux -S "$TMUX_SOCKET" send-keys C-c
wait_until 10 "daemon-trace to end after Ctrl-C" screen_has "ctrl-c-status=4"
wait_until 5 "the ticker to die of it" is_dead "$ticker"
run=$(q prog=daemon-trace event=start -- run | tail -n 1)
expect "the program's end, as recorded" "$(q1 run="$run" event=exit -- status)" "killed by INT"

# Ctrl-Z stops the program and daemon-trace as a shell's job; fg continues
# both, the program with the terminal again
rm -f "$ticks"
tmux_type "daemon-trace -- $(printf %q "$TICKER") $(printf %q "$ticks") >ctrl-z.out 2>&1; echo ctrl-z-status=\$?"
ticker=$(ticker_pid "$ticks")
DAEMONS=$ticker
tracer=$(proc_field "$ticker" 2)
tmux -S "$TMUX_SOCKET" send-keys C-z
stopped() { case $(proc_field "$1" 1) in [Tt]) return 0 ;; esac; return 1; }	# t: while traced
wait_until 5 "the program to stop at Ctrl-Z" stopped "$ticker"
wait_until 5 "daemon-trace to stop as a job" stopped "$tracer"
wait_until 5 "the shell to say its job stopped" screen_has "Stopped"
# what follows the job's command runs at once, with 128 + SIGTSTP, as after any stopped job
wait_until 5 "the shell to see it stopped by SIGTSTP" screen_has "ctrl-z-status=148"
expect "the terminal's foreground group, with the job stopped" \
	"$(proc_field "$(shell_pid)" 6)" "$(proc_field "$(shell_pid)" 3)"
tmux_type "fg"
running() { ! stopped "$1"; }
wait_until 5 "the program to run again" running "$ticker"
still_working "$ticks"
expect "the terminal is the program's again" "$(proc_field "$ticker" 6)" "$ticker"
tmux -S "$TMUX_SOCKET" send-keys C-c
wait_until 10 "daemon-trace to end after Ctrl-C" is_dead "$tracer"

# started in the background (&), daemon-trace is no foreground job: script mode
rm -f "$ticks"
tmux_type "daemon-trace --seconds 1 -- $(printf %q "$TICKER") $(printf %q "$ticks") >bg.out 2>&1 &"
ticker=$(ticker_pid "$ticks")
DAEMONS=$ticker
run=$(q prog=daemon-trace event=start -- run | tail -n 1)
expect "daemon-trace started with &" "$(q1 run="$run" prog=daemon-trace event=start -- start)" script
expect "the terminal's foreground group is still the shell's" \
	"$(proc_field "$(shell_pid)" 6)" "$(proc_field "$(shell_pid)" 3)"
stop_pid "$ticker"
