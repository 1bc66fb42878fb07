#!/usr/bin/env bash
# daemon(7)'s steps on real processes, each effect read from the daemon's
# /proc, and what leaving the step out leaves. Usage: daemon7.sh PART
#   signals      a chain started with SIGHUP ignored and SIGTERM blocked:
#                after step 0a heartbeatd ignores nothing and records a
#                SIGHUP; without it (by hand and daemon-demo --skip 0a) it
#                ignores SIGHUP, and a SIGHUP sent before a SIGTERM is never
#                recorded
#   environment  a chain started with extra variables: after step 0b the
#                daemon's environment holds only the kept ones; without it
#                (by hand and daemon-demo --skip 0b) it holds them all
#   privileges   as root, a drop to nobody and nogroup: every ID and the group
#                list in /proc, a pid file nobody owns and removes; without
#                step 8 the daemon is root; refused as nobody, and refused
#                when nobody could not write the log
#   demo-privileges  as root, daemon-demo --daemon7 drops heartbeatd to
#                nobody (Uid, Gid, Groups in /proc), its log and pid file in a
#                folder of nobody's own beside the log's, whose folder keeps
#                its mode; --stop stops it; --skip 8 leaves heartbeatd root
#                and says so; as nobody, or with a log nobody could not
#                reach, the demo says step 8 is left out
. "$(dirname "$0")/../lib.sh"

part=${1:?signals, environment, privileges or demo-privileges}
seven=(step1-fork step2-setsid step3-fork-again step4-chdir step5-umask step6-close-fds
	step7-reopen-stdio)
pid_file=$WORK/heartbeatd.pid

# started: the daemon of the newest run is up, its pid file written (after it
# set its signal mask); sets run and daemon
started() {
	run=$(q event=start -- run | tail -n 1)
	daemon=$(q1 run="$run" prog=heartbeatd event=start -- pid)
	[ -n "$daemon" ] && [ "$(cat "$pid_file" 2>/dev/null)" = "$daemon" ]
}

# status_line PID KEY: a line of /proc/PID/status, its tabs made spaces
status_line() {
	awk -v key="$2:" '$1 == key { $1 = ""; sub(/^ /, ""); print }' "/proc/$1/status"
}

