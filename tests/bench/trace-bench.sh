#!/usr/bin/env bash
# Benchmark: the slowdown daemon-trace costs on the same work, interleaved in
# one run: untraced, under daemon-trace, under `strace -f -o /dev/null`, and
# under a bare ptrace loop (ptrace-floor.c: waitpid, PTRACE_GET_SYSCALL_INFO,
# resume), the floor of this design. Two works: 400 fork+exec of /bin/true
# from bash, and a Python program importing modules. Prints medians and
# ratios (targets: daemon-trace below strace -f, within 1.15x of the floor).
# Also the floor that reads, at each fork, exec and exit, the process state a
# record carries (ptrace-floor --state): what /proc alone costs, so that the
# figures say how much of daemon-trace's time is the kernel's and how much
# its own.
# Then a daemon's system-call loop after daemon-trace detached from it,
# against the same loop untraced (target: 1.0x within noise).
#
# Usage: trace-bench.sh BUILD-DIR [RUNS]
set -euo pipefail
bin=$(cd "${1:?build folder}/bin" && pwd)
helpers=$(cd "$1/tests/bin" && pwd)	# ptrace-floor, trace-spinner
runs=${2:-7}
work=$(mktemp -d /tmp/ds-bench-trace-XXXXXX)
trap 'rm -rf "$work"' EXIT
export DAEMON_STEPS_LOG=$work/log

forks=(bash -c 'for i in $(seq 400); do /bin/true; done')
imports=(/usr/bin/python3 -c 'import json, email.parser, http.client, xml.dom.minidom, asyncio, decimal')

# time_ms COMMAND...: how long COMMAND took, in milliseconds.
time_ms() {
	local t0=$EPOCHREALTIME
	"$@" </dev/null >/dev/null 2>&1 || true
	echo "($EPOCHREALTIME - $t0) * 1000" | bc -l
}

ways() {
	case $1 in
	untraced) shift; time_ms "$@" ;;
	daemon-trace) shift; time_ms "$bin/daemon-trace" --settle 0 -- "$@" ;;
	strace) shift; time_ms strace -f -o /dev/null "$@" ;;
	floor) shift; time_ms "$helpers/ptrace-floor" "$@" ;;
	floor+state) shift; time_ms "$helpers/ptrace-floor" --state "$@" ;;
	esac
}

# measure NAME COMMAND...: RUNS interleaved rounds, each way once per round
# (in an order that turns), then the medians and ratios.
measure() {
	local name=$1 way order
	shift
	for i in $(seq "$runs"); do
		order=(untraced daemon-trace strace floor floor+state)
		for j in $(seq 0 4); do
			way=${order[$(((i + j) % 5))]}
			if [ "$way" = strace ] && ! command -v strace >/dev/null; then continue; fi
			echo "$way $(ways "$way" "$@")"
		done
	done | awk -v name="$name" -v runs="$runs" "$(cat "$(dirname "$0")/median.awk")"'
		{ ms[$1, ++n[$1]] = $2 }
		END {
			u = median("untraced"); d = median("daemon-trace"); f = median("floor")
			printf "%s, median of %d interleaved runs:\n", name, runs
			printf "  untraced:      %8.1f ms\n", u
			printf "  daemon-trace:  %8.1f ms  %.2fx\n", d, d / u
			if (n["strace"]) { s = median("strace"); printf "  strace -f:     %8.1f ms  %.2fx\n", s, s / u }
			printf "  ptrace floor:  %8.1f ms  %.2fx\n", f, f / u
			p = median("floor+state")
			printf "  floor + state: %8.1f ms  %.2fx (the state a record reads, at each fork, exec and exit)\n", p, p / u
			printf "  daemon-trace / floor: %.2f (target <= 1.15): %s\n", d / f, d / f <= 1.15 ? "met" : "NOT MET"
			printf "    of which /proc: floor + state / floor %.2f; daemon-trace / (floor + state) %.2f\n", p / f, d / p
			if (n["strace"]) printf "  daemon-trace / strace -f: %.2f (target < 1): %s\n", d / s, d < s ? "met" : "NOT MET"
		}'
}

measure "400 fork+exec of /bin/true" "${forks[@]}"
measure "python3 importing modules" "${imports[@]}"

# after the detach: the same daemon loop, detached from, and never traced
loop_rate() {	# loop_rate FILE: calls per second the waiter-like loop reports
	local file=$1 a b
	a=$(cut -d' ' -f2 "$file"); sleep 1; b=$(cut -d' ' -f2 "$file")
	echo $((b - a))
}
echo "a daemon's system-call loop after the detach (getppid calls per second, 3 samples):"
for way in untraced detached; do
	rate=$work/rate-$way
	if [ $way = untraced ]; then
		"$helpers/trace-spinner" "$rate" </dev/null >/dev/null 2>&1 &
	else
		"$bin/daemon-trace" --seconds 1 -- "$helpers/trace-spinner" "$rate" </dev/null >/dev/null 2>&1 &
	fi
	starter=$!
	until [ -s "$rate" ]; do sleep 0.01; done
	sleep 1.5	# past daemon-trace's --seconds 1: detached
	echo "  $way: $(loop_rate "$rate") $(loop_rate "$rate") $(loop_rate "$rate")"
	kill "$(cut -d' ' -f1 "$rate")"
	wait "$starter" 2>/dev/null || true
done
