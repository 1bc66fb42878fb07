#!/usr/bin/env bash
# Every program answers --help (with the one exit-code table) and --version.
. "$(dirname "$0")/../lib.sh"

for program in step1-fork step2-setsid step3-fork-again step4-chdir step5-umask \
	step6-close-fds step7-reopen-stdio heartbeatd popquiz daemon-demo; do
	help=$(run_program "$program" --help) || fail "$program --help exited $?"
	for line in "Usage: $program" "Exit status:" "  0    success" \
		"  1    a system call failed" "  2    bad usage" "  126  the next program" \
		"  127  the next program was not found"; do
		grep -qF -- "$line" <<<"$help" || fail "$program --help lacks: $line"
	done
	expect "$program --version" "$(run_program "$program" --version)" "$program (daemon-steps) 1.0.0"
done
expect "--help and --version write no record" "$(test -e "$LOG" && echo written || echo none)" "none"
