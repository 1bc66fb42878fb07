#!/usr/bin/env bash
# Fills the excerpts of docs/tutorial.md and docs/viewer.md with real frames:
# runs daemon-demo from an interactive shell on a terminal, into a private
# log, replays it with daemon-viewer --normalize, and puts into each
# <!-- excerpt: KEY --> block the frame KEY names.
#
#   make-excerpts.sh BUILD-DIR [DOC...]           rewrite the documents
#   make-excerpts.sh BUILD-DIR --check [DOC...]   exit 1, with a diff, if one is stale
#
# DOC is tutorial or viewer (default: both). In docs/tutorial.md, KEY is a
# step number (the last frame of that step's program, as --dump prints it),
# "shell" (the frame of the launching shell), "daemon" (heartbeatd's last
# frame before its heartbeats) or "quiz" (the pop quiz's EPERM). In
# docs/viewer.md the frames are screens, as an 80x24 terminal shows them
# (tmux makes it): "screen-2" (the frame of key 2) and "help" (the screen of
# ?). Heartbeats, signals and the exit are left out of the replayed log, so
# two runs give the same frames. Without tmux, viewer.md cannot be made:
# --check then exits 77, which CTest counts as skipped.
set -euo pipefail
bin=$(cd "${1:?build folder}/bin" && pwd)
shift
mode='write'
if [ "${1:-}" = --check ]; then
	mode=--check
	shift
fi
documents=("$@")
[ ${#documents[@]} -gt 0 ] || documents=(tutorial viewer)
docs=$(cd "$(dirname "$0")" && pwd)
for document in "${documents[@]}"; do
	case $document in
	tutorial|viewer) ;;
	*) echo "make-excerpts: no document '$document' (tutorial or viewer)" >&2; exit 2 ;;
	esac
	if [ "$document" = viewer ] && ! command -v tmux >/dev/null; then
		echo "make-excerpts: docs/viewer.md's screens need tmux (sudo apt-get install tmux)" >&2
		[ "$mode" = --check ] && exit 77
		exit 1
	fi
done

work=$(mktemp -d "${DS_TEST_ROOT:-${TMPDIR:-/tmp}}/excerpts.XXXXXX")
socket=$(mktemp -u /tmp/ds-tmux-XXXXXX)	# short: a socket path has ~107 bytes
# A student is no root: as root the demo runs as nobody, so that daemon(7)'s
# items (privileges) read the same whoever makes the excerpts. nobody cannot
# enter $work (mode 700), nor write the sanitizers' reports: a home of its own.
home=$work as_student=()
if [ "$(id -u)" = 0 ]; then
	home=$(mktemp -d /tmp/ds-excerpts-XXXXXX)
	chmod 777 "$home"
	as_student=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
trap 'tmux -S "$socket" kill-server 2>/dev/null || true; rm -f "$socket"
	DAEMON_STEPS_LOG=$home/log "$bin/daemon-demo" --stop >/dev/null 2>&1 || true
	rm -rf "$work"; [ "$home" = "$work" ] || rm -rf "$home"' EXIT

