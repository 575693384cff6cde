#!/usr/bin/env bash
# Fault suite row: the disk fills up in the middle of a drill.
# Expect a clear message and exit 74, every earlier step intact (verify passes), and the run
# resumable to the end once space is back. Needs root (it mounts a 4 MiB tmpfs); CI runs as root.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${DRILL_BIN:-.build/debug/drill}
if [ "$(id -u)" != 0 ]; then echo "fault-disk-full: skipped (needs root to mount a tmpfs)"; exit 0; fi
[ -x "$bin" ] || swift build >/dev/null

mnt=$(mktemp -d)
out=$(mktemp -d)
mount -t tmpfs -o size=4m tmpfs "$mnt"
trap 'umount "$mnt" 2>/dev/null; rmdir "$mnt"; rm -rf "$out"' EXIT
export DRILL_DB="$mnt/db/drill.sqlite" NO_COLOR=1
fail() { echo "fault-disk-full: FAILED: $*"; exit 1; }

# Two answers, then end of input: the run is paused with its steps stored.
printf '1\n5\n' | "$bin" run dormant-contractor-admin --as-of 2026-11-26 >"$out/first.txt" 2>&1 || fail "first part of the drill"
id=$(grep -o 'drill resume [0-9]\{8\}-[a-z2-7]\{4,\}' "$out/first.txt" | head -1 | cut -d' ' -f3)
[ -n "$id" ] || fail "no run id printed"
before=$(sqlite3 "$DRILL_DB" "select count(*) from event where kind='answer'")

# Fill the disk, then go on with the drill.
dd if=/dev/zero of="$mnt/filler" bs=4k >/dev/null 2>&1 || true
set +e
printf '94\n1,2\nyes\n' | "$bin" resume "$id" >"$out/full.out" 2>"$out/full.err"
code=$?
set -e
[ "$code" = 74 ] || fail "expected exit 74 on a full disk, got $code: $(cat "$out/full.err")"
grep -q "could not be written (the disk is full)" "$out/full.err" || fail "no clear message: $(cat "$out/full.err")"
grep -q "Fatal error" "$out/full.err" && fail "crash trace on a full disk"
echo "fault-disk-full: full disk refused cleanly: $(head -1 "$out/full.err")"

# Space is back: nothing earlier was lost, and the run goes on to the end.
rm -f "$mnt/filler"
after=$(sqlite3 "$DRILL_DB" "select count(*) from event where kind='answer'")
[ "$after" -ge "$before" ] || fail "answers lost: $before before, $after after"
"$bin" verify >/dev/null || fail "verify after a full disk"
# "yes" then "1", over and over: every kind of prompt accepts one of the two.
for _ in $(seq 100); do printf 'yes\n1\n'; done >"$out/answers.txt"
"$bin" resume "$id" <"$out/answers.txt" >"$out/last.txt" 2>&1 || fail "resume once space is back: $(tail -3 "$out/last.txt")"
status=$(sqlite3 "$DRILL_DB" "select status from run where id='$id'")
[ "$status" = finished ] || fail "run not finished after resume ($status)"
echo "fault-disk-full: passed ($before answers kept, run $id finished after space came back)"
