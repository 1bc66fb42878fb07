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

# terminal_start COLUMNS ROWS COMMAND...: COMMAND in a private tmux server, in
# a pane of that size (no status line) that stays after COMMAND exits, so its
# status and last words can be read. remain-on-exit comes from the server's
# configuration: set afterwards, a COMMAND that exits at once (mdp refusing a
# small terminal) took the server with it.
terminal_start() {
	local columns=$1 rows=$2
	shift 2
	TMUX_SOCKET=$(mktemp -u /tmp/ds-slides-XXXXXX)
	printf 'set -g remain-on-exit on\nset -g status off\n' >"$WORK/tmux.conf"
	tmux -S "$TMUX_SOCKET" -f "$WORK/tmux.conf" new-session -d -x "$columns" -y "$rows" \
		-e TERM=tmux-256color "$@"
}

# mdp_start COLUMNS ROWS FILE: mdp on FILE in a terminal of that size. The
# command is given as words, so no $SHELL runs between tmux and timeout;
# --foreground keeps mdp in the terminal's foreground process group (without
# it, timeout makes a group of its own, and mdp stops on its first read).
mdp_start() {
	terminal_start "$1" "$2" timeout --foreground 120 mdp -f "$3"
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
