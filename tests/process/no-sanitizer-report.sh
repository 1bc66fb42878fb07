#!/usr/bin/env bash
# After every test: no sanitizer report in the test root. Under the asan-ubsan
# preset, ASan and UBSan write their reports there (log_path), so the reports
# of daemons, whose stderr is /dev/null, are seen too.
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
