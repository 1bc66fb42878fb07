#!/usr/bin/env bash
# Fills the gallery of docs/real-daemons.md (and its slide in
# slides/daemon-steps.md) with what daemon-trace sees of real programs on this
# machine: each one is traced from the same caller, its verdict is turned into
# one row of the table, and the daemon it left is stopped by its PID. Where
# daemon-viewer can write a replay as a web page (its --help lists --html),
# each run's page is written to docs/gallery/NAME.html and the row links it.
#
#   make-gallery.sh BUILD-DIR           rewrite the table, the slide and the pages
#   make-gallery.sh BUILD-DIR --check   exit 1, with a diff, if the table or the
#                                       slide is stale (the pages are made in a
#                                       temporary folder, to see that they can be)
#
# The caller every program gets: a folder of its own (launch/), umask 0027, and
# a file it holds open on descriptor 7, so that a program that keeps any of them
# shows it; 0 on /dev/null, 1 and 2 on a file; no terminal. Servers get a
# configuration of their own, listening on 127.0.0.1 at a free high port, with
# every file they write in a temporary folder. What varies from run to run
# (PIDs, ports, times, paths) never reaches the table: its cells say whose PID,
# not which. The programs come from Debian packages (.ci/run installs them);
# without one, or when not root (the servers change user), --check exits 77,
# which CTest counts as skipped.
set -euo pipefail
build=$(cd "${1:?build folder}" && pwd)
bin=$build/bin
ticker=$build/tests/bin/trace-ticker
mode='write'
[ "${2:-}" = --check ] && mode=--check
docs=$(cd "$(dirname "$0")" && pwd)
deck=$docs/../slides/daemon-steps.md

# --- what it needs -----------------------------------------------------------
missing=()
for program in daemonize start-stop-daemon setsid nohup /usr/sbin/nginx /usr/sbin/dnsmasq \
	/usr/bin/memcached /usr/bin/redis-server /usr/sbin/rsyslogd; do
	command -v "$program" >/dev/null || missing+=("$program")
