# per-process.awk - a traced run's `daemon-viewer --dump --normalize`, told
# process by process: each process's own frames in the order it made them,
# the processes in the order they first appear. Tracing shifts the timing
# between processes (a parent's exit lands before or after its child's next
# call), so the global order of frames, and what a frame shows of other
# processes, is not compared; a process's own sequence is.
#
# For each frame: the timeline, the headline (its frame number left out),
# the state and the checklist (the state left of the column `half`, the
# checklist right of it), and the explanation on one line. Left out: the
# diagram (every process on stage at that moment), the PPID's value, which
# is 1 or the parent's PID depending on whether the parent exited yet, and a
# SIGCHLD's frame, which a parent gets only if it is still there when its
# child exits.
#
# Usage: awk -v half=COLUMNS/2 -f per-process.awk DUMP

function rtrim(s) { sub(/ +$/, "", s); return s }

function flush(   p, headline, last_border, i, text, out, left) {
	if (n < 11)
		return
	headline = lines[2]
	sub(/ +frame [0-9]+\/[0-9]+$/, "", headline)
	if (headline ~ /: got SIGCHLD/) {
		n = 0
		return
	}
	p = headline
	sub(/^[^ ]+ /, "", p)
	sub(/:.*/, "", p)
	if (!(p in frames))
		order[++processes] = p
	out = lines[1] "\n" headline "\n"
	for (i = 3; i <= 11; i++) {
		left = rtrim(substr(lines[i], 1, half))
		if (i == 4)
			left = "  PPID  (not compared: it races with the parent's exit)"
		out = out sprintf("%-48s%s\n", left, rtrim(substr(lines[i], half + 1)))
	}
	last_border = 0
	for (i = 12; i <= n; i++)
		if (lines[i] ~ /^\+/)
			last_border = i
	text = ""
	for (i = last_border + 1; i <= n; i++)
		if (lines[i] != "")
			text = text (text == "" ? "" : " ") rtrim(lines[i])
	frames[p] = frames[p] out text "\n\n"
	n = 0
}

/^--- frame / { flush(); framing = 1; next }
framing { lines[++n] = $0 }
END {
	flush()
	for (i = 1; i <= processes; i++)
		printf "=== %s ===\n%s", order[i], frames[order[i]]
}
