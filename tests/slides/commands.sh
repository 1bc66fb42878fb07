#!/usr/bin/env bash
# commands: every command that the slides, the README and docs/*.md quote
# exists in the build's bin folder and its options parse. Each one is run for
# real, in a sandbox of its own.
#
# Usage: commands.sh SOURCE-DIR
#
# Which lines are commands (kept simple on purpose):
#  1. Files: slides/*.md, README.md, docs/*.md.
#  2. Only lines of code blocks: inside ``` or ~~~ fences, or indented by at
#     least four spaces or a tab. Prose, and `inline code` in it, is skipped,
#     and so are fences marked as output, ```text.
#  3. A line ending in "\" goes on with the next line.
#  4. Leading blanks and a "$ " prompt are dropped. The first word must be one
#     of the project's programs (PROGRAMS below), bare or after a path to a
#     build's bin folder (./build/bin/, build-dev/bin/...); any other line is
#     skipped (cmake, ps, ExecStart=..., log records...).
#  5. The command ends at the first "#" that starts a word (a comment), or at
#     |, ;, &, < or >. Its words are split on blanks and taken literally.
#
# How each is run: with PROGRAM taken from the build's bin folder, in a
# folder of its own under DS_TEST_ROOT, with DAEMON_STEPS_LOG there, stdin
# /dev/null, stdout and stderr to files, under `timeout`. Added to it:
#  - daemon-demo (unless --stop): --no-viewer and --seconds 2, unless given,
#    and a --pause of 0.05 s for any number of seconds the text says (a
#    value that is not a number is kept, so that it fails as it should);
#  - daemon-viewer: --dump (it must print, not draw; not with --html, which
#    writes its page into the command's folder), and --follow and
#    --predict are dropped (they need a terminal; --follow never ends, and
#    viewer.predict-terminal runs --predict in one); it reads a log that a short
#    daemon-demo run made first, so it has something to show;
#  - heartbeatd as the command itself: --seconds 2, unless given.
# A command fails the test when its status is 2 (bad usage), 126 (cannot be
# executed), 127 (not found), or when it does not end in time. Any other
# status passes: `daemon-demo --stop` with nothing to stop is fine here.
# Afterwards every process carrying its DAEMON_STEPS_LOG is stopped: first
# heartbeatd, by the PID in heartbeatd.pid beside the log, with SIGTERM;
# any other that is left when the chain has had time to finish fails the
# test and is killed.
. "$(dirname "$0")/lib.sh"

PROGRAMS=" step1-fork step2-setsid step3-fork-again step4-chdir step5-umask
	step6-close-fds step7-reopen-stdio heartbeatd popquiz daemon-demo
	daemon-viewer "
COMMAND_TIMEOUT=90

