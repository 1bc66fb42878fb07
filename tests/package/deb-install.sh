#!/usr/bin/env bash
# deb-install.sh [BUILD-DIR] - the lab's package, as a lab's admin uses it, on
# this machine's real system: builds it as the README says (in BUILD-DIR,
# default build-package), installs it with apt-get, runs the installed
# programs from /usr/bin with nothing of the source tree in their PATH, removes
# it, and checks that no file of it is left.
#
# It installs into /usr: run it as root on a machine of its own (CI's, from
# .ci/run), not as a test of the suite. It can run again: a daemon-steps
# package an earlier run left is purged first, and each daemon it starts is
# stopped by its PID.
set -euo pipefail
exec </dev/null
cd "$(dirname "$0")/../.."
build=${1:-build-package}
started=$SECONDS

fail() {
	echo "deb-install: FAIL: $*" >&2
	exit 1
}
pass() {
	echo "deb-install: ok ($((SECONDS - started)) s): $*"
}
installed() {
	dpkg-query -W -f='${db:Status-Status}' daemon-steps 2>/dev/null | grep -qx installed
}
[ "$(id -u)" = 0 ] || fail "run as root: it installs the package into /usr"

work=$(mktemp -d /tmp/deb-install-XXXXXX)
daemons=""
cleanup() {
	local pid
	for pid in $daemons; do kill -TERM "$pid" 2>/dev/null || true; done
	if installed; then apt-get purge -y -qq daemon-steps >/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

if installed; then
	echo "deb-install: purging the daemon-steps package an earlier run left"
	apt-get purge -y -qq daemon-steps >/dev/null
fi

# --- built as the README says ------------------------------------------------
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >"$work/cmake.out" ||
	{ cat "$work/cmake.out" >&2; fail "cmake failed"; }
rm -f "$build"/daemon-steps_*.deb
cmake --build "$build" --target package >"$work/package.out" 2>&1 ||
	{ cat "$work/package.out" >&2; fail "cmake --build $build --target package failed"; }
deb=$(cd "$build" && pwd)/daemon-steps_$(sed -nE 's/^project\(daemon-steps VERSION ([0-9.]+).*/\1/p' CMakeLists.txt)_$(dpkg --print-architecture).deb
[ -f "$deb" ] || fail "no package $deb (CPack said: $(tail -n 1 "$work/package.out"))"
depends=$(dpkg-deb -f "$deb" Depends)
case $depends in
*libncursesw6*) pass "$(basename "$deb"), $(stat -c %s "$deb") bytes, depends on: $depends" ;;
*) fail "the package does not depend on ncurses: Depends: $depends" ;;
esac

# --- installed ------------------------------------------------------------------
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.out" 2>&1 ||
	{ cat "$work/apt.out" >&2; fail "apt-get install $deb failed"; }
installed || fail "dpkg does not list daemon-steps as installed"
dpkg -L daemon-steps >"$work/files"
for file in /usr/bin/daemon-demo /usr/bin/daemon-viewer /usr/bin/daemon-trace /usr/bin/step1-fork \
	/usr/bin/heartbeatd /usr/share/man/man1/daemon-demo.1 /usr/share/man/man7/daemon-steps.7 \
	/usr/share/doc/daemon-steps/README.md /usr/share/doc/daemon-steps/exercise/mydaemon.c \
	/usr/share/doc/daemon-steps/slides/daemon-steps.md /usr/share/doc/daemon-steps/gallery/nginx.html; do
	grep -qxF "$file" "$work/files" && [ -e "$file" ] || fail "not installed: $file"
done
# a lab machine presents the deck from the package: its scripts come with it
for script in present.sh show.sh notes.sh html.sh; do
	[ -x "/usr/share/doc/daemon-steps/slides/$script" ] || fail "not installed as a program: slides/$script"
done
(cd "$work" && /usr/share/doc/daemon-steps/slides/notes.sh list /usr/share/doc/daemon-steps/slides/daemon-steps.md) \
	>"$work/notes.out" 2>&1 && grep -q . "$work/notes.out" ||
	{ cat "$work/notes.out" >&2; fail "the installed notes.sh lists no speaker notes"; }
# real-daemons.md's links to the gallery hold
pages=$(grep -o '(gallery/[a-z0-9-]*\.html)' /usr/share/doc/daemon-steps/real-daemons.md | tr -d '()' | sort -u)
[ -n "$pages" ] || fail "real-daemons.md links no gallery page"
for page in $pages; do
	[ -f "/usr/share/doc/daemon-steps/$page" ] || fail "real-daemons.md links $page, not installed"
