#!/usr/bin/env bash
# Concurrent writers never interleave records: 8 processes x 250 records of ~3 KB.
. "$(dirname "$0")/../lib.sh"

DAEMON_STEPS_LOG=$LOG "$DS_CONCURRENT_WRITERS" 8 250 || fail "records were damaged, lost or doubled"
expect "records in the log (with the start record)" "$(count)" "2001"
size=$(awk '{ if (length($0) > max) max = length($0) } END { print max }' "$LOG")
[ "$size" -gt 2500 ] && [ "$size" -lt 4096 ] || fail "records of $size bytes do not test what they should"
pass "records up to $size bytes, whole"
expect "the log's mode (0600 whatever the umask)" "$(stat -c %a "$LOG")" "600"
