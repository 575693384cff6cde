#!/usr/bin/env bash
# Reading evidence at scale (issue 13): a 100 MB local log folder and a 50 MB JSON export (and
# its first half and quarter), time and peak memory of `drill evidence`, against `cat` of the same bytes.
#   Benchmarks/evidence.sh [path/to/drill]     (default: .build/release/drill; build with `make release`)
# Data is generated into Benchmarks/.data/evidence/ (gitignored), the same every time.
set -euo pipefail
cd "$(dirname "$0")/.."
DRILL=${1:-.build/release/drill}
DATA=Benchmarks/.data/evidence
mkdir -p "$DATA"

python3 - "$DATA" <<'PY'
import gzip, json, os, random, sys, time
data = sys.argv[1]
random.seed(13)
logs = os.path.join(data, "logs")
if not os.path.exists(os.path.join(data, "logs.done")):
    os.makedirs(logs, exist_ok=True)
    # 100 MB of text over 20 files: 10 plain, 10 gzip-rotated; syslog, ISO 8601 and nginx lines.
    start = 1_790_000_000
    for index in range(20):
        lines = []
        size = 0
        t = start + index * 86_400 * 9
        while size < 5_000_000:
            t += random.randint(1, 20)
            kind = index % 3
            if kind == 0:
                stamp = time.strftime("%b %d %H:%M:%S", time.gmtime(t))
                line = f"{stamp} app1 lighthouse[4121]: GET /api/v1/workspaces/{random.randint(1, 99999)} 200 {random.randint(3, 400)}ms"
            elif kind == 1:
                line = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{random.randint(0, 999):03d}Z level=info msg=\"job finished\" job={random.randint(1, 10**9)}"
            else:
                line = f'203.0.113.{random.randint(1, 254)} - - [' + time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(t)) + f'] "GET /api/v1/health HTTP/1.1" 200 {random.randint(10, 999)} "-" "kube-probe/1.29"'
            lines.append(line)
            size += len(line) + 1
        text = "\n".join(lines) + "\n"
        if index % 2:
            with gzip.open(os.path.join(logs, f"app.log.{index}.gz"), "wt") as f:
                f.write(text)
        else:
            with open(os.path.join(logs, f"app.log.{index}"), "w") as f:
                f.write(text)
    open(os.path.join(data, "logs.done"), "w").close()
json_folder = os.path.join(data, "json")
if not os.path.exists(os.path.join(data, "json-quarter", "cloudwatch-log-groups.json")):
    groups = []
    size = 0
    index = 0
    while size < 50_000_000:
        group = {"logGroupName": f"/lighthouse/service-{index}/audit", "creationTime": 1718000000000 + index,
                 "retentionInDays": random.choice([30, 90, 400]), "metricFilterCount": 0, "storedBytes": random.randint(0, 10**10),
                 "arn": f"arn:aws:logs:eu-west-2:111122223333:log-group:/lighthouse/service-{index}/audit:*",
                 "logGroupClass": "STANDARD", "logGroupArn": f"arn:aws:logs:eu-west-2:111122223333:log-group:/lighthouse/service-{index}/audit"}
        text = json.dumps(group, indent=4)
        groups.append(text)
        size += len(text) + 10
        index += 1
    # The whole export, and its first half and quarter of groups: memory against the export's size.
    for name, count in [("json", len(groups)), ("json-half", len(groups) // 2), ("json-quarter", len(groups) // 4)]:
        os.makedirs(os.path.join(data, name), exist_ok=True)
        with open(os.path.join(data, name, "cloudwatch-log-groups.json"), "w") as f:
            f.write('{\n    "logGroups": [\n' + ",\n".join(groups[:count]) + "\n    ]\n}\n")
PY

cat > "$DATA/team.yaml" <<YAML
team: Bench
logs:
  - source: app-server-logs
    covers: [app-errors]
    timestamps: with-zone
    retention: 12mo
    storage: local files
    restricted: true
    accessRecorded: false
    review: none
    evidence: path:logs
YAML
mkdir -p "$DATA/empty"
# A team whose audit log names one group well past the first thousand (listed) of every export size.
cat > "$DATA/team-json.yaml" <<YAML
team: Bench
logs:
  - source: audit
    covers: [admin-actions]
    timestamps: with-zone
    retention: 12mo
    storage: log bucket
    restricted: true
    accessRecorded: true
    review: automated
    evidence: cloudwatch:/lighthouse/service-20000/audit
YAML

measure() { # label, command...
    local label=$1; shift
    sync; cat "$DATA"/logs/* "$DATA"/json*/* > /dev/null   # warm the page cache for both sides
    /usr/bin/time -v "$@" > /dev/null 2> "$DATA/time.txt" || true
    printf '%-44s %8s s  %8s KB peak\n' "$label" \
        "$(grep 'Elapsed (wall clock)' "$DATA/time.txt" | awk '{print $NF}')" \
        "$(grep 'Maximum resident set size' "$DATA/time.txt" | awk '{print $NF}')"
}
echo "log folder: $(du -sb "$DATA/logs" | cut -f1) bytes on disk, $(cat "$DATA"/logs/app.log.*[0-9] <(zcat "$DATA"/logs/*.gz) | wc -c) bytes of text"
for size in json-quarter json-half json; do
    echo "JSON export ($size): $(stat -c %s "$DATA/$size/cloudwatch-log-groups.json") bytes"
done
for run in 1 2 3; do
    measure "drill evidence (log folder)" "$DRILL" evidence --team "$DATA/team.yaml" --evidence "$DATA/empty"
    measure "cat + zcat of the same files" sh -c "cat $DATA/logs/app.log.*[0-9] > /dev/null; zcat $DATA/logs/*.gz > /dev/null"
    for size in json-quarter json-half json; do
        measure "drill evidence (JSON export, $size)" "$DRILL" evidence --team "$DATA/team-json.yaml" --evidence "$DATA/$size"
    done
    measure "cat of the whole export" cat "$DATA/json/cloudwatch-log-groups.json"
done
