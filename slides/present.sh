#!/usr/bin/env bash
# present.sh - the whole live demo in one command: tmux with the slides in one
# pane and, in the other, a shell whose PATH starts with the build's bin
# folder, so daemon-demo, daemon-viewer and popquiz just work.
#
# Usage: present.sh [--build DIR] [--stacked] [--no-attach] [--socket PATH]
#
#   --build DIR     the build folder (default: build, then build-dev; taken
#                   from the current folder, else from the project's root;
#                   with none, the installed programs: daemon-demo in PATH,
#                   as the .deb puts them in /usr/bin)
#   --stacked       slides on top, shell below (default: side by side)
#   --no-attach     set it all up, print how to attach, do not attach
#   --socket PATH   use a private tmux server at PATH (tmux -S); for tests
#
# Inside tmux it opens a new window of the current session instead.
# Refuses, with a message and status 1, when tmux or mdp is missing, the
# programs are not built, or the terminal is too small for the layout (the
# message names the size needed, and the other layout when it would fit);
# status 2 on bad usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
session=daemon-steps
build= stacked=0 attach=1 socket=

# What each pane needs, measured. mdp shows this deck whole from 69x20: it
# says "Terminal height (19 lines) too small. Need at least 20 lines for
# slide #4" (16 lines of text), and at 68 columns the widest line of slide 17
# (66 columns) wraps. The shell pane needs 80x24, daemon-viewer's least: the
# demo opens it there. tests/slides/present.sh checks the slides' numbers
# against mdp (they fit, one less does not) and each layout at its least.
deck_cols=69 deck_rows=20
shell_cols=80 shell_rows=24

usage() {
	sed -n '6,/^[^#]/s/^# \{0,1\}//p' "$0"
	echo
	echo "The slides need ${deck_cols}x$deck_rows (mdp), the shell ${shell_cols}x$shell_rows (daemon-viewer):"
	echo "side by side needs a terminal of at least $(side_by_side_needs), --stacked $(stacked_needs)"
	echo "(tmux's status line included)."
	exit "${1:-0}"
}

