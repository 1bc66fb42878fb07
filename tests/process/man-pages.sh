#!/usr/bin/env bash
# Every manual page renders without a single warning from mandoc's linter
# (man --warnings and groff -ww only print, they cannot fail a test).
. "$(dirname "$0")/../lib.sh"

need mandoc
pages=("$(dirname "$0")"/../../docs/man/*.[1-9])
[ ${#pages[@]} -ge 4 ] || fail "expected the four manual pages, found ${#pages[@]}"
for page in "${pages[@]}"; do
	mandoc -T lint -W warning "$page" || fail "mandoc warns about $page"
	rendered=$(mandoc -T utf8 "$page" | col -b)
	grep -q "^NAME" <<<"$rendered" || fail "$page renders no NAME section"
	pass "${page##*/} renders cleanly"
done
