"""Issue row 7: an unknown rule selector is bad usage (exit 2, "did you mean"), never "no findings"."""

from __future__ import annotations

import json

import pytest

BROKEN = '{"name": "x", "version": "1", "protocol": "HTTP", "actions": []}\n'


@pytest.mark.parametrize("args, suggestion", [
    (["--select", "BP1O4"], "did you mean 'BP104'?"),
    (["--ignore", "unknwn-key"], "did you mean 'unknown-key'?"),
    (["--select", "BPX"], None),
    (["--select", ""], None),
])
def test_unknown_command_line_selector_is_exit_2(run_cli, tmp_path, args, suggestion):
    (tmp_path / "c.json").write_text(BROKEN)
    result = run_cli("check", *args, "c.json", cwd=tmp_path)
    assert result.code == 2 and "unknown rule" in result.err
    assert f"--{args[0][2:]}:" in result.err
    if suggestion:
        assert suggestion in result.err


@pytest.mark.parametrize("table", [
    'select = ["BPX"]',
    'ignore = ["BP1O4"]',
    '[per-file-ignores]\n"*.json" = ["nope"]',
    '[suppress]\n"c.json#/protocol" = ["BP9"]',
])
def test_unknown_config_selector_is_exit_2(run_cli, tmp_path, table):
    (tmp_path / "c.json").write_text(BROKEN)
    (tmp_path / ".blueprint.toml").write_text(table + "\n")
    result = run_cli("check", "c.json", cwd=tmp_path)
    assert result.code == 2 and ".blueprint.toml" in result.err and "unknown rule" in result.err


@pytest.mark.parametrize("selector", ["BP104", "bp1", "BP10", "unknown-protocol", "ALL", "all"])
def test_known_selectors_still_select(run_cli, tmp_path, selector):
    (tmp_path / "c.json").write_text(BROKEN)
    result = run_cli("check", "--select", selector, "--format", "json", "c.json", cwd=tmp_path)
    assert result.code == 1 and '"BP104"' in result.out, result.err


def test_comma_separated_selectors_are_each_checked(run_cli, tmp_path):
    (tmp_path / "c.json").write_text(BROKEN)
    assert run_cli("check", "--select", "BP104,BP101", "c.json", cwd=tmp_path).code == 1
    result = run_cli("check", "--select", "BP104,BP1O1", "c.json", cwd=tmp_path)
    assert result.code == 2 and "'BP1O1'" in result.err and "'BP104'" not in result.err.split("did you")[0]


def test_a_manifest_suppressing_an_unknown_rule_is_told_so(run_cli, tmp_project):
    from tests.conftest import MINIMAL_MANIFEST

    tmp_project.minimal(MINIMAL_MANIFEST + "suppress:\n  BP998: no such rule\n")
    result = run_cli("check", "--format", "json", cwd=tmp_project.root)
    messages = [d["message"] for d in json.loads(result.out)["diagnostics"] if d["code"] == "BP003"]
    assert result.code == 1 and any("'BP998'" in m for m in messages), result.out
