"""Hostile inputs for ``blueprint check``: wall time, peak memory and report size per output format.

Run: python benchmarks/hostile_bench.py [--count 20000] [--formats text,json,sarif,github]

Three inputs, each checked once per format in a fresh process (peak RSS from ``os.wait4``):
``params``, a single-line connector with COUNT unused parameters (about 400 KB at 20,000: one
BP204 finding each); ``placeholders``, a single-line connector with COUNT undefined placeholders in
one request_body (about 730 KB: one BP202 finding each, inside one long, escaped string);
``template``, a blueprint whose template writes COUNT unused parameters, one per line, through
``tojson`` (findings located back in the template); ``copies``, a Markdown document showing the same
connector body COUNT/10 times, each with 10 unused parameters (COUNT findings merged into 10, each
with COUNT/10 - 1 other places: toolkit.check.merge). Target: under 2 s and 200 MB in every format.
Prints figures only (no pass/fail).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from toolkit.check.rules._examples import BASE, MANIFEST, TEMPLATE

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("text", "json", "sarif", "github")


def params_connector(count: int) -> str:
    data = json.loads(json.dumps(BASE))
    data["parameters"].update({f"p_{i:05d}": f"v{i}" for i in range(count)})
    return json.dumps(data)


def placeholders_connector(count: int) -> str:
    data = json.loads(json.dumps(BASE))
    fields = ", ".join(f'"k{i}": "${{parameters.x{i:05d}}}"' for i in range(count))
    data["actions"][0]["request_body"] = "{ " + fields + " }"
    return json.dumps(data)


def copies_document(count: int) -> str:
    """A Markdown document with ``count // 10`` copies of one body that has 10 unused parameters."""
    data = json.loads(json.dumps(BASE))
    data["parameters"].update({f"p_{i}": f"v{i}" for i in range(10)})
    call = "```\nPOST _plugins/_ml/connectors/_create\n" + json.dumps(data, indent=2) + "\n```\n\n"
    return "# Copies\n\n" + call * (count // 10)


def template_project(folder: Path, count: int) -> Path:
    """A one-blueprint project whose template has ``count`` parameter lines; returns its manifest."""
    lines = "".join(f'    "p_{i:05d}": {{{{ "v{i}" | tojson }}}},\n' for i in range(count))
    template = TEMPLATE.replace('"parameters": {"model"', '"parameters": {\n' + lines + '    "model"')
    (folder / "templates" / "acme").mkdir(parents=True)
    (folder / "blueprints" / "acme").mkdir(parents=True)
    (folder / "templates" / "acme" / "embed.json.j2").write_text(template)
    manifest = folder / "blueprints" / "acme" / "embed.yaml"
    manifest.write_text(MANIFEST)
    return manifest


def measure(path: Path, fmt: str, out: Path) -> tuple[float, float, int, int]:
    """(seconds, peak RSS in MB, report bytes, exit code) of one ``blueprint check`` process."""
    command = [sys.executable, "-c", "import sys; from toolkit.cli import main; sys.exit(main())",
               "check", "--format", fmt, "--quiet", str(path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with out.open("wb") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL, env=env, cwd=path.parent)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, out.stat().st_size, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'input':<14}{'size':>9}  {'format':<8}{'seconds':>8}{'peak MB':>9}{'report':>10}{'exit':>6}")
        inputs = []
        for name, build, suffix in (("params", params_connector, "json"),
                                    ("placeholders", placeholders_connector, "json"),
                                    ("copies", copies_document, "md")):
            inputs.append((name, folder / f"{name}.{suffix}"))
            inputs[-1][1].write_text(build(args.count))
        inputs.append(("template", template_project(folder / "project", args.count)))
        for name, path in inputs:
            source = path.parents[2] / "templates" / "acme" / "embed.json.j2" if name == "template" else path
            size = f"{source.stat().st_size / 1024:.0f} KB"
            for fmt in args.formats.split(","):
                seconds, peak, report, code = measure(path, fmt, folder / f"report.{fmt}")
                print(f"{name:<14}{size:>9}  {fmt:<8}{seconds:>8.2f}{peak:>9.0f}{report / 1024:>8.0f} KB{code:>6}")


if __name__ == "__main__":
    main()
