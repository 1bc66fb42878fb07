#!/usr/bin/env bash
# daemon-trace on a threaded daemon (python3-daemon's DaemonContext, then two
# threads, one of which changes directory): the thread's chdir() is recorded
# as its process's, the verdict sees the directory it chose, and after the
# detach every thread is untraced and the daemon works on.
. "$(dirname "$0")/lib.sh"

/usr/bin/python3 -c 'import daemon' 2>/dev/null ||
	skip "python3-daemon not installed (sudo apt-get install python3-daemon)"
ticks=$WORK/ticks
trace -- /usr/bin/python3 -c '
import daemon, os, sys, threading, time
def tick(path):
    for count in range(1, 600):
        with open(path + ".next", "w") as f:
            f.write("%d %d\n" % (os.getpid(), count))
        os.rename(path + ".next", path)
        time.sleep(0.1)
def move():
    os.chdir("/var/tmp")
    time.sleep(60)
with daemon.DaemonContext():
    mover = threading.Thread(target=move, daemon=True)
    mover.start()
    time.sleep(0.2)
    threading.Thread(target=tick, args=(sys.argv[1],)).start()
' "$ticks"
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
