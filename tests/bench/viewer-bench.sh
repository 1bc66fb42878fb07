#!/bin/bash
# viewer-bench.sh BUILD-DIR - how fast daemon-viewer --dump reads a long log.
#
# Writes a 1,000,000-record log (a real run, then heartbeats with a few
# SIGHUPs among them, as a daemon left running for days), then prints:
# records per second for --dump, its peak memory against the log's size
# (target: under 3x), and its time against `wc -l` on the same file in the
# same run, the floor of merely reading it (target: within 10x). Prints
# figures; exits non-zero only when something breaks, not when slow.
set -u
build=$1
bin="$build/bin"
helpers="$build/tests/bin"	# viewer-bench-log
records=${VIEWER_BENCH_RECORDS:-1000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/dv-bench-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# a real run to start from
DAEMON_STEPS_LOG="$work/run.log" "$bin/step1-fork" step2-setsid step3-fork-again \
	step4-chdir step5-umask step6-close-fds step7-reopen-stdio heartbeatd --seconds 2 \
	>/dev/null 2>&1 </dev/null || fail "the chain did not start"
deadline=$((SECONDS + 20))
until grep -q 'event=exit' "$work/run.log" 2>/dev/null; do
	[ "$SECONDS" -lt "$deadline" ] || fail "the chain's daemon never exited"
	sleep 0.1
done
grep -v 'event=exit' "$work/run.log" >"$work/template.log"

"$helpers/viewer-bench-log" "$work/template.log" "$records" >"$work/big.log" ||
	fail "viewer-bench-log failed"
bytes=$(stat -c %s "$work/big.log")

# seconds DESCRIPTION COMMAND...: the best of three runs, the file in the cache
seconds() {
	local best="" start took
	for _ in 1 2 3; do
		start=$EPOCHREALTIME
		"$@" >/dev/null || fail "$* failed"
		took=$(echo "$EPOCHREALTIME - $start" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$took < $best" | bc -l)" = 1 ]; then best=$took; fi
	done
	echo "$best"
}
command -v bc >/dev/null || { echo "SKIP: bc is needed for the arithmetic" >&2; exit 77; }

wc_time=$(seconds wc -l "$work/big.log")
dump_time=$(seconds "$bin/daemon-viewer" --dump "$work/big.log")
summary=$("$bin/daemon-viewer" --dump "$work/big.log" | sed -n 2p)
case "$summary" in
	*"$records records in "*) ;;
	*) fail "--dump did not read every record: $summary" ;;
esac

if [ -x /usr/bin/time ]; then
	/usr/bin/time -f %M -o "$work/rss" "$bin/daemon-viewer" --dump "$work/big.log" >/dev/null ||
		fail "daemon-viewer --dump failed under /usr/bin/time"
	peak_kb=$(tail -n1 "$work/rss")
	memory=$(printf '%d KB, %.3fx the log' "$peak_kb" "$(echo "$peak_kb * 1024 / $bytes" | bc -l)")
else
	memory="unknown (no /usr/bin/time)"
fi

printf 'log:            %d records, %d MB (%s)\n' "$records" $((bytes / 1000000)) "$summary"
printf 'wc -l:          %.3f s\n' "$wc_time"
printf 'dump:           %.3f s, %.0f records/s, %.1fx wc -l (target: within 10x)\n' \
	"$dump_time" "$(echo "$records / $dump_time" | bc -l)" "$(echo "$dump_time / $wc_time" | bc -l)"
printf 'peak memory:    %s (target: under 3x)\n' "$memory"
