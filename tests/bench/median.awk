# median.awk - the median of the figures a benchmark collected, for its awk
# program, which puts it before its own text: ms[kind, 1..n[kind]] holds them.
function median(kind,   i, j, t, count, a) {
	count = n[kind]
	for (i = 1; i <= count; i++) a[i] = ms[kind, i]
	for (i = 2; i <= count; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	return count % 2 ? a[(count + 1) / 2] : (a[count / 2] + a[count / 2 + 1]) / 2
}
