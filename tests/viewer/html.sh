#!/bin/bash
# html.sh BIN SOURCE-DIR - daemon-viewer --html writes one self-contained,
# escaped web page of the same frames as --dump, without a browser (the
# browser's test is html-browser.sh).
#
# Pages of a real demo run (step 3 left out) and of a traced setsid -f, and
# of a log with markup and script in its values: nothing is loaded from
# elsewhere (no URL, no src= or href=, no <link>), the page's one script is
# its own, the log's markup is text; each frame's headline, timeline and
# changed fields are --dump's; --normalize hides the run's IDs; bad uses of
# --html are refused.
set -u
BIN=$1
SRC=$2
. "$SRC/tests/viewer/lib.sh"
. "$SRC/tests/viewer/html-pages.sh"

make_pages

for page in demo traced hostile; do
	file=$WORK/$page.html
	# (escaped text has no '<': an attribute in a tag is markup)
	outside=$(grep -Eio 'https?:|ftp:|//[a-z0-9.-]+/|url\(|@import|<(link|iframe|object|embed|img|base)|<[a-z][^>]*[[:space:]](src|href|action|srcset|formaction)=' "$file" | sort -u | tr '\n' ' ')
	[ -z "$outside" ] || fail "the $page page refers to something outside it: $outside"
	scripts=$(grep -o '<script' "$file" | wc -l)
	[ "$scripts" = 1 ] || fail "the $page page has $scripts <script> elements, not its own one"
	grep -q '^<style>$' "$file" || fail "the $page page has no inline style"
	tail -n1 "$file" | grep -qx '</html>' || fail "the $page page does not end with </html>"
done
pass "the three pages load nothing from elsewhere: inline style, one inline script, no URL, src= or href="
# the legend explains the diagram's marks, a box titled "group ?" among them
for mark in '<dt>SL  GL</dt>' '<dt>group 5075, group ?</dt>'; do
	grep -qF "$mark" "$WORK/demo.html" || fail "the page's legend lacks $mark"
done
pass "the legend explains SL, GL and a box titled group ?"

hostile=$WORK/hostile.html
grep -qF '&lt;script&gt;window.pwned=1&lt;/script&gt;' "$hostile" ||
	fail "the hostile program name is not in the page as escaped text"
grep -qF '&quot;&gt;&lt;img src=x onerror=window.pwned=2&gt;' "$hostile" ||
	fail "the hostile directory is not in the page as escaped text"
grep -qF ': &lt;/title&gt;&lt;b&gt;run&lt;/b&gt; (daemon-viewer)</title>' "$hostile" ||
	fail "the hostile run id is not escaped in the title"
grep -qF 'Tom&#39;s&amp;amp;Jerry' "$hostile" ||
	fail "the program named Tom's&amp;Jerry is not in the page as escaped text"
if grep -q "pwned=[12]</script>\\|<img\\|<b>run\\|Tom's\\|s&amp;Jerry" "$hostile"; then
	fail "a hostile value reached the page as markup: $(grep -o '.\{20\}pwned.\{20\}' "$hostile" | head -3)"
fi
pass "the hostile log's <script>, \"><img onerror>, </title>, ' and &amp; are escaped text"

# The same frames as --dump: as many, each with the dump's headline, and the
# timeline's marks
dump=$WORK/demo.txt
"$BIN/daemon-viewer" --dump --width 400 --run "$DEMO_RUN" "$LOG" >"$dump" ||
	fail "daemon-viewer --dump exited $?"
frames=$(sed -n "s/^run $DEMO_RUN: [0-9]* records in \([0-9]*\) frames$/\1/p" "$dump")
sections=$(grep -c '^<section class="frame" id="frame-[0-9]*">$' "$WORK/demo.html")
expect "frames in the page, as --dump counts them" "$sections" "$frames"
unescape() { sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g'; }
sed -n 's|^<h2><span class="count">Frame [0-9/]*</span> <span class="who">\(.*\)</span> <span class="what[^"]*">\(.*\)</span></h2>$|\1 \2|p' \
	"$WORK/demo.html" | unescape >"$WORK/page-headlines"
awk '/^--- frame /{getline; getline; sub(/ +frame [0-9]+\/[0-9]+$/, ""); print}' "$dump" >"$WORK/dump-headlines"
n=0
while IFS= read -r headline && IFS= read -r dumped <&3; do
	n=$((n + 1))
	case "$dumped" in
	"$headline"*) ;;
	*) fail "frame $n: the page's headline '$headline' is not the dump's '$dumped'" ;;
	esac
done <"$WORK/page-headlines" 3<"$WORK/dump-headlines"
expect "frames whose headline is the dump's" "$n" "$frames"

