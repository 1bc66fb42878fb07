#!/usr/bin/env bash
# notes: the speaker notes (HTML comments, which mdp would show) are taken
# out of what the class sees and can be listed for the teacher; show.sh and
# present.sh refuse clearly when they cannot work, instead of letting mdp
# spin without a terminal. Needs neither mdp nor tmux.
#
# Usage: notes.sh SOURCE-DIR
. "$(dirname "$0")/lib.sh"

shown=$WORK/deck.md
bash "$SLIDES/notes.sh" strip "$DECK" >"$shown"
notes=$(grep -c -E '^[ \t]*<!--' "$DECK" || true)
[ "$notes" -ge 10 ] || fail "only $notes speaker notes in the deck"
grep -n -E '<!--|-->' "$shown" && fail "a note is left in the deck as shown"
pass "$notes notes, none left in the deck as shown"

# Stripping only removes lines: every other line is kept, in order.
diff <(awk '!n && /^[ \t]*<!--/ { n = 1 } !n { print } n && /-->/ { n = 0 }' "$DECK" | grep -v '^$') \
	<(grep -v '^$' "$shown") >/dev/null || fail "stripping changed lines other than notes"
# and a slide separator still follows an empty line.
awk 'prev != "" && /^---+$/ { bad = 1 } { prev = $0 } END { exit bad }' "$shown" ||
	fail "a separator lost its empty line"
pass "the rest of the deck is kept as written"

listed=$(bash "$SLIDES/notes.sh" list "$DECK")
grep -q -F '[1] How a program becomes a daemon' <<<"$listed" || fail "notes.sh list lacks slide 1's note"
grep -q -F 'let the room answer' <<<"$listed" || fail "notes.sh list lacks the pop quiz note"
# the gallery's markers (<!-- gallery: slide -->, for make-gallery.sh) are no notes
grep -q -F 'gallery' <<<"$(grep -v 'docs/real-daemons.md' <<<"$listed")" &&
	fail "notes.sh list shows the gallery's markers as notes: $(grep -F gallery <<<"$listed")"
pass "notes.sh list shows the notes by slide"

head -n 4 < <(bash "$SLIDES/notes.sh" pandoc "$DECK") >"$WORK/head"
expect "pandoc's metadata block" "$(cat "$WORK/head")" \
	"$(printf '%s\n' --- "pagetitle: 'How a program becomes a daemon'" "author-meta: 'daemon-steps'" ---)"

# show.sh (the `slides` target) without a terminal: a clear refusal, at once.
status=0
timeout 10 bash "$SLIDES/show.sh" "$DECK" </dev/null >"$WORK/out" 2>&1 || status=$?
expect "show.sh without a terminal: status" "$status" 1
grep -q -E 'need[s]? a terminal|mdp is not installed' "$WORK/out" ||
	fail "show.sh did not say why: $(cat "$WORK/out")"
pass "show.sh refuses: $(head -n 1 "$WORK/out")"

# show.sh and present.sh without mdp (PATH without it): how to install it.
nomdp=$WORK/bin
mkdir -p "$nomdp"
for tool in bash awk cat mktemp rm dirname sed tr grep timeout; do
	ln -s "$(command -v "$tool")" "$nomdp/$tool"
done
status=0
PATH=$nomdp timeout 10 bash "$SLIDES/show.sh" "$DECK" </dev/null >"$WORK/out" 2>&1 || status=$?
expect "show.sh without mdp: status" "$status" 1
grep -q -F 'sudo apt-get install mdp' "$WORK/out" || fail "show.sh without mdp did not say how to install it"
status=0
PATH=$nomdp timeout 10 bash "$SLIDES/present.sh" --no-attach </dev/null >"$WORK/out" 2>&1 || status=$?
expect "present.sh without mdp and tmux: status" "$status" 1
grep -q -F 'sudo apt-get install mdp tmux' "$WORK/out" || fail "present.sh did not say how to install them"
pass "without mdp, both say: sudo apt-get install ..."

status=0
bash "$SLIDES/present.sh" --no-such-option >/dev/null 2>&1 || status=$?
expect "present.sh with a bad option: status" "$status" 2
