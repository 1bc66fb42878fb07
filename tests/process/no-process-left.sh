#!/usr/bin/env bash
# The cleanup fixture: after every process test, no process started by one
# may still run. Finds them by the test log in their environment.
. "$(dirname "$0")/../lib.sh"

left=$(left_running "$DS_TEST_ROOT/")
if [ -n "$left" ]; then
	for pid in $left; do
		echo "left running: $(ps -o pid=,args= -p "$pid")" >&2
		kill -KILL "$pid" 2>/dev/null || true
	done
	fail "processes outlived their tests"
fi
pass "no process of any test is left"
