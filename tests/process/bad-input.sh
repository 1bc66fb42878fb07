#!/usr/bin/env bash
# Bad input: the documented message and exit code, and no process left.
. "$(dirname "$0")/../lib.sh"

# try EXPECTED-STATUS EXPECTED-MESSAGE COMMAND...: runs COMMAND, stderr kept.
try() {
	local status=$1 message=$2 got=0
	shift 2
	"$@" >"$WORK/out" 2>"$WORK/err" </dev/null || got=$?
	expect "'${*##*/}' exits" "$got" "$status"
	if [ -n "$message" ]; then
		grep -qF -- "$message" "$WORK/err" || fail "'$*' said: $(cat "$WORK/err"), not: $message"
		pass "it says: $message"
	fi
}

for program in step1-fork step4-chdir step7-reopen-stdio heartbeatd popquiz daemon-demo; do
	try 2 "unknown option '--bogus'" run_program "$program" --bogus
done
try 2 "option '--dir' needs an argument" run_program step4-chdir --dir
try 2 "option '--no-viewer' takes no argument" run_program daemon-demo --no-viewer=1
try 2 "unknown option '-x'" run_program step1-fork -x
try 2 "--mask wants an octal number from 0 to 0777, not '9'" run_program step5-umask --mask 9
try 2 "not '01000'" run_program step5-umask --mask 01000
try 2 "not '-1'" run_program step5-umask --mask -1
try 2 "not 'x'" run_program heartbeatd --seconds x
try 2 "--method wants auto, close_range, proc or loop" run_program step6-close-fds --method all
try 2 "--skip wants step numbers from 1 to 7" run_program daemon-demo --skip 8
try 2 "--skip wants step numbers from 1 to 7" run_program daemon-demo --skip 3,
try 2 "--pause wants seconds" run_program daemon-demo --pause soon
expect "option parsing stops at the next program" \
	"$(run_program step5-umask sh -c 'echo "$0 $1"' --mask 9 2>&1)" "--mask 9"

# the next program
try 127 "the next program, 'no-such-program', was not found" run_program step4-chdir no-such-program
printf '#!/bin/sh\necho never\n' >"$WORK/not-executable"
try 126 "the next program, '$WORK/not-executable', cannot be executed" \
	run_program step4-chdir "$WORK/not-executable"
expect "the failure is in the log" "$(q1 prog=step4-chdir event=error errno=EACCES -- call)" "exec"
# after a fork the parent has already exited 0: the child reports, then ends
run_program step1-fork no-such-program >"$WORK/out" 2>"$WORK/err" </dev/null || fail "step1-fork's parent failed"
wait_until 5 "the orphan's exec error in the log" has_record prog=step1-fork event=error errno=ENOENT
orphan=$(q1 prog=step1-fork event=error -- pid)
wait_until 5 "the orphan to end" is_dead "$orphan"
pass "the forked child reported ENOENT and ended"

# the log itself
ln -s "$WORK/elsewhere" "$WORK/link.log"
try 1 "refusing to follow it" env DAEMON_STEPS_LOG="$WORK/link.log" "$DS_BIN/step4-chdir"
expect "nothing was written through the link" "$(test -e "$WORK/elsewhere" && echo written || echo untouched)" "untouched"
try 1 "cannot write the log $WORK/no-such-dir/log" env DAEMON_STEPS_LOG="$WORK/no-such-dir/log" "$DS_BIN/step4-chdir"
try 1 "cannot write the log $WORK: Is a directory" env DAEMON_STEPS_LOG="$WORK" "$DS_BIN/step4-chdir"
touch "$WORK/a-file"
try 1 "cannot write the log $WORK/a-file/log: Not a directory" env DAEMON_STEPS_LOG="$WORK/a-file/log" "$DS_BIN/step4-chdir"
expect "a relative DAEMON_STEPS_LOG is made absolute" \
	"$(cd "$WORK" && DAEMON_STEPS_LOG=relative.log "$DS_BIN/step4-chdir" sh -c 'echo $DAEMON_STEPS_LOG')" "$WORK/relative.log"

# the default log directory must be the user's own, mode 0700, not a link
runtime=$WORK/runtime
mkdir -p "$runtime"
default_log() { env -u DAEMON_STEPS_LOG XDG_RUNTIME_DIR="$runtime" "$DS_BIN/step4-chdir"; }
try 0 "" default_log
expect "the default directory is made 0700" "$(stat -c %a "$runtime/daemon-steps")" "700"
expect "the log is there" "$(test -s "$runtime/daemon-steps/transitions.log" && echo yes)" "yes"
chmod 0755 "$runtime/daemon-steps"
try 1 "refusing the log directory $runtime/daemon-steps: its mode is 0755, not 0700" default_log
rm -rf "$runtime/daemon-steps"
ln -s "$WORK" "$runtime/daemon-steps"
try 1 "it is a symbolic link, not a directory" default_log
rm "$runtime/daemon-steps"
if [ "$(id -u)" = 0 ]; then
	mkdir -m 0700 "$runtime/daemon-steps"
	chown 65534 "$runtime/daemon-steps"
	try 1 "it belongs to uid 65534, not to you (0)" default_log
else
	echo "not root: the wrong-owner case needs a directory of another user; left out"
fi
tmp_default() { env -u DAEMON_STEPS_LOG -u XDG_RUNTIME_DIR TMPDIR="$WORK/tmp" "$DS_BIN/step4-chdir"; }
mkdir -p "$WORK/tmp"
try 0 "" tmp_default
expect "without XDG_RUNTIME_DIR: \$TMPDIR/daemon-steps-\$UID" "$(stat -c %a "$WORK/tmp/daemon-steps-$(id -u)")" "700"

# --stop signals only a heartbeatd: a pid file naming another process is left alone
sleep 30 &
other=$!
echo "$other" >"$WORK/heartbeatd.pid"
try 1 "names PID $other, which is" run_program daemon-demo --stop
is_alive "$other" || fail "daemon-demo --stop signalled PID $other, which is not heartbeatd"
pass "--stop left PID $other (sleep) alone"
kill "$other"
wait "$other" 2>/dev/null || true
rm -f "$WORK/heartbeatd.pid"

# a second heartbeatd refuses to start while the first holds the pid file
DAEMON_STEPS_LOG=$LOG "$DS_BIN/heartbeatd" --seconds 30 >/dev/null 2>&1 </dev/null &
first=$!
wait_until 5 "the first heartbeatd's pid file" test -s "$WORK/heartbeatd.pid"
try 1 "another heartbeatd (PID $first) holds the pid file" run_program heartbeatd --seconds 30
stop_pid "$first"
wait "$first" || true
