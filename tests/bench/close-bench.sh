#!/usr/bin/env bash
# Benchmark: step 6 at a soft RLIMIT_NOFILE of 1024 and at the highest this
# machine allows (only the soft limit is raised, up to the hard one), with the
# classic loop to sysconf(_SC_OPEN_MAX) timed beside it. Times are what step 6
# records (close_us), medians of repeated runs. step6-close-fds should stay
# flat while the loop grows with the limit.
#
# Usage: close-bench.sh BUILD-DIR [RUNS]
set -euo pipefail
bin=$(cd "${1:?build folder}/bin" && pwd)
helpers=$(cd "$1/tests/bin" && pwd)	# logq
runs=${2:-15}
cap=$((1 << 20))	# the loop at a limit of 2^30 would take minutes: cap it
work=$(mktemp -d /tmp/ds-bench-close-XXXXXX)
trap 'rm -rf "$work"' EXIT

hard=$(ulimit -Hn)
[ "$hard" = unlimited ] && hard=$cap
highest=$((hard < cap ? hard : cap))

median_close_us() {	# LIMIT METHOD
	local log=$work/$1-$2.log
	for _ in $(seq "$runs"); do
		(ulimit -Sn "$1" && DAEMON_STEPS_LOG=$log "$bin/step6-close-fds" --method "$2" >/dev/null)
	done
	"$helpers/logq" "$log" event=after -- close_us | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

echo "step 6, time to close every descriptor (median of $runs runs, microseconds):"
printf "  %-12s %14s %14s %18s\n" "soft limit" "step 6 (auto)" "classic loop" "loop per limit fd"
for limit in 1024 "$highest"; do
	auto=$(median_close_us "$limit" auto)
	loop=$(median_close_us "$limit" loop)
	printf "  %-12s %14s %14s %15s ns\n" "$limit" "$auto" "$loop" "$(awk -v us="$loop" -v n="$limit" 'BEGIN { printf "%.1f", us * 1000 / n }')"
done
echo "  (the hard limit here is $(ulimit -Hn); only the soft limit was raised)"
