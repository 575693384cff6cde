#!/usr/bin/env python3
"""Times process start to the first prompt: spawn a command, read its standard output until
a marker appears (drill's `> ` prompt), note the time, then close its standard input (drill
saves a pause and exits). With no marker, times spawn to end of output (the floor: an empty
process). Prints JSON: every sample in milliseconds."""
import json
import os
import subprocess
import sys
import time


def once(command, marker, cwd):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd)
    seen = b""
    elapsed = None
    while True:
        chunk = os.read(process.stdout.fileno(), 65536)
        if not chunk:
            break
        seen += chunk
        if marker and marker in seen:
            elapsed = time.perf_counter() - start
            break
    if elapsed is None:
        elapsed = time.perf_counter() - start
        if marker:
            raise SystemExit(f"no prompt from {command}: {seen[-300:]!r}")
    process.stdin.close()
    process.stdout.read()
    process.wait()
    return elapsed * 1000


def main():
    runs = int(sys.argv[1])
    marker = sys.argv[2].encode() if sys.argv[2] else b""
    cwd = sys.argv[3]
    command = sys.argv[4:]
    for _ in range(3):
        once(command, marker, cwd)
    print(json.dumps({"times": [once(command, marker, cwd) for _ in range(runs)]}))


main()
