#!/usr/bin/env bash
# html-browser: the HTML deck (slides/html.sh) in a real browser, Debian's
# chromium driven by puppeteer-core (html-browser.js), in a 1280x800 window:
# every slide, reached with the Right arrow key, shows all of its text inside
# the window and the slide, its code lines unwrapped, no text too small.
# Screenshots of slides 4, 13 and 27 (and of any slide that fails) are kept in
# the build, in tests/slides/html-screens/, to look at. Skipped (status 77)
# when pandoc, chromium, node or the node modules (npm ci in tests/slides)
# are missing.
#
# Usage: html-browser.sh SOURCE-DIR
. "$(dirname "$0")/lib.sh"
need pandoc
command -v node >/dev/null || skip "node not installed (sudo apt-get install nodejs npm)"
[ -x /usr/bin/chromium ] || skip "chromium not installed (sudo apt-get install chromium)"
tests=$SOURCE_DIR/tests/slides
[ -d "$tests/node_modules/puppeteer-core" ] ||
	skip "puppeteer-core not installed (cd tests/slides && PUPPETEER_SKIP_DOWNLOAD=1 npm ci)"

out=$WORK/deck.html
bash "$SLIDES/html.sh" "$DECK" "$out" || fail "slides/html.sh failed"

# The browser never outlives the test (tests/lib.sh's stop_browser).
CLEANUPS="stop_browser $CLEANUPS"

shots=${DS_BUILD_DIR:?}/tests/slides/html-screens
rm -rf "$shots"
# No network: the deck must need none; chromium's own calls home are off too.
mkdir "$WORK/home"
HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_CACHE_HOME=$WORK/home/.cache \
	http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
	timeout 100 node "$tests/html-browser.js" "$out" "$WORK/chromium-profile" "$WORK/browser.pid" \
	"$shots" 4 13 27 || {
	status=$?
	[ $status != 124 ] || fail "html-browser.js did not finish in 100 s"
	fail "the HTML deck does not fit a 1280x800 window (above; status $status)"
}
[ -s "$WORK/browser.pid" ] || fail "html-browser.js did not say which chromium it started"
for n in 4 13 27; do
	[ -s "$shots/slide-$n.png" ] || fail "no screenshot of slide $n"
done
pass "screenshots of slides 4, 13 and 27 in $shots"
poll_until 10 browser_gone || fail "chromium still runs after the script closed it: $(browser_processes)"
pass "chromium ended with the script"
