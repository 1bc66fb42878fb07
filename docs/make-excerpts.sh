#!/usr/bin/env bash
# Fills the excerpts of docs/tutorial.md with real frames: runs daemon-demo
# from an interactive shell on a terminal, into a private log, replays it with
# daemon-viewer --dump --normalize, and puts into each <!-- excerpt: KEY -->
# block the frame after that step.
#
#   make-excerpts.sh BUILD-DIR           rewrite docs/tutorial.md
#   make-excerpts.sh BUILD-DIR --check   exit 1, with a diff, if it is stale
#
# KEY is a step number (the last frame of that step's program), "shell" (the
# frame of the launching shell), "daemon" (heartbeatd's last frame before its
# heartbeats) or "quiz" (the pop quiz's EPERM). Heartbeats, signals and the
# exit are left out of the replayed log, so two runs give the same frames.
set -euo pipefail
bin=$(cd "${1:?build folder}/bin" && pwd)
mode=${2:-write}
docs=$(cd "$(dirname "$0")" && pwd)
tutorial=$docs/tutorial.md

work=$(mktemp -d "${DS_TEST_ROOT:-${TMPDIR:-/tmp}}/excerpts.XXXXXX")
trap 'DAEMON_STEPS_LOG=$work/log "$bin/daemon-demo" --stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

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
	export EXCERPTS_PATH="$bin:/usr/bin:/bin" EXCERPTS_HOME="$work" EXCERPTS_LOG="$work/log"
	# shellcheck disable=SC2016 # expanded by script's /bin/sh
	SHELL=/bin/sh timeout 60 script -q -e -c 'exec env -i PATH="$EXCERPTS_PATH" \
		HOME="$EXCERPTS_HOME" TERM=dumb PS1="\$ " DAEMON_STEPS_LOG="$EXCERPTS_LOG" \
		${ASAN_OPTIONS:+"ASAN_OPTIONS=$ASAN_OPTIONS"} \
		${UBSAN_OPTIONS:+"UBSAN_OPTIONS=$UBSAN_OPTIONS"} \
		bash --norc --noprofile -i' /dev/null <<-EOF
		cd && daemon-demo --no-viewer --seconds 5
		exit
	EOF
) >"$work/demo.out" 2>&1 || { cat "$work/demo.out" >&2; exit 1; }
grep -v -e ' event=heartbeat ' -e ' event=signal ' -e ' event=exit ' "$work/log" >"$work/story.log"
"$bin/daemon-viewer" --dump --normalize "$work/story.log" >"$work/dump"
shell=$(sed -n 's/.* prog=\([^ ]*\) step=shell .*/\1/p' "$work/log")

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
' "$tutorial" >"$work/tutorial.md"

for key in shell 1 2 3 4 5 6 7 daemon quiz; do
	[ -s "$work/frame.$key" ] || { echo "make-excerpts: no frame for $key" >&2; exit 1; }
done
if [ "$mode" = --check ]; then
	if ! diff -u "$tutorial" "$work/tutorial.md"; then
		echo "docs/tutorial.md is stale: run cmake --build BUILD --target tutorial-excerpts" >&2
		exit 1
	fi
	echo "ok: docs/tutorial.md shows what the programs do today"
else
	cp "$work/tutorial.md" "$tutorial"
	echo "make-excerpts: docs/tutorial.md updated"
fi
