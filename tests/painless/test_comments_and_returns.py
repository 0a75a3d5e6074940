"""Line comments at the end of a script, and the value of a block's last expression (OpenSearch's
lang-painless tests: CommentTests, FunctionTests, LambdaTests, BasicStatementTests)."""

from __future__ import annotations

import pytest


def painless(run_cli, tmp_path, source: str, *args: str):
    path = tmp_path / "script.painless"
    path.write_text(source, encoding="utf-8")
    return run_cli("painless", str(path), *args)


# CommentTests.testSingleLineComments: "return 5 // comment no newline or return char"
@pytest.mark.parametrize("source", ["return 5 // comment no newline or return char", "return 5 //", "// one\nreturn 5 //"])
def test_a_line_comment_may_end_the_script(run_cli, tmp_path, source):
    assert (painless(run_cli, tmp_path, source).out, painless(run_cli, tmp_path, source, "--check").code) == ("5\n", 0)


# The same script before OpenSearch 2.12: the lexer's COMMENT rule needed a line break (#11815, fixed by #11816).
@pytest.mark.parametrize("version, out", [("2.11", ""), ("2.12", "5\n")])
def test_before_2_12_a_line_comment_needs_a_line_break(run_cli, tmp_path, version, out):
    result = painless(run_cli, tmp_path, "return 5 // no newline", "--opensearch-version", version)
    assert result.out == out
    assert ("1:10: syntax error: a // comment must end with a line break before OpenSearch 2.12" in result.err) == (
        version == "2.11")
    assert painless(run_cli, tmp_path, "return 5 // newline\n", "--opensearch-version", version).out == "5\n"
