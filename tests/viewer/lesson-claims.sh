#!/usr/bin/env bash
# lesson-claims: for every frame of every kind of run, each claim the
# explanation makes about the process (leads its group or session, has a
# terminal, the checklist is complete, ...) agrees with that frame's fields.
# The runs are real: the demo, every --skip and --single-fork; the chain typed
# by hand from a script; the demo from an interactive shell that leads its
# session, and from one that does not (bash inside bash); the demo below a
# subreaper. lesson_claims checks each log (see lesson_claims.c).
#
# Usage: lesson-claims.sh LESSON_CLAIMS SUBREAPER
. "$(dirname "$0")/../lib.sh"
checker=$1 subreaper=$2

variants=(plain "skip 1" "skip 2" "skip 3" "skip 4" "skip 5" "skip 6" "skip 7" "skip 6,7" single-fork)
logs=()

# demo_options VARIANT: the demo's options for a variant's name.
demo_options() {
	case $1 in
	plain) ;;
	single-fork) echo --single-fork ;;
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

for variant in "${variants[@]}"; do
	# shellcheck disable=SC2046 # the options are words
	start_variant "demo $variant" "$DS_BIN/daemon-demo" --no-viewer --seconds 1 $(demo_options "$variant")
done
start_variant "below a subreaper" "$subreaper" "$DS_BIN/daemon-demo" --no-viewer --seconds 1
# a script, not a job-control shell: the chain stays in the script's group
start_variant "from a script" /bin/sh -c '"$0"/step1-fork step2-setsid step3-fork-again \
	step4-chdir step5-umask step6-close-fds step7-reopen-stdio heartbeatd --seconds 1' "$DS_BIN"
wait

# From a terminal: a shell that leads its session, then bash inside it,
# which does not.
interactive_shell
tmux_type "daemon-demo --no-viewer --seconds 1; echo demo-status=\$?"
wait_until 20 "the demo from the login shell" screen_has "demo-status=0"
tmux_type "bash --norc --noprofile -i"
tmux_type "daemon-demo --no-viewer --seconds 1; echo nested-status=\$?"
wait_until 20 "the demo from a nested shell" screen_has "nested-status=0"
logs+=("$LOG")
tmux_kill

# every daemon has ended (--seconds 1) before the logs are read
nothing_runs() {
	[ -z "$(processes_with_log "$WORK/")" ]
}
wait_until 20 "every run's heartbeatd to exit" nothing_runs
expect "runs in the terminal's log" "$("$DS_LOGQ" "$LOG" step=demo event=start | wc -l)" 2
shells=$("$DS_LOGQ" "$LOG" step=shell -- pid sid)
expect_not "the nested shell does not lead its session" \
	"$(awk -F'\t' '$1 != $2' <<<"$shells" | wc -l)" 0

"$checker" "${logs[@]}" >"$WORK/claims" || { cat "$WORK/claims"; fail "a sentence contradicts its frame"; }
cat "$WORK/claims"
for log in "${logs[@]}"; do
	frames=$(grep -F "$log: " "$WORK/claims" | sed -E 's/.* ([0-9]+) frames$/\1/')
	[ "${frames:-0}" -ge 5 ] || fail "too few frames checked in $log: ${frames:-none}"
done
pass "no contradiction in ${#logs[@]} logs"
