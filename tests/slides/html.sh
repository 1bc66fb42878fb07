#!/usr/bin/env bash
# html: slides/html.sh makes the HTML deck with pandoc, offline: one file,
# every slide in it, the speaker notes and mdp's header lines not, and no
# script or stylesheet fetched from the network. Skipped (status 77) when
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
# pandoc adds a title slide of its own.
expect "slides in the HTML (the deck's and pandoc's title slide)" "$sections" "$((${#headings[@]} + 1))"
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
