# lib.sh - what the slide tests share, on top of tests/lib.sh (a folder of
# their own, $WORK, under DS_TEST_ROOT; fail, pass, skip, need, wait_until;
# tmux_kill and the check for leftover processes on exit).
#
# Every slide test takes the project's source folder as its first argument.

: "${1:?usage: $0 SOURCE-DIR [ARGS...]}"
SOURCE_DIR=$(cd "$1" && pwd)
SLIDES=$SOURCE_DIR/slides
DECK=$SLIDES/daemon-steps.md
# shellcheck source=../lib.sh
. "$SOURCE_DIR/tests/lib.sh"

# mdp_start COLUMNS ROWS FILE: mdp on FILE in a private tmux server, in a
# pane of that size that stays after mdp exits, so its status can be read.
# The command is given as words, so no $SHELL runs between tmux and timeout;
# --foreground keeps mdp in the terminal's foreground process group (without
# it, timeout makes a group of its own, and mdp stops on its first read).
mdp_start() {
	TMUX_SOCKET=$(mktemp -u /tmp/ds-slides-XXXXXX)
	tmux -S "$TMUX_SOCKET" -f /dev/null new-session -d -x "$1" -y "$2" \
		-e TERM=tmux-256color timeout --foreground 120 mdp -f "$3"
	tmux -S "$TMUX_SOCKET" set-option -g remain-on-exit on >/dev/null
}

tmux_keys() {
	tmux -S "$TMUX_SOCKET" send-keys "$@"
}

# The headings of the slides of a deck, one a line, in order: the first
# "# " line after each separator (an empty line, then --- alone on a line).
slide_headings() {
	awk '
		BEGIN { slide = 1 }
		/^(---+|\*\*\*+)[ \t]*$/ && blank { slide++; blank = 0; next }
		/^# / && !(slide in heading) { heading[slide] = substr($0, 3) }
		{ blank = ($0 == "") }
		END { for (i = 1; i <= slide; i++) print heading[i] }
	' "$1"
}
