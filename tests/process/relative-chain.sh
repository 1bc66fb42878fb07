#!/usr/bin/env bash
# A chain typed at a real shell with relative paths, ./build/bin/step1-fork
# ./build/bin/step2-setsid ..., as a class did: after step 4's chdir("/") the
# next path names nothing. The error must say why (the path was relative to
# the directory the chain started in, which step 4 left) and what to type
# instead; and what it suggests, bare names, must work.
. "$(dirname "$0")/../lib.sh"

ln -s "$(dirname "$DS_BIN")" "$WORK/build"	# ./build/bin is the programs' folder
relative=""
for program in step1-fork step2-setsid step3-fork-again step4-chdir step5-umask \
	step6-close-fds step7-reopen-stdio heartbeatd; do
	relative+="./build/bin/$program "
done

interactive_shell
tmux_type "cd $(printf %q "$WORK") && ${relative}--seconds 30"
joined_screen() { tmux -S "$TMUX_SOCKET" capture-pane -p -J -S - 2>/dev/null; }
said() { joined_screen | grep -qF -- "$1"; }
wait_until 10 "step 4's error on the terminal" said "step4-chdir: exec failed: No such file or directory"

read_fields call err hint cwd <<<"$(q1 prog=step4-chdir event=error -- call errno hint cwd)"
expect "step 4 failed to execute the next program" "$call $err" "exec ENOENT"
expect "from the directory it changed to" "$cwd" "/"
work=$(cd "$WORK" && pwd -P)	# as getcwd() gives it: no symbolic link
expected="the next program, './build/bin/step5-umask', was not found: a relative path, and step4-chdir changed the working directory from $work, where the chain started, to /; name the programs bare ('step5-umask': each step finds the next beside itself) or by absolute paths ($work/build/bin/step5-umask)"
expect "the error says why, and what to type instead" "$hint" "$expected"
said "step4-chdir: $expected" || fail "the terminal does not show the explanation: $(joined_screen)"
pass "the terminal shows it, under the exec error"
expect "nothing ran after step 4" "$(count prog=step5-umask)" "0"

# the advice: the first program by its path (the shell runs it from here),
# the rest by their names, found beside it
tmux_type "./build/bin/step1-fork step2-setsid step3-fork-again step4-chdir step5-umask step6-close-fds step7-reopen-stdio heartbeatd --seconds 30"
daemon_up() { has_record prog=heartbeatd event=heartbeat; }
wait_until 10 "heartbeatd to beat, with bare names" daemon_up
daemon=$(q1 prog=heartbeatd event=start -- pid)
expect "with bare names the daemon runs, in" "$(q1 prog=heartbeatd event=start -- cwd)" "/"
stop_pid "$daemon"
