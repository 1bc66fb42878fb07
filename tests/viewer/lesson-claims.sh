#!/usr/bin/env bash
# lesson-claims: for every frame of every kind of run, each claim the
# explanation makes about the process (leads its group or session, has a
# terminal, the checklist is complete, ...) agrees with that frame's fields.
# The runs are real: the demo, every --skip and --single-fork; the chain typed
# by hand from a script; the demo from an interactive shell that leads its
# session, and from one that does not (bash inside bash); the demo below a
# subreaper; traced programs (daemon-trace: the chain, daemonize, setsid -f,
# set*id calls, signals, the pop quiz, /bin/true); skips that stop the chain
# early or go together; the demo with --wait-ready, and a chain whose step 6
# closes the readiness descriptor anyway; a chain started
# where its steps have nothing to change (in /, umask 0, step 6 and 7 twice,
# step 7 with --log); heartbeatd alone, sent SIGINT; a heartbeatd refused
# the pid file another holds; daemon(7)'s steps: the demo --daemon7 and its
# --skip 0a, 0b and 8 (as root the demo --daemon7 drops to nobody: its runs
# in a folder nobody can enter), a chain started with SIGHUP ignored and SIGTERM blocked,
# one started clean, the seven under nohup, and as root a drop to nobody and
# a drop refused to nobody (without root, those sentences may go unsaid; the
# refusal is then the user's own); as root also the chain as nobody (never
# root). lesson_claims checks each
# log (see lesson_claims.c), and that every sentence of the lesson was said in
# one of them, but those lesson-unsaid.txt lists with the reason.
#
# Usage: lesson-claims.sh LESSON_CLAIMS SUBREAPER
. "$(dirname "$0")/../lib.sh"
checker=$1 subreaper=$2

variants=(plain "skip 1" "skip 2" "skip 3" "skip 4" "skip 5" "skip 6" "skip 7" "skip 6,7"
	"skip 1,2" "skip 2,3" "skip 1,3" single-fork wait-ready daemon7 "daemon7 skip 0a" "daemon7 skip 0b"
	"daemon7 skip 8")
logs=()

# demo_options VARIANT: the demo's options for a variant's name.
demo_options() {
	case $1 in
	plain) ;;
	single-fork) echo --single-fork ;;
	"daemon7 skip "*) echo "--daemon7 --skip ${1#daemon7 skip }" ;;
	daemon7) echo --daemon7 ;;
	*) echo "--$1" ;;
	esac
}

# Each run in a folder of its own: heartbeatd's pid file is beside its log.
start_variant() {
	local name=$1 dir
	shift
	dir=$WORK/${name// /-}
	mkdir -p "$dir"
	logs+=("$dir/log")
	(cd "$dir" && DAEMON_STEPS_LOG=$dir/log "$@" >"$dir/out" 2>&1) &
}

# As root, step 8 drops the demo --daemon7's heartbeatd to nobody, who
# cannot enter $WORK (mode 700): those runs' folders are in one nobody can
# enter, and the demo moves each run to a folder of nobody's own beside its
# log's (LOGDIR-nobody). The sanitizers' reports could not be written there:
# under asan-ubsan they go to stderr, the .out files.
# (step 8 by hand, below, uses the same folder)
nobody_root=
if [ "$(id -u)" = 0 ]; then
	nobody_root=$(mktemp -d /tmp/ds-lesson-nobody-XXXXXX)
	remove_nobody_root() { rm -rf "$nobody_root"; }
	CLEANUPS="remove_nobody_root $CLEANUPS"
	chmod 755 "$nobody_root"
fi
for variant in "${variants[@]}"; do
	case $nobody_root/$variant in
	/*/daemon7 | /*/"daemon7 skip 0"?)
		dir=$nobody_root/${variant// /-}
		mkdir -m 700 "$dir"
		logs+=("$dir-nobody/transitions.log")
		# shellcheck disable=SC2046 # the options are words
		(cd "$dir" && env -u ASAN_OPTIONS -u UBSAN_OPTIONS DAEMON_STEPS_LOG=$dir/log \
			"$DS_BIN/daemon-demo" --no-viewer --seconds 1 $(demo_options "$variant") \
			>"$dir/out" 2>&1) &
		;;
	*)
		# shellcheck disable=SC2046 # the options are words
		start_variant "demo $variant" "$DS_BIN/daemon-demo" --no-viewer --seconds 1 \
			$(demo_options "$variant")
		;;
	esac
