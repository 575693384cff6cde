#!/usr/bin/env python3
"""Measures every figure of issue 7 against its floor in the same run and writes BENCHMARKS.md.

Run through Benchmarks/run.sh, which builds everything in release mode first. Generated data
lives in Benchmarks/.data (gitignored) and is made once; DRILL_BENCH_REGENERATE=1 makes it anew.
"""
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "Benchmarks")
DATA = os.path.join(BENCH, ".data")
# DRILL_BENCH_DRILL=path measures another build of drill (e.g. one from before a change).
DRILL = os.path.abspath(os.environ.get("DRILL_BENCH_DRILL", os.path.join(ROOT, ".build-release", "release", "drill")))
BIN = os.path.join(BENCH, ".build", "release")
DB = os.path.join(DATA, "drill-100k.sqlite")
QUICK = os.environ.get("DRILL_BENCH_QUICK") == "1"
RESULTS = []


def log(text):
    print(text, file=sys.stderr, flush=True)


def run(command, **kw):
    return subprocess.run(command, check=True, **kw)


def hyperfine(name, commands, runs=20, warmup=3, prepare=None):
    """Times commands with hyperfine (no shell); returns {command name: times in ms}."""
    out = os.path.join(DATA, "results", name + ".json")
    args = ["hyperfine", "-N", "--warmup", str(warmup), "--runs", str(runs), "--export-json", out, "--style", "none"]
    if prepare:
        args += ["--prepare", prepare]
    for label, command in commands:
        args += ["-n", label, shlex.join(command)]
    run(args, cwd=DATA, stdout=subprocess.DEVNULL)
    with open(out) as f:
        return {r["command"]: [t * 1000 for t in r["times"]] for r in json.load(f)["results"]}


def peak_mb(command, runs=3, cwd=None):
    """Peak resident memory (MB), the largest of a few runs, from /usr/bin/time."""
    peaks = []
    for _ in range(runs):
        result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, cwd=cwd or DATA, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        peaks.append(int(result.stderr.strip().splitlines()[-1]) / 1024)
    return max(peaks)


def stats(times):
    s = sorted(times)
    q = statistics.quantiles(s, n=10) if len(s) >= 2 else [s[0]] * 9
    return {"median": statistics.median(s), "p10": q[0], "p90": q[-1], "n": len(s)}


def fmt_ms(st):
    if st is None:
        return "—"
    return f"{st['median']:.1f} ms (p10–p90 {st['p10']:.1f}–{st['p90']:.1f}, n={st['n']})"


def record(figure, target, measured, floor, ratio_target=None, verdict=None, note=""):
    ratio = measured["median"] / floor["median"] if measured and floor and isinstance(measured, dict) and isinstance(floor, dict) else None
    RESULTS.append({"figure": figure, "target": target, "measured": measured, "floor": floor, "ratio": ratio,
                    "ratio_target": ratio_target, "verdict": verdict, "note": note})


def sqlite_cli(sql):
    return ["sqlite3", "-readonly", DB, sql]


def quote(text):
    return "'" + text.replace("'", "''") + "'"


def generate():
    os.makedirs(os.path.join(DATA, "results"), exist_ok=True)
    regenerate = os.environ.get("DRILL_BENCH_REGENERATE") == "1"
    scen = os.path.join(DATA, "scenarios-1000")
    if regenerate or not os.path.isdir(scen):
        shutil.rmtree(scen, ignore_errors=True)
        run([os.path.join(BIN, "drill-gen"), "scenarios", "--from", "scenarios", "--out", scen, "--count", "1000"], cwd=ROOT)
    for count in (30, 100):
        folder = os.path.join(DATA, f"scenarios-{count}")
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        for name in sorted(os.listdir(scen))[:count]:
            shutil.copy(os.path.join(scen, name), folder)
    if regenerate or not os.path.exists(DB + ".json"):
        log("generating the 100k-run database (about 15 minutes)")
        run([os.path.join(BIN, "drill-gen"), "db", "--scenarios", "scenarios", "--out", DB], cwd=ROOT)
        # The first open of a freshly generated file seals its records (drill-gen leaves that to
        # drill, as for a database of an earlier drill); an ordinary command does it here, untimed,
        # so that no timed step pays for it.
        log("sealing the generated runs (the first open)")
        run([DRILL, "runs", "--db", DB], cwd=DATA, stdout=subprocess.DEVNULL)
    transcripts = os.path.join(DATA, "transcripts-10k")
    if regenerate or not os.path.exists(transcripts + ".txt"):
        shutil.rmtree(transcripts, ignore_errors=True)
        out = run([os.path.join(BIN, "drill-gen"), "transcripts", "--db", DB, "--out", transcripts, "--count", "10000"],
                  cwd=ROOT, stdout=subprocess.PIPE, text=True).stdout
        with open(transcripts + ".txt", "w") as f:
            f.write(out)
    with open(DB + ".json") as f:
        return json.load(f)


