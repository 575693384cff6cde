#!/usr/bin/env bash
# The load case of issue 12, by hand: 8 drills (piped answers) and an import of N transcripts
# (default 2,000) into one database at once, with every core kept busy by `yes`. Expect every
# command to exit 0, no "database is locked" anywhere, N + 8 finished runs, and `verify` to pass.
# The transcripts are one drill's export with its id rewritten per file, its seal and hashes
# dropped (as in transcripts exported before runs were chained): import replays each one.
# `StoreLoadCommandTests` runs the same case with fewer transcripts.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${DRILL_BIN:-.build/debug/drill}")
count=${1:-2000}
[ -x "$bin" ] || swift build >/dev/null
work=$(mktemp -d)
busy=()
cleanup() { for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export DRILL_DB="$work/db/drill.sqlite" DRILL_CONFIG_DIR="$work/config" NO_COLOR=1
answers='1\n5\n94\n1,2\nyes\n'
fail() { echo "load-drills-import: FAILED: $*"; exit 1; }

printf "$answers" | "$bin" run dormant-contractor-admin --as-of 2026-11-26 --db "$work/seed.sqlite" >/dev/null 2>&1 || fail "the seed drill"
"$bin" export --all --db "$work/seed.sqlite" --format json --output "$work/seed" >/dev/null 2>&1 || fail "export"
python3 - "$work/seed" "$work/in" "$count" <<'PY'
import json, os, random, sys
seed, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
name = [f for f in os.listdir(seed) if f.endswith('.json')][0]
t = json.load(open(os.path.join(seed, name)))
t.pop('seal', None); t['headHash'] = None
for e in t['events']: e['hash'] = None
os.makedirs(out)
alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
ids = set()
while len(ids) < count: ids.add(t['id'][:9] + ''.join(random.choice(alphabet) for _ in range(12)))
for i, run_id in enumerate(sorted(ids)):
    t['id'] = run_id
    json.dump(t, open(os.path.join(out, '%05d.json' % i), 'w'))
PY

for _ in $(seq "$(nproc)"); do yes >/dev/null & busy+=($!); done
start=$(date +%s.%N)
/usr/bin/time -f "import: %e s, peak %M KB" "$bin" import "$work/in" >"$work/import.out" 2>"$work/import.err" &
import=$!
sleep 0.3
drills=()
for i in $(seq 8); do
  ( printf "$answers" | /usr/bin/time -f "drill $i: %e s" "$bin" run dormant-contractor-admin --as-of 2026-11-26 >"$work/drill$i.out" 2>"$work/drill$i.err" ) &
  drills+=($!)
done
for pid in "${drills[@]}"; do wait "$pid" || fail "a drill exited non-zero: $(cat "$work"/drill*.err)"; done
drills_done=$(date +%s.%N)
wait "$import" || fail "import exited non-zero: $(tail -5 "$work/import.err")"
end=$(date +%s.%N)
if grep -il "locked" "$work"/*.out "$work"/*.err; then fail "someone saw 'database is locked'"; fi
grep -h "drill [0-9]*:" "$work"/drill*.err | sort -t' ' -k2 -n
tail -2 "$work/import.err"
printf 'all 8 drills done after %.1f s; import done after %.1f s\n' "$(echo "$drills_done - $start" | bc)" "$(echo "$end - $start" | bc)"
runs=$(sqlite3 "$DRILL_DB" "SELECT COUNT(*) FROM run")
[ "$runs" = "$((count + 8))" ] || fail "$runs runs stored, expected $((count + 8))"
"$bin" verify >/dev/null || fail "verify"
echo "load-drills-import: ok ($runs runs stored, verify passes, nobody saw 'database is locked')"
