"""Catalog build time: the site from an already-built report, and the full ``blueprint catalog build``.

Run: python benchmarks/catalog_bench.py [--repeat 5]
Prints figures only (no pass/fail); the target is under 2 s for the catalog.

* "site from report, first": the first catalog of a process (Jinja templates compiled, the default
  trusted-endpoint list audited once), from a report ``run_build`` already made, written to a
  temporary folder and swapped in: this is what ``blueprint build`` adds to the build.
* "site from report, again": the same in a warm process (median of ``--repeat``).
* "blueprint catalog build": the command in a fresh process (start, build with every contract case,
  catalog), median of ``--repeat``; the build's share is printed beside it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from toolkit.build import run_build
from toolkit.catalog.site import build_catalog
from toolkit.project import find_project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    project = find_project(Path(__file__).resolve().parents[1])
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "site"
        started = time.perf_counter()
        report = run_build(project)
        build_seconds = time.perf_counter() - started
        first = build_catalog(report, out)
        again = [build_catalog(report, out).seconds for _ in range(args.repeat)]
        print(f"{first.blueprints} blueprints, {first.files} files, {first.bytes / 1e6:.1f} MB")
        print(f"build (render, schema, check, {sum(r.cases for r in report.results)} contract cases): "
              f"{build_seconds:.2f} s")
        print(f"site from report, first:  {first.seconds:.3f} s")
        print(f"site from report, again:  {statistics.median(again):.3f} s (median of {args.repeat})")
        full = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", "import sys; from toolkit.cli import main; sys.exit(main())",
                                   "catalog", "build", "--out", str(out)],
                                  cwd=project.root, capture_output=True, text=True)
            if done.returncode not in (0, 1) or "catalog: " not in done.stdout:  # 1: a blueprint failed, site written
                sys.exit(done.stdout + done.stderr)
            full.append(time.perf_counter() - started)
        print(f"blueprint catalog build:  {statistics.median(full):.2f} s (median of {args.repeat}, fresh process; "
              f"min {min(full):.2f} s)")


if __name__ == "__main__":
    main()
