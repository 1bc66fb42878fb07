# html-pages.sh - what the web page's tests share (html.sh, html-browser.sh):
# the pages of real runs. Sourced after lib.sh, with BIN and SRC set.
#
# make_pages: one log with two runs, daemon-demo --skip 3 (step 3 left out)
# and daemon-trace -- setsid -f sleep 30 (a real program: steps 3 to 7 never
# done), their pages $WORK/demo.html (by --run) and $WORK/traced.html (the
# newest run); and $WORK/hostile.html, of the demo's log with markup and
# script in its values. Sets DEMO_RUN and TRACED_RUN, and STEP2_SID_OLD and
# STEP2_SID_NEW, the SID before and after the demo's setsid().
make_pages() {
	local daemon
	(cd "$WORK" && DAEMON_STEPS_LOG=$LOG "$BIN/daemon-demo" --no-viewer --skip 3 --seconds 1 \
		>"$WORK/demo.out" 2>&1 </dev/null) || fail "daemon-demo failed: $(cat "$WORK/demo.out")"
	poll_until 20 grep -q "prog=heartbeatd .*event=exit" "$LOG" ||
		fail "the demo's heartbeatd never recorded its exit"
	DEMO_RUN=$(sed -n '1s/.* run=\([^ ]*\) .*/\1/p' "$LOG")
	# sleep 30, stopped by its PID once judged: a sleep 1 could end before
	# daemon-trace settled on a loaded machine, and then no daemon stayed
	DAEMON_STEPS_LOG=$LOG "$BIN/daemon-trace" -- setsid -f sleep 30 >"$WORK/trace.out" 2>&1 </dev/null
	daemon=$(sed -n 's/.* event=verdict .* daemon=\([0-9]*\).*/\1/p' "$LOG")
	[ -n "$daemon" ] || fail "daemon-trace gave no verdict naming the daemon: $(cat "$WORK/trace.out")"
	kill "$daemon"
	poll_until 10 is_dead "$daemon" || fail "the traced sleep, PID $daemon, did not stop"
	TRACED_RUN=$(sed -n '$s/.* run=\([^ ]*\) .*/\1/p' "$LOG")
	[ "$TRACED_RUN" != "$DEMO_RUN" ] || fail "the demo and the trace wrote one run, $DEMO_RUN"

	STEP2_SID_OLD=$(sed -n "s/.* run=$DEMO_RUN .* step=2 event=start .* sid=\([0-9]*\) .*/\1/p" "$LOG")
	STEP2_SID_NEW=$(sed -n "s/.* run=$DEMO_RUN .* step=2 event=after .* sid=\([0-9]*\) .*/\1/p" "$LOG")
	[ -n "$STEP2_SID_OLD" ] && [ -n "$STEP2_SID_NEW" ] || fail "the demo's log has no step 2"

	"$BIN/daemon-viewer" --html "$WORK/demo.html" --run "$DEMO_RUN" "$LOG" ||
		fail "daemon-viewer --html --run $DEMO_RUN exited $?"
	"$BIN/daemon-viewer" --html "$WORK/traced.html" "$LOG" || fail "daemon-viewer --html exited $?"

	# the demo's run with hostile values: a program's name, a directory
	# and a run's id that would be markup, were they not escaped, and a
	# name with a reference and an apostrophe, which would show otherwise
	grep "run=$DEMO_RUN " "$LOG" |
		sed -e 's|prog=step4-chdir|prog="<script>window.pwned=1</script>"|' \
		    -e "s|prog=step5-umask|prog=\"Tom's\\&amp;Jerry\"|" \
		    -e 's|cwd=/ |cwd="\\"><img src=x onerror=window.pwned=2>" |' \
		    -e "s|run=$DEMO_RUN|run=</title><b>run</b>|" >"$WORK/hostile.log"
	"$BIN/daemon-viewer" --html "$WORK/hostile.html" "$WORK/hostile.log" ||
		fail "daemon-viewer --html of the hostile log exited $?"
}
