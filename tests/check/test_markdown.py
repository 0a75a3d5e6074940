"""Linting Dev Tools calls in Markdown: exact positions in the Markdown file."""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.documents.devtools import connector_calls
from toolkit.documents.lenient_json import to_strict_json

DOC = Path(__file__).parent / "data" / "tutorial.md"


def _line(needle: str, nth: int = 0) -> int:
    hits = [i for i, line in enumerate(DOC.read_text().splitlines(), 1) if needle in line]
    return hits[nth]


def test_calls_are_found_and_register_without_connector_is_skipped():
    calls, problems = connector_calls(DOC.read_text(), "tutorial.md")
    assert [(c.method, c.path, c.prefix) for c in calls] == [
        ("POST", "/_plugins/_ml/connectors/_create", ""),
        ("POST", "/_plugins/_ml/models/_register", "/connector"),
        ("POST", "/_plugins/_ml/connectors/_create", ""),
        ("POST", "/_plugins/_ml/connectors/_create", ""),  # the broken one, read as meant
    ]
    assert [(p.line, p.column) for p in problems] == [(_line('"version": "1"', 2), len('  "version": "1"') + 1)]
    assert "a missing ',' after this value" in problems[0].message


def test_lenient_forms_become_json_and_offsets_map_back():
    text = '{\n  "a": """x "q" \\\ny${parameters.p}""", // c\n  "b": [ ... ],\n  "c": [1, ...]\n}'
    strict, to_source = to_strict_json(text, 0)
    assert json.loads(strict) == {"a": 'x "q" \\\ny${parameters.p}', "b": [], "c": [1]}
    for needle in ("${parameters.p}", '"c"', '"b"', '"a"'):
        assert text[to_source(strict.index(needle)):].startswith(needle)


def test_positions_inside_triple_quoted_strings(run_cli, tmp_path):
    doc = ('# x\n\n```\nPOST _plugins/_ml/connectors/_create\n{\n  "name": "n", "version": "1", "protocol": "http",\n'
           '  "credential": {"k": "<K>"},\n  "actions": [{"action_type": "predict", "method": "POST",\n'
           '    "url": "https://api.openai.com/v1/x",\n'
           '    "request_body": """{ "q": "say \\"hi\\"", "k": "${credential.k}" }"""\n  }]\n}\n```\n')
    (tmp_path / "d.md").write_text(doc)
    result = run_cli("check", "d.md", "--format", "json", "--select", "BP206", cwd=tmp_path)
    [d] = json.loads(result.out)["diagnostics"]
    line = doc.splitlines()[d["line"] - 1]
    assert line[d["column"] - 1:].startswith("${credential.k}")


def test_exact_positions_through_the_cli(run_cli):
    result = run_cli("check", str(DOC), "--format", "json", cwd=DOC.parent)
    assert result.code == 1
    found = {(d["code"], d["line"], d["column"]) for d in json.loads(result.out)["diagnostics"]}
    assert ("BP104", _line('"protocol": "HTTP"'), 3) in found
    assert ("BP101", _line('"pre_process_funtion"'), 9) in found
    assert ("BP109", _line('"name": "Cohere <embed>"'), 5) in found
    assert ("BP100", _line('"version": "1"', 2), 17) in found


def test_text_output_shows_the_markdown_line(run_cli):
    result = run_cli("check", str(DOC), cwd=DOC.parent)
    line = _line('"protocol": "HTTP"')
    assert f"tutorial.md:{line}:3: BP104 error" in result.out
    assert f"> {line} |   \"protocol\": \"HTTP\",  // the protocol" in result.out


def test_an_ignore_comment_naming_no_rule_is_reported_where_it_is_written(run_cli, tmp_path):
    """Like a manifest's ``suppress`` (BP003) and the configuration's selectors: an unknown id would switch
    nothing off, silently, so it is an error at the comment (here the typo also leaves the comment
    malformed, so BP203 beside it is not switched off either)."""
    doc = tmp_path / "doc.md"
    doc.write_text("# Doc\n\n<!-- blueprint-check: ignore BP2O3, BP203: a typo and a rule -->\n\n```json\n"
                   "POST /_plugins/_ml/connectors/_create\n"
                   '{"name": "x", "version": "1", "protocol": "http", "parameters": {}, "credential": {"k": "<K>"},\n'
                   ' "actions": [{"action_type": "predict", "method": "POST", "url": "https://api.openai.com/v1/e",\n'
                   ' "headers": {"Authorization": "Bearer ${credential.j}"}, "request_body": "{}"}]}\n```\n')
    result = run_cli("check", "--format", "json", str(doc))
    found = json.loads(result.out)["diagnostics"]
    assert ("BP001", 3) in [(d["code"], d["line"]) for d in found] and "BP203" in {d["code"] for d in found}
    [unknown] = [d for d in found if d["code"] == "BP001"]
    assert "unknown rule 'BP2O3'" in unknown["message"] and "'BP203'" in unknown["message"]  # the typo's fix