# The least terminal for each layout, COLUMNSxROWS: the two panes, the border
# between them, and tmux's status line (status_lines, below).
status_lines=1
side_by_side_needs() {
	echo "$((deck_cols + 1 + shell_cols))x$((status_lines + (deck_rows > shell_rows ? deck_rows : shell_rows)))"
}
stacked_needs() {
	echo "$((deck_cols > shell_cols ? deck_cols : shell_cols))x$((status_lines + deck_rows + 1 + shell_rows))"
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
elif ! build_dir=$(find_build build build-dev "$root/build" "$root/build-dev"); then
	installed=$(command -v daemon-demo) || {
		echo "present.sh: no build/bin/daemon-demo, and no daemon-demo installed: build first, e.g." >&2
		echo "  cmake -S . -B build && cmake --build build" >&2
		echo "  (or name the build folder: present.sh --build DIR)" >&2
		exit 1
	}
	build_dir=
	bin=$(cd "$(dirname "$installed")" && pwd)
fi
[ -z "$build_dir" ] || bin=$build_dir/bin

if [ $attach = 1 ] && [ -z "${TMUX:-}" ] && { [ ! -t 0 ] || [ ! -t 1 ]; }; then
	echo "present.sh: needs a terminal to attach to (or use --no-attach)" >&2
	exit 1
fi

# The shell of the demo pane: the user's bash set-up, then the programs first
# in PATH.
# (installed programs have no build folder to keep it in: the user's runtime
# folder, else the temporary one)
if [ -n "$build_dir" ]; then
	mkdir -p "$build_dir/slides"
	rcfile=$build_dir/slides/present.bashrc
else
	rcfile=${XDG_RUNTIME_DIR:-${TMPDIR:-/tmp}}/daemon-steps-present-$(id -u).bashrc
fi
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

# plan_layout: the size of the window the two panes will share, and the split
# that gives each pane what it needs (split=(...), window_cols, window_rows);
# refuses, saying what would fit, when the terminal is too small. The window
# is, inside tmux, the current one; else this terminal less tmux's status line
# (one row, unless the user's tmux.conf says otherwise). Without a terminal
# (--no-attach from a script) there is nothing to check, and tmux starts at
# 200x50 until a client attaches.
plan_layout() {
	local size_known=1 status rows cols layout need other other_need other_how shell_width
	if [ -n "${TMUX:-}" ] && [ -z "$socket" ]; then
		read -r window_cols window_rows status < <(tm display-message -p '#{window_width} #{window_height} #{status}')
		status_lines=$(status_lines_of "$status")
	elif [ -t 0 ] && read -r rows cols < <(stty size 2>/dev/null); then
		status_lines=$(status_lines_of "$(tm start-server \; show-options -gv status 2>/dev/null)")
		window_cols=$cols window_rows=$((rows - status_lines))
	else
		size_known=0 window_cols=200 window_rows=50
	fi

	if [ $stacked = 1 ]; then
		layout=--stacked need=$(stacked_needs)
		other="Side by side" other_need=$(side_by_side_needs) other_how="leave out --stacked"
	else
		layout="side by side" need=$(side_by_side_needs)
		other=--stacked other_need=$(stacked_needs) other_how="use --stacked"
	fi
	if [ $size_known = 1 ] && ! fits "$need"; then
		{
			echo "present.sh: this terminal is ${window_cols}x$((window_rows + status_lines)); $layout needs at least $need:"
			echo "  the slides ${deck_cols}x$deck_rows (mdp), the shell ${shell_cols}x$shell_rows (daemon-viewer),"
			echo "  the border between them and tmux's status line."
			if fits "$other_need"; then
				echo "  $other fits here: $other_how (it needs $other_need)."
			else
				echo "  $other needs $other_need, which does not fit either: make the window"
				echo "  larger or its font smaller."
			fi
		} >&2
		exit 1
	fi

	# Stacked, the slides get the rows mdp needs and the shell the rest; side
	# by side, each pane half, but the shell no less than it needs.
	if [ $stacked = 1 ]; then
		split=(-v -l $((window_rows - 1 - deck_rows)))
	else
		shell_width=$((window_cols - 1 - (window_cols - 1) / 2))
		[ "$shell_width" -ge $shell_cols ] || shell_width=$shell_cols
		split=(-h -l "$shell_width")
	fi
}

# tmux's option status: how many rows its status line takes.
status_lines_of() {
	case $1 in
	off) echo 0 ;;
	[1-5]) echo "$1" ;;
	*) echo 1 ;;
	esac
}

# fits COLUMNSxROWS: the terminal is at least that large.
fits() {
	[ "$window_cols" -ge "${1%x*}" ] && [ $((window_rows + status_lines)) -ge "${1#*x}" ]
}

if [ -n "${TMUX:-}" ] && [ -z "$socket" ]; then
	plan_layout
	deck_pane=$(tm new-window -P -F '#{pane_id}' -n "$session" -c "$root" "${deck_cmd[@]}")
	tm split-window "${split[@]}" -t "$deck_pane" -c "$root" "${shell_cmd[@]}"
	tm select-pane -t "$deck_pane"
	echo "present.sh: in a pane you open yourself in this session, first run:"
	echo "  . $(printf '%q' "$rcfile")"
	exit 0
fi

if tm has-session -t "=$session" 2>/dev/null; then
	echo "present.sh: a session $session is already running; attaching to it." >&2
	echo "  (to start afresh: tmux kill-session -t $session)" >&2
else
	plan_layout
	# The window as large as it will be once attached, so that attaching
	# does not resize the panes.
	deck_pane=$(tm new-session -d -P -F '#{pane_id}' -s "$session" -x "$window_cols" -y "$window_rows" \
		-c "$root" "${deck_cmd[@]}")
	tm split-window "${split[@]}" -t "$deck_pane" -c "$root" "${shell_cmd[@]}"
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