def bench_start():
    log("start to first prompt")
    folder = os.path.join(DATA, "scenarios-30")
    scenario = sorted(os.listdir(folder))[0][:-5]
    db = os.path.join(DATA, "start.sqlite")
    home = os.path.join(DATA, "start-cwd")
    os.makedirs(home, exist_ok=True)
    runs = "10" if QUICK else "40"

    def first_prompt(command, marker):
        out = run([sys.executable, os.path.join(BENCH, "first-prompt.py"), runs, marker, home] + command,
                  stdout=subprocess.PIPE, text=True).stdout
        return json.loads(out)["times"]

    drill = first_prompt([DRILL, "run", scenario, "--scenarios", folder, "--db", db], "> ")
    empty = first_prompt([os.path.join(BIN, "empty")], "")
    foundation = first_prompt([os.path.join(BIN, "empty-foundation")], "")
    record("Start to the first prompt of a drill (30 scenarios in the folder)", "≤ 50 ms and ≤ 3× empty Swift process",
           stats(drill), stats(empty), ratio_target=3, note=f"empty process that loads Foundation: {fmt_ms(stats(foundation))}")
    picker = first_prompt([DRILL, "run", "--scenarios", folder, "--db", db], "> ")
    record("…the same, choosing the scenario from the list (no id given)", "≤ 50 ms", stats(picker), stats(empty), ratio_target=3)


def bench_append(manifest):
    log("one durable answer")
    count = "100" if QUICK else "300"
    for label, db in (("the 100k-run database", DB), ("a new database", os.path.join(DATA, "append.sqlite"))):
        if db != DB:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
        out = run([os.path.join(BIN, "drill-bench"), "append", "--db", db, "--floor", os.path.join(DATA, "floor.sqlite"), "--count", count],
                  cwd=ROOT, stdout=subprocess.PIPE, text=True).stdout
        result = json.loads(out)
        d, f = result["drill"], result["floor"]
        e = result["perEvent"]
        record(f"One answer made durable (synchronous=FULL), {label}", "≤ 1.5× bare insert+commit",
               {"median": d["median"], "p10": d["p10"], "p90": d["p90"], "n": result["count"]},
               {"median": f["median"], "p10": f["p10"], "p90": f["p90"], "n": result["count"]}, ratio_target=1.5,
               note=f"an answer stores {result['eventsPerAnswer']:.1f} events on average; per event {e['median']:.2f} ms")


def bench_lint_check():
    log("lint and check over 1,000 scenarios")
    folder = os.path.join(DATA, "scenarios-1000")
    nodb = os.path.join(DATA, "no-such-dir", "none.sqlite")
    runs = 3 if QUICK else 10
    times = hyperfine("lint", [("lint", [DRILL, "lint", folder]),
                               ("check", [DRILL, "check", "--scenarios", folder, "--db", nodb, "--as-of", "2026-11-20"]),
                               ("floor", [os.path.join(BIN, "yaml-floor"), "--basic", folder])], runs=runs, warmup=1)
    mem = {}
    for name, count in (("lint", 100), ("lint", 1000), ("check", 100), ("check", 1000)):
        f = os.path.join(DATA, f"scenarios-{count}")
        command = [DRILL, "lint", f] if name == "lint" else [DRILL, "check", "--scenarios", f, "--db", nodb, "--as-of", "2026-11-20"]
        mem[(name, count)] = peak_mb(command, runs=1)
    for name in ("lint", "check"):
        record(f"`drill {name}` over 1,000 scenarios", "≤ 2 s; memory flat in the number of scenarios",
               stats(times[name]), stats(times["floor"]),
               note=f"peak memory {mem[(name, 100)]:.0f} MB at 100 scenarios, {mem[(name, 1000)]:.0f} MB at 1,000; "
                    "floor: compose every file with Yams on one core, resolving no tags (as drill reads YAML), nothing else")


