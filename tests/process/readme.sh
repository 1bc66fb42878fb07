#!/usr/bin/env bash
# What the README promises of every program: its exit table ("every program")
# has each code a program's --help lists; its event list names each event the
# demo's table shows; its install line works with sudo and as root, where there
# is no sudo (a container, a fresh machine), for the same packages.
. "$(dirname "$0")/../lib.sh"

readme=$(dirname "$0")/../../README.md

exit_table=$(sed -n '/^## Exit status (every program)/,/^## /p' "$readme" | sed -n 's/^| \([0-9][0-9]*\) .*/\1/p')
for program in step1-fork step2-setsid step3-fork-again step4-chdir step5-umask \
	step6-close-fds step7-reopen-stdio heartbeatd popquiz daemon-demo daemon-viewer; do
	codes=$(run_program "$program" --help | sed -n '/^Exit status:/,$s/^  \([0-9][0-9]*\) .*/\1/p')
	[ -n "$codes" ] || fail "$program --help lists no exit status"
	for code in $codes; do
		grep -qx "$code" <<<"$exit_table" ||
			fail "$program exits $code (its --help says), which the README's exit table lacks"
	done
done
pass "the README's exit table has every code the programs' --help lists: $(echo $exit_table)"

# the events: as the table prints them, from a real run
run_program daemon-demo --no-viewer --seconds 1 >"$WORK/out" 2>&1 </dev/null ||
	fail "daemon-demo exited $?: $(cat "$WORK/out")"
stop_pid "$(q1 prog=heartbeatd event=start -- pid)"
events=$(sed -n '/^PROGRAM  *EVENT/,/^$/p' "$WORK/out" | awk 'NR > 1 && /^[^ ]/ { print $2 }' | sort -u)
[ -n "$events" ] || fail "no table in daemon-demo's output: $(cat "$WORK/out")"
event_list=$(sed -n '/^record: which program, which event/,/and the process/p' "$readme" | tr '\n' ' ')
for event in $events; do
	grep -qF "\`$event\`" <<<"$event_list" || fail "the README's event list lacks '$event'"
done
pass "the README's event list names every event of the table: $(echo $events)"

# the install line, for a user with sudo and for root
with_sudo=$(sed -n 's/^    sudo apt-get install //p' "$readme")
as_root=$(sed -n 's/^    apt-get update && apt-get install //p' "$readme")
[ -n "$with_sudo" ] || fail "the README has no 'sudo apt-get install' line"
expect "the README's root line installs what its sudo line does" "$as_root" "$with_sudo"
