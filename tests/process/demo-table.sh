#!/usr/bin/env bash
# daemon-demo --no-viewer's table keeps its columns aligned when the demo is
# started from a long working directory (100+ characters): a path too wide for
# its column is cut from the left, keeping its end, as the viewer cuts paths.
. "$(dirname "$0")/../lib.sh"

launch=$WORK
for part in the-course-on-unix-processes week-seven-daemons "lab session two" students-own-copy; do
	launch+=/$part
done
launch+=/launch
[ ${#launch} -ge 100 ] || fail "the launch folder's path is only ${#launch} characters"
mkdir -p "$launch"
(cd "$launch" && run_program daemon-demo --no-viewer --seconds 30) >"$WORK/out" 2>&1 </dev/null ||
	fail "daemon-demo exited $?: $(cat "$WORK/out")"
stop_pid "$(q1 prog=heartbeatd event=start -- pid)"

# the rows: from the titles to the empty line, without the notes lines below rows
table=$(sed -n '/^PROGRAM /,/^$/p' "$WORK/out" | grep -v -e '^      ' -e '^$')
titles=$(head -n 1 <<<"$table")
cwd_at=$(awk '{ print index($0, " CWD ") }' <<<"$titles")
fds_at=$(awk '{ print index($0, " FDS") }' <<<"$titles")
[ "$cwd_at" -gt 0 ] && [ "$fds_at" -gt 0 ] || fail "no CWD and FDS titles: $titles"
rows=0
while IFS= read -r row; do
	rows=$((rows + 1))
	# a column's cell begins right after the blank that ends the one before
	[ "${row:cwd_at - 1:1}" = " " ] && [ "${row:cwd_at:1}" != " " ] ||
		fail "the CWD column is not where its title is:
$titles
$row"
	[ "${row:fds_at - 1:1}" = " " ] ||
		fail "the FDS column is not where its title is:
$titles
$row"
done < <(tail -n +2 <<<"$table")
[ "$rows" -gt 20 ] || fail "only $rows rows in the table: $(cat "$WORK/out")"
pass "all $rows rows have CWD and FDS under their titles"

shown=$(grep '^daemon-demo ' <<<"$table" | cut -c "$((cwd_at + 1))-$((fds_at - 1))" | sed 's/ *$//')
case $shown in
...*) ;;
*) fail "the long working directory is not cut: '$shown'" ;;
esac
expect "its end is kept" "${launch: -$((${#shown} - 3))}" "${shown#...}"
[ "${#shown}" -le 32 ] || fail "the cut path is ${#shown} characters wide: $shown"
pass "the launch folder shows as $shown"