done
/usr/bin/python3 -c 'import daemon' 2>/dev/null || missing+=(python3-daemon)
if [ ${#missing[@]} -gt 0 ] || [ "$(id -u)" != 0 ]; then
	if [ ${#missing[@]} -gt 0 ]; then
		echo "make-gallery: not installed: ${missing[*]} (sudo apt-get install daemonize" \
			"python3-daemon nginx-light dnsmasq-base memcached redis-server rsyslog)" >&2
	else
		echo "make-gallery: the servers change user: run it as root" >&2
	fi
	[ "$mode" = --check ] && exit 77
	exit 1
fi

work=$(mktemp -d "${DS_TEST_ROOT:-${TMPDIR:-/tmp}}/gallery.XXXXXX")
daemons=()
# stop_daemon PID: SIGTERM, then SIGKILL if it is still there after 5 s; a
# zombie (PID 1 here reaps slowly) counts as gone
gone() { [ ! -e "/proc/$1" ] || [ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" = Z ]; }
stop_daemon() {
	local deadline=$((SECONDS + 5))
	kill -CONT "$1" 2>/dev/null || true
	kill -TERM "$1" 2>/dev/null || return 0
	until gone "$1"; do
		if [ "$SECONDS" -ge "$deadline" ]; then kill -KILL "$1" 2>/dev/null || true; return 0; fi
		sleep 0.05
	done
}
# memcached writes its pid file once it is user nobody, who cannot enter
# $work (mode 700 in the tests): its folder is one of nobody's outside it
shared=$(mktemp -d /tmp/ds-gallery-XXXXXX)
chmod 755 "$shared"
chown nobody "$shared"
cleanup() {
	local pid
	for pid in "${daemons[@]}"; do stop_daemon "$pid"; done
	rm -rf "$work" "$shared"
}
trap cleanup EXIT
# GALLERY_KEEP=1 keeps the folder of the runs, for a look at what was traced
[ -n "${GALLERY_KEEP:-}" ] && trap 'for pid in "${daemons[@]}"; do stop_daemon "$pid"; done; echo "make-gallery: kept $work $shared" >&2' EXIT

launch=$work/launch
leaked=$work/left-open-by-the-caller
mkdir "$launch"
: >"$leaked"

# free_port: a TCP and UDP port on which nothing here listens
free_port() {
	local port
	in_use() { grep -qi ":$(printf '%04X' "$1") " /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6; }
	port=$((40000 + RANDOM % 20000))
	while in_use "$port"; do port=$((40000 + RANDOM % 20000)); done
	echo "$port"
}

if "$bin/daemon-viewer" --help 2>/dev/null | grep -q -- '--html'; then
	pages=$docs/gallery
	[ "$mode" = --check ] && pages=$work/pages
	mkdir -p "$pages"
else
	pages=
fi

# trace NAME COMMAND...: COMMAND under daemon-trace, from the caller above,
# into $work/NAME.out and its own log $work/NAME.log; the daemon it left is
# stopped, its page written
trace() {
	local name=$1 daemon pid
	shift
	(
		for fd_path in /proc/$BASHPID/fd/*; do
			fd=${fd_path##*/}
			if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
		done
		cd "$launch" && umask 0027 && exec 7<"$leaked" &&
			DAEMON_STEPS_LOG=$work/$name.log exec "$bin/daemon-trace" -- "$@"
	) </dev/null >"$work/$name.out" 2>&1 || true
	daemon=$(sed -n 's/.*the process that stayed: PID \([0-9]*\) .*/\1/p' "$work/$name.out")
	if [ -n "$daemon" ]; then
		daemons+=("$daemon")
		stop_daemon "$daemon"
	fi
	# its workers end with it (nginx's); one still there after 5 s, with the
	# name the log gives it (not a process that took its PID since), is stopped
	sed -n 's/.* prog=\([^ ]*\) .* pid=\([0-9]*\) .*/\2 \1/p' "$work/$name.log" | sort -u |
	while read -r pid prog; do
		local deadline=$((SECONDS + 5))
		until gone "$pid" || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.05; done
		if ! gone "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "${prog:0:15}" ]; then
			echo "make-gallery: PID $pid ($prog) outlived the daemon: stopped" >&2
			stop_daemon "$pid"
		fi
	done
	if [ -n "$pages" ]; then
		"$bin/daemon-viewer" --html "$pages/$name.html" \
			--run "$(sed -n '1s/.* run=\([^ ]*\) .*/\1/p' "$work/$name.log")" "$work/$name.log"
	fi
}

# --- the programs ------------------------------------------------------------
# NAME|the table's name for it|the slide's|how it was started: in the table's order
rows=(
	"chain|daemon-steps' own chain|the chain|step1-fork step2-setsid ... step7-reopen-stdio heartbeatd"
	"daemon3|glibc daemon(3)|daemon(3)|the tests' ticker, calling daemon(0, 0) first"
	"daemonize|daemonize(1)|daemonize|daemonize PROGRAM"
	"start-stop-daemon|start-stop-daemon --background|start-stop-daemon|start-stop-daemon --start --background --make-pidfile --pidfile FILE --startas PROGRAM"
	"python-daemon|python3-daemon|python3-daemon|with daemon.DaemonContext(): os.execv(PROGRAM)"
	"setsid-f|setsid -f|setsid -f|setsid -f PROGRAM"
	"nohup|nohup ... &|nohup ... &|sh -c 'nohup PROGRAM >FILE 2>&1 &'"
	"nginx|nginx (web server)|nginx|nginx -c CONF, with daemon on (its default): a master, and a worker as nobody"
	"dnsmasq|dnsmasq (DNS server)|dnsmasq|dnsmasq --listen-address=127.0.0.1 --port=PORT --pid-file=FILE (it changes to nobody)"
	"memcached|memcached (cache)|memcached|memcached -d -l 127.0.0.1 -p PORT -P FILE -u nobody"
	"redis|redis-server (database)|redis-server|redis-server --daemonize yes --bind 127.0.0.1 --port PORT --pidfile FILE"
	"rsyslog|rsyslogd (syslog daemon)|rsyslogd|rsyslogd -f CONF -i FILE, a configuration with a TCP input and a file"
)

for row in "${rows[@]}"; do
	name=${row%%|*}
	port=$(free_port)
	files=$work/$name
	mkdir "$files"
	case $name in
	chain) PATH=$bin:$PATH trace "$name" step1-fork step2-setsid step3-fork-again step4-chdir \
		step5-umask step6-close-fds step7-reopen-stdio heartbeatd ;;
	daemon3) trace "$name" "$ticker" --daemon3 "$files/ticks" ;;
	daemonize) trace "$name" daemonize "$ticker" "$files/ticks" ;;
	start-stop-daemon) trace "$name" start-stop-daemon --start --background --make-pidfile \
		--pidfile "$files/pid" --startas "$ticker" -- "$files/ticks" ;;
	python-daemon) trace "$name" /usr/bin/python3 -c '
import daemon, os, sys
with daemon.DaemonContext():
    os.execv(sys.argv[1], sys.argv[1:])
