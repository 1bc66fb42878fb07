#!/usr/bin/env bash
# The whole chain, typed into an interactive job-control bash on a real
# terminal (tmux): each step's effect, in the log and in /proc itself.
. "$(dirname "$0")/../lib.sh"

interactive_shell
tmux_type "step1-fork step2-setsid step3-fork-again step4-chdir step5-umask step6-close-fds step7-reopen-stdio heartbeatd --seconds 30; echo chain-status=\$?"
wait_until 10 "the shell to get its prompt back" screen_has "chain-status=0"
wait_until 10 "heartbeatd's first heartbeat" has_record prog=heartbeatd event=heartbeat

shell=$(shell_pid)
shell_tty=$(q1 prog=step1-fork event=start -- tty)
expect_not "the chain starts on the shell's terminal" "$shell_tty" "?"

# step 1: the shell made the job a group leader; the fork's child is not one
read_fields pid pgid <<<"$(q1 prog=step1-fork event=start -- pid pgid)"
expect "the job starts as a process-group leader" "$pgid" "$pid"
read_fields pid ppid pgid adopter <<<"$(q1 prog=step1-fork event=after -- pid ppid pgid adopter)"
expect_not "after step 1: not a group leader (pid vs pgid)" "$pid" "$pgid"
expect_not "after step 1: adopted, its parent gone" "$ppid" "$(q1 prog=step1-fork event=parent-exit -- pid)"
expect "after step 1: the adopter is named" "$adopter" "$(cat /proc/"$ppid"/comm)"

# step 2: a new session and group, no terminal
read_fields pid pgid sid tty <<<"$(q1 prog=step2-setsid event=after -- pid pgid sid tty)"
expect "after step 2: pgid = pid" "$pgid" "$pid"
expect "after step 2: sid = pid" "$sid" "$pid"
expect "after step 2: no controlling terminal" "$tty" "?"
expect_not "after step 2: not the shell's session" "$sid" "$(proc_field "$shell" 4)"

# step 3: in that session, but not its leader
read_fields pid sid <<<"$(q1 prog=step3-fork-again event=after -- pid sid)"
expect_not "after step 3: not the session leader" "$pid" "$sid"
daemon=$pid

expect "after step 4: cwd" "$(q1 prog=step4-chdir event=after -- cwd)" "/"
expect "after step 5: umask" "$(q1 prog=step5-umask event=after -- umask)" "0000"
expect "after step 6: nothing open" "$(q1 prog=step6-close-fds event=after -- nfds)" "0"
read_fields fd0 fd1 fd2 fds <<<"$(q1 prog=step7-reopen-stdio event=after -- fd0 fd1 fd2 fds)"
expect "after step 7: 0, 1, 2 on /dev/null" "$fd0 $fd1 $fd2 $fds" "/dev/null /dev/null /dev/null 0,1,2"
pid_file=$WORK/heartbeatd.pid
expect "heartbeatd holds just 0, 1, 2 and its pid file" \
	"$(q1 prog=heartbeatd event=heartbeat -- fds)" "0,1,2,3"

# the same facts from the kernel, while heartbeatd runs
expect "heartbeatd is the process step 3 made" "$(cat "$pid_file")" "$daemon"
expect "/proc: not a group leader, session leader or terminal owner" \
	"$(proc_field "$daemon" 3) $(proc_field "$daemon" 4) $(proc_field "$daemon" 5) $(proc_field "$daemon" 6)" \
	"$(q1 prog=step2-setsid event=after -- pid) $(q1 prog=step2-setsid event=after -- pid) 0 -1"
expect "/proc: cwd" "$(readlink /proc/"$daemon"/cwd)" "/"
expect "/proc: umask" "$(awk '/^Umask:/ { print $2 }' /proc/"$daemon"/status)" "0000"
links=$(for fd in /proc/"$daemon"/fd/*; do echo "${fd##*/}=$(readlink "$fd")"; done | sort -n | tr '\n' ' ')
expect "/proc: open descriptors" "$links" "0=/dev/null 1=/dev/null 2=/dev/null 3=$pid_file "

stop_pid "$daemon"
wait_until 5 "heartbeatd's exit record" has_record prog=heartbeatd event=exit reason=SIGTERM
expect "the pid file is removed on exit" "$(test -e "$pid_file" && echo present || echo gone)" "gone"
