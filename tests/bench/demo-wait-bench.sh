#!/usr/bin/env bash
# Benchmark: the processor time daemon-demo takes while it waits for the
# chain (here --pause 0.5: each step waits half a second), in a log that is
# new and in one that many runs have grown (a lab account's shared log, some
# megabytes). daemon-demo reads the log for news; read whole at each look,
# a large one kept a processor busy for the whole demo (1.89 s of 3.6 in a
# 6 MB log, measured). Prints the user and system seconds of each, and their
# ratio (target: hundredths of a second either way: the log is read whole
# once, then only what was added).
#
# Usage: demo-wait-bench.sh BUILD-DIR [RUNS]
set -euo pipefail
bin=$(cd "${1:?build folder}/bin" && pwd)
runs=${2:-3}
work=$(mktemp -d /tmp/ds-bench-demo-wait-XXXXXX)
trap 'for log in "$work"/*/log; do DAEMON_STEPS_LOG=$log "$bin/daemon-demo" --stop >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT

# a grown log: one demo's records, again and again (about 8 MB)
mkdir "$work/grown" "$work/new"
DAEMON_STEPS_LOG=$work/grown/seed "$bin/daemon-demo" --no-viewer --seconds 1 </dev/null >/dev/null 2>&1
for i in $(seq 600); do cat "$work/grown/seed"; done >"$work/grown/log"
DAEMON_STEPS_LOG=$work/grown/seed "$bin/daemon-demo" --stop >/dev/null 2>&1 || true

# cpu_seconds DIR: user + system seconds of one demo logging into DIR/log
cpu_seconds() {
	DAEMON_STEPS_LOG=$1/log /usr/bin/time -f '%U %S' -o "$1/time" "$bin/daemon-demo" --no-viewer \
		--pause 0.5 --seconds 1 </dev/null >/dev/null 2>&1
	DAEMON_STEPS_LOG=$1/log "$bin/daemon-demo" --stop >/dev/null 2>&1 || true
	awk '{ printf "%.2f\n", $1 + $2 }' "$1/time"
}

for i in $(seq "$runs"); do
	rm -f "$work/new/log"
	echo "new $(cpu_seconds "$work/new")"
	echo "grown $(cpu_seconds "$work/grown")"
done | awk -v runs="$runs" -v size="$(du -m "$work/grown/log" | cut -f1)" "$(cat "$(dirname "$0")/median.awk")"'
	{ ms[$1, ++n[$1]] = $2 }
	END {
		a = median("new"); b = median("grown")
		printf "daemon-demo --pause 0.5 while it waits, median of %d runs (processor seconds):\n", runs
		printf "  in a new log:        %5.2f s\n", a
		printf "  in a log of %4d MB: %5.2f s  (%.1fx)\n", size, b, (a > 0 ? b / a : 0)
	}'