' "$ticker" "$files/ticks" ;;
	setsid-f) trace "$name" setsid -f "$ticker" "$files/ticks" ;;
	nohup) trace "$name" /bin/sh -c 'nohup "$1" "$2" >"$3" 2>&1 &' sh \
		"$ticker" "$files/ticks" "$files/nohup.out" ;;
	nginx)
		cat >"$files/nginx.conf" <<-EOF
			# paths quoted: a build folder may have spaces (the tests' has)
			daemon on;
			pid "$files/pid";
			error_log "$files/error.log";
			events { worker_connections 16; }
			http {
			  access_log off;
			  client_body_temp_path "$files/body";
			  proxy_temp_path "$files/proxy";
			  fastcgi_temp_path "$files/fastcgi";
			  uwsgi_temp_path "$files/uwsgi";
			  scgi_temp_path "$files/scgi";
			  server { listen 127.0.0.1:$port; root "$files"; }
			}
		EOF
		trace "$name" /usr/sbin/nginx -c "$files/nginx.conf" -p "$files/" -e "$files/error.log" ;;
	dnsmasq) trace "$name" /usr/sbin/dnsmasq --conf-file=/dev/null --no-resolv --no-hosts \
		--bind-interfaces --listen-address=127.0.0.1 --port="$port" --pid-file="$files/pid" \
		--address=/gallery.test/127.0.0.9 ;;
	memcached) trace "$name" /usr/bin/memcached -d -l 127.0.0.1 -p "$port" -U 0 -P "$shared/pid" -u nobody ;;
	redis) trace "$name" /usr/bin/redis-server --daemonize yes --bind 127.0.0.1 --port "$port" \
		--pidfile "$files/pid" --dir "$files" --logfile "$files/redis.log" --save '' --appendonly no ;;
	rsyslog)
		cat >"$files/rsyslog.conf" <<-EOF
			global(workDirectory="$files")
			module(load="imtcp")
			input(type="imtcp" address="127.0.0.1" port="$port")
			*.* action(type="omfile" file="$files/messages")
		EOF
		trace "$name" /usr/sbin/rsyslogd -f "$files/rsyslog.conf" -i "$files/pid" ;;
	esac
done

