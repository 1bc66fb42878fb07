#!/usr/bin/env bash
# cmake --install puts the programs, the manual pages and the docs in place,
# and the installed chain finds its steps beside each other.
. "$(dirname "$0")/../lib.sh"

: "${DS_BUILD_DIR:?}"
prefix=$WORK/prefix
cmake --install "$DS_BUILD_DIR" --prefix "$prefix" >"$WORK/install.out" || fail "cmake --install failed"
for file in bin/step1-fork bin/step7-reopen-stdio bin/heartbeatd bin/popquiz bin/daemon-demo \
	bin/daemon-viewer bin/daemon-trace share/man/man1/daemon-demo.1 share/man/man1/daemon-viewer.1 \
	share/man/man1/daemon-trace.1 share/doc/daemon-steps/trace.md \
	share/man/man1/popquiz.1 share/man/man7/daemon-steps.7 share/doc/daemon-steps/log-format.md; do
	[ -e "$prefix/$file" ] || fail "not installed: $file"
done
pass "programs, manual pages and docs are installed"
for file in logq test-logfmt bare-step trace-ticker deny-ptrace trace-waiter; do
	[ ! -e "$prefix/bin/$file" ] || fail "a test helper was installed: $file"
done
pass "no test helper is installed"
expect "the installed chain runs, finding step5-umask beside step4-chdir" \
	"$(cd / && env PATH=/usr/bin:/bin DAEMON_STEPS_LOG="$LOG" "$prefix/bin/step4-chdir" step5-umask --mask 022 | tail -n 1)" \
	"step5-umask: no next program to run; stopping here."
