"""One defect, one finding: a body shown in ``_create`` and again inside ``_register`` (toolkit.check.merge)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

DOC = Path(__file__).parent / "data" / "duplicates.md"
TEXT = DOC.read_text()


def at(needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the ``nth`` occurrence of ``needle`` in the fixture."""
    offset = -1
    for _ in range(nth + 1):
        offset = TEXT.index(needle, offset + 1)
    line = TEXT.count("\n", 0, offset) + 1
    return line, offset - (TEXT.rfind("\n", 0, offset) + 1) + 1


# The fixture shows one body twice (create at copy 0, register at copy 1: other layout and key order)
# and a third body that differs only in its credential (copy 2): its findings stay its own.
LEFTOVER = [at('"leftover"', 0), at('"leftover"', 1), at('"leftover"', 2)]
FIRST_TYPO = [at("${parameters. model}", 2 * n) for n in range(3)]
SECOND_TYPO = [at("${parameters. model}", 2 * n + 1) for n in range(3)]


def _json(run_cli, *args: str, cwd: Path = DOC.parent) -> list[dict]:
    result = run_cli("check", *args, "--format", "json", cwd=cwd)
    assert result.code == 1
    return json.loads(result.out)["diagnostics"]


def _place(line_column: tuple[int, int], file: str = "duplicates.md") -> dict:
    return {"file": file, "line": line_column[0], "column": line_column[1]}


def test_a_finding_on_a_copy_of_the_body_is_reported_once_with_the_copy_as_related(run_cli):
    found = [(d["code"], d["line"], d["column"], d.get("related")) for d in _json(run_cli, "duplicates.md")]
    assert found == [
        ("BP204", *LEFTOVER[0], [_place(LEFTOVER[1])]),
        ("BP201", *FIRST_TYPO[0], [_place(FIRST_TYPO[1])]),
        ("BP201", *SECOND_TYPO[0], [_place(SECOND_TYPO[1])]),  # the n-th finding pairs with the n-th copy
        ("BP204", *LEFTOVER[2], None),
        ("BP201", *FIRST_TYPO[2], None),
        ("BP201", *SECOND_TYPO[2], None),
    ]


def test_the_summary_and_the_exit_code_count_merged_findings_once(run_cli):
    result = run_cli("check", "duplicates.md", cwd=DOC.parent)
    assert result.code == 1
    assert "checked 1 file(s): 4 errors, 2 info" in result.err


def test_text_and_github_say_where_else_the_finding_holds(run_cli):
    text = run_cli("check", "duplicates.md", cwd=DOC.parent).out
    line, column = LEFTOVER[0]
    assert f"duplicates.md:{line}:{column}: BP204 info connector parameter 'leftover' is not used by any " \
           f"placeholder and is not one ML Commons reads itself (also at line {LEFTOVER[1][0]})\n" in text
    third = f"duplicates.md:{LEFTOVER[2][0]}:{LEFTOVER[2][1]}: BP204 info"
    assert [line for line in text.splitlines() if line.startswith(third)][0].endswith("reads itself")

    github = run_cli("check", "duplicates.md", "--format", "github", cwd=DOC.parent).out.splitlines()
    line, column = FIRST_TYPO[0]
    assert f"::error file=duplicates.md,line={line},col={column},title=BP201::'${{parameters. model}}': whitespace " \
           f"in the name ' model': ML Commons looks the name up literally and finds nothing; so connector parameter " \
           f"'model' is never used (also at line {FIRST_TYPO[1][0]})" in github


def test_sarif_lists_the_copy_in_related_locations(run_cli):
    result = run_cli("check", "duplicates.md", "--format", "sarif", cwd=DOC.parent)
    results = json.loads(result.out)["runs"][0]["results"]
    first = results[0]
    assert first["ruleId"] == "BP204"
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == LEFTOVER[0][0]
    [related] = first["relatedLocations"]
    assert related["id"] == 1
    assert related["physicalLocation"]["artifactLocation"] == {"uri": "duplicates.md"}
    line, column = LEFTOVER[1]
    assert related["physicalLocation"]["region"] == {"startLine": line, "startColumn": column,
                                                     "endLine": line, "endColumn": column + 1}
    assert [("relatedLocations" in r) for r in results] == [True, True, True, False, False, False]


def test_the_same_body_in_two_files_is_two_findings(run_cli, tmp_path):
    for name in ("a.md", "b.md"):
        shutil.copy(DOC, tmp_path / name)
    found = _json(run_cli, ".", "--select", "BP201", cwd=tmp_path)
    assert [(d["file"], d["line"], d["related"]) for d in found if "related" in d] == [
        ("a.md", FIRST_TYPO[0][0], [_place(FIRST_TYPO[1], "a.md")]),
        ("a.md", SECOND_TYPO[0][0], [_place(SECOND_TYPO[1], "a.md")]),
        ("b.md", FIRST_TYPO[0][0], [_place(FIRST_TYPO[1], "b.md")]),
        ("b.md", SECOND_TYPO[0][0], [_place(SECOND_TYPO[1], "b.md")]),
    ]


VARIANTS = """\
# Bedrock embeddings with access keys, or with a role

```json
POST /_plugins/_ml/connectors/_create
{
  "name": "Titan with keys",
  "version": "1",
  "protocol": "aws_sigv4",
  "parameters": {"region": "us-east-1", "service_name": "bedrock"},
  "credential": {"access_key": "<ACCESS KEY>", "secret_key": "<SECRET KEY>"},
  "actions": [{"action_type": "predict", "method": "POST",
    "url": "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.titan-embed-text-v2:0/invoke",
    "request_body": "{ \\"inputText\\": \\"${parameters. inputText}\\" }"}]
}
```

On Amazon OpenSearch Service, a role instead:

```json
POST /_plugins/_ml/connectors/_create
{
  "name": "Titan with a role",
  "version": "1",
  "protocol": "aws_sigv4",
  "parameters": {"region": "us-east-1", "service_name": "bedrock"},
  "credential": {"roleArn": "<ROLE ARN>"},
  "actions": [{"action_type": "predict", "method": "POST",
    "url": "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.titan-embed-text-v2:0/invoke",
    "request_body": "{ \\"inputText\\": \\"${parameters. inputText}\\" }"}]
}
```
"""


def test_variants_that_differ_in_credential_and_name_share_their_other_findings(run_cli, tmp_path):
    (tmp_path / "variants.md").write_text(VARIANTS)
    lines = VARIANTS.splitlines()
    typos = [(n, line.index("${parameters. inputText}") + 1) for n, line in enumerate(lines, 1)
             if "${parameters. inputText}" in line]
    found = [(d["code"], d["line"], d["column"], d.get("related"))
             for d in _json(run_cli, "variants.md", "--select", "BP201", cwd=tmp_path)]
    assert found == [("BP201", *typos[0], [_place(typos[1], "variants.md")])]
    # a finding about the credential stays the variant's own, at its place
    [role] = json.loads(run_cli("check", "variants.md", "--format", "json", "--select", "BP603",
                                cwd=tmp_path).out)["diagnostics"]
    assert (role["line"], role.get("related")) == (lines.index(next(l for l in lines if "roleArn" in l)) + 1, None)
