#!/usr/bin/env bash
# After every test: no sanitizer report in the test root. Under the asan-ubsan
# preset, ASan and UBSan write their reports there (log_path), so the reports
# of daemons, whose stderr is /dev/null, are seen too. It runs last, after
# no-process-left, and removes the test root when it is empty.
set -euo pipefail
: "${DS_TEST_ROOT:?}"
shopt -s nullglob
reports=("$DS_TEST_ROOT"/sanitizer-report.*)
if [ ${#reports[@]} -gt 0 ]; then
	for report in "${reports[@]}"; do
		echo "=== $report"
		cat "$report"
	done
	echo "FAIL: ${#reports[@]} sanitizer reports"
	exit 1
fi
echo "ok: no sanitizer report"
# the last check of the run: the test root goes too, once nothing is left in it
rmdir "$DS_TEST_ROOT" 2>/dev/null || true