# extract FILE: prints "FILE:LINE<TAB>COMMAND" for each command, rules 2 to 5.
extract() {
	awk -v file="${1#"$SOURCE_DIR"/}" -v programs="$PROGRAMS" '
		BEGIN {
			n = split(programs, list, /[ \t\n]+/)
			for (i = 1; i <= n; i++) if (list[i] != "") program[list[i]] = 1
		}
		/^[ \t]*(```|~~~)/ {
			if (!fenced) output = /(```|~~~)text/
			fenced = !fenced
			next
		}
		output && fenced { next }
		{
			code = fenced || /^(    |\t)/
			if (pending != "") { line = pending " " $0; pending = "" }
			else if (code) { line = $0; at = FNR }
			else next
			if (line ~ /\\[ \t]*$/) { sub(/\\[ \t]*$/, "", line); pending = line; next }
			sub(/^[ \t]+/, "", line)
			sub(/^\$ /, "", line)
			split(line, word, /[ \t]+/)
			name = word[1]
			if (name ~ /^(\.\/)?([^ \/]*\/)*build[^ \/]*\/bin\//) sub(/^.*\//, "", name)
			else if (!(name in program)) next
			sub(/(^|[ \t])#.*$/, "", line)
			sub(/[|;&<>].*$/, "", line)
			sub(/[ \t]+$/, "", line)
			sub(/^[^ \t]+/, name, line)
			printf "%s:%d\t%s\n", file, at, line
		}
	' "$1"
}

# sandbox_processes DIR: processes whose DAEMON_STEPS_LOG is in DIR.
sandbox_processes() {
	processes_with_log "$1/"
}

# stop_sandbox DIR: stops heartbeatd by its pid file, waits for the rest of
# a chain to finish; fails on anything still running after that. Done when
# two scans in a row, 0.2 s apart, find nothing: a chain forks twice, and its
# new child may be missed by a scan that was already under way.
stop_sandbox() {
	local dir=$1 deadline=$((SECONDS + 15)) pid left quiet=0
	while [ "$quiet" -lt 2 ]; do
		left=$(sandbox_processes "$dir")
		if [ -z "$left" ]; then
			quiet=$((quiet + 1))
			sleep 0.2
			continue
		fi
		quiet=0
		if [ -s "$dir/heartbeatd.pid" ]; then
			pid=$(tr -dc '0-9' <"$dir/heartbeatd.pid")
			if [ -n "$pid" ] && grep -qx "$pid" <<<"$left"; then
				kill -TERM "$pid" 2>/dev/null || true
			fi
		fi
		if [ "$SECONDS" -ge "$deadline" ]; then
			for pid in $left; do
				echo "left running: $(ps -o pid=,args= -p "$pid")" >&2
				kill -KILL "$pid" 2>/dev/null || true
			done
			return 1
		fi
		sleep 0.1
	done
}

# run_quoted WHERE COMMAND: runs one quoted command in a sandbox.
failures=0 count=0
run_quoted() {
	local where=$1 command=$2 dir status
	local -a words args
	read -r -a words <<<"$command"
	local name=${words[0]}
	args=("${words[@]:1}")
	count=$((count + 1))
	dir=$WORK/$count
	mkdir -p "$dir"

	case $name in
	daemon-demo)
		if [[ " ${args[*]} " != *" --stop "* ]]; then
			[[ " ${args[*]} " == *" --no-viewer "* ]] || args+=(--no-viewer)
			[[ " ${args[*]} " == *" --seconds "* ]] || args+=(--seconds 2)
		fi
		# a class's pause, seconds a step, parses as well as a short one
		local i
		for i in "${!args[@]}"; do
			if [ "${args[i]}" = --pause ] && [[ "${args[i + 1]:-}" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
				args[i + 1]=0.05
			fi
		done
		;;
	daemon-viewer)
		local -a kept=()
		local arg
		for arg in "${args[@]}"; do
			[ "$arg" = --follow ] || [ "$arg" = --predict ] || kept+=("$arg")
		done
		[[ " ${kept[*]} " == *" --html "* ]] || kept+=(--dump)
		args=("${kept[@]}")
		cp "$WORK/viewer.log" "$dir/log"
		;;
	heartbeatd)
		[[ " ${args[*]} " == *" --seconds "* ]] || args+=(--seconds 2)
		;;
	esac

	status=0
	(cd "$dir" && DAEMON_STEPS_LOG=$dir/log exec timeout -k 5 "$COMMAND_TIMEOUT" \
		"$DS_BIN/$name" "${args[@]}" </dev/null >"$dir/stdout" 2>"$dir/stderr") || status=$?
	local ran="$name${args[*]:+ ${args[*]}}"

	if ! stop_sandbox "$dir"; then
		echo "FAIL: $where: $command: ($ran) left processes running" >&2
		failures=$((failures + 1))
	fi
	case $status in
	2 | 126 | 127 | 124 | 137)
		local why
		case $status in
		2) why="bad usage" ;;
		126) why="cannot be executed" ;;
		127) why="not found in $DS_BIN" ;;
		124) why="did not end within $COMMAND_TIMEOUT s" ;;
		*) why="killed (by timeout -k, or from outside)" ;;
		esac
		echo "FAIL: $where: $command: status $status, $why (ran: $ran)" >&2
		sed 's/^/    stderr: /' "$dir/stderr" | head -n 5 >&2
		failures=$((failures + 1))
		;;
	*)
		echo "ok: $where: $command (status $status)"
		;;
	esac
}

# A log for the viewer's commands to read.
mkdir -p "$WORK/viewer"
DAEMON_STEPS_LOG=$WORK/viewer.log timeout 60 "$DS_BIN/daemon-demo" --no-viewer --seconds 1 \
	</dev/null >"$WORK/viewer/stdout" 2>&1 || fail "daemon-demo could not make a log for the viewer"
DAEMON_STEPS_LOG=$WORK/viewer.log "$DS_BIN/daemon-demo" --stop </dev/null >/dev/null 2>&1 || true
stop_sandbox "$WORK" || fail "the viewer's daemon-demo run left processes running"

files=("$SOURCE_DIR"/slides/*.md "$SOURCE_DIR/README.md" "$SOURCE_DIR"/docs/*.md)
quoted=$WORK/commands
for file in "${files[@]}"; do
	[ -e "$file" ] && extract "$file"
done >"$quoted"

echo "commands quoted in: ${files[*]#"$SOURCE_DIR"/}"
while read_fields where command; do
	run_quoted "$where" "$command"
done <"$quoted"

# The deck alone quotes more than a dozen: fewer means the extraction broke.
[ "$count" -ge 12 ] || fail "only $count commands found: is the extraction broken?"
[ "$failures" -eq 0 ] || fail "$failures of $count quoted commands failed"
pass "all $count quoted commands ran"
