"""``blueprint check --statistics``: findings by rule and severity for a folder, through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from toolkit.check.rules._examples import BASE

DOC = Path(__file__).parent / "data" / "duplicates.md"


@pytest.fixture
def corpus(tmp_path) -> Path:
    """duplicates.md (4 BP201 and 2 BP204 once merged), a connector with 120 unused parameters and a
    plain-http URL (more BP204 than the per-file cap lists), and a Markdown page with no calls."""
    shutil.copy(DOC, tmp_path / "duplicates.md")
    data = json.loads(json.dumps(BASE))
    data["parameters"].update({f"unused_{i:03d}": "x" for i in range(120)})
    data["actions"][0]["url"] = "http://localhost:8080/v1/embeddings"
    (tmp_path / "c.json").write_text(json.dumps(data, indent=1))
    (tmp_path / "notes.md").write_text("# Notes\n\nNo connector here.\n")
    return tmp_path


def test_text_prints_the_table_instead_of_the_findings(run_cli, corpus):
    result = run_cli("check", ".", "--statistics", cwd=corpus)
    assert result.code == 1
    assert result.out == """\
rule   name                   severity  findings  files
BP201  malformed-placeholder  error            4      1
BP301  untrusted-endpoint     error            1      1
BP303  private-host           error            1      1
BP302  plain-http             warning          1      1
BP204  unused-parameter       info           122      2
-------------------------------------------------------
                              error            6      2
                              warning          1      1
                              info           122      2
                              total          129      2
2 file(s) and 4 connector body(ies) checked
"""
    assert "checked 2 file(s): 6 errors, 1 warning, 122 info, 20 not listed" in result.err


def test_json_adds_a_statistics_object_beside_the_findings(run_cli, corpus):
    result = run_cli("check", ".", "--statistics", "--format", "json", "--select", "BP201,BP204", cwd=corpus)
    assert result.code == 1
    report = json.loads(result.out)
    assert len(report["diagnostics"]) == 4 + 2 + 100  # the cap lists 100 of c.json's 121 BP204
    assert report["statistics"] == {
        "rules": [
            {"code": "BP201", "name": "malformed-placeholder", "severity": "error", "count": 4, "files": 1},
            {"code": "BP204", "name": "unused-parameter", "severity": "info", "count": 122, "files": 2},
        ],
        "severities": {"error": {"count": 4, "files": 1}, "warning": {"count": 0, "files": 0},
                       "info": {"count": 122, "files": 2}},
        "total": {"count": 126, "files": 2},
        "files_checked": 2,
        "bodies_checked": 4,
    }


def test_a_clean_file_has_a_table_of_zeros(run_cli, tmp_path):
    (tmp_path / "c.json").write_text(json.dumps(BASE))
    result = run_cli("check", "c.json", "--statistics", cwd=tmp_path)
    assert result.code == 0
    assert result.out == """\
rule  name  severity  findings  files
-------------------------------------
            error            0      0
            warning          0      0
            info             0      0
            total            0      0
1 file(s) and 1 connector body(ies) checked
"""


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_statistics_with_sarif_or_github_is_a_usage_error(run_cli, corpus, fmt):
    result = run_cli("check", ".", "--statistics", "--format", fmt, cwd=corpus)
    assert result.code == 2
    assert f"--statistics works with --format text or json, not {fmt}" in result.err
    assert result.out == ""
