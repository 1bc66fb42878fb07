#!/usr/bin/env bash
# The verdict on daemons made to order (the ticker's actions), each item
# checked against /proc of the daemon left and, where the verdict says what
# the daemon cannot do, against the kernel doing it. Usage: verdict.sh CASE
#   stdio-put-back       a shell's 2>/dev/null around one command, 2 put back
#                        before it executes the daemon: no step 7 (kept: step 7)
#   umask-put-back       umask(077) then umask() back: it chose nothing
#   umask-chosen-first   umask(022) chosen, then a umask(077) put back: chosen;
#                        the replay's checklist says so from the umask() on
#   umask-after-fork     the parent's umask(0) after its fork: never reached it
#   fd-leaked            the caller's descriptor 3 kept: named
#   fd-own               descriptors 3 and 4 of its own: not inherited
#   fd-own-on-leaked     the caller's 3 closed, then a file of its own on 3
#   fd-own-on-cloexec    the caller's 4 closed by an exec (close-on-exec), then
#                        a pipe of its own on 3 and 4 (a call not recorded; 4,
#                        since the loader opens and closes 3 after the exec)
#   pid-file-dir         (root) pid file in root's 0755 folder, then user nobody
#   pid-file-sticky      (root) the same in a sticky 1777 folder
#   pid-file-own-dir     (root) the same in a folder nobody owns: removable
#   pid-file-unreachable (root) the same in a 0777 folder inside root's 0700 one
. "$(dirname "$0")/lib.sh"

ticks=$WORK/ticks
caller_with_ties
# the recipe, whole, around what each case changes
recipe_start=(fork setsid fork chdir=/)
recipe_end=(close-all null-stdio)

# traced CALLER_UMASK LEAK ACTION...: daemon-trace on the ticker doing the
# actions, from $launch with CALLER_UMASK and, with LEAK=yes, $leaked open on
# descriptor 3 (LEAK=4: on 4); $daemon is the daemon left, $status daemon-trace's.
traced() {
	local mask=$1 leak=$2
	shift 2
	status=0
	(
		cd "$launch" && umask "$mask"
		case $leak in
		yes) exec 3<"$leaked" ;;
		4) exec 4<"$leaked" ;;
		esac
		DAEMON_STEPS_LOG=$LOG exec "$DS_BIN/daemon-trace" --settle 300 -- "$TICKER" "$@" "$ticks"
	) >"$WORK/out" 2>&1 </dev/null || status=$?
	daemon=$(ticker_pid "$ticks")
	DAEMONS="$DAEMONS $daemon"
	cat "$WORK/out"
	untraced "$daemon"
}

umask_of() {
	awk '/^Umask:/ { print $2 }' "/proc/$1/status"
}

# fd_target PID FD: what PID's descriptor FD points to, or "closed".
fd_target() {
	readlink "/proc/$1/fd/$2" || echo closed
}

# stuck_for_nobody FILE: the kernel refuses user nobody the unlink of FILE.
stuck_for_nobody() {
	! as_nobody rm -f "$1" 2>/dev/null || [ -e "$1" ]
}

# pid_file_case FOLDER_MODE FOLDER_OWNER [OUTER_MODE]: a daemon that writes
# its pid file in a folder $run of that mode and owner (inside a folder of
# root's of OUTER_MODE), then becomes user nobody.
pid_file_case() {
	shared_with_nobody 755
	mkdir -m 777 "$shared/ticks.d"
	run=$shared/run
	if [ -n "${3:-}" ]; then
		mkdir -m "$3" "$shared/outer"
		run=$shared/outer/run
	fi
	mkdir "$run"
	chmod "$1" "$run"
	chown "$2" "$run"
	ticks=$shared/ticks.d/ticks
	pid_file=$run/ticker.pid
	traced 0022 no "${recipe_start[@]}" umask=0 "${recipe_end[@]}" pid-file="$pid_file" user=65534
	expect "the daemon's user" "$(awk '/^Uid:/ { print $3 }' "/proc/$daemon/status")" 65534
	says "pid file $pid_file holds $daemon, the daemon's PID (written by the daemon itself"
}

