"""Dev Tools bodies that are not JSON: each defect is an error at its exact position, and the body is
read as its writer meant it, so the other rules still run on the rest of it, at exact positions."""

from __future__ import annotations

import json

SIGV4 = """# SageMaker

```json
POST /_plugins/_ml/connectors/_create
{
  "name": "sagemaker", "description": "d", "version": 1, "protocol": "aws_sigv4",
  "parameters": {"region": "us-east-1", "service_name": "sagemaker"},
  "credential": {
    "aws_access_key_id": "<AWS_ACCESS_KEY>",
    "aws_secret_access_key": "<AWS_SECRET_KEY>"
  },
  "actions": [
    {
      "action_type": "predict",
      "method": "POST",
      "url": "https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/e/invocations",
      "request_body": "{"inputs": "${parameters.inputs}", "k": ${parameters.k}}"
    }
  ]
}
```
"""


def _check(run_cli, tmp_path, text: str, *select: str) -> list[tuple[str, str, int, int]]:
    (tmp_path / "doc.md").write_text(text)
    args = [a for rule_id in select for a in ("--select", rule_id)]
    result = run_cli("check", "doc.md", "--format", "json", "--fail-on", "info", *args, cwd=tmp_path)
    return [(d["code"], d["severity"], d["line"], d["column"]) for d in json.loads(result.out)["diagnostics"]]


def _at(text: str, needle: str, nth: int = 0, shift: int = 0) -> tuple[int, int]:
    """Line and column of the ``nth`` occurrence of ``needle`` (plus ``shift`` characters)."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    offset += shift
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_unescaped_quotes_are_an_error_and_the_credential_keys_are_still_checked(run_cli, tmp_path):
    found = _check(run_cli, tmp_path, SIGV4, "BP100", "BP602", "BP202")
    assert ("BP100", "error", *_at(SIGV4, '"{"inputs"', shift=2)) in found  # the first bare quote
    assert ("BP602", "error", *_at(SIGV4, '"credential"')) in found
    assert ("BP602", "warning", *_at(SIGV4, '"aws_access_key_id"')) in found
    # positions inside the recovered string are still exact
    assert ("BP202", "info", *_at(SIGV4, "${parameters.inputs}")) in found
    assert ("BP202", "info", *_at(SIGV4, "${parameters.k}")) in found
    assert len(found) == 6


def test_a_missing_comma_is_reported_where_it_belongs_and_the_rest_is_checked(run_cli, tmp_path):
    text = SIGV4.replace('"protocol": "aws_sigv4",\n', '"protocol": "aws_sigv4"\n') \
                .replace('"{"inputs": "${parameters.inputs}", "k": ${parameters.k}}"',
                         '"{ \\"inputs\\": \\"${parameters.inputs}\\" }"')
    found = _check(run_cli, tmp_path, text, "BP100", "BP602")
    assert found[0] == ("BP100", "error", *_at(text, '"aws_sigv4"', shift=len('"aws_sigv4"')))
    assert ("BP602", "error", *_at(text, '"credential"')) in found


def test_trailing_comma_line_break_invalid_escape_and_stray_text(run_cli, tmp_path):
    text = SIGV4.replace('"service_name": "sagemaker"}', '"service_name": "sagemaker",}') \
                .replace('"method": "POST",', '"method": "PATCH", // not a method\n      "name": "a\nb",') \
                .replace('"description": "d"', '"description": "d\\d"') \
                .replace('"action_type": "predict",', '"action_type": "predict", \\\\ stray words')
    found = _check(run_cli, tmp_path, text, "BP100", "BP106")
    assert found == sorted([
        ("BP100", "error", *_at(text, '"sagemaker",}', shift=len('"sagemaker"'))),
        ("BP100", "error", *_at(text, '\\d"')),
        ("BP100", "error", *_at(text, "\\\\ stray")),
        ("BP100", "error", *_at(text, '"a\nb"', shift=2)),
        ("BP100", "error", *_at(text, '"{"inputs"', shift=2)),
        ("BP106", "error", *_at(text, '"method"')),
    ], key=lambda f: (f[2], f[3], f[0]))


def test_an_unmatched_bracket_is_reported_and_the_body_still_read(run_cli, tmp_path):
    text = SIGV4.replace('"invocations",', '"invocations",').replace("    }\n  ]\n}", "    }\n    }\n  ]\n}")
    found = _check(run_cli, tmp_path, text, "BP100", "BP602")
    assert ("BP100", "error", *_at(text, "    }\n    }", shift=10)) in found
    assert ("BP602", "error", *_at(text, '"credential"')) in found


def test_a_body_that_cannot_be_read_is_one_error(run_cli, tmp_path):
    text = SIGV4.replace('"method": "POST",', '"method": POST,')
    found = _check(run_cli, tmp_path, text)
    assert found == [("BP100", "error", *_at(text, "POST,"))]


LISTING = """# Create connector API