done
start_variant "below a subreaper" "$subreaper" "$DS_BIN/daemon-demo" --no-viewer --seconds 1
# a script, not a job-control shell: the chain stays in the script's group
start_variant "from a script" /bin/sh -c '"$0"/step1-fork step2-setsid step3-fork-again \
	step4-chdir step5-umask step6-close-fds step7-reopen-stdio heartbeatd --seconds 1' "$DS_BIN"
# nothing left to change: in /, with umask 0; step 6 twice (nothing to
# close), step 7 with a log file, then step 7 again (0, 1, 2 open)
start_variant "nothing to change" /bin/sh -c 'cd / && umask 0 && exec "$0"/step1-fork \
	step2-setsid step3-fork-again step4-chdir step5-umask step6-close-fds step6-close-fds \
	step7-reopen-stdio --log "$1" step7-reopen-stdio heartbeatd --seconds 1' \
	"$DS_BIN" "$WORK/nothing-to-change.out"
# step 1 waits for readiness, and step 6 closes the descriptor anyway: the
# first process reads end of file, heartbeatd has nobody to tell
start_variant "ready closed" /bin/sh -c '"$0"/step1-fork --wait-ready step2-setsid \
	step3-fork-again step4-chdir step5-umask step6-close-fds --close-ready-fd \
	step7-reopen-stdio heartbeatd --seconds 1' "$DS_BIN"
# setsid(1) first: step 1 begins as a session leader
start_variant "after setsid" setsid "$DS_BIN/step1-fork" step2-setsid step3-fork-again \
	step4-chdir step5-umask step6-close-fds step7-reopen-stdio heartbeatd --seconds 1
# the new-style way: a service manager (notify-listener) starts heartbeatd
start_variant "managed" /bin/sh -c '"$0" "$1/notify" /dev/null 20 >"$1/messages" &
	until grep -q listening "$1/messages" 2>/dev/null; do sleep 0.05; done
	NOTIFY_SOCKET=$1/notify setsid "$2"/heartbeatd --seconds 1 && wait' \
	"$DS_NOTIFY_LISTENER" "$WORK" "$DS_BIN"
# a traced program: the project's chain under daemon-trace, whose records
# (exec, fork, the calls, the verdict) the lesson tells as well
start_variant "traced" "$DS_BIN/daemon-trace" -- "$DS_BIN/step1-fork" step2-setsid \
	step3-fork-again step4-chdir step5-umask step6-close-fds step7-reopen-stdio \
	heartbeatd --seconds 1
# daemon(7)'s first steps by hand: under nohup's SIGHUP and a blocked
# SIGTERM, and from a clean start (nothing ignored, nothing to reset)
chain_after_0b=(step1-fork step2-setsid step3-fork-again step4-chdir step5-umask
	step6-close-fds step7-reopen-stdio)
# (step 0b keeps the sanitizers' settings, so that under asan-ubsan their
# reports still reach the test root)
start_variant "signals inherited" env --ignore-signal=HUP --block-signal=TERM \
	"$DS_BIN/step0a-reset-signals" step0b-clean-env --keep ASAN_OPTIONS,UBSAN_OPTIONS \
	"${chain_after_0b[@]}" heartbeatd --seconds 1
# nohup without step 0a: heartbeatd starts with SIGHUP ignored, nothing blocked
start_variant "under nohup" nohup "$DS_BIN/step1-fork" "${chain_after_0b[@]:1}" heartbeatd --seconds 1
start_variant "signals clean" env --default-signal "$DS_BIN/step0a-reset-signals" \
	step0b-clean-env --keep HOME,ASAN_OPTIONS,UBSAN_OPTIONS "${chain_after_0b[@]}" heartbeatd \
	--seconds 1