# traced_by_shell REDIRECTION: the recipe without step 7, under a bash that
# first runs a command with REDIRECTION, then executes the ticker (pyenv's
# and rbenv's shims run `command -v ... 2>/dev/null` so); $daemon, $status
traced_by_shell() {
	status=0
	(cd "$launch" && DAEMON_STEPS_LOG=$LOG exec "$DS_BIN/daemon-trace" --settle 300 -- \
		bash -c "$1"'; exec "$0" "$@"' "$TICKER" "${recipe_start[@]}" umask=0 close-all "$ticks") \
		>"$WORK/out" 2>&1 </dev/null || status=$?
	daemon=$(ticker_pid "$ticks")
	DAEMONS="$DAEMONS $daemon"
	cat "$WORK/out"
	untraced "$daemon"
}

case $1 in
stdio-put-back)
	# 2>/dev/null for one command: 2 is put back on the caller's own file
	# (the same open file, kcmp(2) says), which undoes the reopen: no step 7
	traced_by_shell 'true 2>/dev/null'
	expect "the reopen, then the dup2 that put 2 back, as recorded" \
		"$(q call=dup2 -- step reopened restored)" $'7\t2\t-\ntrace\t-\t2'
	grep '^  missing:' "$WORK/out" | grep -q 'reopen 0, 1, 2 (7)' ||
		fail "step 7 is not missing: $(grep '^  missing:' "$WORK/out")"
	grep '^  path:' "$WORK/out" | grep -q 'reopen' && fail "the path has step 7: $(grep '^  path:' "$WORK/out")"
	pass "step 7 is missing, not in the path"
	# 0, 1 and 2 the caller's, and told so (a file passes: `daemon > log`)
	says "[pass] 0, 1, 2 on /dev/null or a file: 0 /dev/null (its caller's), 1 $WORK/out (its caller's), 2 $WORK/out (its caller's)"
	stop_pid "$daemon"
	rm -f "$ticks"
	# kept (exec 2>/dev/null): that is step 7, and 2 is on /dev/null now
	traced_by_shell 'exec 2>/dev/null'
	expect "the daemon's descriptor 2, in /proc" "$(fd_target "$daemon" 2)" /dev/null
	says "1 $WORK/out (its caller's), 2 /dev/null"
	grep '^  path:' "$WORK/out" | grep -q 'reopen 0, 1, 2 (7)' ||
		fail "the path lacks step 7: $(grep '^  path:' "$WORK/out")"
	pass "the path has step 7 for a 2>/dev/null kept" ;;
umask-put-back)
	traced 0022 no "${recipe_start[@]}" umask-then-back=077 "${recipe_end[@]}"
	expect "the daemon's umask, in /proc" "$(umask_of "$daemon")" 0022
	says "[FAIL] a umask of its own choosing: set 0077, then put back 0022: it chose nothing"
	says "(step 5, umask, was undone)"
	expect "the umask calls recorded" "$(q pid="$daemon" call=umask -- old_umask umask | tr '\t\n' ' ')" \
		"0022 0077 0077 0022 "
	expect "daemon-trace's exit status" "$status" 3 ;;
umask-chosen-first)
	# the mask it chose is its caller's too: only the whole sequence tells
	traced 0022 no "${recipe_start[@]}" umask=022 umask-then-back=077 "${recipe_end[@]}"
	expect "the daemon's umask, in /proc" "$(umask_of "$daemon")" 0022
	says "[pass] a umask of its own choosing: chose its umask (0022)"
	expect "daemon-trace's exit status" "$status" 0
	expect "the umask records' judgments" "$(q call=umask -- umask_chosen | tr '\n' ' ')" "yes yes yes "
	# each of the daemon's frames from its first umask() on: chosen, met
	# otherwise (another process's frame, the parent's exit, has its own)
	"$DS_BIN/daemon-viewer" --dump "$LOG" >"$WORK/dump" || fail "daemon-viewer --dump exited $?"
	awk -v daemon="$daemon" '
		/^--- frame / { line = 0 }	# then the timeline, then the headline
		++line == 3 { mine = index($0, " " daemon ": ") > 0 }
		mine && / step 5 by umask\(\)/ { seen = 1 }
		mine && seen && /\] umask 0 / { print substr($0, index($0, "[")) }' \
		"$WORK/dump" | sort | uniq -c >"$WORK/marks"
	cat "$WORK/marks"
	expect "the umask item of every frame from the first umask() on" \
		"$(awk '{ print $2 }' "$WORK/marks" | sort -u)" "[*]" ;;