## Endpoints

```json
POST /_plugins/_ml/connectors/_create
POST /_plugins/_ml/models/_register
```

## Register with a connector ID

```json
POST /_plugins/_ml/models/_register
Content-Type: application/json

{
  "name": "m",
  "function_name": "remote",
  "connector_id": "abc",
}
```
"""


def test_an_endpoint_listing_and_a_register_by_connector_id_are_not_connector_calls(run_cli, tmp_path):
    assert _check(run_cli, tmp_path, LISTING) == []
    prose = LISTING.replace("POST /_plugins/_ml/models/_register\n```", "POST /_plugins/_ml/models/_register\nsee below\n```")
    assert _check(run_cli, tmp_path, prose) == [("BP100", "error", *_at(prose, "POST /_plugins/_ml/models/_register"))]


def test_header_lines_before_an_inline_connector_body(run_cli, tmp_path):
    text = SIGV4.replace("POST /_plugins/_ml/connectors/_create\n{",
                         'POST /_plugins/_ml/models/_register\nContent-Type: application/json\n\n'
                         '{"name": "m", "function_name": "remote", "connector":\n{') + ""
    text = text.replace("  ]\n}\n```", "  ]\n}}\n```")
    found = _check(run_cli, tmp_path, text, "BP602")
    assert ("BP602", "error", *_at(text, '"credential"')) in found


CHAT = """```json
POST /_plugins/_ml/models/_register
{"name": "{name}", "function_name": "remote", "connector": {
  "name": "{name}", "version": "1", "protocol": "http",
  "credential": {"key": "<API_KEY>"},
  "actions": [{"action_type": "predict", "method": "POST", "url": "https://api.openai.com/v1/chat/completions",
    "headers": {"Authorization": "Bearer ${credential.key}"},
    "request_body": "{ \\"model\\": \\"gpt-4o\\", \\"messages\\": ${parameters.{param}} }"}]}}
```
"""
STREAM = """```json
POST /_plugins/_ml/models/{model_id}/_predict/stream
{"parameters": {"{param}": [{"role": "user", "content": "hi"}], "_llm_interface": "openai/v1/chat/completions"}}
```
"""


def _chat(name: str, param: str) -> str:
    return CHAT.replace("{name}", name).replace("{param}", param)


def test_predict_stream_calls_document_what_the_requests_send(run_cli, tmp_path):
    text = _chat("one", "messages") + _chat("two", "history") + STREAM.replace("{param}", "messages") \
        + STREAM.replace("{param}", "history")
    assert _check(run_cli, tmp_path, text, "BP202") == []  # each registered model has its own call
    wrong = _chat("one", "messages") + STREAM.replace("{param}", "history")
    assert _check(run_cli, tmp_path, wrong, "BP202") == [("BP202", "error", *_at(wrong, "${parameters.messages}"))]


def test_repairs_are_bounded_by_the_size_of_the_body():
    from toolkit.documents.lenient_json import read_body

    broken = "\n".join(f'  "k{i}": {i}' for i in range(41))  # 40 missing commas
    small = read_body("{\n" + broken + "\n}", 0)
    assert small.document is not None and len(small.problems) == 40
    padding = ",\n".join(f'  "p{i}": "{"x" * 100}"' for i in range(20_000))  # about 2.4 MB
    large = read_body("{\n" + broken + ",\n" + padding + "\n}", 0)
    assert large.document is None and len(large.problems) == 1  # the first defect, then it gives up
