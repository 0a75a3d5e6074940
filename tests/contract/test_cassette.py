"""The cassette format: round trip, sorted keys, atomic writes, schema errors at file:line:col, provenance."""

from __future__ import annotations

import dataclasses
import os
import textwrap
from pathlib import Path

import pytest

from toolkit.contract.cassette import Body, Provenance, dump_cassette, load_cassette
from toolkit.diagnostics import ToolkitError

from .conftest import CHAT_RESPONSE, chat_cassette, chat_interaction


def _keys_sorted(text: str) -> bool:
    """Every run of sibling mapping keys at one indentation is in sorted order."""
    from ruamel.yaml import YAML

    def check(node) -> bool:
        if isinstance(node, dict):
            return list(node) == sorted(node) and all(check(v) for v in node.values())
        if isinstance(node, list):
            return all(check(v) for v in node)
        return True

    return check(YAML(typ="rt").load(text))


def test_round_trip_is_equal_and_sorted(tmp_path):
    cassette = chat_cassette()
    path = tmp_path / "contracts/openai/chat/capital.yaml"
    dump_cassette(cassette, path)
    text = path.read_text()
    assert _keys_sorted(text)
    assert text.startswith("blueprint: openai/chat\n") and text.endswith("\n")
    loaded = load_cassette(path)
    assert loaded == cassette
    assert loaded.file == str(path)
    dump_cassette(loaded, path)
    assert path.read_text() == text  # writing what was read changes nothing


def test_text_body_keeps_long_number_literal_byte_exact(tmp_path):
    path = tmp_path / "c.yaml"
    dump_cassette(chat_cassette(), path)
    body = load_cassette(path).interactions[0].response.body
    assert body.kind == "text" and body.to_bytes() == CHAT_RESPONSE.encode()
    assert b"1.0000000000000000001" in body.to_bytes()


@pytest.mark.parametrize("raw, kind", [
    (b'{"a": [0.0023064255, -1.5, 7, "x"]}', "json"),
    (b'{"a": 1.0000000000000000001}', "text"),   # more digits than a double holds (BigDecimal in ML Commons)
    (b'{"a": 1.50}', "text"),                    # re-serialising would print 1.5
    (b'{"a": 1e-5}', "text"),                    # and 1e-05
    (b'{"a": 1, "a": 2}', "text"),               # a duplicate key would be lost
    (b"plain text", "text"),
    (b"", "empty"),
])
def test_body_form_is_chosen_by_literal_fidelity(raw, kind):
    body = Body.from_bytes(raw)
    assert body.kind == kind
    if kind == "text":
        assert body.to_bytes() == raw


def test_multiline_text_is_a_literal_block_and_reads_back(tmp_path):
    text = "data: one\n\ndata: two  \n\ttabbed\n"
    interaction = chat_interaction()
    interaction = dataclasses.replace(interaction, response=dataclasses.replace(interaction.response, body=Body("text", text)))
    path = tmp_path / "c.yaml"
    dump_cassette(chat_cassette(interactions=(interaction, chat_interaction())), path)
    assert load_cassette(path).interactions[0].response.body.value == text


def test_write_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "c.yaml"
    dump_cassette(chat_cassette(), path)
    before = path.read_text()

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        dump_cassette(chat_cassette(description="A changed description."), path)
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["c.yaml"]  # no temporary file left behind


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(textwrap.dedent(text))
    return path


VALID = """\
    schema_version: 1
    blueprint: openai/chat
    description: A minimal case.
    provenance:
      kind: documented
      source: https://platform.openai.com/docs/api-reference/chat/create
    input:
      parameters: {messages: []}
    interactions:
      - request:
          method: POST
          url: https://api.openai.com/v1/chat/completions
          body: {model: gpt-4o}
        response:
          status: 200
          body: {ok: true}
    expected:
      output: {inference_results: []}
"""


def _error(tmp_path, text):
    with pytest.raises(ToolkitError) as info:
        load_cassette(_write(tmp_path, text))
    return info.value.diagnostics