setsid-in-leader)
	# setsid() before any fork, in a group leader: EPERM, unchecked; it
	# forks twice after it, so a daemon stays, in its caller's session
	traced 0022 no lead-group setsid-unchecked fork fork chdir=/ umask=0 "${recipe_end[@]}"
	expect "the daemon's session, in /proc" "$(proc_field "$daemon" 4)" "$(proc_field $$ 4)"
	first=$(q1 call=setsid -- pid)
	expect "the setsid() recorded" "$(q1 call=setsid -- errno)" EPERM
	says "(step 2, setsid, failed with EPERM)"
	says "tried: setsid (2) failed with EPERM in PID $first: a process-group leader may not start a session"
	says "missing: fork again (3)"
	expect "the verdict record's steps tried" "$(q1 event=verdict -- tried)" 2
	"$DS_BIN/daemon-viewer" --dump "$LOG" >"$WORK/dump" || fail "daemon-viewer --dump exited $?"
	grep -qF '(2 setsid!)' "$WORK/dump" || fail "the replay's timeline never shows (2 setsid!)"
	expect "and never as never done" "$(grep -c '(2 setsid)' "$WORK/dump")" 0
	expect "daemon-trace's exit status" "$status" 3 ;;
setsid-twice)
	# a second setsid() in the session's leader, the daemon itself (no
	# second fork): EPERM, told as what the textbook misses, not as a step
	# tried (step 2 was done)
	traced 0022 no fork setsid setsid-unchecked chdir=/ umask=0 "${recipe_end[@]}"
	expect "the second setsid() recorded" "$(q call=setsid -- event errno | tail -n 1)" $'error\tEPERM'
	says "a setsid() of its own failed with EPERM"
	grep -qF "tried: setsid" "$WORK/out" && fail "a second setsid() is told as step 2 tried"
	pass "step 2 is done, not tried" ;;
setsid-first)
	# setsid() before any fork, in script mode (no terminal here): it works,
	# since the program does not lead daemon-trace's group; the verdict says
	# a prompt would have made it fail
	traced 0022 no setsid fork chdir=/ umask=0 "${recipe_end[@]}"
	expect "the setsid() recorded" "$(q1 call=setsid -- event)" after
	expect "the start mode" "$(q1 prog=daemon-trace event=start -- start)" script
	says "setsid() came before any fork: it worked because the program was started in script mode"
	says "its setsid() fails with EPERM (--job-control=yes shows it)" ;;
umask-after-fork)
	traced 0027 no fork,umask=0 setsid fork chdir=/ "${recipe_end[@]}"
	parent=$(q1 call=umask -- pid)
	expect_not "the umask() recorded, in the first fork's parent, not the daemon" "$parent" "$daemon"
	expect "the daemon's umask, in /proc" "$(umask_of "$daemon")" 0027
	says "[FAIL] a umask of its own choosing: never set a umask: inherited 0027"
	says "missing: umask (5)"
	expect "daemon-trace's exit status" "$status" 3 ;;
fd-leaked)
	traced 0022 yes "${recipe_start[@]}" umask=0 null-stdio
	expect "descriptor 3 of the daemon, in /proc" "$(fd_target "$daemon" 3)" "$leaked"
	says "[FAIL] no descriptor of its caller: 3 -> $leaked (inherited from the caller)"
	expect "daemon-trace's exit status" "$status" 3 ;;
