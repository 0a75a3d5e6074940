"""Confinement of every path (toolkit.paths): nothing outside the project is read, shown or written.

Each test plants a sentinel secret outside the project and points a manifest, a symbolic link, a
cassette, a config file or an option at it; the toolkit must refuse (BP005, or BP001 for output
files) without the sentinel ever appearing in what it prints.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.contract.conftest import provider  # noqa: F401 - the stand-in provider fixture
from tests.hardening.limits import memory_cap
from toolkit.check.rules._examples import project
from toolkit.check.rules.inputs import _CASE, _WITH_CASE
from toolkit.cli import main

SENTINEL = "SENTINEL-SECRET-7f3a"
# Leaks through every reader of the original code: YAML and schema errors quote these values.
SECRET_YAML = f"schema_version: {SENTINEL}\nblueprint: {SENTINEL}\nid: {SENTINEL}\n"
SECRET_JSON = json.dumps({"x-endpoint": {"method": "POST", "url": ".*", "docs": "d"}, "type": SENTINEL})
SCHEMA = json.dumps({"x-endpoint": {"method": "POST", "url": "^https://api\\.acme\\.example/v1/embed$",
                                    "docs": "https://acme.example/docs"}, "type": "object"})


@pytest.fixture
def layout(tmp_path):
    """(project root, outside folder): a one-blueprint project with one case and one provider schema."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(SECRET_YAML)
    (outside / "secret.json").write_text(SECRET_JSON)
    (outside / "settings.toml").write_text(f'trusted-endpoints = ["{SENTINEL}-("]\n')
    root = tmp_path / "proj"
    files = project(_WITH_CASE, **{"contracts/acme/embed/one.yaml": _CASE, "providers/acme/embed.schema.json": SCHEMA})
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    return root, outside


def manifest(root: Path, old: str, new: str) -> None:
    path = root / "blueprints/acme/embed.yaml"
    path.write_text(path.read_text().replace(old, new))


def shown(result) -> str:
    return result.out + result.err


def test_the_example_project_reads_its_own_case_and_schema(run_cli, layout):
    root, _ = layout
    result = run_cli("test", cwd=root)
    assert "acme/embed" in result.out and "BP005" not in shown(result) and "leaves" not in shown(result)
    assert run_cli("check", cwd=root).code == 0


@pytest.mark.parametrize("command", [["test"], ["check"], ["build", "--no-catalog"]])
def test_a_contracts_entry_with_dotdot_is_refused_at_its_key(run_cli, layout, command):
    root, _ = layout
    manifest(root, "contracts: [acme/embed/one.yaml]", "contracts: [acme/../../../outside/secret.yaml]")
    result = run_cli(*command, cwd=root)
    assert SENTINEL not in shown(result)
    assert "blueprints/acme/embed.yaml:26:13: BP005" in shown(result)
    assert "'acme/../../../outside/secret.yaml' leaves contracts/" in shown(result)
    assert result.code == (2 if command == ["test"] else 1)


@pytest.mark.parametrize("command", [["test"], ["check"], ["build", "--no-catalog"]])
def test_a_symlink_under_contracts_to_a_secret_is_refused(run_cli, layout, command):
    root, outside = layout
    case = root / "contracts/acme/embed/one.yaml"
    case.unlink()
    case.symlink_to(outside / "secret.yaml")
    result = run_cli(*command, cwd=root)
    assert SENTINEL not in shown(result)
    assert "'acme/embed/one.yaml' leaves contracts/: a symbolic link leads outside it" in shown(result)


def test_a_symlinked_contracts_folder_leading_outside_the_project_is_refused(run_cli, layout):
    root, outside = layout
    (outside / "acme/embed").mkdir(parents=True)
    (outside / "acme/embed/one.yaml").write_text(SECRET_YAML)
    os.rename(root / "contracts", root / "contracts.real")
    (root / "contracts").symlink_to(outside)
    result = run_cli("test", cwd=root)
    assert SENTINEL not in shown(result) and result.code == 2 and "BP005" in result.err


