# lib.sh - what daemon-trace's tests share, on top of tests/lib.sh.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

TICKER=$DS_TEST_BIN/trace-ticker
DAEMONS=""		# the PIDs of the daemons a test left running: stopped on exit
# (never fail here: a cleanup hook that exits would skip the rest of the
# cleanup, the tmux server's end among it)
stop_daemons() {
	local pid
	for pid in $DAEMONS; do
		kill -CONT "$pid" 2>/dev/null || true	# a stopped one cannot act on SIGTERM
		kill -TERM "$pid" 2>/dev/null || true
		poll_until 5 is_dead "$pid" || kill -KILL "$pid" 2>/dev/null || true
	done
}
CLEANUPS="stop_daemons $CLEANUPS"

# without_leak_check: under the asan-ubsan preset, LeakSanitizer checks for
# leaks at exit through ptrace, which cannot work in a process that is being
# traced ("does not work under ptrace") or that may not use ptrace: off for
# the test's programs (the tests of real programs still check daemon-trace's).
without_leak_check() {
	if [ -n "${ASAN_OPTIONS:-}" ]; then export ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0; fi
}

# trace ARGS...: daemon-trace with the test's log, its output in $WORK/out;
# sets status to its exit status.
trace() {
	status=0
	run_program daemon-trace "$@" >"$WORK/out" 2>&1 </dev/null || status=$?
}

says() {
	grep -qF -- "$1" "$WORK/out" || { cat "$WORK/out" >&2; fail "daemon-trace does not say: $1"; }
	pass "daemon-trace says: $1"
}

# ticker_pid FILE: the PID a ticker writes into FILE, once it has written it.
ticker_pid() {
	wait_until 10 "the ticker to write $1" test -s "$1"
	cut -d' ' -f1 "$1"
}

ticker_count() {
	cut -d' ' -f2 "$1"
}

# still_working FILE: the ticker goes on counting.
still_working() {
	local before
	before=$(ticker_count "$1")
	counted_on() { [ "$(ticker_count "$1")" -gt "$before" ]; }
	wait_until 5 "the daemon to go on writing $1" counted_on "$1"
	pass "the daemon still works (count $before, then $(ticker_count "$1"))"
}

# traced_in_foreground [PREFIX...]: daemon-trace --seconds 1, started by
# PREFIX (env VAR=..., as_caller), on a ticker that does no step, writing
# $ticks, in the background: sets tracer (its PID) and daemon (the ticker's)
# once daemon-trace has said that it stayed in the foreground.
traced_in_foreground() {
	"$@" "$DS_BIN/daemon-trace" --seconds 1 -- "$TICKER" "$ticks" >"$WORK/out" 2>&1 </dev/null &
	tracer=$!
	daemon=$(ticker_pid "$ticks")
	DAEMONS=$daemon
	stayed() { grep -qF "verdict: it stayed in the foreground (PID $daemon" "$WORK/out"; }
	wait_until 10 "daemon-trace to say that it stayed in the foreground" stayed
}

# untraced PID: no tracer, and not stopped.
untraced() {
	expect "PID $1's tracer" "$(awk '/^TracerPid:/ { print $2 }' "/proc/$1/status")" 0
	expect_not "PID $1's state" "$(proc_field "$1" 1)" T
}

# --- user nobody (65534), for the tests run as root -----------------------

# shared_with_nobody MODE: $shared, a folder of MODE outside the test's (which
# nobody cannot enter: mode 700), removed on exit.
shared_with_nobody() {
	[ "$(id -u)" = 0 ] || skip "not root: a user to become needs one (CI runs as root)"
	need setpriv
	shared=$(mktemp -d "/tmp/ds-$(basename "$0" .sh)-XXXXXX")
	remove_shared() { rm -rf "$shared"; }
	CLEANUPS="remove_shared $CLEANUPS"
	chmod "$1" "$shared"
}

# as_nobody COMMAND...: COMMAND as user and group nobody, without groups.
# Nor can nobody write the sanitizers' reports in the test root: under
# asan-ubsan they go to its stderr, which fails the test's checks if
# anything is reported.
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups env -u ASAN_OPTIONS -u UBSAN_OPTIONS "$@"
}

# verdict_of ITEM: pass or FAIL, as daemon-trace's verdict shows ITEM.
verdict_of() {
	case $(grep -F -- "] $1: " "$WORK/out" | head -n 1) in
	"  [pass]"*) echo pass ;;
	"  [FAIL]"*) echo FAIL ;;
	"  [ ?  ]"*) echo "not known" ;;
	esac
}

# is_file_target TARGET: /dev/null, or a file that is not a device.
is_file_target() {
	[ "$1" = /dev/null ] || { [ "${1#/}" != "$1" ] && [ "${1#/dev/}" = "$1" ]; }
}

# caller_with_ties: the folder a daemon is started from ($launch) and a file
# its caller holds open ($leaked); with umask 0027 (as_caller does all three),
# a daemon that keeps any of them shows it.
caller_with_ties() {
	launch=$WORK/launch
	leaked=$WORK/left-open-by-the-caller
	mkdir -p "$launch"
	: >"$leaked"
}