fd-leaked-past-close)
	# a step 6 that closes 0, 1 and 2 only: the caller's 3 stays, and the
	# replay's step 6 frame says so
	traced 0022 yes "${recipe_start[@]}" umask=0 close-stdio null-stdio
	expect "descriptor 3 of the daemon, in /proc" "$(fd_target "$daemon" 3)" "$leaked"
	says "[FAIL] no descriptor of its caller: 3 -> $leaked (inherited from the caller)"
	"$DS_BIN/daemon-viewer" --dump "$LOG" >"$WORK/dump" || fail "daemon-viewer --dump exited $?"
	expect "step 6's frame, in the replay" "$(grep -c 'Still open, from its caller: 3\.' "$WORK/dump")" 1 ;;
fd-own)
	traced 0022 no "${recipe_start[@]}" umask=0 "${recipe_end[@]}" open="$WORK/own3" open="$WORK/own4"
	expect "descriptor 3 of the daemon, in /proc" "$(fd_target "$daemon" 3)" "$WORK/own3"
	expect "descriptor 4 of the daemon, in /proc" "$(fd_target "$daemon" 4)" "$WORK/own4"
	says "[pass] no descriptor of its caller: none left open"
	says "verdict: a daemon: every item passes"
	expect "daemon-trace's exit status" "$status" 0 ;;
fd-own-on-leaked)
	traced 0022 yes "${recipe_start[@]}" umask=0 "${recipe_end[@]}" open="$WORK/own3"
	expect "descriptor 3 of the daemon, in /proc" "$(fd_target "$daemon" 3)" "$WORK/own3"
	says "[pass] no descriptor of its caller: none left open"
	expect "daemon-trace's exit status" "$status" 0 ;;
fd-own-on-cloexec)
	traced 0022 4 "${recipe_start[@]}" umask=0 cloexec-exec pipe null-stdio
	case $(fd_target "$daemon" 4) in
	pipe:*) pass "descriptor 4 of the daemon, in /proc: its pipe" ;;
	*) fail "descriptor 4 of the daemon, in /proc: $(fd_target "$daemon" 4), not a pipe" ;;
	esac
	expect "the ticker's executions" "$(count event=exec)" 2
	says "[pass] no descriptor of its caller: none left open"
	expect "daemon-trace's exit status" "$status" 0 ;;
pid-file-dir)
	pid_file_case 0755 root:root
	says "the daemon cannot remove its pid file as it exits: its directory $shared/run is mode 0755, owned by uid 0, gid 0: uid 65534, gid 65534 may not write it"
	stuck_for_nobody "$pid_file" || fail "nobody could remove $pid_file"
	pass "the kernel refuses nobody the unlink too"
	expect "the verdict's record" "$(q1 event=verdict -- pid_file_stuck)" \
		"its directory $shared/run is mode 0755, owned by uid 0, gid 0: uid 65534, gid 65534 may not write it" ;;
pid-file-sticky)
	pid_file_case 1777 root:root
	says "the daemon cannot remove its pid file as it exits: its directory $shared/run is mode 1777, owned by uid 0, gid 0, sticky: only the file's owner, uid 0, or the directory's may remove it, and the daemon is uid 65534, gid 65534"
	stuck_for_nobody "$pid_file" || fail "nobody could remove $pid_file"
	pass "the kernel refuses nobody the unlink too" ;;
pid-file-own-dir)
	pid_file_case 0755 65534:65534
	grep -qF "cannot remove its pid file" "$WORK/out" && fail "a removable pid file said stuck"
	pass "no word of a stuck pid file"
	expect "the verdict's record, without pid_file_stuck" "$(q1 event=verdict -- pid_file_stuck)" -
	stuck_for_nobody "$pid_file" && fail "nobody could not remove $pid_file"
	pass "the kernel lets nobody remove it" ;;
pid-file-unreachable)
	pid_file_case 0777 root:root 0700
	says "the daemon cannot remove its pid file as it exits: $shared/outer is mode 0700, owned by uid 0, gid 0: uid 65534, gid 65534 may not search it"
	stuck_for_nobody "$pid_file" || fail "nobody could remove $pid_file"
	pass "the kernel refuses nobody the unlink too" ;;
*) fail "no such case: $1" ;;
esac
