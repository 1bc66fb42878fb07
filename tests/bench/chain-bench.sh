#!/usr/bin/env bash
# Benchmark: the whole chain, from its start to heartbeatd's first record,
# against a bare chain (bare-step.c) that makes the same forks, waits for the
# orphaning the same way, calls setsid and execs, but records nothing.
# Interleaved in one run; prints medians and their ratio (target: <= 1.5).
#
# Usage: chain-bench.sh BUILD-DIR [RUNS]
set -euo pipefail
bin=$(cd "${1:?build folder}/bin" && pwd)
helpers=$(cd "$1/tests/bin" && pwd)	# logq, bare-step
runs=${2:-21}
work=$(mktemp -d /tmp/ds-bench-chain-XXXXXX)
trap 'rm -rf "$work"' EXIT

recorded_chain() {
	local log=$1 t0 first pid
	t0=$EPOCHREALTIME
	DAEMON_STEPS_LOG=$log "$bin/step1-fork" step2-setsid step3-fork-again step4-chdir \
		step5-umask step6-close-fds step7-reopen-stdio heartbeatd --seconds 10 \
		</dev/null >/dev/null 2>&1
	until [ "$("$helpers/logq" --count "$log" prog=heartbeatd event=start)" = 1 ]; do sleep 0.001; done
	read -r first pid <<<"$("$helpers/logq" "$log" prog=heartbeatd event=start -- time pid)"
	kill -TERM "$pid"
	while [ -e "/proc/$pid" ] && [ "$(awk '{ print $3 }' /proc/"$pid"/stat 2>/dev/null)" != Z ]; do
		sleep 0.001
	done
	echo "$t0 $(date -u -d "$first" +%s.%6N)"
}

bare_chain() {
	local mark=$1 t0 b=$helpers/bare-step
	t0=$EPOCHREALTIME
	"$b" fork "$b" setsid "$b" fork "$b" chdir "$b" umask "$b" close "$b" reopen "$b" daemon "$mark" \
		</dev/null >/dev/null 2>&1
	until [ -s "$mark" ]; do sleep 0.001; done
	echo "$t0 $(cat "$mark")"
}

for i in $(seq "$runs"); do
	mkdir -p "$work/$i"
	if [ $((i % 2)) = 0 ]; then
		echo "recorded $(recorded_chain "$work/$i/log")"
		echo "bare $(bare_chain "$work/$i/mark")"
	else
		echo "bare $(bare_chain "$work/$i/mark")"
		echo "recorded $(recorded_chain "$work/$i/log")"
	fi
done | awk "$(cat "$(dirname "$0")/median.awk")"'
	{ ms[$1, ++n[$1]] = ($3 - $2) * 1000 }
	END {
		r = median("recorded"); b = median("bare")
		printf "chain start to the daemon'"'"'s first record, median of %d interleaved runs:\n", n["recorded"]
		printf "  recorded chain:   %7.2f ms\n", r
		printf "  bare chain:       %7.2f ms\n", b
		printf "  ratio: %.2f (target <= 1.5): %s\n", r / b, r / b <= 1.5 ? "met" : "NOT MET"
	}'