done
pass "the slides' scripts and the $(wc -w <<<"$pages") gallery pages real-daemons.md links are installed"
pass "installed: $(grep -c '^/usr/bin/' "$work/files") programs, $(grep -c '^/usr/share/man/' "$work/files") entries under /usr/share/man, $(grep -c '^/usr/share/doc/' "$work/files") under /usr/share/doc"

# The installed programs, run as a user would: from a folder of their own,
# with only the system's PATH, a log and a runtime folder of this run's.
as_user() {
	(cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" TMPDIR="$work" LANG=C.UTF-8 \
		DAEMON_STEPS_LOG="$work/log" "$@")
}
# pid_of_heartbeatd RUN: the PID of heartbeatd's last record in RUN
pid_of_heartbeatd() {
	grep "run=$1 .*prog=heartbeatd " "$work/log" | tail -n 1 | sed -E 's/.* pid=([0-9]+) .*/\1/'
}
# stop PID: a daemon this script started, running the installed program EXE
stop() {
	local exe
	exe=$(readlink "/proc/$1/exe") || fail "PID $1 is not running"
	[ "$exe" = "$2" ] || fail "PID $1 runs $exe, not $2"
	kill -TERM "$1"
	for _ in $(seq 100); do
		[ -e "/proc/$1" ] && [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" != Z ] || return 0
		sleep 0.05
	done
	fail "PID $1 ($2) did not stop within 5 s"
}

status=0
as_user daemon-demo --no-viewer --seconds 20 >"$work/demo.out" 2>&1 || status=$?
[ "$status" = 0 ] || { cat "$work/demo.out" >&2; fail "daemon-demo --no-viewer exited $status"; }
grep -q "^Replay it: /usr/bin/daemon-viewer --run " "$work/demo.out" ||
	{ cat "$work/demo.out" >&2; fail "daemon-demo names no installed viewer"; }
run=$(sed -nE 's|^Replay it: /usr/bin/daemon-viewer --run ([^ ]+) .*|\1|p' "$work/demo.out")
heartbeatd=$(pid_of_heartbeatd "$run")
daemons=$heartbeatd
stop "$heartbeatd" /usr/bin/heartbeatd
pass "daemon-demo --no-viewer ran the installed chain: its daemon $heartbeatd was /usr/bin/heartbeatd"

as_user daemon-viewer --dump --code --run "$run" "$work/log" >"$work/dump" 2>&1 ||
	{ cat "$work/dump" >&2; fail "daemon-viewer --dump --code failed"; }
grep -qE '^steps/step2-setsid\.c, main\(\), lines [0-9]+-[0-9]+$' "$work/dump" &&
	grep -qE '^ *[0-9]+ > if \(setsid\(\) == -1\) \{$' "$work/dump" ||
	fail "the installed daemon-viewer shows no code of step2-setsid.c with setsid() marked"
pass "the installed daemon-viewer shows each step's code (step2-setsid.c, setsid() marked)"

status=0
as_user daemon-trace -- step1-fork step2-setsid step3-fork-again step4-chdir step5-umask \
	step6-close-fds step7-reopen-stdio heartbeatd --seconds 20 >"$work/trace.out" 2>&1 || status=$?
heartbeatd=$(sed -nE 's/^daemon-trace: the process that stayed: PID ([0-9]+) \(heartbeatd\).*/\1/p' "$work/trace.out")
daemons=$heartbeatd
[ "$status" = 0 ] && grep -qx "daemon-trace: verdict: a daemon: every item passes" "$work/trace.out" ||
	{ cat "$work/trace.out" >&2; fail "daemon-trace of the installed chain exited $status"; }
stop "$heartbeatd" /usr/bin/heartbeatd
pass "daemon-trace -- step1-fork ... heartbeatd: a daemon, every item passes (exit 0)"

page=$(as_user man -w daemon-demo) || fail "man finds no page for daemon-demo"
[ "$page" = /usr/share/man/man1/daemon-demo.1 ] || fail "man daemon-demo finds $page"
as_user man daemon-demo 2>/dev/null | grep -q "^NAME" || fail "man daemon-demo shows no NAME section"
pass "man daemon-demo shows $page"

# --- removed, with nothing left -----------------------------------------------
apt-get purge -y -qq daemon-steps >"$work/apt.out" 2>&1 ||
	{ cat "$work/apt.out" >&2; fail "apt-get purge daemon-steps failed"; }
! installed || fail "dpkg still lists daemon-steps as installed"
while IFS= read -r path; do
	[ -e "$path" ] || [ -L "$path" ] || continue
	# a folder the system has anyway (/usr/bin) stays, one of its own does not
	[ -d "$path" ] && dpkg -S "$path" >/dev/null 2>&1 || fail "left after the removal: $path"
done <"$work/files"
pass "removed: none of its $(wc -l <"$work/files") paths is left, but the system's own folders"
