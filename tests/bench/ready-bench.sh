#!/usr/bin/env bash
# Benchmark: when the prompt comes back, against when the daemon is ready.
# daemon-demo, with and without --wait-ready, interleaved: from the records'
# timestamps, step1-fork's parent-exit (the prompt) minus heartbeatd's ready
# (its ready record; without the wait it records none, and its next record,
# what --try-tty did, stands for it). Negative: the prompt came back first.
# Then what a script sees: the chain typed bare, and whether heartbeatd's pid
# file holds its PID on the very next line. Prints medians and ranges.
#
# Usage: ready-bench.sh BUILD-DIR [RUNS]
set -euo pipefail
bin=$(cd "${1:?build folder}/bin" && pwd)
helpers=$(cd "$1/tests/bin" && pwd)	# logq
runs=${2:-11}
work=$(mktemp -d /tmp/ds-bench-ready-XXXXXX)
trap 'for log in "$work"/*/log; do DAEMON_STEPS_LOG=$log "$bin/daemon-demo" --stop >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT

seconds_of() {
	date -u -d "$1" +%s.%6N
}

# demo KIND DIR OPTIONS...: one demo; prints KIND and the gap's two times.
demo() {
	local kind=$1 dir=$2 exit_time ready_time
	shift 2
	mkdir -p "$dir"
	(cd "$dir" && DAEMON_STEPS_LOG=$dir/log "$bin/daemon-demo" --no-viewer --seconds 1 "$@" \
		</dev/null >"$dir/out" 2>&1)
	exit_time=$("$helpers/logq" "$dir/log" prog=step1-fork event=parent-exit -- time)
	ready_time=$("$helpers/logq" "$dir/log" prog=heartbeatd event=ready -- time)
	[ -n "$ready_time" ] ||
		ready_time=$("$helpers/logq" "$dir/log" prog=heartbeatd event=after -- time | head -n 1)
	echo "$kind $(seconds_of "$ready_time") $(seconds_of "$exit_time")"
}

# script KIND DIR STEP1-OPTIONS...: the chain, then the next line reads the
# pid file; prints KIND and 1 when it held heartbeatd's PID, else 0.
script() {
	local kind=$1 dir=$2 held=0 pid
	shift 2
	mkdir -p "$dir"
	(cd "$dir" && DAEMON_STEPS_LOG=$dir/log "$bin/step1-fork" "$@" step2-setsid step3-fork-again \
		step4-chdir step5-umask step6-close-fds step7-reopen-stdio heartbeatd --seconds 1 \
		</dev/null >/dev/null 2>&1)
	pid=$(cat "$dir/heartbeatd.pid" 2>/dev/null || true)
	until [ "$("$helpers/logq" --count "$dir/log" prog=heartbeatd event=start)" = 1 ]; do sleep 0.001; done
	[ "$pid" = "$("$helpers/logq" "$dir/log" prog=heartbeatd event=start -- pid)" ] && held=1
	echo "$kind-script $held"
}

for i in $(seq "$runs"); do
	if [ $((i % 2)) = 0 ]; then
		demo waited "$work/w$i" --wait-ready; demo at-once "$work/a$i"
		script waited "$work/sw$i" --wait-ready; script at-once "$work/sa$i"
	else
		demo at-once "$work/a$i"; demo waited "$work/w$i" --wait-ready
		script at-once "$work/sa$i"; script waited "$work/sw$i" --wait-ready
	fi
done | awk "$(cat "$(dirname "$0")/median.awk")"'
	/-script/ { held[$1] += $2; tries[$1]++; next }
	{
		gap = ($3 - $2) * 1000; ms[$1, ++n[$1]] = gap
		if (!($1 in low) || gap < low[$1]) low[$1] = gap
		if (!($1 in high) || gap > high[$1]) high[$1] = gap
	}
	END {
		printf "the prompt (step1-fork'"'"'s exit) minus heartbeatd'"'"'s ready, daemon-demo, median of %d interleaved runs:\n", n["at-once"]
		printf "  without --wait-ready: %8.2f ms (%.2f to %.2f): the prompt comes back first\n", median("at-once"), low["at-once"], high["at-once"]
		printf "  with --wait-ready:    %8.2f ms (%.2f to %.2f): the prompt comes back after\n", median("waited"), low["waited"], high["waited"]
		printf "the pid file read on the chain'"'"'s next line held heartbeatd'"'"'s PID:\n"
		printf "  without --wait-ready: %d of %d runs\n", held["at-once-script"], tries["at-once-script"]
		printf "  with --wait-ready:    %d of %d runs\n", held["waited-script"], tries["waited-script"]
	}'
