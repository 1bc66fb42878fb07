#!/usr/bin/env bash
# html.sh - the deck as one self-contained HTML file (pandoc, dzslides), for a
# projector or a browser, with no network needed: styles and script are inside
# the file. What `cmake --build build --target slides-html` runs.
#
# Usage: html.sh DECK OUTPUT.html
#
# The speaker notes are taken out and mdp's %title:/%author: header lines are
# turned into the page's metadata, with no title slide of pandoc's, so that
# the slides are numbered as in mdp (notes.sh pandoc); mdp's slide separators
# are dropped, since every slide begins with a level-1 heading, which starts a
# slide in pandoc. The style is html.css, made for slides of this size (every
# one fits a 1280x800 window: tests/slides/html-browser.sh). Status 1, with a
# message, when pandoc is not installed.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: html.sh DECK OUTPUT.html" >&2; exit 2; }
deck=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v pandoc >/dev/null; then
	echo "html.sh: pandoc is not installed; it makes the HTML slides." >&2
	echo "  Install it with: sudo apt-get install pandoc" >&2
	echo "  (the terminal slides need only mdp: cmake --build build --target slides)" >&2
	exit 1
fi

# pandoc 2.19 renamed --self-contained to --embed-resources --standalone.
if pandoc --help | grep -q -- --embed-resources; then
	embed=(--embed-resources --standalone)
else
	embed=(--self-contained)
fi

source=$(mktemp "${TMPDIR:-/tmp}/daemon-steps-slides.XXXXXX")
trap 'rm -f "$source"' EXIT
"$here/notes.sh" pandoc "$deck" | awk '
	/^$/ { blank = 1; print; next }
	blank && /^(---+|\*\*\*+)[ \t]*$/ { next }
	{ blank = 0; print }
' >"$source"

# markdown-smart: quotes, -- and ... stay as written, as in mdp and in a shell
# (chdir("/"), not curly quotes). html.css takes the place of dzslides' own
# style, whose type is too large for this deck's slides.
pandoc --from markdown-smart --to dzslides "${embed[@]}" --slide-level 1 \
	--css "$here/html.css" --metadata lang=en --output "$out.tmp" "$source"
mv "$out.tmp" "$out"
