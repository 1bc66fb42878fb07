#!/usr/bin/env bash
# docs/pop-quiz.md quotes popquiz's output: it must still be what popquiz
# prints, but for the numbers (PIDs, terminals), which differ from run to run.
. "$(dirname "$0")/../lib.sh"

doc=$(dirname "$0")/../../docs/pop-quiz.md
numbers_as_n() { sed -E 's/[0-9]+/N/g'; }
sed -n '/<!-- popquiz-output -->/,/<!-- end of popquiz-output -->/p' "$doc" | sed '1,2d;$d' | sed '$d' |
	numbers_as_n >"$WORK/quoted"
[ -s "$WORK/quoted" ] || fail "no popquiz output quoted in $doc"
run_program popquiz | numbers_as_n >"$WORK/printed"
diff -u "$WORK/quoted" "$WORK/printed" || fail "docs/pop-quiz.md quotes an output popquiz no longer prints"
pass "docs/pop-quiz.md quotes popquiz as it prints today ($(wc -l <"$WORK/printed") lines)"