# the frame of step 2's setsid(): its timeline marks step 2 current and
# step 3 left out, its SID row changed, old and new value
awk '/^<section /{frame=$0} /<li class="stop current" aria-current="step">\[2 setsid\]/{print frame; exit}' \
	"$WORK/demo.html" | grep -q 'id="frame-' || fail "no frame marks [2 setsid] current"
sed -n '/^<section class="frame" id="frame-[0-9]*">$/,/^<\/section>$/p' "$WORK/demo.html" |
	awk -v old="$STEP2_SID_OLD" -v new="$STEP2_SID_NEW" '
	/\[2 setsid\]/ { step2 = 1 }
	step2 && /<th scope="row">SID<\/th>/ && $0 ~ "<tr class=\"changed\"><td class=\"mark\">\\*</td>" &&
		index($0, "was</span> <del class=\"old\">" old "</del>") && index($0, "now</span> <ins class=\"new\">" new " (leader)</ins>") { found = 1; exit }
	/^<\/section>$/ { step2 = 0 }
	END { exit !found }' ||
	fail "step 2's frame does not mark SID changed from $STEP2_SID_OLD to $STEP2_SID_NEW"
pass "step 2's frame: [2 setsid] current, SID marked * $STEP2_SID_OLD -> $STEP2_SID_NEW (leader)"
left_out=$(grep -c '<li class="stop left-out">(3 fork)' "$WORK/demo.html")
expect "frames whose timeline shows step 3 left out" "$left_out" "$frames"
grep -q '<button type="button" data-key="3" class="absent" data-why="step 3 was left out in this run (--skip 3)">' \
	"$WORK/demo.html" || fail "the step button 3 does not say why the run has no step 3"
pass "the step button 3 says why there is no step 3"
grep -q 'class="process ghost">x [0-9]* step1-fork GL exited' "$WORK/demo.html" ||
	fail "no frame shows the first step1-fork as a ghost"
grep -q 'class="process current">&gt; [0-9]* heartbeatd' "$WORK/demo.html" ||
	fail "no frame marks heartbeatd as its process"
pass "ghosts and the frame's process are marked in the boxes"

grep -q "<h1>daemon-trace: setsid: the replay of run $TRACED_RUN</h1>" "$WORK/traced.html" ||
	fail "the page without --run is not the newest run's, $TRACED_RUN, headed by the program traced"
grep -q "<title>daemon-trace: setsid: $TRACED_RUN (daemon-viewer)</title>" "$WORK/traced.html" ||
	fail "the traced run's page is not titled by the program traced (tabs of handouts look alike)"
grep -q '<span class="who">sleep [0-9]*:</span>' "$WORK/traced.html" ||
	fail "the traced run's page does not show the sleep"
pass "the newest run, the traced setsid -f sleep, is the page without --run"

# stdout, and what --html refuses
"$BIN/daemon-viewer" --html - --run "$DEMO_RUN" "$LOG" >"$WORK/stdout.html" || fail "--html - exited $?"
cmp -s "$WORK/stdout.html" "$WORK/demo.html" || fail "--html - does not write the page --html FILE writes"
pass "--html - writes the page to stdout"
"$BIN/daemon-viewer" --html "$WORK/x.html" --dump "$LOG" >/dev/null 2>"$WORK/err"
expect "--html with --dump: exit status" "$?" 2
grep -q "not with --dump" "$WORK/err" || fail "--html with --dump says: $(cat "$WORK/err")"
"$BIN/daemon-viewer" --html "$WORK/no/such/folder/x.html" "$LOG" 2>"$WORK/err"
expect "--html into a missing folder: exit status" "$?" 1
grep -q "cannot write $WORK/no/such/folder/x.html: No such file or directory" "$WORK/err" ||
	fail "--html into a missing folder says: $(cat "$WORK/err")"
"$BIN/daemon-viewer" --html "$WORK/x.html" --run no-such-run "$LOG" 2>/dev/null
expect "--html --run of a missing run: exit status" "$?" 3
"$BIN/daemon-viewer" --help | grep -q -- "--html FILE" || fail "--help does not name --html"
pass "--html's bad uses are refused, and --help names it"

# --normalize: the page names processes and times as --dump --normalize does
"$BIN/daemon-viewer" --html "$WORK/normalized.html" --normalize --run "$DEMO_RUN" "$LOG" ||
	fail "--html --normalize exited $?"
if grep -qw -e "$DEMO_RUN" -e "$STEP2_SID_NEW" "$WORK/normalized.html"; then
	fail "--html --normalize left the run's id or the daemon's session id in the page"
fi
grep -q '<span class="who">step2-setsid P[0-9]*:</span>' "$WORK/normalized.html" ||
	fail "--html --normalize does not name step2-setsid's process P<n>"
pass "--html --normalize names processes P<n> and hides the run's id"
