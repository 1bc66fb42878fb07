#!/usr/bin/env bash
# notes.sh - the deck's speaker notes: strip them, list them, or convert the
# deck for pandoc.
#
# The deck is Markdown for mdp. mdp shows every line it is given, HTML
# comments included, so a speaker note is written as an HTML comment that
# starts a line, `<!-- note: ... -->`, on one line or several, and is taken
# out before the deck is shown:
#
#   notes.sh strip  DECK   the deck as mdp shows it: notes removed
#   notes.sh pandoc DECK   the same, with mdp's %title:/%author:/%date:
#                          header lines turned into the page's metadata
#                          (pagetitle, author-meta, date-meta), not into
#                          a title slide: mdp shows none, and the deck's
#                          slide N is then slide N in both
#   notes.sh list   DECK   the notes alone, each under its slide's number
#                          and heading, to read or print before class
#
# The result goes to standard output.
set -euo pipefail

usage() {
	echo "usage: notes.sh strip|pandoc|list DECK" >&2
	exit 2
}

[ $# -eq 2 ] || usage
mode=$1 deck=$2
[ -r "$deck" ] || { echo "notes.sh: cannot read $deck" >&2; exit 1; }

# Lines of a note: from a line starting with "<!--" to the first "-->".
strip() {
	awk '
		!in_note && /^[ \t]*<!--/ { in_note = 1 }
		!in_note { print }
		in_note && /-->/ { in_note = 0 }
	' "$deck" | cat -s
}

case $mode in
strip)
	strip
	;;
pandoc)
	# a YAML metadata block first; its values in single quotes, each ' doubled
	strip | awk '
		function quoted(text) { gsub(/\047/, "\047\047", text); return "\047" text "\047" }
		header && /^%title:/  { sub(/^%title:[ \t]*/, "");  meta["pagetitle"] = $0;   next }
		header && /^%author:/ { sub(/^%author:[ \t]*/, ""); meta["author-meta"] = $0; next }
		header && /^%date:/   { sub(/^%date:[ \t]*/, "");   meta["date-meta"] = $0;   next }
		header && /^%/        { next }
		header {
			header = 0
			print "---"
			split("pagetitle author-meta date-meta", keys, " ")
			for (i = 1; i <= 3; i++)
				if (keys[i] in meta) print keys[i] ": " quoted(meta[keys[i]])
			print "---"
		}
		{ print }
	' header=1
	;;
list)
	awk '
		BEGIN { slide = 1 }
		!in_note && /^(---+|\*\*\*+)[ \t]*$/ && previous_blank { slide++; heading = ""; previous_blank = 0; next }
		!in_note && /^# / && heading == "" { heading = substr($0, 3) }
		# a comment that is no note (the gallery'"'"'s markers for make-gallery.sh)
		# is no speaker'"'"'s business
		!in_note && /^[ \t]*<!--/ && !/^[ \t]*<!--[ \t]*note:/ { in_other = 1 }
		in_other { if ($0 ~ /-->/) in_other = 0; previous_blank = 0; next }
		!in_note && /^[ \t]*<!--/ { in_note = 1; printf "\n[%d] %s\n", slide, heading }
		in_note {
			line = $0
			sub(/^[ \t]*<!--[ \t]*note:[ \t]*/, "", line)
			sub(/[ \t]*-->.*$/, "", line)
			if (line != "") print "    " line
			if ($0 ~ /-->/) in_note = 0
		}
		{ previous_blank = ($0 == "") }
	' "$deck"
	;;
*)
	usage
	;;
esac