unsaid=$WORK/unsaid.txt
cp "$(dirname "$0")/lesson-unsaid.txt" "$unsaid"
if [ "$(id -u)" = 0 ]; then
	# step 8 drops to nobody, who cannot enter $WORK (mode 700) and must own
	# its log and the pid file's folder: folders of their own
	install -d -o nobody -g nogroup "$nobody_root/drop" "$nobody_root/refused"
	install -o nobody -g nogroup -m 0600 /dev/null "$nobody_root/drop/log"
	logs+=("$nobody_root/drop/log" "$nobody_root/refused/log")
	# the sanitizers' reports could not be written there: under asan-ubsan
	# they go to stderr, the .out files
	(cd / && env -u ASAN_OPTIONS -u UBSAN_OPTIONS DAEMON_STEPS_LOG=$nobody_root/drop/log \
		"$DS_BIN/step1-fork" "${chain_after_0b[@]:1}" step8-drop-privileges heartbeatd \
		--seconds 1 >"$WORK/drop.out" 2>&1) &
	(cd / && env -u ASAN_OPTIONS -u UBSAN_OPTIONS DAEMON_STEPS_LOG=$nobody_root/refused/log \
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$DS_BIN/step4-chdir" step8-drop-privileges true >"$WORK/refused.out" 2>&1) &
else
	start_variant "privileges refused" "$DS_BIN/step4-chdir" step8-drop-privileges true
	cat >>"$unsaid" <<-'EOF'
	# not root: step 8 can only be refused
	It runs as root: uid
	It now runs as {user}
	Its own environment is unreadable
	setgroups() and setgid() need
	The daemon serves strangers as root
	It started as root and is root still
	It started as root and holds no root ID now
	EOF
fi
# a second heartbeatd while the first holds the pid file: its error, for
# certain (the terminal's runs below meet one only when a daemon outlives the
# next run's start)
start_variant "pid file held" /bin/sh -c '"$0"/heartbeatd --seconds 20 & first=$!
	until [ -s heartbeatd.pid ]; do sleep 0.05; done
	"$0"/heartbeatd --seconds 1; kill "$first"; wait' "$DS_BIN"
# as root, the chain also as nobody: a user who never was root has nothing to
# drop (as any other user, every run above is such a run)
# (nobody cannot enter the test's folder, mode 700: a folder of its own, nor
# write the sanitizers' reports there)
nobody_dir=
if [ "$(id -u)" = 0 ]; then
	nobody_dir=$nobody_root/as-nobody	# in the folder above, which nobody may enter
	install -d -m 0777 "$nobody_dir"
	logs+=("$nobody_dir/log")
	(cd "$nobody_dir" && setpriv --reuid=65534 --regid=65534 --clear-groups \
		env -u ASAN_OPTIONS -u UBSAN_OPTIONS DAEMON_STEPS_LOG="$nobody_dir/log" \
		"$DS_BIN/step1-fork" step2-setsid step3-fork-again step4-chdir step5-umask \
		step6-close-fds step7-reopen-stdio heartbeatd --seconds 1 >"$WORK/nobody.out" 2>&1) &
fi
# real programs traced, whose timeline marks steps done out of order,
# differently, yet failing, or never (the recipe checked against the verdict)
if command -v daemonize >/dev/null; then
	mkdir -p "$WORK/elsewhere"
	# given a descriptor on 7, which daemonize does not close (step 6's
	# frame says it is still open)
	start_variant "traced daemonize" bash -c 'exec 7</dev/null && exec "$@"' sh \
		"$DS_BIN/daemon-trace" -- daemonize -c "$WORK/elsewhere" -o "$WORK/elsewhere/out" /bin/sleep 2
fi
start_variant "traced setsid -f" "$DS_BIN/daemon-trace" -- setsid -f /bin/sleep 2
# a shell that ignores a signal it sends itself and catches another, then
# drops to its own user and group (set*id calls) and starts a daemon; the pop
# quiz, whose terminals the kernel gives or not
start_variant "traced signal and set*id" "$DS_BIN/daemon-trace" -- /bin/sh -c \
	'trap "" USR1; trap : USR2; kill -USR1 $$; kill -USR2 $$; exec setpriv --reuid="$0" --regid="$1" --keep-groups setsid -f /bin/sleep 2' \
	"$(id -u)" "$(id -g)"
# (popquiz exits while traced: under the asan-ubsan preset, LeakSanitizer,
# which cannot work under ptrace, is off for it)
start_variant "traced pop quiz" env ${ASAN_OPTIONS+"ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0"} \
	"$DS_BIN/daemon-trace" -- "$DS_BIN/popquiz"
# and one that stays in the foreground and exits: no daemon, no recipe
start_variant "traced foreground" "$DS_BIN/daemon-trace" -- /bin/true
# a descriptor of the program's own, opened before a careless step 6 (0, 1
# and 2 closed alone): not its caller's, so step 6's frame may not call it so
own=$WORK/traced-own-descriptor
start_variant "traced own descriptor" "$DS_BIN/daemon-trace" --settle 300 -- \
	"$DS_TEST_BIN/trace-ticker" fork setsid fork chdir=/ umask=0 open="$own/mine" close-stdio \
	null-stdio "$own/ticks"
# heartbeatd alone, sent SIGINT (by kill: it has no terminal); SIGINT is set
# back to its default, which a background job of a script would ignore
start_variant "a signal" env --default-signal=INT setsid "$DS_BIN/heartbeatd" --seconds 20
signal_log=${logs[-1]}
started() {
	[ "$("$DS_LOGQ" --count "$signal_log" event=start 2>/dev/null || echo 0)" -gt 0 ]
}
wait_until 10 "heartbeatd alone to start" started
kill -INT "$("$DS_LOGQ" "$signal_log" event=start -- pid)"
wait

# From a terminal: a shell that leads its session, then bash inside it,
# which does not. Each heartbeatd is gone before the next command: one still
# running holds the pid file, and the next one's start fails (its command
# returns once heartbeatd has begun, which --seconds 1 then outlives)
beats_ended() {
	[ "$(count prog=heartbeatd event=start)" = \
		"$(($(count prog=heartbeatd event=exit) + $(count prog=heartbeatd event=error)))" ]
}
interactive_shell
tmux_type "daemon-demo --no-viewer --seconds 1; echo demo-status=\$?"
wait_until 20 "the demo from the login shell" screen_has "demo-status=0"
wait_until 20 "its heartbeatd to exit" beats_ended
tmux_type "daemon-demo --no-viewer --seconds 1 --skip 2; echo skip-status=\$?"
wait_until 20 "the demo --skip 2 from the login shell" screen_has "skip-status=0"
wait_until 20 "its heartbeatd to exit" beats_ended
tmux_type "step1-fork step2-setsid step3-fork-again step4-chdir step5-umask step6-close-fds step7-reopen-stdio heartbeatd --seconds 1; echo chain-status=\$?"
wait_until 20 "a chain typed at the login shell" screen_has "chain-status=0"
wait_until 20 "its heartbeatd to exit" beats_ended
tmux_type "bash --norc --noprofile -i"
tmux_type "daemon-demo --no-viewer --seconds 1; echo nested-status=\$?"
wait_until 20 "the demo from a nested shell" screen_has "nested-status=0"
logs+=("$LOG")
tmux_kill

# every daemon has ended (--seconds 1, the ticker stopped) before the logs are read
judged() { grep -q 'event=verdict' "$own/log"; }
wait_until 20 "the traced ticker's verdict" judged
stop_pid "$("$DS_LOGQ" "$own/log" event=verdict -- daemon)"
nothing_runs() {
	[ -z "$(processes_with_log "$WORK/")" ] &&
		{ [ -z "$nobody_dir" ] || [ -z "$(processes_with_log "$nobody_dir/")" ]; } &&
		{ [ -z "$nobody_root" ] || [ -z "$(processes_with_log "$nobody_root/")" ]; }
}
wait_until 20 "every run's heartbeatd to exit" nothing_runs
expect "demo runs in the terminal's log" "$("$DS_LOGQ" "$LOG" step=demo event=start | wc -l)" 3
dropped_daemon_ended() {
	[ "$(id -u)" != 0 ] || grep -q 'prog=heartbeatd step=daemon event=exit' "$nobody_root/drop/log"
}
wait_until 20 "heartbeatd as nobody to exit" dropped_daemon_ended
refused_log=${nobody_root:+$nobody_root/refused/log}
refusals=$(grep -c 'prog=step8-drop-privileges step=8 event=error' \
	"${refused_log:-$WORK/privileges-refused/log}" || true)
expect "step 8's refusal recorded" "$refusals" 1
expect "SIGINT reached heartbeatd alone" "$("$DS_LOGQ" "$signal_log" event=signal -- signal)" SIGINT
shells=$("$DS_LOGQ" "$LOG" step=shell -- pid sid)
expect_not "the nested shell does not lead its session" \
	"$(awk -F'\t' '$1 != $2' <<<"$shells" | wc -l)" 0

"$checker" --unsaid "$unsaid" "${logs[@]}" >"$WORK/claims" || { cat "$WORK/claims"; fail "a sentence contradicts its frame"; }
cat "$WORK/claims"
for log in "${logs[@]}"; do
	frames=$(grep -F "$log: " "$WORK/claims" | sed -E 's/.* ([0-9]+) frames$/\1/')
	[ "${frames:-0}" -ge 3 ] || fail "too few frames checked in $log: ${frames:-none}"
done
pass "no contradiction in ${#logs[@]} logs"
