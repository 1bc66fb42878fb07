#!/bin/bash
# long-ids.sh BIN SOURCE-DIR - at 80 columns the viewer cuts no PID, PGID or
# SID, and its bottom line shows the run id whole, also with 7-digit PIDs
# (pid_max goes up to 4194304: big machines, and desktops where systemd raises
# it, have such PIDs).
#
# Three real runs typed into an interactive shell (a whole demo, --skip 1,
# --single-fork), then the same log with every PID rewritten as a 7-digit
# one (N -> 4100000 + N, in every PID field and in the run id daemon-demo
# makes of its own). Checked: the diagram of every frame at 80 columns
# (--dump --width 80), and the screen of an 80x24 terminal at each step.
set -u
BIN=$1
SRC=$2
. "$SRC/tests/viewer/lib.sh"
need tmux perl

interactive_shell
tmux_type "for o in '' '--skip 1' --single-fork; do daemon-demo --no-viewer --seconds 1 \$o >/dev/null 2>&1; done; echo demos-done"
wait_until 60 "the three demos" screen_has "demos-done"
# shellcheck disable=SC2016 # expanded by eval, at each look
wait_until 10 "the daemons of the whole demo and --single-fork to exit" \
	eval '[ "$(count prog=heartbeatd event=exit)" = 2 ]'

perl -pe 's/\b(pid|ppid|pgid|sid|tpgid)=(\d+)/$1 . "=" . ($2 > 1 ? 4100000 + $2 : $2)/ge;
	  s/\brun=(\d+-\d+-)(\d+)/"run=" . $1 . (4100000 + $2)/e' "$LOG" >"$WORK/long.log"
grep -qE '\bpgid=41[0-9]{5}\b' "$WORK/long.log" || fail "the PIDs were not rewritten"

# ids_whole LOG FILE WHAT: every ID the diagram in FILE shows (a group's
# title, a session's, a process's PID) is one of LOG's whole, and no box runs
# off the right edge
ids_whole() {
	local log=$1 file=$2 what=$3 shown bad
	grep -ohE '\b(pid|ppid|pgid|sid)=[0-9]+' "$log" | cut -d= -f2 | sort -u >"$WORK/ids"
	perl -ne 'next unless /^[+|]/;
		  while (/(?:\bgroup |\bsession |\+- |\|[>x ] )([^ ,|]+)/g) {
			my $id = $1;
			print "$id\n" if $id =~ /^\d/;
		  }' \
		"$file" | sort -u >"$WORK/shown"
	shown=$(wc -l <"$WORK/shown")
	[ "$shown" -ge 4 ] || { cat "$file" >&2; fail "$what: only $shown IDs found in the diagram"; }
	bad=$(comm -23 "$WORK/shown" "$WORK/ids" | tr '\n' ' ')
	[ -z "$bad" ] || { cat "$file" >&2; fail "$what: IDs cut: $bad"; }
	bad=$(grep -E '^[+|]' "$file" | grep -vE '[+|]$' | head -n 1)
	[ -z "$bad" ] || { cat "$file" >&2; fail "$what: a box runs off the edge: $bad"; }
}

for log in "$LOG" "$WORK/long.log"; do
	runs=$("$BIN/daemon-viewer" --list "$log" | awk 'NR > 1 { print $1 }')
	[ "$(wc -w <<<"$runs")" = 3 ] || fail "$log holds runs '$runs', not three"
	for run in $runs; do
		"$BIN/daemon-viewer" --dump --width 80 --run "$run" "$log" >"$WORK/dump" ||
			fail "--dump of run $run failed"
		ids_whole "$log" "$WORK/dump" "run $run at 80 columns"
	done
	pass "every frame of $(basename "$log")'s three runs at 80 columns: no ID cut"
done

# the screen: an 80x24 terminal, the whole demo with 7-digit PIDs
full=$(sed -n 's/^v=1 run=\([^ ]*\) .* prog=daemon-demo step=demo event=start chain=.*/\1/p' \
	"$WORK/long.log" | head -n 1)
t() { tmux -S "$TMUX_SOCKET" "$@"; }
t new-session -d -s small -x 80 -y 24 -e TERM=tmux-256color \
	"$BIN/daemon-viewer" --run "$full" "$WORK/long.log"
small_screen() { t capture-pane -p -t small; }
# the headline of a step's frame begins with its program (frame 1's chain=
# names them all, so a name anywhere would be found before the key's frame)
small_headline() { small_screen | grep -q "^$1"; }
for key in 1 2 3 4 5 6 7 G; do
	t send-keys -t small "$key"
	case $key in
	G) wait_until 10 "the last frame" eval 'small_screen | grep -qE "frame ([0-9]+)/\1$"' ;;
	*) wait_until 10 "step $key's frame" small_headline "step$key-" ;;
	esac
	small_screen >"$WORK/screen"
	ids_whole "$WORK/long.log" "$WORK/screen" "80x24, key $key"
	tail -n 1 "$WORK/screen" | grep -qF "run $full" ||
		{ cat "$WORK/screen" >&2; fail "80x24, key $key: the bottom line lacks 'run $full'"; }
done
pass "80x24 with 7-digit PIDs: no ID cut at any step, the bottom line shows run $full"
