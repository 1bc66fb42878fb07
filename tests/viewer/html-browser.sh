#!/bin/bash
# html-browser.sh BIN SOURCE-DIR - daemon-viewer --html's pages in a real
# browser: Debian's chromium driven by puppeteer-core (html-browser.js, which
# says what it checks), the package tests/slides installs for the slides'
# test (one node_modules for both: `PUPPETEER_SKIP_DOWNLOAD=1 npm ci` in
# tests/slides, as .ci/run does). The pages are of real runs (html-pages.sh).
# Screenshots at desktop and phone width are kept in the build, in
# tests/viewer/html-screens/, to look at. Skipped (status 77) when chromium,
# node or the node modules are missing.
set -u
BIN=$1
SRC=$2
. "$SRC/tests/viewer/lib.sh"
. "$SRC/tests/viewer/html-pages.sh"

command -v node >/dev/null || skip "node not installed (sudo apt-get install nodejs npm)"
[ -x /usr/bin/chromium ] || skip "chromium not installed (sudo apt-get install chromium)"
modules=$SRC/tests/slides/node_modules
[ -d "$modules/puppeteer-core" ] ||
	skip "puppeteer-core not installed (cd tests/slides && PUPPETEER_SKIP_DOWNLOAD=1 npm ci)"

# The browser never outlives the test (tests/lib.sh's stop_browser).
CLEANUPS="stop_browser $CLEANUPS"

make_pages

shots=${DS_BUILD_DIR:?}/tests/viewer/html-screens
rm -rf "$shots"
mkdir "$WORK/home"
# no network: the page needs none; chromium's own calls home go nowhere
HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_CACHE_HOME=$WORK/home/.cache \
	http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 NODE_PATH=$modules \
	timeout 100 node "$SRC/tests/viewer/html-browser.js" "$WORK/chromium-profile" \
	"$WORK/browser.pid" "$shots" "$WORK/demo.html" "$WORK/traced.html" "$WORK/hostile.html" \
	"$STEP2_SID_OLD" "$STEP2_SID_NEW"
status=$?
[ $status != 124 ] || fail "html-browser.js did not finish in 100 s"
[ $status = 0 ] || fail "the pages in chromium (above; status $status)"
for shot in demo-desktop demo-phone traced-desktop traced-phone; do
	[ -s "$shots/$shot.png" ] || fail "no screenshot $shot.png"
done
pass "screenshots in $shots"
poll_until 10 browser_gone || fail "chromium still runs after the script closed it: $(browser_processes)"
pass "chromium ended with the script"