def bench_queries(manifest):
    log("queries on the 100k-run database")
    team, run_id = manifest["team"], manifest["sampleRun"]
    runs = 5 if QUICK else 20
    search_words = os.environ.get("DRILL_BENCH_SEARCH", "insurer policy")
    fts = " ".join('"' + w + '"' for w in search_words.split())
    figures = [
        ("runs", f"`drill runs --for-team X` (first page)", "≤ 50 ms, ≤ 2× SQL floor", 50,
         [DRILL, "runs", "--for-team", team, "--db", DB],
         sqlite_cli(f"SELECT id, startedAt, team, scenarioID, status, overallScore FROM run WHERE team = {quote(team)} "
                    "ORDER BY startedAt DESC, id DESC LIMIT 50")),
        ("runs-all", "`drill runs` (every team, first page)", "≤ 50 ms, ≤ 2× SQL floor", 50,
         [DRILL, "runs", "--db", DB],
         sqlite_cli("SELECT id, startedAt, team, scenarioID, status, overallScore FROM run ORDER BY startedAt DESC, id DESC LIMIT 50")),
        ("show", "`drill show RUN`", "≤ 50 ms, ≤ 2× SQL floor", 50,
         [DRILL, "show", run_id, "--db", DB],
         sqlite_cli(f"SELECT * FROM run WHERE id = {quote(run_id)}; SELECT * FROM participant WHERE runID = {quote(run_id)} ORDER BY position; "
                    f"SELECT * FROM finding WHERE runID = {quote(run_id)} ORDER BY position; "
                    f"SELECT * FROM event WHERE runID = {quote(run_id)} ORDER BY seq")),
        ("report", "`drill report --team X`", "≤ 300 ms, ≤ 2× SQL floor", 300,
         [DRILL, "report", "--team", team, "--db", DB, "--as-of", "2026-11-20", "--scenarios", "scenarios"],
         sqlite_cli(f"SELECT id, scenarioID, scenarioKind, mode, status, startedAt, endedAt, overallScore, scoreJSON FROM run WHERE team = {quote(team)} ORDER BY startedAt; "
                    f"SELECT f.* FROM finding f JOIN run r ON r.id = f.runID WHERE r.team = {quote(team)} ORDER BY r.startedAt, f.position; "
                    f"SELECT * FROM improvementItem WHERE team = {quote(team)}; SELECT * FROM checkClosure WHERE team = {quote(team)}")),
        ("search-rare", "`drill search 48213` (a ticket number: a handful of matches)", "≤ 100 ms, ≤ 2× SQL floor", 100,
         [DRILL, "search", "48213", "--db", DB],
         sqlite_cli("SELECT s.runID, s.seq, s.needID, r.team, r.scenarioID, r.startedAt, e.kind, e.simulatedHours, "
                    "snippet(searchIndex, -1, '[', ']', '…', 24) FROM searchIndex s JOIN run r ON r.id = s.runID "
                    "LEFT JOIN event e ON e.runID = s.runID AND e.seq = s.seq "
                    "WHERE searchIndex MATCH '\"48213\"' AND (s.seq IS NULL OR e.seq IS NOT NULL) "
                    "ORDER BY rank, r.startedAt DESC, s.seq LIMIT 20")),
        ("search", f"`drill search {search_words}` (common words)", "≤ 100 ms, ≤ 2× SQL floor", 100,
         [DRILL, "search"] + search_words.split() + ["--db", DB],
         sqlite_cli("SELECT s.runID, s.seq, s.needID, r.team, r.scenarioID, r.startedAt, e.kind, e.simulatedHours, "
                    "snippet(searchIndex, -1, '[', ']', '…', 24) FROM searchIndex s JOIN run r ON r.id = s.runID "
                    "LEFT JOIN event e ON e.runID = s.runID AND e.seq = s.seq "
                    f"WHERE searchIndex MATCH {quote(fts)} AND (s.seq IS NULL OR e.seq IS NOT NULL) "
                    "ORDER BY rank, r.startedAt DESC, s.seq LIMIT 20")),
    ]
    # Each process pays a fixed start before its query: drill (Swift runtime, Foundation, argument
    # parsing) far more than the sqlite3 CLI. Timing both starts alone in the same run shows the
    # work each does beyond it: the part indexes and queries decide.
    starts = [("drill-start", [DRILL, "--version"]), ("sqlite3-start", sqlite_cli("SELECT 1"))]
    for key, figure, target, _, command, floor in figures:
        times = hyperfine("q-" + key, [(key, command), ("floor", floor)] + starts, runs=runs, warmup=2)
        mem = peak_mb(command)
        med = {name: statistics.median(values) for name, values in times.items()}
        work, floor_work = med[key] - med["drill-start"], med["floor"] - med["sqlite3-start"]
        record(figure, target, stats(times[key]), stats(times["floor"]), ratio_target=2,
               note=f"peak memory {mem:.0f} MB (target ≤ 64 MB); beyond each process's start "
                    f"(drill {med['drill-start']:.1f} ms, sqlite3 {med['sqlite3-start']:.1f} ms): "
                    f"drill {work:.1f} ms, SQL {floor_work:.1f} ms")


