#!/usr/bin/env bash
# show.sh - present the deck in this terminal with mdp, speaker notes taken
# out (see notes.sh). What `cmake --build build --target slides` runs.
#
# Usage: show.sh [DECK]   (default: daemon-steps.md beside this script)
#
# Refuses, with a message and status 1, when mdp is not installed or when
# standard input or output is not a terminal: mdp without a terminal does not
# stop, it spins.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
deck=${1:-$here/daemon-steps.md}

if ! command -v mdp >/dev/null; then
	echo "show.sh: mdp is not installed; it shows the slides in the terminal." >&2
	echo "  Install it with: sudo apt-get install mdp" >&2
	echo "  (or read $deck as it is: it is plain Markdown)" >&2
	exit 1
fi
if [ ! -t 0 ] || [ ! -t 1 ]; then
	echo "show.sh: the slides need a terminal (mdp reads keys and draws with" >&2
	echo "  ncurses); run it from a terminal, not from a pipe, a script or CI." >&2
	echo "  For a browser or a projector: cmake --build build --target slides-html" >&2
	exit 1
fi

shown=$(mktemp "${TMPDIR:-/tmp}/daemon-steps-slides.XXXXXX")
trap 'rm -f "$shown"' EXIT
"$here/notes.sh" strip "$deck" >"$shown"
# -f: no fading, so keys work at once (fading also looks poor in tmux)
mdp -f "$shown"
