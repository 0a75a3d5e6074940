"""``blueprint build`` builds the catalog from its own results; the site is swapped in atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.catalog.conftest import build_site


def test_blueprint_build_writes_the_catalog_and_says_where(run_cli, tmp_path):
    out = tmp_path / "published"
    result = run_cli("build", "--out", str(out))
    assert result.code in (0, 1), result.out  # 1: a blueprint someone is still writing fails
    last = result.out.strip().splitlines()[-1]
    assert last.startswith("catalog: ") and f"-> {out}/" in last
    assert json.loads((out / "catalog.json").read_text())["version"] == 2


def test_no_catalog_writes_nothing(run_cli, tmp_path):
    out = tmp_path / "published"
    result = run_cli("build", "--no-catalog", "--out", str(out), "--format", "json")
    assert result.code in (0, 1)
    assert json.loads(result.out)["catalog"] is None
    assert not out.exists()


def test_the_catalog_reuses_the_builds_renders_and_cases(monkeypatch, tmp_path, report):
    """Nothing is rendered or replayed again when the catalog comes from a build report: the only
    renders are the customise form's proof, with values of its own (``toolkit.catalog.customise``)."""
    import sys

    import toolkit.contract.runner
    import toolkit.render
    from toolkit.catalog.site import build_catalog

    render = toolkit.render.render

    def forbidden(*args, **kwargs):
        raise AssertionError("rendered or replayed a second time")

    def proof_only(*args, **kwargs):
        if sys._getframe(1).f_globals["__name__"] != "toolkit.catalog.customise":
            forbidden()
        return render(*args, **kwargs)

    monkeypatch.setattr(toolkit.render, "render", proof_only)
    monkeypatch.setattr(toolkit.contract.runner.ContractRunner, "run", forbidden)
    summary = build_catalog(report, tmp_path / "site")
    assert summary.blueprints + len(summary.skipped) == len(report.results) and summary.blueprints >= 15


def test_a_failed_build_leaves_the_old_site_intact(monkeypatch, tmp_path, report):
    import toolkit.catalog.data
    from toolkit.catalog.site import build_catalog
    from toolkit.diagnostics import Diagnostic, ToolkitError

    out = tmp_path / "site"
    build_catalog(report, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (out / "index.html").write_text("the old site")
    before[Path("index.html")] = b"the old site"

    def broken(data):
        raise ToolkitError(Diagnostic("BP001", "catalog.json: broken"))

    monkeypatch.setattr(toolkit.catalog.data, "validate", broken)
    with pytest.raises(ToolkitError):
        build_catalog(report, out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no temporary folder left behind


def test_a_folder_that_is_not_a_catalog_is_never_replaced(run_cli, tmp_path):
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    for command in (["catalog", "build"], ["build"]):
        result = run_cli(*command, "--out", str(precious))
        assert result.code == 2 and "not a catalog" in result.err
        assert "BLUEPRINT" not in result.out  # refused before the build ran
    assert (precious / "notes.txt").read_text() == "keep me"


def test_callers_appear_when_the_build_reports_them(tmp_path, report):
    """The callers feature (issue 9) adds ``callers`` to BlueprintResult; the catalog shows it."""
    import copy
    import dataclasses

    from toolkit.catalog.site import build_catalog

    first = copy.copy(report.results[0])
    first.callers = {"neural-search": True, "rag-pipeline": False}
    build_catalog(dataclasses.replace(report, results=[first, *report.results[1:]]), tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text()
    assert 'data-key="callers">Callers</th>' in index and "neural-search" in index
    data = json.loads((tmp_path / "site" / "catalog.json").read_text())
    assert data["blueprints"][0]["callers"] == {"neural-search": True, "rag-pipeline": False}
    page = (tmp_path / "site" / data["blueprints"][0]["pages"]["html"]).read_text()
    assert 'id="callers"' in page and "not verified" in page


def test_a_failing_blueprint_is_published_with_its_status_and_exit_1(tmp_project):
    from tests.conftest import MINIMAL_TEMPLATE

    tmp_project.minimal(template=MINIMAL_TEMPLATE.replace('"https://api.acme.example/v1/embed"',
                                                          '"https://api.acme.example/v2/embed"'))
    out = tmp_project.root / "site"
    code, output = build_site(out, cwd=tmp_project.root)
    assert code == 1 and "FAILED" in output and "acme/embed" in output
    data = json.loads((out / "catalog.json").read_text())
    assert data["blueprints"][0]["status"]["check"] == "failed"
    assert "BP309" in (out / "blueprints" / "acme" / "embed.html").read_text()
