#!/usr/bin/env bash
# The one command behind BENCHMARKS.md: builds drill and the benchmark tools in release mode,
# generates the data once (Benchmarks/.data, gitignored; DRILL_BENCH_REGENERATE=1 to redo it),
# measures every figure against its floor and rewrites the table in BENCHMARKS.md.
#   Benchmarks/run.sh                 everything
#   Benchmarks/run.sh start queries   only some steps (start append lint queries export verify size)
# Needs hyperfine and sqlite3 (apt-get install hyperfine sqlite3) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required (apt-get install $tool)" >&2; exit 1; }
done
# drill as `make release` builds it; the floors (empty processes) are linked the same way.
swift build -c release --static-swift-stdlib --scratch-path .build-release --product drill >&2
swift build -c release --static-swift-stdlib --package-path Benchmarks >&2
exec python3 Benchmarks/bench.py "$@"
