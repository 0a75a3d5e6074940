"""Checker speed: cold start on one file, throughput on 1,000 files, and check-jsonschema side by side.

Run: python benchmarks/check_bench.py [--files 1000] [--rounds 15] [--check-jsonschema-python PY] [--build]
Prints figures only (no pass/fail). check-jsonschema is optional: `pip install check-jsonschema`, or
in a virtualenv of its own (it may pull a newer click) named with --check-jsonschema-python.

Run it with the interpreter of the environment to time: a fresh virtualenv with the toolkit installed
(`python -m venv /tmp/bp && /tmp/bp/bin/pip install . && /tmp/bp/bin/python benchmarks/check_bench.py`)
times what a user runs; an interpreter whose site-packages carry start-up hooks (.pth files) adds their
cost to every command. The cold one-file figures interleave the commands round by round (a shared, noisy machine slows
both alike) and print the minimum and the median. Each interpreter's bare start is printed beside
them: a start-up hook of one environment (a .pth file) is not the tools' cost. --build also times a
cold `blueprint build --no-catalog` the same way.
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


def interleaved(commands: dict[str, list[str]], rounds: int) -> dict[str, list[float]]:
    """Wall times of each command, run once each per round (after one warm-up round)."""
    times: dict[str, list[float]] = {label: [] for label in commands}
    for round_ in range(rounds + 1):
        for label, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False, env=ENV)
            if round_:
                times[label].append(time.perf_counter() - started)
    return times


def show(times: dict[str, list[float]]) -> None:
    for label, runs in times.items():
        print(f"{label:44s} min {min(runs) * 1000:7.1f} ms   median {statistics.median(runs) * 1000:7.1f} ms")


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
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds of the cold one-file runs")
    parser.add_argument("--check-jsonschema-python", metavar="PY",
                        help="an interpreter with check-jsonschema installed (default: this one, if it has it)")
    parser.add_argument("--build", action="store_true", help="also time a cold `blueprint build --no-catalog`")
    args = parser.parse_args()
    blueprint = [sys.executable, "-c", "import sys; from toolkit.cli import main; sys.exit(main())"]
    theirs_python = args.check_jsonschema_python or (sys.executable if importlib.util.find_spec("check_jsonschema")
                                                     else None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = generate(folder, args.files)
        cold = {"python start (bare)": [sys.executable, "-c", "pass"],
                "blueprint check one file (cold)": [*blueprint, "check", str(paths[0])]}
        if theirs_python:
            if theirs_python != sys.executable:
                cold["check-jsonschema's python start (bare)"] = [theirs_python, "-c", "pass"]
            cold["check-jsonschema one file (cold)"] = [theirs_python, "-m", "check_jsonschema", "--schemafile",
                                                        str(SCHEMA), str(paths[0])]
        times = interleaved(cold, args.rounds)
        show(times)
        if theirs_python:
            ours, theirs = times["blueprint check one file (cold)"], times["check-jsonschema one file (cold)"]
            print(f"ratio blueprint / check-jsonschema, one file: min {min(ours) / min(theirs):.2f}x, "
                  f"median {statistics.median(ours) / statistics.median(theirs):.2f}x")
        else:
            print("check-jsonschema not installed: `pip install check-jsonschema` to compare")

        from toolkit.check.api import run_check

        run_check(paths[:1])  # imports and compiled patterns: the one-off start-up cost
        started = time.perf_counter()
        result = run_check(paths)
        seconds = time.perf_counter() - started
        print(f"blueprint check {len(paths)} files (one process) {seconds:6.2f} s  = {len(paths) / seconds:7.0f} files/s "
              f"({len(result.diagnostics)} findings)")
        whole = timed([*blueprint, "check", str(folder)], runs=3)
        print(f"blueprint check {len(paths)} files (CLI, cold)   {whole:6.2f} s  = {len(paths) / whole:7.0f} files/s")
        if theirs_python:
            other = [theirs_python, "-m", "check_jsonschema", "--schemafile", str(SCHEMA)]
            many = timed([*other, *map(str, paths)], runs=3)
            print(f"check-jsonschema same {len(paths)} files         {many:6.2f} s  = {len(paths) / many:7.0f} files/s")
            print(f"ratio: blueprint check (every rule) is {many / whole:.1f}x faster than check-jsonschema (schema only)")
    if args.build:
        show(interleaved({"blueprint build --no-catalog (cold)": [*blueprint, "build", "--no-catalog"]},
                         max(1, args.rounds // 5)))

if __name__ == "__main__":
    main()
