#!/usr/bin/env bash
# Every program answers --help and --version. A step's help has the steps'
# exit table (126 and 127 for the next program) and DAEMON_STEPS_PAUSE; the
# others, which run no next program and do not pause, list neither.
. "$(dirname "$0")/../lib.sh"

has() { grep -qF -- "$2" <<<"$1"; }

for program in step0a-reset-signals step0b-clean-env step1-fork step2-setsid step3-fork-again \
	step4-chdir step5-umask step6-close-fds step7-reopen-stdio step8-drop-privileges \
	heartbeatd popquiz daemon-demo; do
	help=$(run_program "$program" --help) || fail "$program --help exited $?"
	for line in "Usage: $program" "Exit status:" "  0    " "  1    " "  2    bad usage"; do
		has "$help" "$line" || fail "$program --help lacks: $line"
	done
	case $program in
	step*)
		for line in "  126  the next program" "  127  the next program was not found" \
			"DAEMON_STEPS_PAUSE"; do
			has "$help" "$line" || fail "$program --help lacks: $line"
		done ;;
	*)
		for line in "126" "127" "DAEMON_STEPS_PAUSE"; do
			has "$help" "$line" && fail "$program --help lists $line, which is not for it"
		done ;;
	esac
	expect "$program --version" "$(run_program "$program" --version)" "$program (daemon-steps) 1.0.0"
done
expect "--help and --version write no record" "$(test -e "$LOG" && echo written || echo none)" "none"