# --- the rows ----------------------------------------------------------------
# cells NAME: the row of $work/NAME.out, "|"-separated: path, the 8 items, pid
# file, readiness, verdict. rsyslogd's first process waits in pselect6() on a
# pipe, then reads the byte the daemon wrote; daemon-trace sees the wait only
# when its read() begins before the daemon closes its end (a race; trace.md,
# Limits), so its row says what strace shows whichever way the race went
cells() {
	local unseen_wait=
	[ "$1" = rsyslog ] && unseen_wait="waits on a pipe, until a byte comes (seen by daemon-trace in some runs only)"
	awk -v unseen_wait="$unseen_wait" '
		function steps(line,   out, s) {
			out = ""
			while (match(line, /\([1-7]\)/)) {
				s = substr(line, RSTART + 1, 1)
				out = out (out == "" ? "" : " ") s
				line = substr(line, RSTART + RLENGTH)
			}
			return out
		}
		/the first process, PID [0-9]+/ { first = $0; sub(/.*the first process, PID /, "", first); sub(/[^0-9].*/, "", first) }
		/the process that stayed: PID / { daemon = $0; sub(/.*stayed: PID /, "", daemon); sub(/[^0-9].*/, "", daemon) }
		/^  \[(pass|FAIL)\] / { items[++n] = ($1 == "[pass]") ? "pass" : "**FAIL**" }
		/^  path: / { path = steps($0) }
		/^  missing: / { missing = steps($0) }
		/^  pid file / {
			pid = $0
			if (pid ~ /NOT the daemon.s PID/) pid = "**not the daemon'\''s PID**"
			else {
				by = pid; sub(/.*\(written by /, "", by); sub(/,? ?[0-9]*\)$/, "", by)
				if (by ~ /^the daemon/) by = "the daemon"
				if (by ~ /^its parent/) by = "the daemon'\''s parent"
				if (by ~ /^PID/) by = "another process"
				pid = "the daemon'\''s PID, written by " by
			}
		}
		/^  the pid file was written as / { renamed = ", then renamed into place" }
		/cannot remove its pid file/ { unremovable = "; **the daemon cannot remove it**" }
		/^  listened on / {
			who = "the daemon"
			if ($0 ~ /\(by PID [0-9]+, not the daemon\)/) {
				p = $0; sub(/.*\(by PID /, "", p); sub(/[^0-9].*/, "", p)
				who = (p == first) ? "the first process" : "another process"
			}
			listened = "listens in " who
		}
		# which process closed the pipe last is a race (dnsmasq: the daemon,
		# or the process it was forked from, exiting): only how it ended
		/^  the first process waited .* on a pipe: / {
			waited = "waits on a pipe, until " ($0 ~ /closed it$/ ? "it is closed" : "a byte comes")
		}
		/verdict: / { verdict = $0; sub(/.*verdict: /, "", verdict) }
		END {
			row = path
			if (missing != "") row = row " (no " missing ")"
			for (i = 1; i <= 8; i++) row = row " | " (i in items ? items[i] : "?")
			row = row " | " (pid == "" ? "none" : pid renamed unremovable)
			if (unseen_wait != "") waited = unseen_wait
			ready = (waited == "") ? "**no wait**" : waited
			if (listened != "") ready = listened "; " ready
			row = row " | " ready " | " verdict
			print row
		}
	' "$work/$1.out"
}

# field N ROW: the Nth field of a row of $rows
field() { cut -d'|' -f"$1" <<<"$2"; }
table=$work/table.md
{
	echo "| program | path | not a group leader | a session of its own | not the session's leader" \
		"| no terminal | its own directory | its own umask | 0, 1, 2 safe | no inherited descriptor" \
		"| pid file | readiness | verdict | replay |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	for row in "${rows[@]}"; do
		name=$(field 1 "$row")
		if [ -n "$pages" ]; then
			replay="[$name.html](gallery/$name.html)"
		else
			replay="not made yet: daemon-viewer has no --html"
		fi
		echo "| $(field 2 "$row") | $(cells "$name") | $replay |"
	done
	echo
	echo "How each was started (PROGRAM is the tests' ticker, trace-ticker, which"
	echo "writes a count to a file every 100 ms):"
	echo
	for row in "${rows[@]}"; do
		echo "- $(field 2 "$row"): \`$(field 4 "$row")\`"
	done
} >"$table"

# a row without a verdict: the program did not start (a configuration it refused?)
if grep -q ' | ? | ' "$table"; then
	for out in "$work"/*.out; do echo "--- $out"; cat "$out"; done >&2
	echo "make-gallery: a program gave no verdict (above: what daemon-trace said of each)" >&2
	exit 1
fi

# the slide: a text table, as mdp has none (program, path, verdict)
slide=$work/slide.txt
{
	printf '%-18s %-19s %s\n' program "steps as done" verdict
	for row in "${rows[@]}"; do
		IFS='|' read -r path _ _ _ _ _ _ _ _ _ _ verdict <<<"$(cells "$(field 1 "$row")")"
		verdict=${verdict# }
		verdict=${verdict/a background process that fails /fails }
		verdict=${verdict/a daemon: every item passes/a daemon}
		printf '%-18s %-19s %s\n' "$(field 3 "$row")" "${path% }" "$verdict"
	done
} >"$slide"

# fill FILE KEY CONTENT-FILE INDENT: the block after <!-- gallery: KEY -->, up
# to <!-- end of gallery -->, becomes CONTENT-FILE; with INDENT, each line
# indented by it, between empty lines (the deck's code blocks are indented)
fill() {
	awk -v key="$2" -v content="$3" -v indent="$4" '
		$0 == "<!-- gallery: " key " -->" {
			print
			if (indent != "") print ""
			while ((getline l < content) > 0) print indent l
			if (indent != "") print ""
			skipping = 1
			next
		}
		/^<!-- end of gallery -->/ { skipping = 0 }
		!skipping { print }
	' "$1"
}

stale=0
fill "$docs/real-daemons.md" table "$table" "" >"$work/real-daemons.md"
fill "$deck" slide "$slide" '    ' >"$work/daemon-steps.md"
for document in "$docs/real-daemons.md" "$deck"; do
	made=$work/$(basename "$document")
	if [ "$mode" = --check ]; then
		if diff -u "$document" "$made"; then
			echo "ok: $document shows what the programs do today"
		else
			echo "$document is stale: run docs/make-gallery.sh BUILD" >&2
			stale=1
		fi
	else
		cp "$made" "$document"
		echo "make-gallery: $document updated"
	fi
done
if [ "$stale" = 1 ]; then
	for out in "$work"/*.out; do echo "--- $out"; cat "$out"; done >&2
fi
if [ -n "$pages" ]; then
	for row in "${rows[@]}"; do
		[ -s "$pages/${row%%|*}.html" ] || { echo "make-gallery: no page $pages/${row%%|*}.html" >&2; stale=1; }
	done
fi
exit "$stale"
