"""The contract runner: shipped cases pass, and each way a case can fail is reported (spec 6; tooling 4.5)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO
from toolkit.contract.cassette import load_cassette
from toolkit.contract.runner import ContractRunner, case_paths
from toolkit.manifest import load_all
from toolkit.project import Project

CASE = "contracts/openai/embedding/documented.yaml"


@pytest.fixture
def project(tmp_path) -> Project:
    """A copy of the repository's blueprints, templates and contracts."""
    for folder in ("blueprints", "templates", "contracts", "providers"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return Project(tmp_path)


def edit(path: Path, change) -> None:
    yaml = YAML(typ="rt")
    yaml.width = 1 << 16
    yaml.indent(mapping=2, sequence=4, offset=2)  # as the cassette writer does
    data = yaml.load(path.read_text())
    change(data)
    with path.open("w") as handle:
        yaml.dump(data, handle)


def test_every_shipped_case_passes():
    project = Project(REPO)
    manifests, problems = load_all(project)
    paths = [path for manifest in manifests for path in case_paths(project, manifest)]
    assert not problems and len(paths) >= 12
    with ContractRunner(project) as runner:
        results = [runner.run(path) for path in paths]
    assert [(r.file, r.problems) for r in results if not r.ok] == []
    assert {r.blueprint for r in results} == {m.id for m in manifests}


def test_every_blueprint_has_a_documented_case_and_an_error_case():
    project = Project(REPO)
    for manifest in load_all(project)[0]:
        cassettes = [load_cassette(path) for path in case_paths(project, manifest)]
        assert any(c.provenance.kind == "documented" and c.expected.output for c in cassettes), manifest.id
        assert any(c.expected.error and c.expected.error.status in (400, 401, 403) for c in cassettes), manifest.id


def test_a_changed_expected_output_fails_with_a_diff_and_update_rewrites_only_expected(project):
    path = project.root / CASE
    edit(path, lambda d: d["expected"]["output"]["inference_results"][0]["output"][0]["data"].__setitem__(0, 9.5))
    before = path.read_text()
    with ContractRunner(project) as runner:
        failed = runner.run(path)
        assert not failed.ok and "output differs from expected.output" in failed.problems[0]
        assert "-            9.5,\n+            0.0023064255," in failed.problems[0]
        updated = runner.run(path, update=True)
        assert updated.ok and "-" in updated.diff and "9.5" in updated.diff
        assert runner.run(path).ok
    after = path.read_text()
    assert before.split("expected:")[0] == after.split("expected:")[0]
    assert before.split("input:")[1] == after.split("input:")[1]


def test_a_request_that_misses_fails_with_the_closest_interaction_and_is_never_updated(project):
    path = project.root / CASE
    edit(path, lambda d: d["interactions"][0]["request"]["body"].__setitem__("model", "text-embedding-3-large"))
    before = path.read_text()
    with ContractRunner(project) as runner:
        result = runner.run(path, update=True)
    assert not result.ok and not result.diff and path.read_text() == before
    report = "\n".join(result.problems)
    assert "no recorded interaction matches POST http://api.openai.com/v1/embeddings" in report
    assert 'body.model: recorded "text-embedding-3-large", received "text-embedding-3-small"' in report
    assert "interaction #1 was never requested" in report


def test_an_unused_interaction_fails(project):
    path = project.root / CASE
    edit(path, lambda d: d["interactions"].append(copy.deepcopy(d["interactions"][0])))  # no alias: refused
    with ContractRunner(project) as runner:
        result = runner.run(path)
    assert result.problems == ["interaction #2 was never requested"]


def test_an_expected_error_that_differs(project):
    path = project.root / "contracts/openai/embedding/invalid-api-key.yaml"
    edit(path, lambda d: d["expected"]["error"].__setitem__("status", 403))
    with ContractRunner(project) as runner:
        result = runner.run(path)
    assert len(result.problems) == 1 and result.problems[0].startswith("expected error 403 'Error from remote service: ")
    assert "got 401" in result.problems[0]


def test_an_invalid_cassette_is_a_failed_case(project):
    path = project.root / CASE
    edit(path, lambda d: d.pop("provenance"))
    with ContractRunner(project) as runner:
        result = runner.run(path)
    assert not result.ok and "provenance" in result.problems[0]


def test_a_case_run_on_several_releases_is_confined_and_read_once(project, monkeypatch):
    import toolkit.paths
    from toolkit.versions import Profile

    confined = []
    original = toolkit.paths.within
    monkeypatch.setattr(toolkit.paths, "within", lambda *args: confined.append(args[0]) or original(*args))
    path = project.root / CASE
    with ContractRunner(project) as runner:
        first = runner.run(path, profile=Profile.for_version("2.19"))
        once = confined.count(path)
        later = [runner.run(path, profile=Profile.for_version(release)) for release in ("3.0", "3.2")]
    assert first.ok and all(result.ok for result in later)
    assert confined.count(path) == once
