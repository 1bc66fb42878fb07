#!/usr/bin/env bash
# cmake --install puts the programs, the manual pages and the docs in place,
# and the installed chain finds its steps beside each other. The build's bin
# folder holds exactly the programs that get installed (the test helpers are
# in build/tests/bin), so a user sees only their own programs there.
. "$(dirname "$0")/../lib.sh"

: "${DS_BUILD_DIR:?}"
prefix=$WORK/prefix
cmake --install "$DS_BUILD_DIR" --prefix "$prefix" >"$WORK/install.out" || fail "cmake --install failed"
for file in bin/step1-fork bin/step7-reopen-stdio bin/heartbeatd bin/popquiz bin/daemon-demo \
	bin/daemon-viewer bin/daemon-trace share/man/man1/daemon-demo.1 share/man/man1/daemon-viewer.1 \
	share/man/man1/daemon-trace.1 share/doc/daemon-steps/trace.md \
	share/man/man1/popquiz.1 share/man/man7/daemon-steps.7 share/doc/daemon-steps/log-format.md \
	share/doc/daemon-steps/exercise/README.md share/doc/daemon-steps/exercise/mydaemon.c \
	share/doc/daemon-steps/exercise/Makefile; do
	[ -e "$prefix/$file" ] || fail "not installed: $file"
done
pass "programs, manual pages and docs are installed"
for file in logq test-logfmt bare-step trace-ticker deny-ptrace trace-waiter; do
	[ ! -e "$prefix/bin/$file" ] || fail "a test helper was installed: $file"
done
pass "no test helper is installed"
names_in() { (cd "$1" && ls -A); }
built=$(names_in "$DS_BUILD_DIR/bin") installed=$(names_in "$prefix/bin")
if [ "$built" != "$installed" ]; then
	fail "$DS_BUILD_DIR/bin does not hold exactly the installed programs:" \
		"only in the build: $(comm -13 <(echo "$installed") <(echo "$built") | xargs)" \
		"(a test helper belongs in build/tests/bin; a file an older build left can go);" \
		"only installed: $(comm -23 <(echo "$installed") <(echo "$built") | xargs)"
fi
pass "the build's bin folder holds exactly the installed programs: $(echo $built)"
expect "the installed chain runs, finding step5-umask beside step4-chdir" \
	"$(cd / && env PATH=/usr/bin:/bin DAEMON_STEPS_LOG="$LOG" "$prefix/bin/step4-chdir" step5-umask --mask 022 | tail -n 1)" \
	"step5-umask: no next program to run; stopping here."

# man finds a page for every installed program, in section 1 (the commands'),
# and it renders: what a user types after installing
need man
for program in $installed; do
	page=$(man -M "$prefix/share/man" -w "$program" 2>"$WORK/man.err") ||
		fail "man -M $prefix/share/man $program finds no page: $(cat "$WORK/man.err")"
	[ "$page" = "$prefix/share/man/man1/$program.1" ] ||
		fail "man $program finds $page, not the page in section 1"
	man -M "$prefix/share/man" "$program" 2>/dev/null | grep -q "^NAME" ||
		fail "man $program shows no NAME section"
done
pass "man finds every installed program's page in section 1: $(echo $installed)"
