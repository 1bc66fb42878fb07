#!/usr/bin/env bash
# A traced run replays the same on every machine and every run: each
# process's own sequence of frames in `daemon-viewer --dump --normalize` (its
# timeline marks, headlines, state, checklist and explanations) equals
# tests/viewer/golden/traced-PROGRAM.txt. Processes are compared one by one,
# not in the log's global order, which tracing shifts (per-process.awk). The
# test shows both on the log itself: two records of different processes
# swapped still compare equal; two records of the daemon's own swapped do not.
# UPDATE_GOLDEN=1 writes the golden file anew. Usage: golden.sh PROGRAM
. "$(dirname "$0")/lib.sh"

here=$(dirname "$0")
golden=$here/../viewer/golden/traced-$1.txt
ticks=$WORK/ticks
caller_with_ties
width=400

case $1 in
chain)
	without_leak_check	# the project's programs exit while traced
	command=("$DS_BIN/step1-fork" step2-setsid step3-fork-again step4-chdir step5-umask
		step6-close-fds step7-reopen-stdio heartbeatd --seconds 20) ;;
daemonize)
	# a directory of its own and stdout on a file: steps 4 and 7 done differently
	need daemonize
	mkdir "$WORK/elsewhere"
	command=(daemonize -c "$WORK/elsewhere" -o "$WORK/daemon.out" "$TICKER" "$ticks") ;;
python-daemon)
	# 0, 1 and 2 reopened close-on-exec: step 7 done, yet its item fails (the
	# daemon is sleep, not the ticker, whose sanitizer start-up in the
	# asan-ubsan build would reopen the closed 0-2 of its own)
	python_daemon_command /bin/sleep 60 ;;
setsid-f) need setsid; command=(setsid -f "$TICKER" "$ticks") ;;
daemon3) command=("$TICKER" --daemon3 "$ticks") ;;
*) fail "no such program: $1" ;;
esac

# in a session of its own, so that its caller's session is the same, whether
# the suite runs from a terminal's shell or from CI's session leader
need setsid
as_caller setsid -w "$DS_BIN/daemon-trace" -- "${command[@]}" >"$WORK/out" 2>&1 </dev/null || true
case $1 in
chain) DAEMONS=$(q1 prog=heartbeatd event=exec -- pid) ;;
python-daemon) DAEMONS=$(q1 event=verdict -- daemon) ;;
*) DAEMONS=$(ticker_pid "$ticks") ;;
esac
run=$(q1 prog=daemon-trace event=start -- run)
grep -q "run=$run .*event=verdict" "$LOG" || { cat "$WORK/out"; fail "no verdict in the log"; }
traced=$WORK/traced.log		# the run alone (a chain's own records are a run of their own)
grep "^v=1 run=$run " "$LOG" >"$traced"

# per_process LOG: the run's frames, process by process, with the paths of
# this machine named (and unquoted, where only a space in the clone's folder
# made --dump quote them), and the user and group IDs of the user who runs
# the test
per_process() {
	"$DS_BIN/daemon-viewer" --dump --normalize --width "$width" --run "$run" "$1" >"$WORK/dump" ||
		fail "daemon-viewer --dump exited $?"
	awk -v half=$((width / 2)) -f "$here/per-process.awk" "$WORK/dump" |
		sed -e "s#$DS_TEST_BIN#<test-bin>#g" -e "s#$DS_BIN#<bin>#g" -e "s#$WORK#<work>#g" \
			-e 's#="\(<[a-z-]*>[^" ]*\)"#=\1#g' \
			-e 's/\(called set[a-z]*()  result=0  args=\)[0-9]*/\1<id>/' \
			-e 's/\([ug]ids=\)"[0-9 ]*"/\1"<ids>"/g' \
			-e 's/user IDs are now [0-9 ]* and its group IDs [0-9 ]* (/user IDs are now <ids> and its group IDs <ids> (/'
}

# swapped A B: the run's records with lines A and B swapped
swapped() {
	awk -v a="$1" -v b="$2" 'NR == FNR { line[NR] = $0; next }
		{ print FNR == a ? line[b] : FNR == b ? line[a] : $0 }' "$traced" "$traced"
}

per_process "$traced" >"$WORK/per-process.txt"
if [ "$1" = chain ] && [ -n "${ASAN_OPTIONS:-}" ]; then
	# the step programs of a sanitizer build run its start-up, which reopens
	# a closed 0, 1 and 2 (step 7's start): records the golden file, of the
	# programs as users build them, does not have; the swaps below still
	# compare the run with itself
	golden=$WORK/per-process.txt
	pass "a sanitizer build: the golden file is not compared, the run is with itself"
fi
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
	cp "$WORK/per-process.txt" "$golden"
fi
diff -u "$golden" "$WORK/per-process.txt" ||
	fail "each process's frames differ from tests/viewer/golden/traced-$1.txt"
pass "each process's frames are the golden ones ($(grep -c '^=== ' "$golden") processes)"

# every two records in a row of two processes swapped, as another timing
# would have written them: no process's own frames change. Not a fork's
# record with its forker's (the fork stands between the forker's calls), nor
# the start or the verdict.
swaps=0
while read -r line; do
	swapped "$line" "$((line + 1))" >"$WORK/shifted.log"
	per_process "$WORK/shifted.log" >"$WORK/shifted.txt"
	diff -u "$golden" "$WORK/shifted.txt" >"$WORK/shifted.diff" || {
		cat "$WORK/shifted.diff"
		fail "two processes' records swapped (lines $line, $((line + 1))) change a process's frames"
	}
	swaps=$((swaps + 1))
done < <(awk '{ match($0, / pid=[0-9]+ /); pid[NR] = substr($0, RSTART + 5, RLENGTH - 6)
		by[NR] = match($0, / forked_by=[0-9]+ /) ? substr($0, RSTART + 11, RLENGTH - 12) : ""
		edge[NR] = / event=(start|verdict) / }
	END { for (i = 1; i < NR; i++)
		if (pid[i] != pid[i + 1] && !edge[i] && !edge[i + 1] &&
		    by[i + 1] != pid[i] && by[i] != pid[i + 1]) print i }' "$traced")
[ "$swaps" -gt 0 ] || fail "no two records of different processes in a row to swap"
pass "$swaps swaps of two processes' records in a row: each process's frames the same"

# the daemon's second and third records (its first, the fork, and the
# verdict left alone): its own sequence changes
daemon=$(q1 run="$run" event=verdict -- daemon)
read -r own other < <(awk -v pid=" pid=$daemon " 'index($0, pid) && !/event=verdict/ && ++seen > 1 { printf "%d ", NR } END { print "" }' "$traced")
[ -n "${other:-}" ] || fail "the daemon has no two records to swap after its first"
other=${other%% *}
swapped "$own" "$other" >"$WORK/reversed.log"
per_process "$WORK/reversed.log" >"$WORK/reversed.txt"
if diff -q "$golden" "$WORK/reversed.txt" >/dev/null; then
	fail "the daemon's records $own and $other swapped, and the comparison did not see it"
fi
pass "the daemon's own records $own and $other swapped: the comparison fails, as it should"
