#!/usr/bin/env bash
# A step started with 1,500 descriptors open (more than one read of
# /proc/PID/fd lists: lib reads it with getdents64 until the list ends)
# records every one: its nfds is what /proc shows of the program it runs;
# and step 6 closes them all.
. "$(dirname "$0")/../lib.sh"

# 1,500 and a few need a limit above the usual 1,024
if ! (ulimit -n 4096) 2>/dev/null; then echo "skip: the descriptor limit cannot be raised"; exit 77; fi
(
	ulimit -n 4096
	for _ in $(seq 1500); do exec {fd}</dev/null; done
	# ls as the next program, listing its own: a shell there would hold a
	# pipe's ends, or a copy of the descriptor it redirects, while ls reads
	run_program step5-umask /bin/ls /proc/self/fd >"$WORK/listed"
) || fail "step5-umask with 1,500 descriptors exited $?"
count=$(($(wc -l <"$WORK/listed") - 1))	# less the directory ls reads
# 0, 1, 2, the 1,500 and what the test itself was given (ctest -j may add one)
[ "$count" -ge 1503 ] || fail "the next program holds $count descriptors, not 1,503 or more"
pass "the next program holds $count descriptors, in /proc"
expect "descriptors step 5 recorded" "$(q1 prog=step5-umask event=after -- nfds)" "$count"

(
	ulimit -n 4096
	for _ in $(seq 1500); do exec {fd}</dev/null; done
	run_program step6-close-fds /bin/true
) || fail "step6-close-fds with 1,500 descriptors exited $?"
expect "descriptors step 6 left open (0, 1 and 2 too: step 7 reopens them)" \
	"$(q1 prog=step6-close-fds event=after -- nfds)" 0