# as_caller COMMAND...: runs COMMAND from $launch, with umask 0027 and
# $leaked open on descriptor 7, and the test's log.
as_caller() {
	(cd "$launch" && umask 0027 && exec 7<"$leaked" && DAEMON_STEPS_LOG=$LOG exec "$@")
}

# check_against_proc PID ORIGIN_DIR ORIGIN_UMASK LEAKED [proc-alone]: each item
# of the verdict agrees with what /proc shows of the daemon PID, started from
# ORIGIN_DIR with ORIGIN_UMASK, its caller holding the file LEAKED open. With
# proc-alone (--pid), what needs the history (the directory, the umask, the
# descriptors above 2) is "not known" where it is not met.
check_against_proc() {
	local pid=$1 dir=$2 mask=$3 leaked=$4 alone=${5:-} pgid sid tty cwd umask fd ok target
	pgid=$(proc_field "$pid" 3)
	sid=$(proc_field "$pid" 4)
	tty=$(proc_field "$pid" 5)
	cwd=$(readlink "/proc/$pid/cwd")
	umask=$(awk '/^Umask:/ { print $2 }' "/proc/$pid/status")
	holds() { if "$@"; then echo 0; else echo 1; fi; }
	agree() {
		local item=$1 expected
		if [ "$2" = 0 ]; then expected=pass; else expected=FAIL; fi
		expect "verdict on '$item', as /proc shows it" "$(verdict_of "$item")" "$expected"
	}
	agree "not a process-group leader" "$(holds [ "$pgid" != "$pid" ])"
	# its caller's session, or, from /proc alone, its parent's
	local origin=$$
	[ -n "$alone" ] && origin=$(proc_field "$pid" 1)
	agree "a session of its own" "$(holds [ "$sid" != "$(proc_field "$origin" 4)" ])"
	agree "not its session's leader" "$(holds [ "$sid" != "$pid" ])"
	agree "no controlling terminal" "$(holds [ "$tty" = 0 ])"
	if [ -n "$alone" ]; then
		# unknown without the history unless met as the demo meets it
		unknown() {
			local item=$1 expected="not known"
			[ "$2" = 0 ] && expected=pass
			expect "verdict on '$item', from /proc alone" "$(verdict_of "$item")" "$expected"
		}
		unknown "a working directory of its own" "$(holds [ "$cwd" = / ])"
		unknown "a umask of its own choosing" "$(holds [ "$umask" = 0000 ])"
		unknown "no descriptor of its caller" \
			"$(holds [ -z "$(ls /proc/"$pid"/fd | awk '$1 > 2')" ])"
	else
		agree "a working directory of its own" "$(holds [ "$cwd" = / -o "$cwd" != "$dir" ])"
		agree "a umask of its own choosing" "$(holds [ "$umask" != "$mask" ])"
	fi
	ok=0
	for fd in 0 1 2; do
		target=$(readlink "/proc/$pid/fd/$fd" || echo closed)
		is_file_target "$target" || ok=1
	done
	agree "0, 1, 2 on /dev/null or a file" $ok
	[ -z "$alone" ] || return 0
	ok=0
	for fd in /proc/"$pid"/fd/*; do
		[ "$(readlink "$fd")" = "$leaked" ] && ok=1
	done
	agree "no descriptor of its caller" $ok
}

# python_daemon_command ARGS...: command is python3-daemon's DaemonContext,
# executing ARGS inside it (the test is skipped without python3-daemon).
python_daemon_command() {
	/usr/bin/python3 -c 'import daemon' 2>/dev/null ||
		skip "python3-daemon not installed (sudo apt-get install python3-daemon)"
	command=(/usr/bin/python3 -c '
import daemon, os, sys
with daemon.DaemonContext():
    os.execv(sys.argv[1], sys.argv[1:])
' "$@")
}

# --- 32-bit programs (i386 on x86-64) ----------------------------------------

# build_32bit SOURCE OUTPUT [GCC_OPTION...]: SOURCE built with gcc -m32 into
# OUTPUT; the test is skipped where gcc cannot build 32-bit programs at all
# (Debian's gcc-multilib missing, or not x86-64), and fails where only
# SOURCE does not build.
build_32bit() {
	local source=$1 output=$2
	shift 2
	[ "$(uname -m)" = x86_64 ] || skip "not x86-64: no i386 programs to trace"
	need gcc
	echo 'int main(void) { return 0; }' >"$WORK/empty-32bit.c"
	gcc -m32 -o "$WORK/empty-32bit" "$WORK/empty-32bit.c" 2>/dev/null ||
		skip "gcc -m32 cannot build a 32-bit program here (sudo apt-get install gcc-multilib)"
	gcc -m32 -std=c17 -O2 "$@" -o "$output" "$source" || fail "gcc -m32 cannot build $source"
	file_is_i386 "$output" || fail "$output is not an i386 program"
}

# file_is_i386 PROGRAM: its ELF header says 32-bit (class 1), Intel 80386 (machine 3).
file_is_i386() {
	[ "$(od -An -tx1 -j4 -N1 "$1" | tr -d ' ')" = 01 ] &&
		[ "$(od -An -tx2 -j18 -N2 "$1" | tr -d ' ')" = 0003 ]
}