def test_a_symlink_under_providers_is_refused(run_cli, layout):
    root, outside = layout
    schema = root / "providers/acme/embed.schema.json"
    schema.unlink()
    schema.symlink_to(outside / "secret.json")
    result = run_cli("test", cwd=root)
    assert SENTINEL not in shown(result) and result.code == 1
    assert "'providers/acme/embed.schema.json' leaves providers/: a symbolic link leads outside it" in result.out


def test_a_provider_api_name_through_a_symlink_is_refused_at_its_key(run_cli, layout):
    root, outside = layout
    (root / "providers/acme/leak.schema.json").symlink_to(outside / "secret.json")
    manifest(root, "opensearch:", "provider_api: [acme/leak]\nopensearch:")
    result = run_cli("check", cwd=root)
    assert SENTINEL not in shown(result)
    assert "blueprints/acme/embed.yaml:27:16: BP005 error provider_api: 'acme/leak.schema.json' leaves providers/" \
        in result.out


@pytest.mark.parametrize("command", [["check"], ["test"], ["render", "acme/leak"]])
def test_a_symlinked_manifest_leading_outside_blueprints_is_not_read(run_cli, layout, command):
    root, outside = layout
    (root / "blueprints/acme/leak.yaml").symlink_to(outside / "secret.yaml")
    result = run_cli(*command, cwd=root)
    assert SENTINEL not in shown(result)
    assert "BP005" in shown(result) and result.code == (1 if command == ["check"] else 2)


@pytest.mark.parametrize("blueprint_id", ["{outside}/secret", "../../outside/secret", "acme\\..\\x", "acme/\0x"])
def test_a_path_like_blueprint_id_is_refused(run_cli, layout, blueprint_id):
    root, outside = layout
    for command in ("render", "test"):
        result = run_cli(command, blueprint_id.format(outside=outside), cwd=root)
        assert SENTINEL not in shown(result)
        assert result.code == 2 and "BP005" in result.err and "leaves blueprints/" in result.err


def test_a_cassette_path_outside_contracts_is_refused(run_cli, layout):
    root, outside = layout
    for args in (["test"], ["test", "--caller", "neural_search"]):
        result = run_cli(*args, str(outside / "secret.yaml"), cwd=root)
        assert SENTINEL not in shown(result)
        assert result.code == 2 and "BP005" in result.err and "leaves contracts/" in result.err


def test_record_refuses_a_case_outside_contracts_before_sending(layout, provider):  # noqa: F811
    from toolkit.contract.recording import record_case
    from toolkit.diagnostics import ToolkitError
    from toolkit.project import Project

    root, outside = layout
    with pytest.raises(ToolkitError) as caught:
        record_case(Project(root), "acme/embed", "../../../../outside/escaped", {"text_docs": ["hi"]},
                    {"ACME_KEY": "k-" + "live-1234"}, description="One document.", redirect_to=provider.address)
    assert caught.value.diagnostics[0].code == "BP005"
    assert provider.received == [] and not (outside / "escaped.yaml").exists()


def test_record_cli_refuses_a_case_outside_contracts(run_cli, layout, monkeypatch):
    root, outside = layout
    monkeypatch.setenv("ACME_KEY", "k-" + "live-1234")
    monkeypatch.setattr("toolkit.contract.record.send", lambda *a, **k: pytest.fail("a request was sent"))
    result = run_cli("record", "acme/embed", "../../../../outside/escaped", "--text-docs", "hi",
                     "--description", "One document.", cwd=root)
    assert result.code == 2 and "BP005" in result.err and "leaves contracts/" in result.err
    assert not (outside / "escaped.yaml").exists()


def test_a_config_file_linked_outside_its_folder_is_not_read(run_cli, layout):
    root, outside = layout
    (root / ".blueprint.toml").symlink_to(outside / "settings.toml")
    result = run_cli("check", cwd=root)
    assert SENTINEL not in shown(result) and result.code == 2 and "BP005" in result.err


