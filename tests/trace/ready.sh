#!/usr/bin/env bash
# daemon-trace on servers that tell their first process when they are ready:
# what it records of the first listen(), the readiness pipe, the pid file
# (renamed into place) and (openat2) 0-2 and a terminal opened with
# openat2(), against what the program itself reports and /proc of the daemon
# it left; the verdict says it; the daemon answers on its port after the
# detach, untraced. Usage: ready.sh pipe|openat2|late|early|dnsmasq
#   pipe     readyd: the daemon writes a byte to the pipe after 300 ms; rename()
#   openat2  readyd: it closes the pipe instead; 0-2 and a fresh terminal's
#            slave opened with openat2(); renameat2() relative to a directory
#   late     readyd: no pipe: the first process exits at once, the daemon
#            listens only after that
#   early    readyd: no pipe, but the first process listens before it forks
#            (as nginx does) and the daemon serves on that socket: its starter
#            finds it listening, though the recipe's steps come after the exit
#   dnsmasq  Debian's dnsmasq (package dnsmasq-base), whose first process
#            listens, then waits on a pipe that the daemon closes once started
. "$(dirname "$0")/lib.sh"

without_leak_check	# readyd's first process exits while traced
READYD=$DS_TEST_BIN/trace-readyd
report=$WORK/report
caller_with_ties
case $1 in
pipe) command=("$READYD" --ready write --delay 300 "$WORK/pid" "$report") ;;
openat2) command=("$READYD" --ready close --delay 300 --openat2 "$WORK/pid" "$report") ;;
late) command=("$READYD" --ready none "$WORK/pid" "$report") ;;
early) command=("$READYD" --ready listen "$WORK/pid" "$report") ;;
dnsmasq)
	[ -x /usr/sbin/dnsmasq ] || skip "dnsmasq not installed (sudo apt-get install dnsmasq-base)"
	[ "$(id -u)" = 0 ] || skip "dnsmasq changes to user nobody: root only"
	# a port no socket here has: dnsmasq takes it for UDP and TCP
	in_use() { grep -qi ":$(printf '%04X' "$1") " /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6; }
	port=$((40000 + RANDOM % 20000))
	while in_use "$port"; do port=$((40000 + RANDOM % 20000)); done
	echo "port $port" >"$report"
	# its own configuration only; one name it answers itself, nothing forwarded
	command=(/usr/sbin/dnsmasq --conf-file=/dev/null --no-resolv --no-hosts --bind-interfaces
		--listen-address=127.0.0.1 --port="$port" --pid-file="$WORK/pid"
		--address=/ready.test/127.0.0.9) ;;
*) fail "no such variant: $1" ;;
esac

status=0
as_caller "$DS_BIN/daemon-trace" -- "${command[@]}" >"$WORK/out" 2>&1 </dev/null || status=$?
cat "$WORK/out"
wait_until 5 "the pid file" test -s "$WORK/pid"
daemon=$(cat "$WORK/pid")
DAEMONS=$daemon
first=$(q1 event=exit prompt=returns -- pid)
expect "the verdict names the daemon, whose PID the pid file holds" \
	"$(q1 event=verdict -- daemon)" "$daemon"
untraced "$daemon"
check_against_proc "$daemon" "$launch" 0027 "$leaked"
if [ "$(grep -c '^  \[FAIL\]' "$WORK/out")" = 0 ]; then
	says "verdict: a daemon: every item passes"
	expect "daemon-trace's exit status" "$status" 0
else
	says "verdict: a background process that fails"
	expect "daemon-trace's exit status" "$status" 3
fi
[ "$1" = dnsmasq ] || expect "readyd's verdict: every item passes" "$status" 0

# the pid file, told by its final name
says "pid file $WORK/pid holds $daemon, the daemon's PID (written by the daemon itself"
if [ "$1" = dnsmasq ]; then
	expect "the pid file, as recorded" "$(q1 pid_file="$WORK/pid" -- call holds pid)" \
		"write"$'\t'"$daemon"$'\t'"$daemon"
