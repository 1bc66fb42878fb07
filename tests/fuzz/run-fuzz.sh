#!/bin/bash
# run-fuzz.sh BUILD-DIR SECONDS - runs the built fuzz-viewer for SECONDS.
#
# Builds nothing: configure BUILD-DIR with CC=clang -DDAEMON_STEPS_FUZZ=ON and
# build the target fuzz-viewer first. Works on a copy of tests/fuzz/corpus,
# so the committed seeds stay as they are. Exits 0 when nothing crashed, 1 on
# a crash (the input is kept in BUILD-DIR/fuzz-artifacts/), 2 on bad usage,
# 77 when the fuzzer was not built.
set -u
if [ $# -ne 2 ] || ! [ "$2" -gt 0 ] 2>/dev/null; then
	echo "usage: run-fuzz.sh BUILD-DIR SECONDS" >&2
	exit 2
fi
build=$1
seconds=$2
fuzzer="$build/tests/bin/fuzz-viewer"
corpus_seeds="$(dirname "$0")/corpus"

if [ ! -x "$fuzzer" ]; then
	echo "SKIP: $fuzzer is not built (configure with CC=clang -DDAEMON_STEPS_FUZZ=ON)" >&2
	exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/dv-fuzz-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
cp "$corpus_seeds"/* "$work/" || exit 1
mkdir -p "$build/fuzz-artifacts"

# -max_len: a record is at most 4096 bytes; a few lines' worth is enough
"$fuzzer" -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=1024 \
	-artifact_prefix="$build/fuzz-artifacts/" -print_final_stats=1 "$work" 2>"$work/log"
status=$?
tail -n 20 "$work/log"
if [ "$status" -ne 0 ]; then
	echo "FAIL: fuzz-viewer found a crash (exit $status); input in $build/fuzz-artifacts/" >&2
	exit 1
fi
echo "PASS: fuzz-viewer ran $seconds s without a crash"
