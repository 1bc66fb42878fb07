#!/bin/bash
# code-installed.sh BIN SOURCE-DIR - an installed viewer shows the code with
# no source tree anywhere: it carries the lines it was built with.
#
# Installs into a folder of the test's own, then runs the installed viewer in
# a mount namespace of its own, where an empty tmpfs hides the source tree and
# the build folder, as on a machine that only has the installed programs.
set -u
BIN=$1
SRC=$2
. "$SRC/tests/viewer/lib.sh"
: "${DS_BUILD_DIR:?DS_BUILD_DIR must name the build folder}"
need unshare

prefix=$WORK/prefix
cmake --install "$DS_BUILD_DIR" --prefix "$prefix" >"$WORK/install.out" || fail "cmake --install failed"
cp "$SRC/tests/viewer/sample.log" "$WORK/sample.log"

# a mount namespace: as root, or as a user mapped to root in a user namespace
if unshare -m true 2>/dev/null; then
	hidden=(unshare -m)
elif unshare -rm true 2>/dev/null; then
	hidden=(unshare -rm)
else
	skip "no mount namespace can be made here (unshare -m and unshare -rm fail)"
fi

# without_sources COMMAND...: COMMAND where the build and the source tree are
# empty folders (the build first: it may be inside the tree)
without_sources() {
	SRC="$SRC" DS_BUILD_DIR="$DS_BUILD_DIR" "${hidden[@]}" sh -c '
		mount -t tmpfs -o ro tmpfs "$DS_BUILD_DIR" && mount -t tmpfs -o ro tmpfs "$SRC" &&
		! [ -e "$SRC/steps/step2-setsid.c" ] && ! [ -e "$DS_BUILD_DIR/steps" ] || exit 99
		exec "$@"' sh "$@"
}

without_sources "$prefix/bin/daemon-viewer" --dump --code --run 20260101-100000-200 \
	"$WORK/sample.log" >"$WORK/dump" 2>"$WORK/stderr"
status=$?
[ "$status" -ne 99 ] || fail "could not hide the source tree and the build"
[ "$status" -eq 0 ] || fail "the installed daemon-viewer --dump --code exited $status"

setsid_line=$(grep -n 'if (setsid() == -1) {' "$SRC/steps/step2-setsid.c" | cut -d: -f1)
grep -qE '^steps/step2-setsid\.c, main\(\), lines [0-9]+-[0-9]+$' "$WORK/dump" ||
	fail "the installed viewer names no step2-setsid.c"
grep -qxF "$setsid_line > if (setsid() == -1) {" "$WORK/dump" ||
	fail "the installed viewer does not mark line $setsid_line, setsid()"
pass "the installed viewer, with no source tree, shows step 2's code with setsid() marked"