# in_mask PID KEY SIGNAL-NUMBER: the /proc/PID/status mask KEY has the signal
in_mask() {
	local hex
	hex=$(status_line "$1" "$2")
	(((16#$hex >> ($3 - 1)) & 1))
}

# environ_names PID: the names of the variables of /proc/PID/environ, sorted
environ_names() {
	tr '\0' '\n' <"/proc/$1/environ" | sed 's/=.*//' | sort | paste -sd' '
}

# says TEXT: the output in $WORK/out says TEXT
says() {
	grep -qF -- "$1" "$WORK/out" || { cat "$WORK/out" >&2; fail "the output does not say: $1"; }
	pass "it says: $1"
}

# demo ARGS...: daemon-demo from $WORK, as chain() starts a chain
demo() {
	chain "$WORK" run_program daemon-demo --no-viewer --seconds 30 "$@"
}

exited() {
	has_record run="$run" prog=heartbeatd event=exit
}

# chain FOLDER COMMAND...: a chain started from FOLDER, its output in
# $WORK/out, and its daemon waited for
chain() {
	local folder=$1
	shift
	(cd "$folder" && "$@" </dev/null >"$WORK/out" 2>&1) || fail "$* exited $?: $(cat "$WORK/out")"
	wait_until 10 "the daemon of: $*" started
}

# the sanitizers' settings, kept where a test cleans the environment
sanitizer_variables=()
for name in ASAN_OPTIONS UBSAN_OPTIONS; do
	if [ -n "${!name+set}" ]; then sanitizer_variables+=("$name=${!name}"); fi
done

case $part in
signals)
	HUP=1 TERM=15
	# with step 0a
	chain "$WORK" env --ignore-signal=HUP --block-signal=TERM DAEMON_STEPS_LOG="$LOG" \
		"$DS_BIN/step0a-reset-signals" "${seven[@]}" heartbeatd --seconds 30
	read_fields ign blk <<<"$(q1 run="$run" prog=step0a-reset-signals event=start -- sigign sigblk)"
	expect "step 0a starts with SIGHUP ignored" "$ign" "SIGHUP"
	expect "and SIGTERM blocked" "$blk" "SIGTERM"
	read_fields ign blk <<<"$(q1 run="$run" prog=step0a-reset-signals event=after -- sigign sigblk)"
	expect "after step 0a nothing is ignored or blocked" "$ign $blk" "none none"
	! in_mask "$daemon" SigIgn $HUP || fail "heartbeatd's /proc SigIgn has SIGHUP after step 0a"
	pass "heartbeatd's /proc SigIgn: $(status_line "$daemon" SigIgn), no SIGHUP"
	kill -HUP "$daemon"
	wait_until 5 "heartbeatd to record the SIGHUP" has_record run="$run" event=signal signal=SIGHUP
	is_alive "$daemon" || fail "heartbeatd died of the SIGHUP"
	pass "heartbeatd recorded the SIGHUP and runs on"
	stop_pid "$daemon"

	# without it: SIGHUP stays ignored; one sent before a SIGTERM never
	# arrives (heartbeatd would take the lower-numbered SIGHUP first)
	chain "$WORK" env --ignore-signal=HUP --block-signal=TERM DAEMON_STEPS_LOG="$LOG" \
		"$DS_BIN/step1-fork" "${seven[@]:1}" heartbeatd --seconds 30
	read_fields ign blk <<<"$(q1 run="$run" prog=heartbeatd event=start -- sigign sigblk)"
	expect "without step 0a heartbeatd starts ignoring" "$ign" "SIGHUP"
	expect "and blocking" "$blk" "SIGTERM"
	in_mask "$daemon" SigIgn $HUP || fail "heartbeatd's /proc SigIgn lacks SIGHUP without step 0a"
	pass "heartbeatd's /proc SigIgn has SIGHUP: $(status_line "$daemon" SigIgn)"
	# (its /proc SigBlk is not asked: asleep in sigtimedwait(), the kernel
	# unblocks the signals it waits for, so SigBlk leaves them out)
	kill -HUP "$daemon"
	kill -TERM "$daemon"
	wait_until 5 "heartbeatd to exit on SIGTERM" exited
	expect "no SIGHUP was recorded" "$(count run="$run" event=signal signal=SIGHUP)" 0
	expect "SIGTERM still ends it (sigtimedwait takes a blocked signal)" \
		"$(q1 run="$run" prog=heartbeatd event=exit -- reason)" "SIGTERM"

	# daemon-demo stages the same, and tells what stays without step 0a;
	# 0a and 0b are its steps only with --daemon7
	status=0
	run_program daemon-demo --skip 0a --no-viewer >"$WORK/out" 2>&1 </dev/null || status=$?
	expect "--skip 0a without --daemon7 is bad usage" "$status" 2
	says "--skip wants step numbers from 1 to 7 (0a, 0b and 8 with --daemon7)"
	demo --daemon7
	! in_mask "$daemon" SigIgn $HUP || fail "the demo's heartbeatd ignores SIGHUP with step 0a"
	pass "daemon-demo --daemon7: heartbeatd's SigIgn $(status_line "$daemon" SigIgn)"
	# its table shows what step 0a changed, which no column does
	expect "the table's notes under step 0a's rows" \
		"$(grep -A1 -E '^step0a-reset-signals +(start|after) ' "$WORK/out" | grep -E '^ +sig' | tr -s ' ' | tr '\n' '|')" \
		" sigign=SIGHUP sigblk=SIGTERM| sigign=none sigblk=none|"
	stop_pid "$daemon"
	demo --daemon7 --skip 0a
	expect "daemon-demo --skip 0a leaves out" \
		"$(q1 run="$run" prog=daemon-demo event=start -- skip)" 0a
	in_mask "$daemon" SigIgn $HUP || fail "the demo's heartbeatd does not ignore SIGHUP without 0a"
	says "it ignores SIGHUP (sigign), so a kill -HUP"
	says "is never recorded, and it blocks SIGTERM (sigblk)."
	stop_pid "$daemon"
	;;
environment)
	extra=(HOME=/root TERM=xterm LD_LIBRARY_PATH=/nonexistent DS_SECRET=1 DS_KEPT=2)
	kept="DAEMON_STEPS_LOG DAEMON_STEPS_RUN DS_KEPT PATH"
	keep=DS_KEPT
	for variable in "${sanitizer_variables[@]}"; do
		keep+=",${variable%%=*}"
		kept=$(tr ' ' '\n' <<<"$kept ${variable%%=*}" | sort | paste -sd' ')
	done
	chain "$WORK" env -i PATH="$DS_BIN:/usr/bin:/bin" "${extra[@]}" "${sanitizer_variables[@]}" \
		DAEMON_STEPS_LOG="$LOG" "$DS_BIN/step0b-clean-env" --keep "$keep" "${seven[@]}" \
		heartbeatd --seconds 30
	expect "heartbeatd's /proc environ holds the kept variables only" \
		"$(environ_names "$daemon")" "$kept"
	read_fields dropped <<<"$(q1 run="$run" prog=step0b-clean-env event=after -- dropped)"
	expect "step 0b's record lists as dropped" \
		"$(tr ',' '\n' <<<"$dropped" | sort | paste -sd' ')" "DS_SECRET HOME LD_LIBRARY_PATH TERM"
	expect "step 0b's start counts the environment it was given" \
		"$(q1 run="$run" prog=step0b-clean-env event=start -- nenv)" \
		$((${#extra[@]} + ${#sanitizer_variables[@]} + 2))
	expect "and so does its after record (the kernel's copy, until the next exec)" \
		"$(q1 run="$run" prog=step0b-clean-env event=after -- nenv)" \
		$((${#extra[@]} + ${#sanitizer_variables[@]} + 2))
	expect "step 1's start counts the clean one" \
		"$(q1 run="$run" prog=step1-fork event=start -- nenv)" "$(wc -w <<<"$kept")"
	stop_pid "$daemon"

	# without it: every variable reaches the daemon
	chain "$WORK" env -i PATH="$DS_BIN:/usr/bin:/bin" "${extra[@]}" "${sanitizer_variables[@]}" \
		DAEMON_STEPS_LOG="$LOG" "$DS_BIN/step1-fork" "${seven[@]:1}" heartbeatd --seconds 30
	names=$(environ_names "$daemon")
	for variable in "${extra[@]}"; do
		grep -qw "${variable%%=*}" <<<"$names" || fail "without step 0b, ${variable%%=*} is not there"
	done
	pass "without step 0b, heartbeatd's /proc environ holds them all: $names"
	stop_pid "$daemon"

	DS_SECRET=1 demo --daemon7 --skip 0b
	grep -qw DS_SECRET <<<"$(environ_names "$daemon")" || fail "the demo's heartbeatd lost DS_SECRET"
	says "without step 0b, heartbeatd has the starter's whole environment: nenv=$(tr '\0' '\n' \
		<"/proc/$daemon/environ" | wc -l)."
	stop_pid "$daemon"
	DS_SECRET=1 demo --daemon7
	grep -qw DS_SECRET <<<"$(environ_names "$daemon")" && fail "the demo's heartbeatd has DS_SECRET"
	pass "daemon-demo --daemon7: heartbeatd's environ is $(environ_names "$daemon")"
	# its table notes the cleaned environment under the next program's start
	# (/proc shows a program's environment as it was executed with)
	expect "the table's note under step1-fork's start" \
		"$(grep -A1 -E '^step1-fork +start ' "$WORK/out" | sed -n 2p | tr -s ' ')" \
		" nenv=$(q run="$run" prog=step1-fork event=start -- nenv | tail -n 1)"
	stop_pid "$daemon"
	;;
privileges)
	need setpriv
	status=0
	run_program step8-drop-privileges --user no-such-user-here true >"$WORK/out" 2>&1 || status=$?
	expect "an unknown user is bad usage" "$status" 2
	says "step8-drop-privileges: no user 'no-such-user-here' (getpwnam)"
	if [ "$(id -u)" != 0 ]; then
		run_program step8-drop-privileges true >"$WORK/out" 2>&1 && fail "a user's step 8 succeeded"
		says "only root has privileges to drop: run the chain as root, or leave this step out"
		skip "not root: only the refusal was checked"
	fi
	# nobody cannot enter $WORK (mode 700): its log and pid file in a folder
	# of its own, removed on exit
	shared=$(mktemp -d /tmp/ds-daemon7-XXXXXX)
	remove_shared() { rm -rf "$shared"; }
	CLEANUPS="remove_shared $CLEANUPS"
	chmod 755 "$shared"
	install -d -o nobody -g nogroup "$shared/run"
	install -o nobody -g nogroup -m 0600 /dev/null "$shared/run/log"
	nobody_ids="65534 65534 65534 65534"
	LOG=$shared/run/log pid_file=$shared/run/heartbeatd.pid
	# the sanitizers could not write their reports in the test root as
	# nobody: they go to stderr, $WORK/out, checked below
	chain / env -u ASAN_OPTIONS -u UBSAN_OPTIONS DAEMON_STEPS_LOG="$LOG" "$DS_BIN/step1-fork" \
		"${seven[@]:1}" step8-drop-privileges heartbeatd --seconds 30
	expect "heartbeatd's /proc Uid" "$(status_line "$daemon" Uid)" "$nobody_ids"
	expect "its Gid" "$(status_line "$daemon" Gid)" "$nobody_ids"
	expect "its Groups" "$(status_line "$daemon" Groups)" 65534
	read_fields uid_before <<<"$(q1 run="$run" prog=step8-drop-privileges event=start -- uid)"
	expect "step 8 starts as root" "$uid_before" "0,0,0,0"
	read_fields uid gid groups nenv <<<"$(q1 run="$run" prog=step8-drop-privileges event=after \
		-- uid gid groups nenv)"
	expect "step 8's after record" "$uid $gid $groups" \
		"65534,65534,65534,65534 65534,65534,65534,65534 65534"
	expect "its own environment is refused to it (not dumpable until the exec)" "$nenv" \
		"unreadable (EACCES)"
	expect "heartbeatd's nenv is readable again after the exec" \
		"$(q1 run="$run" prog=heartbeatd event=start -- nenv | tr -d 0-9)" ""
	expect "nobody owns the pid file" "$(stat -c %U "$pid_file")" nobody
	stop_pid "$daemon"
	wait_until 5 "heartbeatd's exit record" exited
	[ ! -e "$pid_file" ] || fail "heartbeatd as nobody could not remove its pid file"
	pass "heartbeatd as nobody removed its own pid file"
	expect "no error was recorded" "$(count run="$run" event=error)" 0
	[ ! -s "$WORK/out" ] || fail "the chain printed: $(cat "$WORK/out")"

	# refused as nobody
	(cd / && env -u ASAN_OPTIONS -u UBSAN_OPTIONS DAEMON_STEPS_LOG="$LOG" setpriv --reuid=nobody \
		--regid=nogroup --clear-groups "$DS_BIN/step8-drop-privileges" true \
		</dev/null >"$WORK/out" 2>&1) && fail "nobody's step 8 succeeded"
	says "step8-drop-privileges: dropping privileges failed: Operation not permitted"
	says "only root has privileges to drop: run the chain as root, or leave this step out"
	run=$(q event=start -- run | tail -n 1)
	expect "the refusal is recorded" "$(q1 run="$run" event=error -- errno uid)" \
		"EPERM	65534,65534,65534,65534"

	# refused when nobody could not write the log (root's $WORK, mode 700)
	LOG=$WORK/log
	run_program step8-drop-privileges true </dev/null >"$WORK/out" 2>&1 &&
		fail "step 8 dropped to a user who cannot write the log"
	says "nobody could not write the log $LOG or heartbeatd's pid file beside it"
	run=$(q event=start -- run | tail -n 1)
	expect "recorded, as root still" "$(q1 run="$run" event=error -- call errno uid)" \
		"checking the log as the user	EACCES	0,0,0,0"

	# refused when only root's own group may write the log (nobody's list is
	# its group alone after the drop), and when an earlier root run left a
	# pid file nobody cannot open: both passed the check, then failed after
	shared=$(mktemp -d /tmp/ds-step8-XXXXXX)
	remove_shared() { rm -rf "$shared"; }
	CLEANUPS="remove_shared $CLEANUPS"
	chmod 0770 "$shared" && install -m 0660 /dev/null "$shared/log"
	(cd / && DAEMON_STEPS_LOG=$shared/log setpriv --groups 0 \
		"$DS_BIN/step8-drop-privileges" true </dev/null >"$WORK/out" 2>&1) &&
		fail "step 8 dropped to a user whom only root's group let write the log"
	says "nobody could not write the log $shared/log"
	chmod 0777 "$shared" && chmod 0666 "$shared/log" && echo 1 >"$shared/heartbeatd.pid"
	(cd / && DAEMON_STEPS_LOG=$shared/log "$DS_BIN/step8-drop-privileges" true \
		</dev/null >"$WORK/out" 2>&1) &&
		fail "step 8 dropped to a user who cannot open the pid file left there"
	says "nobody could not write the log $shared/log or heartbeatd's pid file beside it"

	# without step 8, the daemon is root
	pid_file=$WORK/heartbeatd.pid
	chain / run_program step1-fork "${seven[@]:1}" heartbeatd --seconds 30
	expect "without step 8, heartbeatd's /proc Uid" "$(status_line "$daemon" Uid)" "0 0 0 0"
	stop_pid "$daemon"
	;;
demo-privileges)
	[ "$(id -u)" = 0 ] || skip "not root: daemon-demo --daemon7 leaves step 8 out (dropping" \
		"privileges needs root); run this test as root to see it in"
	# the log's folder private (0700), as the usual one is, in a folder
	# nobody can enter (not $WORK, mode 700): the demo makes nobody's own
	# beside it; all removed on exit
	shared=$(mktemp -d /tmp/ds-demo8-XXXXXX)
	remove_shared() { rm -rf "$shared"; }
	CLEANUPS="remove_shared $CLEANUPS"
	chmod 755 "$shared"
	install -d -m 0700 "$shared/logs"
	LOG=$shared/logs-nobody/transitions.log pid_file=$shared/logs-nobody/heartbeatd.pid
	nobody_ids="65534 65534 65534 65534"
	# demo_as_root ARGS...: the demo on the private log (the sanitizers'
	# reports could not be written in the test root by nobody: stderr)
	demo_as_root() {
		chain / env -u ASAN_OPTIONS -u UBSAN_OPTIONS DAEMON_STEPS_LOG="$shared/logs/log" \
			"$DS_BIN/daemon-demo" --no-viewer --seconds 30 "$@"
	}
	stop_left() { if [ -n "${daemon:-}" ]; then stop_pid "$daemon"; fi; }
	CLEANUPS="stop_left $CLEANUPS"

	demo_as_root --daemon7
	says "step 8 drops to nobody, who must still write the log and the pid file:"
	says "this run's are in $shared/logs-nobody, a folder of nobody's own"
	says "step7-reopen-stdio step8-drop-privileges heartbeatd"
	! grep -qE "Sanitizer|runtime error" "$WORK/out" || fail "a sanitizer report: $(cat "$WORK/out")"
	expect "heartbeatd's /proc Uid" "$(status_line "$daemon" Uid)" "$nobody_ids"
	expect "its Gid" "$(status_line "$daemon" Gid)" "$nobody_ids"
	expect "its Groups" "$(status_line "$daemon" Groups)" 65534
	expect "step 8 recorded its drop" \
		"$(q1 run="$run" prog=step8-drop-privileges event=after -- user uid)" \
		"nobody	65534,65534,65534,65534"
	expect "the run's folder is nobody's alone" "$(stat -c '%U %a' "$shared/logs-nobody")" \
		"nobody 700"
	expect "and so is its log" "$(stat -c '%U %a' "$LOG")" "nobody 600"
	expect "the log's own folder keeps its mode" "$(stat -c '%U %a' "$shared/logs")" "root 700"
	expect "no error was recorded but the pop quiz's own" \
		"$(q run="$run" event=error -- prog | grep -vc '^popquiz$' || true)" 0
	# --stop, as root, finds the daemon nobody owns by its pid file there
	(cd / && env -u ASAN_OPTIONS -u UBSAN_OPTIONS DAEMON_STEPS_LOG="$shared/logs/log" \
		"$DS_BIN/daemon-demo" --stop </dev/null >"$WORK/out" 2>&1) || fail "--stop: $(cat "$WORK/out")"
	says "daemon-demo: stopped heartbeatd (PID $daemon)"
	is_dead "$daemon" || fail "heartbeatd as nobody still runs after --stop"
	wait_until 5 "heartbeatd's exit record" exited
	[ ! -e "$pid_file" ] || fail "heartbeatd as nobody could not remove its pid file"
	pass "--stop stopped heartbeatd as nobody, which removed its pid file"
	(cd / && DAEMON_STEPS_LOG="$shared/logs/log" "$DS_BIN/daemon-demo" --stop </dev/null \
		>"$WORK/out" 2>&1) || fail "--stop again: $(cat "$WORK/out")"
	says "(neither $shared/logs/heartbeatd.pid nor $pid_file names one, and no chain on these logs"

	# without step 8: root, and said as the other steps' consequences are;
	# the run stays on the log given
	LOG=$shared/logs/log pid_file=$shared/logs/heartbeatd.pid
	demo_as_root --daemon7 --skip 8
	expect "--skip 8 leaves out" "$(q1 run="$run" prog=daemon-demo event=start -- skip)" 8
	expect "without step 8, heartbeatd's /proc Uid" "$(status_line "$daemon" Uid)" "0 0 0 0"
	says "without step 8, heartbeatd runs as root: uid=0,0,0,0. A bug in it is the whole"
	says "machine's; as nobody it would be nobody's."
	stop_pid "$daemon"

	# a log whose folder is in one nobody cannot enter ($WORK's, mode 700):
	# step 8 left out, said in one line, and no folder made for nobody
	LOG=$WORK/log pid_file=$WORK/heartbeatd.pid
	demo --daemon7
	says "daemon-demo: step 8 (dropping privileges) left out: nobody could not enter $(dirname "$WORK"), where its folder would be."
	[ ! -e "$WORK-nobody" ] || fail "the demo made $WORK-nobody all the same"
	expect "heartbeatd runs as root then" "$(status_line "$daemon" Uid)" "0 0 0 0"
	stop_pid "$daemon"

	# as nobody there is nothing to drop: the demo says so in one line
	chmod 0777 "$shared"
	(cd / && setpriv --reuid=nobody --regid=nogroup --clear-groups env -u ASAN_OPTIONS \
		-u UBSAN_OPTIONS DAEMON_STEPS_LOG="$shared/as-nobody.log" "$DS_BIN/daemon-demo" \
		--no-viewer --seconds 1 --daemon7 </dev/null >"$WORK/out" 2>&1) ||
		fail "the demo as nobody: $(cat "$WORK/out")"
	says "daemon-demo: step 8 (dropping privileges) left out: only root has privileges to drop, and this demo runs as uid 65534."
	grep -q step8 "$WORK/out" && fail "the demo as nobody ran step 8"
	pass "the demo as nobody has no step 8 in its chain"
	LOG=$shared/as-nobody.log
	run=$(q event=start -- run | tail -n 1)
	wait_until 5 "heartbeatd as nobody to exit" exited
	;;
*)
	fail "no such part: $part"
	;;
esac
