# lib.sh - what every test script shares (process, viewer and slides tests).
#
# CTest passes DS_BIN (the programs), DS_LOGQ (the log query helper),
# DS_TEST_BIN (the folder of the test helpers) and
# DS_TEST_ROOT (a folder every test's files live under). Each test gets a
# folder of its own, $WORK, and a log, $LOG, which it hands to the programs
# it starts (never exported to itself, so the leftover check below finds only
# what the test started). On exit: the tmux server is killed, any process
# still carrying a log under $WORK in its environment is reported, fails the
# test and is killed by PID, and $WORK is removed.

set -euo pipefail

: "${DS_BIN:?DS_BIN must name the folder of the built programs}"
: "${DS_LOGQ:?DS_LOGQ must name the logq helper}"
: "${DS_TEST_ROOT:?DS_TEST_ROOT must name the tests folder}"
: "${DS_TEST_BIN:?DS_TEST_BIN must name the folder of the test helpers}"

mkdir -p -m 700 "$DS_TEST_ROOT"
WORK=$(mktemp -d "$DS_TEST_ROOT/$(basename "$0" .sh).XXXXXX")
LOG=$WORK/log
TMUX_SOCKET=
unset DAEMON_STEPS_LOG DAEMON_STEPS_RUN DAEMON_STEPS_PAUSE

# The descriptors CTest gave us beyond 0, 1 and 2 must not reach a daemon.
for fd_path in /proc/$$/fd/*; do
	fd=${fd_path##*/}
	if [ "$fd" -gt 2 ] && [ "$fd" != 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
done

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

pass() {
	echo "ok: $*"
}

# run_program NAME ARGS...: a program of the project, with the test's log.
run_program() {
	local name=$1
	shift
	DAEMON_STEPS_LOG=$LOG "$DS_BIN/$name" "$@"
}

# q [KEY=VALUE...] [-- FIELD...]: the matching records' fields.
q() {
	"$DS_LOGQ" "$LOG" "$@"
}

# q1 FILTERS -- FIELD...: the fields of the first matching record.
q1() {
	q "$@" | head -n 1
}

# read_fields NAME... <<<"$(q1 ...)": the fields into NAMEs. logq separates
# them with a tab, since a value (a path) may hold spaces.
read_fields() {
	IFS=$'\t' read -r "$@"
}

count() {
	"$DS_LOGQ" --count "$LOG" "$@"
}

# expect WHAT ACTUAL EXPECTED
expect() {
	if [ "$2" != "$3" ]; then fail "$1: got '$2', expected '$3'"; fi
	pass "$1 ($2)"
}

expect_not() {
	if [ "$2" = "$3" ]; then fail "$1: got '$2', which it must not be"; fi
	pass "$1 ($2, not $3)"
}

# poll_until SECONDS COMMAND...: polls COMMAND every 50 ms until it succeeds;
# fails (returns 1) when SECONDS have passed.
poll_until() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@"; do
		if [ "$SECONDS" -ge "$deadline" ]; then return 1; fi
		sleep 0.05
	done
}

# wait_until SECONDS DESCRIPTION COMMAND...: the same, failing the test; with
# a tmux server running, its screen is shown first (what a CI log keeps).
wait_until() {
	local seconds=$1 what=$2
	shift 2
	poll_until "$seconds" "$@" && return 0
	if [ -n "$TMUX_SOCKET" ]; then
		echo "--- the terminal's screen after $seconds s:" >&2
		tmux_screen >&2 || true
		echo "---" >&2
	fi
	fail "waited $seconds s for: $what"
}

# skip MESSAGE: CTest counts status 77 as skipped (SKIP_RETURN_CODE).
skip() {
	echo "skipped: $*"
	exit 77
}

# need TOOL...: skips, saying how to install it, when a tool is missing.
need() {
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null || skip "$tool not installed (sudo apt-get install $tool)"
	done
}

has_record() {
	[ "$(count "$@")" -gt 0 ]
}

