#!/usr/bin/env bash
# The setup fixture: this build's test root, a folder of the user's own in
# /tmp (a local filesystem: the log relies on O_APPEND, which NFS homes do not
# keep), without the sanitizer reports of an earlier run.
set -euo pipefail
root=${DS_TEST_ROOT:?}
mkdir -p -m 700 "$root"
if [ -L "$root" ] || [ ! -O "$root" ]; then
	echo "FAIL: $root is not a folder of yours; remove it, or build in another folder" >&2
	exit 1
fi
rm -f "$root"/sanitizer-report.*
echo "ok: the test root is $root"
