"""Checker speed: cold start on one file, throughput on 1,000 files, and check-jsonschema side by side.

Run: python benchmarks/check_bench.py [--files 1000]
Prints figures only (no pass/fail). check-jsonschema is optional: `pip install check-jsonschema`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from toolkit.check.rules._examples import AWS_BASE, BASE

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "toolkit" / "schema" / "connector.schema.json"


def generate(folder: Path, count: int) -> list[Path]:
    """``count`` distinct, realistic connector files (half http, half aws_sigv4)."""
    paths = []
    for i in range(count):
        body = json.loads(json.dumps(BASE if i % 2 else AWS_BASE))
        body["name"] = f"Connector {i}"
        body["parameters"]["model"] = f"model-{i}"
        path = folder / f"connector-{i:04d}.json"
        path.write_text(json.dumps(body, indent=2))
        paths.append(path)
    return paths


# Installed packages run from compiled bytecode; a PYTHONDONTWRITEBYTECODE environment would make
# every start recompile the sources, so both tools are timed with bytecode allowed (after a warm-up).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], runs: int = 5) -> float:
    """Median wall time of ``command`` over ``runs`` runs, after one warm-up run."""
    subprocess.run(command, capture_output=True, check=False, env=ENV)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, env=ENV)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    blueprint = [sys.executable, "-c", "import sys; from toolkit.cli import main; sys.exit(main())"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = generate(folder, args.files)
        bare = timed([sys.executable, "-c", "pass"])
        cold = timed([*blueprint, "check", str(paths[0])])
        print(f"python start (bare)             {bare * 1000:7.1f} ms")
        print(f"blueprint check one file (cold) {cold * 1000:7.1f} ms  ({cold / bare:.1f}x a bare start)")

        from toolkit.check.api import run_check

        run_check(paths[:1])  # imports and compiled patterns: the one-off start-up cost
        started = time.perf_counter()
        result = run_check(paths)
        seconds = time.perf_counter() - started
        print(f"blueprint check {len(paths)} files (one process) {seconds:6.2f} s  = {len(paths) / seconds:7.0f} files/s "
              f"({len(result.diagnostics)} findings)")
        whole = timed([*blueprint, "check", str(folder)], runs=3)
        print(f"blueprint check {len(paths)} files (CLI, cold)   {whole:6.2f} s  = {len(paths) / whole:7.0f} files/s")
        if importlib.util.find_spec("check_jsonschema"):
            other = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA)]
            theirs = timed([*other, *map(str, paths)], runs=3)
            print(f"check-jsonschema same {len(paths)} files         {theirs:6.2f} s  = {len(paths) / theirs:7.0f} files/s")
            print(f"ratio: blueprint check (every rule) is {theirs / whole:.1f}x faster than check-jsonschema (schema only)")
            one = timed([*other, str(paths[0])])
            print(f"check-jsonschema one file (cold) {one * 1000:7.1f} ms")
        else:
            print("check-jsonschema not installed: `pip install check-jsonschema` to compare")


if __name__ == "__main__":
    main()