def bench_export_import(manifest):
    log("export and import")
    out = os.path.join(DATA, "export")
    shutil.rmtree(out, ignore_errors=True)
    mem = {}
    commands = {}
    for label, run_id in (("long", manifest["longRun"]), ("short", manifest["sampleRun"])):
        commands[label] = [DRILL, "export", run_id, "--format", "json", "-o", out, "--db", DB]
        mem[label] = peak_mb(commands[label], runs=1)
    # Timed like the queries (one timing alone swung from 280 to 490 ms with the page cache).
    times = hyperfine("export", [("long", commands["long"]), ("short", commands["short"])], runs=5 if QUICK else 10, warmup=1)
    record("`drill export` of a 10,000-event run", "flat memory", stats(times["long"]), stats(times["short"]),
           note=f"peak memory {mem['long']:.0f} MB for 10,000 events vs {mem['short']:.0f} MB for one ordinary run (the floor column)")
    transcripts = os.path.join(DATA, "transcripts-10k")
    db = os.path.join(DATA, "import.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", DRILL, "import", transcripts, "--db", db], cwd=DATA,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    peak = int(result.stderr.strip().splitlines()[-1]) / 1024
    record("`drill import` of 10,000 transcripts", "≤ 60 s",
           {"median": elapsed, "p10": elapsed, "p90": elapsed, "n": 1}, None,
           note=f"exit {result.returncode}; peak memory {peak:.0f} MB")


def bench_verify(manifest):
    """`drill verify` of the whole 100k-run file (every run's seal, chain, signature and replay,
    the ledger, the audit trail and `integrity_check`) against `integrity_check` alone."""
    log("verify of the 100k-run database")

    def timed(command):
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, cwd=DATA, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        elapsed = (time.perf_counter() - start) * 1000
        return result.returncode, elapsed, int(result.stderr.strip().splitlines()[-1]) / 1024

    code, drill_ms, drill_mb = timed([DRILL, "verify", "--db", DB])
    floor_code, floor_ms, floor_mb = timed(sqlite_cli("PRAGMA integrity_check"))
    record("`drill verify` of the 100k-run database", "—",
           {"median": drill_ms, "p10": drill_ms, "p90": drill_ms, "n": 1},
           {"median": floor_ms, "p10": floor_ms, "p90": floor_ms, "n": 1},
           note=f"exit {code}; peak memory {drill_mb:.0f} MB; floor: `sqlite3 FILE 'PRAGMA integrity_check'` alone "
                f"(exit {floor_code}, peak {floor_mb:.0f} MB); {manifest['runs']:,} runs, {manifest['events']:,} events, "
                f"{os.cpu_count()} cores")