def test_check_reports_a_link_leading_outside_the_checked_folder_or_the_project(run_cli, layout):
    root, outside = layout
    (root / "docs").mkdir()
    (outside / "connector.json").write_text(json.dumps({"name": SENTINEL, "protocol": "http", "actions": []}))
    (root / "docs/connector.json").symlink_to(outside / "connector.json")
    for named in ("docs", "docs/connector.json"):
        result = run_cli("check", named, cwd=root)
        assert SENTINEL not in shown(result) and "docs/connector.json: BP005" in result.out


# ---- output files: never through a symbolic link, the mode of an existing file kept


def test_render_output_refuses_a_symlink_and_leaves_its_target(run_cli, layout):
    root, outside = layout
    target = outside / "precious.txt"
    target.write_text("precious\n")
    target.chmod(0o644)
    (root / "link.json").symlink_to(target)
    result = run_cli("render", "acme/embed", "--output", "link.json", cwd=root)
    assert result.code == 2 and "BP001" in result.err and "symbolic link" in result.err
    assert target.read_text() == "precious\n" and stat.S_IMODE(target.stat().st_mode) == 0o644
    assert (root / "link.json").is_symlink()


def test_check_output_refuses_a_symlink(run_cli, layout):
    root, outside = layout
    (root / "report.txt").symlink_to(outside / "secret.yaml")
    result = run_cli("check", "--output", "report.txt", cwd=root)
    assert result.code == 2 and (outside / "secret.yaml").read_text() == SECRET_YAML


def test_render_output_keeps_the_mode_of_an_existing_file_unless_it_holds_secrets(run_cli, layout, monkeypatch):
    root, _ = layout
    out = root / "connector.json"
    out.write_text("old")
    out.chmod(0o640)
    assert run_cli("render", "acme/embed", "--output", "connector.json", cwd=root).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and '"acme-embed-1"' in out.read_text()
    monkeypatch.setenv("LIVE_KEY", "k-" + "live-1234")
    secret = run_cli("render", "acme/embed", "--secret", "ACME_KEY=env:LIVE_KEY", "-o", "connector.json", cwd=root)
    assert secret.code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_write_output_gives_a_new_file_the_umask_mode_and_refuses_a_folder(tmp_path):
    from toolkit.diagnostics import ToolkitError
    from toolkit.paths import write_output

    old = os.umask(0o027)
    try:
        write_output(tmp_path / "new.json", "{}\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640
    (tmp_path / "folder").mkdir()
    with pytest.raises(ToolkitError, match="not a regular file"):
        write_output(tmp_path / "folder", "{}\n")


def test_catalog_out_refuses_a_symlink(run_cli, layout):
    root, outside = layout
    (outside / "site").mkdir()
    (root / "site").symlink_to(outside / "site")
    result = run_cli("catalog", "build", cwd=root)
    assert result.code == 2 and "symbolic link" in result.err and (root / "site").is_symlink()


# ---- the helper itself


@pytest.mark.parametrize("name, problem", [
    ("", "empty"), ("/etc/passwd", "absolute"), ("a/../b", "'..'"), ("a//b", "empty"), ("./a", "'.'"),
    ("a\\b", "backslash"), ("a\0b", "NUL"), ("c:/x", "drive"), ("a" * 1025, "longer"),
])
def test_name_problem_names_what_is_wrong(name, problem):
    from toolkit.paths import name_problem

    assert problem in name_problem(name)


def test_plain_names_are_confined_to_their_folder(tmp_path):
    from toolkit.paths import PathEscape, confined, name_problem, within

    (tmp_path / "f").mkdir()
    (tmp_path / "f/inner.yaml").write_text("x")
    (tmp_path / "f/link.yaml").symlink_to(tmp_path / "f/inner.yaml")
    (tmp_path / "f/out.yaml").symlink_to(tmp_path / "outside.yaml")
    assert name_problem("openai/embedding/live-1.yaml") is None and name_problem("é/ü.yaml") is None
    assert confined(tmp_path / "f", "link.yaml", tmp_path) == (tmp_path / "f/inner.yaml").resolve()
    with pytest.raises(PathEscape, match="symbolic link leads outside"):
        confined(tmp_path / "f", "out.yaml", tmp_path)
    with pytest.raises(PathEscape, match="not inside"):
        within(tmp_path / "outside.yaml", tmp_path / "f", tmp_path)


# ---- property: hostile contracts:/provider_api: entries never read or show anything outside

_OPENED: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _OPENED is not None and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)