def test_valid_minimal_case_loads(tmp_path):
    cassette = load_cassette(_write(tmp_path, VALID))
    assert cassette.interactions[0].request.body == Body("json", {"model": "gpt-4o"})
    assert cassette.provenance == Provenance("documented", source="https://platform.openai.com/docs/api-reference/chat/create")


def test_schema_error_points_at_the_key(tmp_path):
    [d] = _error(tmp_path, VALID.replace("          status: 200", "          status: two hundred"))
    assert d.code == "BP004" and (d.line, d.column) == (15, 7)
    assert "interactions/0/response/status" in d.message


def test_unknown_key_points_at_itself(tmp_path):
    [d] = _error(tmp_path, VALID.replace("    description:", "    descripton: x\n    description:"))
    assert (d.line, d.column) == (3, 1) and "descripton" in d.message


def test_provenance_never_both(tmp_path):
    text = VALID.replace("      source: https", "      recorded_at: 2026-11-26\n      source: https")
    [d] = _error(tmp_path, text)
    assert (d.line, d.column) == (6, 3) and "never both" in d.message
    recorded = VALID.replace("kind: documented", "kind: recorded")
    messages = " ".join(d.message for d in _error(tmp_path, recorded))
    assert "recorded_at" in messages and "toolkit_version" in messages


def test_recorded_provenance_with_unquoted_date_loads(tmp_path):
    text = VALID.replace("      kind: documented\n      source: https://platform.openai.com/docs/api-reference/chat/create",
                         "      kind: recorded\n      recorded_at: 2026-11-26\n      toolkit_version: 0.1.0")
    assert load_cassette(_write(tmp_path, text)).provenance.recorded_at == "2026-11-26"


def test_documented_source_must_be_https(tmp_path):
    [d] = _error(tmp_path, VALID.replace("source: https://", "source: http://"))
    assert "provenance/source" in d.message


def test_body_and_text_are_exclusive(tmp_path):
    [d] = _error(tmp_path, VALID.replace("          body: {ok: true}", "          body: {ok: true}\n          text: ok"))
    assert (d.line, d.column) == (17, 7)


def test_bad_matcher_is_reported_at_its_key(tmp_path):
    text = VALID.replace("          body: {model: gpt-4o}",
                         "          body: {model: gpt-4o}\n          matchers:\n            headers.X-Amz-Date: sometimes")
    [d] = _error(tmp_path, text)
    assert (d.line, d.column) == (15, 9) and "not one of" in d.message


def test_input_shapes(tmp_path):
    both = VALID.replace("      parameters: {messages: []}", "      parameters: {}\n      text_docs: [a]")
    assert _error(tmp_path, both)
    query_alone = VALID.replace("      parameters: {messages: []}", "      query_text: q")
    assert "text_docs" in _error(tmp_path, query_alone)[0].message
    similarity = VALID.replace("      parameters: {messages: []}", "      query_text: q\n      text_docs: [a, b]")
    assert load_cassette(_write(tmp_path, similarity)).input == {"query_text": "q", "text_docs": ["a", "b"]}


def test_expected_is_output_or_error(tmp_path):
    error = VALID.replace("      output: {inference_results: []}", "      error: {status: 400, message: bad}")
    assert load_cassette(_write(tmp_path, error)).expected.error.status == 400
    both = VALID.replace("      output: {inference_results: []}",
                         "      output: {}\n      error: {status: 400, message: bad}")
    assert _error(tmp_path, both)


def test_dump_refuses_an_invalid_cassette(tmp_path):
    bad = chat_cassette(provenance=Provenance("documented"))
    with pytest.raises(ToolkitError):
        dump_cassette(bad, tmp_path / "c.yaml")
    assert not (tmp_path / "c.yaml").exists()


def test_yaml_syntax_error_has_position(tmp_path):
    [d] = _error(tmp_path, VALID.replace("description: A minimal case.", "description: [A minimal case."))
    assert d.code == "BP001" and d.line is not None
