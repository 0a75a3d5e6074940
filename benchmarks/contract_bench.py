"""Contract-test speed: shipped cases replayed per second, and the emulator's own cost per predict.

Run: python benchmarks/contract_bench.py [--cases 1000]
Prints figures only (no pass/fail); the target is at least 200 cases/s.

* "replay": every shipped contract case, repeated until ``--cases`` have run, through
  ``ContractRunner`` (one replay server, real sockets, parsed cassettes reused while unchanged).
* "emulator only": the same predict calls with an in-memory transport that answers from the
  cassette, so the figure is the pipeline (input, pre-process, payload, URL, headers, SigV4,
  post-process, output) without HTTP.
"""

from __future__ import annotations

import argparse
import statistics
import time
from itertools import cycle, islice
from pathlib import Path

from toolkit.contract.http import HttpResponse
from toolkit.contract.runner import ContractRunner, case_paths
from toolkit.manifest import load_all
from toolkit.mlcommons.predict import PredictError, predict
from toolkit.project import find_project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    args = parser.parse_args()
    project = find_project(Path(__file__).resolve().parents[1])
    manifests, _ = load_all(project)
    paths = [path for manifest in manifests for path in case_paths(project, manifest)]
    print(f"{len(paths)} shipped cases, run {args.cases} times in all")

    with ContractRunner(project) as runner:
        warm = [runner.run(path) for path in paths]
        assert all(r.ok for r in warm), [r.problems for r in warm if not r.ok]
        started = time.perf_counter()
        results = [runner.run(path) for path in islice(cycle(paths), args.cases)]
        seconds = time.perf_counter() - started
        failed = sum(not r.ok for r in results)
        print(f"replay:        {args.cases / seconds:8.0f} cases/s  ({seconds * 1000 / args.cases:.2f} ms per case, "
              f"{failed} failed)")

        prepared = []
        for path in paths:
            cassette = runner.load(path, str(path))
            connector, trusted = runner.connector(cassette)
            answers = [HttpResponse(i.response.status, dict(i.response.headers), i.response.body.to_bytes())
                       for i in cassette.interactions]
            prepared.append((connector, trusted, cassette.input, answers))

    times = []
    for connector, trusted, body, answers in islice(cycle(prepared), args.cases):
        replies = iter(answers)
        started = time.perf_counter()
        try:
            predict(connector, body, transport=lambda request: next(replies), trusted_endpoints=trusted).to_json()
        except PredictError:
            pass
        times.append(time.perf_counter() - started)
    print(f"emulator only: {len(times) / sum(times):8.0f} predicts/s (mean {statistics.mean(times) * 1000:.2f} ms, "
          f"median {statistics.median(times) * 1000:.2f} ms, max {max(times) * 1000:.2f} ms per predict, no HTTP)")


if __name__ == "__main__":
    main()