_SEGMENTS = st.sampled_from(["acme", "embed", "one.yaml", "..", ".", "", "link.yaml", "dirlink", "secret.yaml",
                             "outside", "leak", "a\\b", "a\0b", "é", "x" * 300, "c:", "embed.schema.json"])
_ANY = st.one_of(  # mostly refused by the manifest schema (BP002)
    st.lists(_SEGMENTS, min_size=1, max_size=8).map("/".join),
    st.lists(_SEGMENTS, min_size=1, max_size=8).map(lambda parts: "/" + "/".join(parts)),
    st.text(max_size=40),
)
# accepted by the schema's pattern, so they reach the confinement checks and the readers
_PLAUSIBLE_CASE = st.lists(st.sampled_from(["acme", "embed", "..", "dirlink", "outside", "link.yaml", "one.yaml"]),
                           max_size=7).map(lambda parts: "/".join(["acme", *parts, "secret.yaml"]))
_EXISTING = st.sampled_from(["acme/embed/one.yaml", "acme/embed/link.yaml", "acme/dirlink/secret.yaml",
                             "acme/../../../outside/secret.yaml", "acme/embed/../../../../outside/secret.yaml"])
_CASES = st.one_of(  # a missing file (BP003) stops the manifest before any case is read: mostly existing ones
    st.lists(_EXISTING, min_size=1, max_size=3),
    st.lists(st.one_of(_PLAUSIBLE_CASE, _EXISTING), min_size=1, max_size=3),
    st.lists(_ANY, min_size=1, max_size=3),
)
_PROVIDER_API = st.one_of(st.just([]), st.lists(st.sampled_from(["acme/leak", "acme/embed", "acme/dirlink"]),
                                                min_size=1, max_size=2, unique=True), st.lists(_ANY, max_size=2))


def test_hostile_manifest_paths_never_read_outside_the_project(layout, capsys, monkeypatch):
    root, outside = layout
    (root / "contracts/acme/embed/link.yaml").symlink_to(outside / "secret.yaml")
    (root / "contracts/acme/dirlink").symlink_to(outside)
    (root / "providers/acme/leak.schema.json").symlink_to(outside / "secret.json")
    (root / "providers/acme/dirlink.schema.json").symlink_to(outside / "secret.json")
    path = root / "blueprints/acme/embed.yaml"
    original = path.read_text()
    monkeypatch.chdir(root)
    monkeypatch.delenv("BLUEPRINT_PROJECT", raising=False)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(contracts=_CASES, provider_api=_PROVIDER_API)
    def run(contracts, provider_api):
        global _OPENED
        entries = f"contracts: {json.dumps(contracts)}\n"
        if provider_api:
            entries += f"provider_api: {json.dumps(provider_api)}\n"
        path.write_text(original.replace("contracts: [acme/embed/one.yaml]\n", entries))
        capsys.readouterr()
        _OPENED = []
        try:
            with memory_cap(512):
                code = main(["test"])
        finally:
            opened, _OPENED = _OPENED, None
        captured = capsys.readouterr()
        assert SENTINEL not in captured.out + captured.err
        assert "Traceback" not in captured.err and "internal error" not in captured.err, captured.err
        assert code in (0, 1, 2)
        assert not [p for p in opened if Path(p).resolve().is_relative_to(outside)], opened

    run()
