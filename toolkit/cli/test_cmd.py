"""``blueprint test``: run contract cases against the replay server (exit 0 all pass, 1 any fails)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from toolkit.callers import CALLER_NAMES
from toolkit.cli._common import echo_json, project


def _selected(proj, targets: tuple[str, ...]) -> list[Path]:
    """Cassette paths: every listed case of every blueprint, or those of the given ids / files."""
    from toolkit.contract.runner import case_paths
    from toolkit.manifest import find_manifest, load_all

    if not targets:
        manifests, problems = load_all(proj)
        if problems:
            from toolkit.diagnostics import ToolkitError

            raise ToolkitError(*problems)
        return [path for manifest in manifests for path in case_paths(proj, manifest)]
    paths: list[Path] = []
    for target in targets:
        candidate = Path(target)
        if candidate.is_file() and candidate.suffix in (".yaml", ".yml"):
            manifest = manifest_at(proj, candidate)
            paths += case_paths(proj, manifest) if manifest else [cassette_at(proj, candidate)]
        else:
            paths += case_paths(proj, find_manifest(proj, target))
    return paths


def manifest_at(proj, path: Path):
    """The manifest at ``path`` when it is one (blueprints/<provider>/<name>.yaml), else None."""
    from toolkit.manifest import find_manifest

    lexical = Path(os.path.abspath(path))
    if lexical.parent.parent != proj.blueprints:
        return None
    return find_manifest(proj, f"{lexical.parent.name}/{lexical.stem}")


def cassette_at(proj, path: Path) -> Path:
    """``path`` resolved, when it is a file inside contracts/ (else BP005: a cassette is not read
    from elsewhere)."""
    from toolkit.diagnostics import Diagnostic, ToolkitError
    from toolkit.paths import PathEscape, within

    try:
        return within(path, proj.contracts, proj.root)
    except PathEscape as exc:
        raise ToolkitError(Diagnostic("BP005", f"contract case {exc}; not read", file=str(path),
                                      hint="contract cases live under contracts/ of the project")) from None


def _junit(results) -> str:
    from toolkit.report.junit import JUnitCase, junit_xml

    cases = (JUnitCase(r.blueprint, r.case, r.seconds, r.file, r.problems) for r in results)
    return junit_xml("blueprint test", "contract", "contract", cases)


@click.command("test")
@click.argument("targets", nargs=-1, metavar="[ID|PATH]...")
@click.option("--update", is_flag=True, help="Rewrite each case's expected from the emulator (interactions untouched).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text", show_default=True)
@click.option("--caller", "callers", multiple=True, type=click.Choice([*CALLER_NAMES, "all"]), metavar="NAME",
              help="Run this OpenSearch caller (neural_search, ingest_text_embedding, ingest_text_image_embedding, "
                   "rerank, ml_inference, agent; 'all' for every declared one) instead of the contract cases.")
@click.pass_context
def test_cmd(ctx: click.Context, targets: tuple[str, ...], update: bool, fmt: str, callers: tuple[str, ...]) -> int:
    """Replay contract cases through the ML Commons emulator and compare with their expected output.

    With no argument: every case listed under contracts: in every manifest. An ID runs that
    blueprint's cases; a PATH runs one cassette (or a manifest's cases). With --caller NAME: run
    that caller (docs/callers.md) for every blueprint declaring it, or for the given ones, against
    their contract cases, and report per blueprint whether it is verified. Exit 0 when all pass,
    1 when any fails, 2 on bad input.
    """
    from toolkit.contract.runner import ContractRunner

    proj = project(ctx)
    if callers:
        from toolkit.cli.caller_test import run_caller_tests

        if update:
            raise click.UsageError("--update rewrites contract cases; it cannot be combined with --caller")
        return run_caller_tests(proj, targets, callers, fmt)
    paths = _selected(proj, targets)
    with ContractRunner(proj) as runner:
        results = [runner.run(path, update=update) for path in paths]
    failed = [r for r in results if not r.ok]
    if fmt == "json":
        echo_json({"ok": not failed, "passed": len(results) - len(failed), "failed": len(failed),
                   "cases": [{"blueprint": r.blueprint, "case": r.case, "file": r.file, "ok": r.ok,
                              "seconds": round(r.seconds, 4), "problems": r.problems,
                              **({"updated": True} if r.diff else {})} for r in results]})
    elif fmt == "junit":
        click.echo(_junit(results))
    else:
        for r in results:
            status = "ok" if r.ok else "FAIL"
            click.echo(f"{status:<4}  {r.blueprint:<28} {r.case:<24} {r.seconds * 1000:7.1f} ms"
                       + ("  (expected updated)" if r.diff else ""))
            for problem in r.problems:
                click.echo("      " + problem.replace("\n", "\n      "))
            if r.diff:
                click.echo(r.diff.rstrip("\n"))
        click.echo(f"{'FAILED' if failed else 'OK'}: {len(results) - len(failed)}/{len(results)} contract cases passed"
                   + (f", {sum(bool(r.diff) for r in results)} updated" if update else ""))
    return 1 if failed else 0