def bench_size(manifest):
    log("size")
    size = os.path.getsize(DB)
    with open(os.path.join(DATA, "transcripts-10k.txt")) as f:
        _, json_bytes, json_events = (int(x) for x in f.read().split())
    per_event = size / manifest["events"]
    per_json = json_bytes / json_events
    tables = subprocess.run(sqlite_cli("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8"),
                            stdout=subprocess.PIPE, text=True).stdout.strip().replace("\n", "; ").replace("|", " ")
    RESULTS.append({"figure": "Database size: bytes per stored event", "target": "≤ 2× the JSON export",
                    "measured": f"{per_event:.0f} B/event ({size / 1e9:.2f} GB for {manifest['events']:,} events)",
                    "floor": f"{per_json:.0f} B/event in the JSON transcripts of 10,000 runs",
                    "ratio": per_event / per_json, "ratio_target": 2, "verdict": None,
                    "note": "largest objects (bytes): " + tables})


def write_report(manifest, started):
    lines = [f"Machine: {os.cpu_count()} cores; {subprocess.run(['uname', '-sr'], stdout=subprocess.PIPE, text=True).stdout.strip()}; "
             f"{subprocess.run(['swift', '--version'], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.splitlines()[0]}; "
             f"SQLite {subprocess.run(['sqlite3', '--version'], stdout=subprocess.PIPE, text=True).stdout.split()[0]}. "
             f"Database: {manifest['teams']:,} teams, {manifest['runs']:,} runs, {manifest['events']:,} events, "
             f"{manifest['improvementItems']:,} improvement items. Run took {int(time.time() - started)} s.", "",
             "Times are medians with the 10th–90th percentile spread. Ratio = measured ÷ floor (medians).", "",
             "| figure | target | measured | floor | ratio | notes |", "| --- | --- | --- | --- | --- | --- |"]
    for r in RESULTS:
        measured = r["measured"] if isinstance(r["measured"], str) else fmt_ms(r["measured"])
        floor = r["floor"] if isinstance(r["floor"], str) else fmt_ms(r["floor"])
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}×"
        if r["ratio"] is not None and r["ratio_target"]:
            ratio += " ✓" if r["ratio"] <= r["ratio_target"] else " ✗"
        lines.append(f"| {r['figure']} | {r['target']} | {measured} | {floor} | {ratio} | {r['note']} |")
    table = "\n".join(lines) + "\n"
    with open(os.path.join(DATA, "results", "table.md"), "w") as f:
        f.write(table)
    # BENCHMARKS.md keeps its prose; only the part between the markers is rewritten.
    path = os.path.join(ROOT, "BENCHMARKS.md")
    if os.path.exists(path) and not os.environ.get("DRILL_BENCH_DRILL"):
        with open(path) as f:
            text = f.read()
        start, end = "<!-- table: Benchmarks/run.sh -->", "<!-- /table -->"
        if start in text and end in text:
            text = text[:text.index(start) + len(start)] + "\n" + table + text[text.index(end):]
            with open(path, "w") as f:
                f.write(text)
    with open(os.path.join(DATA, "results", "results.json"), "w") as f:
        json.dump(RESULTS, f, indent=1, default=str)
    print("\n".join(lines))


def main():
    started = time.time()
    os.chdir(ROOT)
    manifest = generate()
    only = set(sys.argv[1:])
    steps = [("start", lambda: bench_start()), ("append", lambda: bench_append(manifest)),
             ("lint", lambda: bench_lint_check()), ("queries", lambda: bench_queries(manifest)),
             ("export", lambda: bench_export_import(manifest)), ("verify", lambda: bench_verify(manifest)),
             ("size", lambda: bench_size(manifest))]
    for name, step in steps:
        if not only or name in only:
            step()
    write_report(manifest, started)


main()
