#!/usr/bin/env bash
# present.sh - the whole live demo in one command: tmux with the slides in one
# pane and, in the other, a shell whose PATH starts with the build's bin
# folder, so daemon-demo, daemon-viewer and popquiz just work.
#
# Usage: present.sh [--build DIR] [--stacked] [--no-attach] [--socket PATH]
#
#   --build DIR     the build folder (default: build, then build-dev; taken
#                   from the current folder, else from the project's root)
#   --stacked       slides on top, shell below (default: side by side)
#   --no-attach     set it all up, print how to attach, do not attach
#   --socket PATH   use a private tmux server at PATH (tmux -S); for tests
#
# Inside tmux it opens a new window of the current session instead.
# Refuses, with a message and status 1, when tmux or mdp is missing or the
# programs are not built; status 2 on bad usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
session=daemon-steps
build= stacked=0 attach=1 socket=

usage() {
	sed -n '6,16s/^# \{0,1\}//p' "$0"
	exit "${1:-0}"
}

while [ $# -gt 0 ]; do
	case $1 in
	--build|-b) [ $# -ge 2 ] || usage 2; build=$2; shift 2 ;;
	--build=*) build=${1#--build=}; shift ;;
	--stacked) stacked=1; shift ;;
	--no-attach) attach=0; shift ;;
	--socket) [ $# -ge 2 ] || usage 2; socket=$2; shift 2 ;;
	--help|-h) usage 0 ;;
	*) echo "present.sh: unknown option: $1" >&2; usage 2 >&2 ;;
	esac
done

missing=()
command -v tmux >/dev/null || missing+=(tmux)
command -v mdp >/dev/null || missing+=(mdp)
if [ ${#missing[@]} -gt 0 ]; then
	echo "present.sh: ${missing[*]} not installed: the slides run in mdp, in tmux." >&2
	echo "  Install with: sudo apt-get install mdp tmux" >&2
	exit 1
fi

# The build folder: as given, else build or build-dev, here or at the root.
find_build() {
	local candidate
	for candidate in "$@"; do
		if [ -x "$candidate/bin/daemon-demo" ]; then
			(cd "$candidate" && pwd)
			return 0
		fi
	done
	return 1
}
if [ -n "$build" ]; then
	build_dir=$(find_build "$build") || {
		echo "present.sh: no $build/bin/daemon-demo: build first, e.g." >&2
		echo "  cmake -S . -B $build && cmake --build $build" >&2
		exit 1
	}
else
	build_dir=$(find_build build build-dev "$root/build" "$root/build-dev") || {
		echo "present.sh: no build/bin/daemon-demo: build first, e.g." >&2
		echo "  cmake -S . -B build && cmake --build build" >&2
		echo "  (or name the build folder: present.sh --build DIR)" >&2
		exit 1
	}
fi
bin=$build_dir/bin

if [ $attach = 1 ] && [ -z "${TMUX:-}" ] && { [ ! -t 0 ] || [ ! -t 1 ]; }; then
	echo "present.sh: needs a terminal to attach to (or use --no-attach)" >&2
	exit 1
fi

# The shell of the demo pane: the user's bash set-up, then the programs first
# in PATH.
mkdir -p "$build_dir/slides"
rcfile=$build_dir/slides/present.bashrc
cat >"$rcfile" <<RC
[ -f ~/.bashrc ] && . ~/.bashrc
PATH=$(printf '%q' "$bin"):\$PATH
echo "daemon-steps: the demo is ready. Try: daemon-demo   (or daemon-demo --help)"
RC

tm() {
	if [ -n "$socket" ]; then tmux -S "$socket" "$@"; else tmux "$@"; fi
}

# Both commands are given to tmux as words, so they run in bash whatever the
# user's $SHELL is (tmux hands a single string to $SHELL -c: zsh's read -p is
# another thing, and fish would not parse it).
deck_cmd=(bash -c '"$0"; echo; read -r -p "slides closed: Enter closes this pane "' "$here/show.sh")
shell_cmd=(bash --rcfile "$rcfile" -i)
split=-h
[ $stacked = 1 ] && split=-v

if [ -n "${TMUX:-}" ] && [ -z "$socket" ]; then
	deck_pane=$(tm new-window -P -F '#{pane_id}' -n "$session" -c "$root" "${deck_cmd[@]}")
	tm split-window "$split" -t "$deck_pane" -c "$root" "${shell_cmd[@]}"
	tm select-pane -t "$deck_pane"
	echo "present.sh: in a pane you open yourself in this session, first run:"
	echo "  . $(printf '%q' "$rcfile")"
	exit 0
fi

if tm has-session -t "=$session" 2>/dev/null; then
	echo "present.sh: a session $session is already running; attaching to it." >&2
	echo "  (to start afresh: tmux kill-session -t $session)" >&2
else
	# A size for the panes before any client attaches; attaching resizes.
	deck_pane=$(tm new-session -d -P -F '#{pane_id}' -s "$session" -x 200 -y 50 -c "$root" "${deck_cmd[@]}")
	tm split-window "$split" -t "$deck_pane" -c "$root" "${shell_cmd[@]}"
	tm select-pane -t "$deck_pane"
	# Panes and windows the teacher opens later in this session (the slides
	# say Ctrl-b " for the viewer) get the same shell: a login shell would
	# reset PATH (Debian's /etc/profile does).
	tm set-option -t "$deck_pane" default-shell "$(command -v bash)" >/dev/null
	tm set-option -t "$deck_pane" default-command "exec ${shell_cmd[*]@Q}" >/dev/null
fi

if [ $attach = 1 ]; then
	exec tmux ${socket:+-S "$socket"} attach-session -t "=$session"
fi
echo "present.sh: ready; attach with: tmux ${socket:+-S $socket }attach -t $session"
