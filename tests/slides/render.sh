#!/usr/bin/env bash
# render: the deck, as the class sees it (speaker notes stripped), in mdp in a
# real terminal of COLUMNS x ROWS. Pages through every slide with Right,
# checking that each shows its own heading and its number "k / N", that mdp
# never says a slide is too tall, that no line wraps (mdp wraps silently: a
# slide that fits keeps a left margin), and that N is the number of slides in the
# file; checks the text of the first and the last slide; quits with q and
# expects status 0.
#
# Usage: render.sh SOURCE-DIR COLUMNS ROWS
. "$(dirname "$0")/lib.sh"
columns=${2:?columns} rows=${3:?rows}
need mdp tmux

shown=$WORK/deck.md
bash "$SLIDES/notes.sh" strip "$DECK" >"$shown"
mapfile -t headings < <(slide_headings "$shown")
total=${#headings[@]}
[ "$total" -ge 20 ] || fail "only $total slides"
pass "$total slides in the deck"
for i in "${!headings[@]}"; do
	[ -n "${headings[$i]}" ] || fail "slide $((i + 1)) has no '# ' heading"
done

screen() {
	tmux -S "$TMUX_SOCKET" capture-pane -p -S - 2>/dev/null
}
too_small() {
	screen | grep -i -E 'too small|Error:'
}
on_slide() {
	screen | grep -q -E "(^|[^0-9])$1 / $total *\$"
}
# The narrowest left margin of the slide's lines (between the title bar and
# the footer).
left_margin() {
	tmux -S "$TMUX_SOCKET" capture-pane -p | sed '1d;$d' |
		awk 'NF { match($0, /^ */); if (min == "" || RLENGTH < min) min = RLENGTH }
		     END { print min + 0 }'
}
# check_slide K: the screen shows slide K, whole, and nothing is too small.
check_slide() {
	local k=$1 heading=${headings[$(($1 - 1))]}
	wait_until 10 "slide $k of $total" on_slide "$k"
	if too_small >/dev/null; then
		screen >&2
		fail "at ${columns}x$rows, mdp says: $(too_small | head -n 1)"
	fi
	screen | grep -q -F -- "$heading" || { screen >&2; fail "slide $k does not show its heading '$heading'"; }
	# mdp centres each slide and wraps, silently, a line wider than the
	# terminal: a slide that fits keeps a margin on the left.
	if [ "$(left_margin)" -lt 1 ]; then
		screen >&2
		fail "slide $k ('$heading') is too wide for ${columns}x$rows: no margin left, lines wrap"
	fi
}

mdp_start "$columns" "$rows" "$shown"
wait_until 10 "mdp to draw or to exit" eval 'on_slide 1 || pane_dead'
if pane_dead; then
	screen >&2
	fail "mdp exited at once at ${columns}x$rows: $(too_small | head -n 1)"
fi

check_slide 1
first=$(screen)
for text in "How a program becomes a daemon" "Seven small steps" "daemon-viewer"; do
	grep -q -F -- "$text" <<<"$first" || { echo "$first" >&2; fail "the first slide lacks '$text'"; }
done
pass "slide 1 shows the title and what the class is about"

for ((k = 2; k <= total; k++)); do
	tmux_keys Right
	check_slide "$k"
done
last=$(screen)
for text in "Try it yourself" "daemon-demo --stop" "Questions?"; do
	grep -q -F -- "$text" <<<"$last" || { echo "$last" >&2; fail "the last slide lacks '$text'"; }
done
pass "paged through all $total slides at ${columns}x$rows; none too big"

# One more Right stays on the last slide: then Left, taken after it, reaches
# the slide before the last (from a slide past the end it would reach the last).
tmux_keys Right
tmux_keys Left
wait_until 10 "Left, after Right on the last slide, to show slide $((total - 1))" \
	on_slide "$((total - 1))"

tmux_keys q
wait_until 10 "mdp to quit on q" pane_dead
status=$(pane_exit_status)
expect "mdp's exit status after q" "$status" 0
