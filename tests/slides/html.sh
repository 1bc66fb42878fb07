#!/usr/bin/env bash
# html: slides/html.sh makes the HTML deck with pandoc, offline: one file,
# every slide in it, the speaker notes and mdp's header lines not, and no
# script or stylesheet fetched from the network; the text as written (straight
# quotes, --, ...: no typographer's quotes, dashes or ellipses), and every
# code block of the deck a code block in the HTML. Skipped (status 77) when
# pandoc is not installed: it is optional.
#
# Usage: html.sh SOURCE-DIR
. "$(dirname "$0")/lib.sh"
need pandoc

out=$WORK/deck.html
# No network: an export that tries to fetch something fails here.
http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
	bash "$SLIDES/html.sh" "$DECK" "$out" || fail "slides/html.sh failed"
[ -s "$out" ] || fail "no HTML written"
pass "HTML deck written ($(wc -c <"$out") bytes)"

remote=$(grep -o -i -E '<(script|link|img|iframe)[^>]*(src|href)="?(https?:)?//[^>]*>' "$out" || true)
[ -z "$remote" ] || fail "the HTML loads from the network: $remote"
remote=$(grep -o -i -E '@import[^;]*(https?:)?//[^;]*;' "$out" || true)
[ -z "$remote" ] || fail "the HTML's CSS imports from the network: $remote"
pass "no script, stylesheet or image from the network"

shown=$WORK/deck.md
bash "$SLIDES/notes.sh" strip "$DECK" >"$shown"
mapfile -t headings < <(slide_headings "$shown")
sections=$(grep -c -o '<section' "$out")
# no title slide of pandoc's: slide N is the notes' and mdp's slide N
expect "slides in the HTML, as in the deck" "$sections" "${#headings[@]}"
first=$(grep -m 1 -A 1 '<section' "$out" | sed -n 's/.*<h1>\(.*\)<\/h1>.*/\1/p' | head -n 1)
expect "the HTML's first slide" "$first" "${headings[0]}"
for heading in "${headings[@]}"; do
	# pandoc writes quotes and & as entities; compare a plain word run.
	plain=$(sed -E 's/["&<>]//g; s/\(.*//' <<<"$heading" | awk '{print $1, $2}')
	grep -q -F -- "$plain" "$out" || fail "the HTML lacks the slide '$heading'"
done
pass "every slide's heading is in the HTML"

grep -q -E '<!-- *note:' "$out" && fail "a speaker note reached the HTML"
grep -q -E '%(title|author):' "$out" && fail "mdp's header lines reached the HTML as text"
grep -q -F '<title>How a program becomes a daemon</title>' "$out" ||
	fail "the HTML's <title> is not the deck's %title:"
pass "no notes, and the title came from the %title: header"

# pandoc's "smart" typography would change what the deck shows: chdir("/")
# with curly quotes is not C, and -- or ... in a command is not what the shell
# reads. The slides' part of the HTML (dzslides' script after it has bytes of
# its own) has no more typographer's quotes, dashes and ellipses than the deck.
# Bytes, whatever the locale: in UTF-8 they are E2 80 xx.
typographic='\xe2\x80[\x93\x94\x98\x99\x9c\x9d\xa6]|&#82(1[6-9]|2[01]|30);|&[lr][sd]quo;|&[nm]dash;|&hellip;'
slides_html=$WORK/slides.html
sed -n '/^<body>/,/dzslides core/p' "$out" >"$slides_html"
count_typographic() {
	{ LC_ALL=C grep -o -a -P "$typographic" "$1" || true; } | wc -l
}
in_deck=$(count_typographic "$shown")
in_html=$(count_typographic "$slides_html")
[ "$in_html" -le "$in_deck" ] ||
	fail "pandoc changed the deck's quotes, dashes or dots ($in_html typographic ones, $in_deck in the deck):" \
		"$(LC_ALL=C grep -o -a -P ".{0,20}($typographic).{0,20}" "$slides_html" | head -n 3)"
grep -q -F '<h1>Step 4: chdir(&quot;/&quot;)</h1>' "$out" ||
	fail "the slide 'Step 4: chdir(\"/\")' is not in the HTML with straight quotes"
pass "quotes, dashes and dots as written: chdir(\"/\")"

# A line the deck indents as code (four spaces or a tab, after an empty line
# or another such line) is a command or a listing: commands.sh runs it, and
# the HTML must show it as code (in a list, Markdown takes it for more of the
# item's text).
awk '
	/^(    |\t)/ && (blank || code) { code = 1; sub(/^(    |\t)/, ""); print; next }
	{ code = 0; blank = ($0 == "") }
' "$shown" >"$WORK/code-lines"
awk '/<pre/ { pre = 1 } pre { print } /<\/pre>/ { pre = 0 }' "$out" |
	sed -E 's/<[^>]*>//g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' >"$WORK/pre-lines"
[ -s "$WORK/code-lines" ] || fail "no code block found in the deck"
# The same lines in the same order: a line missing here is no longer code.
if ! diff <(grep . "$WORK/code-lines") <(grep . "$WORK/pre-lines") >"$WORK/code-diff"; then
	cat "$WORK/code-diff" >&2
	fail "the HTML's code blocks are not the deck's (< in the deck's code, > in the HTML's)"
fi
pass "every code line of the deck ($(grep -c . "$WORK/code-lines")) is in a code block of the HTML, in order"