# proc_field PID N: field N of /proc/PID/stat, counted after the name.
proc_field() {
	local stat field=$2
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	# shellcheck disable=SC2086 # split into fields on purpose
	set -- $stat
	shift $((field - 1))
	echo "$1"
}

is_alive() {
	[ -e "/proc/$1" ] && [ "$(proc_field "$1" 1 2>/dev/null)" != Z ]
}

is_dead() {
	! is_alive "$1"
}

# stop_pid PID: SIGTERM, then wait for it to be gone (a zombie of PID 1 counts).
stop_pid() {
	if is_alive "$1"; then
		kill -TERM "$1" 2>/dev/null || true
		wait_until 5 "PID $1 to exit" is_dead "$1"
	fi
}

# --- tmux, the real terminal ---------------------------------------------

# tmux_start COMMAND...: a private tmux server running COMMAND in a 120x40 pane.
tmux_start() {
	need tmux
	TMUX_SOCKET=$(mktemp -u /tmp/ds-tmux-XXXXXX)
	tmux -S "$TMUX_SOCKET" -f /dev/null new-session -d -x 120 -y 40 "$@"
	tmux -S "$TMUX_SOCKET" set-option -g remain-on-exit on >/dev/null
}

tmux_screen() {
	tmux -S "$TMUX_SOCKET" capture-pane -p -S - 2>/dev/null
}

screen_has() {
	tmux_screen | grep -qF -- "$1"
}

# pane_dead [TARGET]: the program in the pane (the current one, or TARGET) has
# ended: tmux marks the pane dead as soon as its terminal closes.
pane_dead() {
	[ "$(tmux -S "$TMUX_SOCKET" display-message -p ${1:+-t "$1"} '#{pane_dead}' 2>/dev/null)" = 1 ]
}

# exit_status_known [TARGET]: tmux has the exit status of the pane's program.
# It comes with SIGCHLD, after the terminal closed, and tmux here may miss that
# signal (testing-terminals.md): nudge the server. A program killed by a signal
# has none (tmux 3.2 has no #{pane_dead_signal}).
exit_status_known() {
	kill -CHLD "$(tmux -S "$TMUX_SOCKET" display-message -p '#{pid}')" 2>/dev/null || true
	[ -n "$(tmux -S "$TMUX_SOCKET" display-message -p ${1:+-t "$1"} '#{pane_dead_status}')" ]
}

# pane_exit_status [TARGET]: that exit status, once tmux has it.
pane_exit_status() {
	wait_until 10 "tmux to have the exit status of the pane's program" exit_status_known "$@"
	tmux -S "$TMUX_SOCKET" display-message -p ${1:+-t "$1"} '#{pane_dead_status}'
}

# tmux_type TEXT: types TEXT and Enter.
tmux_type() {
	tmux -S "$TMUX_SOCKET" send-keys -l -- "$1"
	tmux -S "$TMUX_SOCKET" send-keys Enter
}

# tmux_kill: ends the server, and waits until the pane's program is gone.
tmux_kill() {
	local pane
	if [ -n "$TMUX_SOCKET" ]; then
		pane=$(tmux -S "$TMUX_SOCKET" display-message -p '#{pane_pid}' 2>/dev/null || true)
		tmux -S "$TMUX_SOCKET" kill-server 2>/dev/null || true
		rm -f "$TMUX_SOCKET"
		TMUX_SOCKET=
		if [ -n "$pane" ]; then wait_until 5 "the pane's program to end" is_dead "$pane"; fi
	fi
}

# interactive_shell: tmux runs an interactive, job-control bash with a clean
# environment, the programs in PATH and the test's log (and the sanitizers'
# options, so that their reports still reach the test root); waits for its
# prompt.
interactive_shell() {
	tmux_start env -i PATH="$DS_BIN:/usr/bin:/bin" HOME="$WORK" TERM=xterm PS1='ds$ ' \
		${ASAN_OPTIONS+"ASAN_OPTIONS=$ASAN_OPTIONS"} \
		${UBSAN_OPTIONS+"UBSAN_OPTIONS=$UBSAN_OPTIONS"} \
		DAEMON_STEPS_LOG="$LOG" bash --norc --noprofile -i
	wait_until 10 "the shell's prompt" screen_has 'ds$'
}