else
	rename=rename
	[ "$1" = openat2 ] && rename=renameat2
	expect "the pid file's rename, as recorded" \
		"$(q1 call="$rename" -- pid_file renamed_from holds pid)" \
		"$WORK/pid"$'\t'"$WORK/pid.tmp"$'\t'"$daemon"$'\t'"$daemon"
	says "the pid file was written as $WORK/pid.tmp, then renamed to its name"
fi

# the first listen(): the port readyd chose, and the daemon listening there now
port=$(awk '$1 == "port" { print $2 }' "$report")
[ -n "$port" ] || fail "readyd reported no port"
listens_there() {
	local hex inode link
	hex=$(printf '0100007F:%04X' "$port")
	inode=$(awk -v a="$hex" '$2 == a && $4 == "0A" { print $10 }' "/proc/$daemon/net/tcp")
	[ -n "$inode" ] || return 1
	for link in /proc/"$daemon"/fd/*; do
		[ "$(readlink "$link")" = "socket:[$inode]" ] && return 0
	done
	return 1
}
listens_there || fail "the daemon does not listen on 127.0.0.1:$port (/proc/$daemon/net/tcp)"
pass "the daemon listens on 127.0.0.1:$port, as /proc/$daemon/net/tcp shows"
if [ "$1" = late ]; then exited=yes; else exited=no; fi
# dnsmasq (and early) listen in the first process, before it forks: the
# daemon inherits the socket
listener=$daemon by=
case $1 in dnsmasq | early) listener=$first by=" (by PID $first, not the daemon)" ;; esac
expect "the first listen(), as recorded" "$(q1 call=listen -- listening first_exited pid)" \
	"127.0.0.1:$port"$'\t'"$exited"$'\t'"$listener"
expect "listen() recorded once" "$(count call=listen)" 1

# the readiness pipe: how long the first process waited, by its own clock
if [ "$1" = late ]; then
	says "listened on 127.0.0.1:$port after the first process had exited: a starter that takes the first process's exit for \"up\" could connect too early"
	says "the first process exited at once, before the daemon was ready"
	says "[FAIL] its starter told when it is ready: the first process exited without waiting"
	expect "no readiness wait recorded" "$(count readiness=written) $(count readiness=closed)" "0 0"
elif [ "$1" = early ]; then
	says "listened on 127.0.0.1:$port$by before the first process exited"
	listen_line=$(grep -n 'call=listen' "$LOG" | cut -d: -f1)
	exit_line=$(grep -n 'prompt=returns' "$LOG" | cut -d: -f1)
	[ "$listen_line" -lt "$exit_line" ] ||
		fail "the listen() (log line $listen_line) is not recorded before the first process's exit ($exit_line)"
	pass "the listen() (log line $listen_line) is recorded before the first process's exit ($exit_line)"
	says "a recipe step came after the first process's exit, but connections queue from the listen() on"
	says "[pass] its starter told when it is ready: it listened on 127.0.0.1:$port before the first process exited"
	grep -qF "before the daemon was ready" "$WORK/out" && fail "the verdict says the daemon was not ready"
	# the frame of the first process's exit, before the verdict's (wide:
	# its headline whole)
	"$DS_BIN/daemon-viewer" --dump --width 400 "$LOG" >"$WORK/dump" ||
		fail "daemon-viewer --dump exited $?"
	awk -v RS='--- frame ' '/prompt=returns/ { print; exit }' "$WORK/dump" >"$WORK/exit-frame"
	grep -q '\[x\] told it is ready' "$WORK/exit-frame" ||
		fail "the replay's frame of the first process's exit does not meet 'told it is ready'"
	pass "the replay meets 'told it is ready' by the first process's exit too"
	expect "no readiness wait recorded" "$(count readiness=written) $(count readiness=closed)" "0 0"
else
	says "listened on 127.0.0.1:$port$by before the first process exited"
	if [ "$1" = pipe ]; then ended=written words="wrote to it"; else ended=closed words="closed it"; fi
	expect "readiness waits recorded" "$(($(count readiness=written) + $(count readiness=closed)))" 1
	read_fields pid waited ended_by held_by \
		<<<"$(q1 call=read "readiness=$ended" -- pid waited_ms ended_by held_by)"
	expect "the wait, ended as readyd ended it ($ended), is the first process's" "$pid" "$first"
	if [ "$ended" = closed ] && [ "$ended_by" != "$daemon" ]; then
		# the pipe ends with its last write end: dnsmasq's daemon closes its
		# own, and the process between (a holder too) may exit after it
		case ,$held_by, in
		*,"$ended_by",*) pass "the pipe ended with its last holder's close ($ended_by)" ;;
		*) fail "who ended it: $ended_by, neither the daemon $daemon nor a holder ($held_by)" ;;
		esac
		words="closed it" who="PID $ended_by"
	else
		expect "who ended it" "$ended_by" "$daemon"
		who="the daemon"
	fi
	case ,$held_by, in
	*,"$daemon",*) pass "the daemon is among the pipe's holders ($held_by)" ;;
	*) fail "the daemon $daemon is not among the pipe's holders: $held_by" ;;
	esac
	if [ "$1" != dnsmasq ]; then
		# the daemon slept 300 ms during the wait; readyd's own clock, around
		# the read, takes in the time its stops waited for daemon-trace too
		own=$(awk '$1 == "waited" { print $2 }' "$report")
		[ "$waited" -ge 290 ] && [ $((waited - own)) -le 20 ] && [ $((own - waited)) -le 250 ] ||
			fail "recorded wait $waited ms; readyd's own clock: $own ms, the daemon slept 300 ms"
		pass "the wait recorded, $waited ms, is readyd's own ($own ms)"
	fi
	says "the first process waited $waited ms for the daemon's readiness on a pipe: $who $words"
	says "[pass] its starter told when it is ready: the first process waited $waited ms on a pipe until it was $ended"
fi

if [ "$1" = openat2 ]; then
	expect "0, 1, 2 reopened by openat2, as recorded (step 7)" \
		"$(q step=7 call=openat2 pid="$daemon" -- reopened | tr '\n' ' ')" "0 1 2 "
	tty=$(awk '$1 == "pty" { print $2 }' "$report")
	expect "the terminal opened with O_NOCTTY, then without, as recorded" \
		"$(q call=openat2 tried_tty="$tty" -- noctty tty_taken pid | tr '\n' ' ')" \
		"yes"$'\t'"no"$'\t'"$daemon no"$'\t'"no"$'\t'"$daemon "
fi

# the daemon works, untraced: it answers on its port
exec 3<>"/dev/tcp/127.0.0.1/$port"
if [ "$1" = dnsmasq ]; then
	# a DNS query over TCP (its length first) for ready.test's address; the
	# answer is 46 bytes: length, header, the question, one A record
	printf '\x00\x1c\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x05ready\x04test\x00\x00\x01\x00\x01' >&3
	answer=$(timeout 5 head -c 46 <&3 | od -An -tu1 | tr -s ' \n' ' ') ||
		fail "no whole answer from dnsmasq on 127.0.0.1:$port: $answer"
	exec 3<&-
	expect "dnsmasq's answer for ready.test after the detach (its last 4 bytes)" \
		"$(echo "$answer" | awk '{ print $(NF-3) "." $(NF-2) "." $(NF-1) "." $NF }')" 127.0.0.9
else
	read -r -t 5 answer <&3 || fail "no answer on 127.0.0.1:$port"
	exec 3<&-
	expect "the daemon's answer after the detach" "$answer" "readyd $daemon"
fi
