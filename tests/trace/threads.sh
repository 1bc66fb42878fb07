#!/usr/bin/env bash
# daemon-trace on a threaded daemon (python3-daemon's DaemonContext, then two
# threads, one of which changes directory, then, as root, a drop to the user
# nobody): the thread's chdir() is recorded as its process's, the verdict
# sees the directory it chose; the setgid() and setuid() glibc makes every
# thread repeat are one record each; after the detach every thread is
# untraced, of the same user, and the daemon works on.
. "$(dirname "$0")/lib.sh"

/usr/bin/python3 -c 'import daemon' 2>/dev/null ||
	skip "python3-daemon not installed (sudo apt-get install python3-daemon)"
ticks=$WORK/ticks
drop=no
if [ "$(id -u)" = 0 ]; then drop=yes; fi
# the ticks file is opened before the drop and written in place, fixed width
trace -- /usr/bin/python3 -c '
import daemon, os, sys, threading, time
def tick(fd):
    for count in range(1, 600):
        os.pwrite(fd, ("%d %d" % (os.getpid(), count)).ljust(40).encode() + b"\n", 0)
        time.sleep(0.1)
def move():
    os.chdir("/var/tmp")
    time.sleep(60)
ticks = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o644)
with daemon.DaemonContext(files_preserve=[ticks]):
    mover = threading.Thread(target=move, daemon=True)
    mover.start()
    time.sleep(0.2)
    threading.Thread(target=tick, args=(ticks,)).start()
    if sys.argv[2] == "yes":
        os.setgid(65534)
        os.setuid(65534)
' "$ticks" "$drop"
daemon=$(ticker_pid "$ticks")
DAEMONS=$daemon
cat "$WORK/out"
expect "the verdict names the daemon" "$(q1 event=verdict -- daemon)" "$daemon"
says "[pass] a working directory of its own: changed to /var/tmp"
expect "the thread's chdir(), recorded as its process's" \
	"$(q call=chdir pid="$daemon" -- cwd | tail -n 1)" /var/tmp
threads=$(ls "/proc/$daemon/task" | wc -l)
[ "$threads" -ge 3 ] || fail "the daemon has $threads threads, not 3"
says "detached $threads tasks of 1 process"
for task in /proc/"$daemon"/task/*; do
	expect "thread ${task##*/}'s tracer" "$(awk '/^TracerPid:/ { print $2 }' "$task/status")" 0
done
still_working "$ticks"
if [ "$drop" = yes ]; then
	expect "setgid() records, for the $threads threads that made it" "$(count pid="$daemon" call=setgid)" 1
	expect "setuid() records" "$(count pid="$daemon" call=setuid)" 1
	expect "the user after setuid(), as recorded" "$(q1 pid="$daemon" call=setuid -- uids)" \
		"65534 65534 65534 65534"
	for task in /proc/"$daemon"/task/*; do
		expect "thread ${task##*/}'s user" "$(awk '/^Uid:/ { print $2 }' "$task/status")" 65534
	done
else
	echo "not root: no privilege drop to check"
fi