# The PID of the shell in the tmux pane.
shell_pid() {
	tmux -S "$TMUX_SOCKET" display-message -p '#{pane_pid}'
}

# --- leftovers -----------------------------------------------------------

# processes_with_log [PREFIX]: the PIDs of live processes whose
# DAEMON_STEPS_LOG starts with PREFIX (default: this test's folder). One grep
# reads every environ at once, so a chain that forks while we look has little
# time to slip by; callers that must see everything scan until it stays empty
# (no_processes_with_log).
processes_with_log() {
	local prefix=${1:-$WORK/} environ pid
	{ grep -l -s -z -e "^DAEMON_STEPS_LOG=$prefix" /proc/[0-9]*/environ || true; } |
		while read -r environ; do
			pid=${environ#/proc/}
			pid=${pid%/environ}
			[ "$pid" = $$ ] && continue
			is_alive "$pid" && echo "$pid"
		done
	return 0
}

# left_running [PREFIX]: processes_with_log, until two scans 0.2 s apart agree
# that nothing is left (a child born during a scan is not in it), or prints
# what is left.
left_running() {
	local left quiet=0
	while [ "$quiet" -lt 2 ]; do
		left=$(processes_with_log "$@")
		if [ -n "$left" ]; then
			echo "$left"
			return 0
		fi
		quiet=$((quiet + 1))
		sleep 0.2
	done
}

# Hooks a test adds, run first on exit (names of functions).
CLEANUPS=""

# A browser a test starts (chromium, through puppeteer, with its profile and
# HOME in $WORK; the script writes its PID to $WORK/browser.pid at once):
# `CLEANUPS="stop_browser $CLEANUPS"` kills it on exit, however the test
# ends. puppeteer starts it as the leader of a process group of its own: the
# whole group is killed by that PID. Its crash handlers
# (chrome_crashpad_handler) make sessions of their own and end when the
# browser does; like every process of this browser they name a path in
# $WORK: browser_gone waits for them all to be gone.
browser_processes() {
	local cmdline pid
	{ grep -l -s -a -F -- "$WORK/" /proc/[0-9]*/cmdline || true; } | while read -r cmdline; do
		pid=${cmdline#/proc/}
		pid=${pid%/cmdline}
		[ "$pid" = $$ ] || ! is_alive "$pid" || echo "$pid"
	done
}
browser_gone() {
	[ -z "$(browser_processes)" ]
}
stop_browser() {
	local browser_pid=
	[ -s "$WORK/browser.pid" ] && browser_pid=$(cat "$WORK/browser.pid")
	[ -z "$browser_pid" ] || kill -KILL -- "-$browser_pid" 2>/dev/null || true
	poll_until 10 browser_gone && return 0
	echo "FAIL: chromium's processes still running: $(browser_processes)" >&2
	# shellcheck disable=SC2046 # one PID a word
	kill -KILL $(browser_processes) 2>/dev/null || true
}

# log_is_whole LOG: every line of LOG is a record (logq exits 3 on a bad line).
log_is_whole() {
	"$DS_LOGQ" --count "$1" >/dev/null
}

cleanup() {
	local status=$? left hook
	trap - EXIT
	for hook in $CLEANUPS; do "$hook" || true; done
	tmux_kill
	if [ -s "$LOG" ] && ! log_is_whole "$LOG"; then
		echo "FAIL: the log has lines that are not records" >&2
		status=1
	fi
	left=$(left_running)
	if [ -n "$left" ]; then
		echo "FAIL: processes left running: $left" >&2
		for pid in $left; do
			ps -o pid=,args= -p "$pid" >&2 || true
			kill -KILL "$pid" 2>/dev/null || true
		done
		status=1
	fi
	rm -rf "$WORK"
	exit "$status"
}
trap cleanup EXIT