# A run from a clean start, as a student makes one: typed into an interactive
# bash on a terminal (a pseudo-terminal that script(1) makes), in an empty
# folder, with only 0, 1 and 2 open, and the common umask 022 (many desktops
# give users 002: the frames must not depend on who made them). script(1) runs
# its command with $SHELL -c: /bin/sh here, whatever the user's shell, with
# "exec", since dash would stay as the session leader above bash where bash
# would exec. The paths reach that command in the environment, not in its text,
# so no quoting can go wrong (a build folder may have spaces, or é). Under the
# sanitizer preset their options go through env -i too, so that their reports
# still reach the test root.
(
	umask 022
	for fd_path in /proc/$BASHPID/fd/*; do
		fd=${fd_path##*/}
		if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
	done
	[ ${#as_student[@]} -eq 0 ] || unset ASAN_OPTIONS UBSAN_OPTIONS
	export EXCERPTS_PATH="$bin:/usr/bin:/bin" EXCERPTS_HOME="$home" EXCERPTS_LOG="$home/log"
	export EXCERPTS_AS="${as_student[*]}"	# words without spaces: split as words below
	# shellcheck disable=SC2016 # expanded by script's /bin/sh
	SHELL=/bin/sh timeout 60 script -q -e -c 'exec $EXCERPTS_AS env -i PATH="$EXCERPTS_PATH" \
		HOME="$EXCERPTS_HOME" TERM=dumb PS1="\$ " DAEMON_STEPS_LOG="$EXCERPTS_LOG" \
		${ASAN_OPTIONS:+"ASAN_OPTIONS=$ASAN_OPTIONS"} \
		${UBSAN_OPTIONS:+"UBSAN_OPTIONS=$UBSAN_OPTIONS"} \
		bash --norc --noprofile -i' /dev/null <<-EOF
		cd && daemon-demo --no-viewer --seconds 5
		exit
	EOF
) >"$work/demo.out" 2>&1 || { cat "$work/demo.out" >&2; exit 1; }
grep -v -e ' event=heartbeat ' -e ' event=signal ' -e ' event=exit ' "$home/log" >"$work/story.log"
"$bin/daemon-viewer" --dump --normalize "$work/story.log" >"$work/dump"
shell=$(sed -n 's/.* prog=\([^ ]*\) step=shell .*/\1/p' "$home/log")

# frames: "--- frame" starts one; its third line begins with the program's name
awk -v shell="$shell" -v out="$work/frame." '
	function keep(key) { file = out key; printf "%s", frame > file; close(file) }
	function flush() {
		if (frame == "") return
		if (prog ~ /^step[1-7]-/) keep(substr(prog, 5, 1))
		if (prog == "heartbeatd") keep("daemon")
		if (prog == shell) keep("shell")
		if (prog == "popquiz" && frame ~ /leader-setsid/ && !quiz_done) { keep("quiz"); quiz_done = 1 }
	}
	/^--- frame/ { flush(); frame = ""; line = 0 }
	{ line++; if (line == 3) { prog = $1 } if (line > 0) frame = frame $0 "\n" }
	END { flush() }
' "$work/dump"

# screens: the viewer on the story in an 80x24 terminal, at key 2 and at ?
screen() { tmux -S "$socket" capture-pane -p -t excerpts; }
wait_for_screen() {
	local deadline=$((SECONDS + 10))
	until screen | grep -qF -- "$1"; do
		if [ "$SECONDS" -ge "$deadline" ]; then
			screen >&2
			echo "make-excerpts: the viewer never showed: $1" >&2
			exit 1
		fi
		sleep 0.05
	done
}
# keep_screen KEY TEXT: once the screen shows TEXT, it is frame KEY (from its
# first line that is not blank)
keep_screen() {
	wait_for_screen "$2"
	screen | sed '/./,$!d' >"$work/frame.$1"
}
if [[ " ${documents[*]} " == *" viewer "* ]]; then
	tmux -S "$socket" -f /dev/null new-session -d -s excerpts -x 80 -y 24 \
		-e TERM=tmux-256color "$bin/daemon-viewer" --normalize "$work/story.log"
	wait_for_screen "A daemon is..."
	tmux -S "$socket" send-keys -t excerpts 2
	keep_screen screen-2 "step2-setsid P"
	tmux -S "$socket" send-keys -t excerpts '?'
	keep_screen help "Press any key to go back"
fi

# fill DOC KEY...: DOC's excerpts, into $work/DOC.md; each KEY must have a frame
fill() {
	local document=$1 key
	shift
	for key in "$@"; do
		[ -s "$work/frame.$key" ] || { echo "make-excerpts: no frame for $key" >&2; exit 1; }
	done
	awk -v frames="$work/frame." '
		/^<!-- excerpt: / {
			print
			key = $3
			file = frames key
			print "```text"
			n = 0
			while ((getline l < file) > 0) lines[++n] = l
			close(file)
			while (n > 0 && lines[n] == "") n--
			for (i = 1; i <= n; i++) print lines[i]
			print "```"
			skipping = 1
			next
		}
		/^<!-- end of excerpt -->/ { skipping = 0 }
		!skipping { print }
	' "$docs/$document.md" >"$work/$document.md"
}

stale=0
for document in "${documents[@]}"; do
	case $document in
	tutorial) fill tutorial shell 1 2 3 4 5 6 7 daemon quiz ;;
	viewer) fill viewer screen-2 help ;;
	esac
	if [ "$mode" = --check ]; then
		if diff -u "$docs/$document.md" "$work/$document.md"; then
			echo "ok: docs/$document.md shows what the programs do today"
		else
			echo "docs/$document.md is stale: run cmake --build BUILD --target doc-excerpts" >&2
			stale=1
		fi
	else
		cp "$work/$document.md" "$docs/$document.md"
		echo "make-excerpts: docs/$document.md updated"
	fi
done
exit "$stale"
