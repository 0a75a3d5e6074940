"""response_filter evaluation with Jayway JsonPath and json-smart number types (spec 5.4, 5.6)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from toolkit.javavalues.numbers import JDouble, JInt, JLong
from toolkit.mlcommons.jsonpath import (
    InvalidPathError, PathNotFoundError, UnsupportedPathError, compile_path, parse_response_json, read,
)

DOC = parse_response_json("""{"data": [{"embedding": [0.5, 1]}, {"other": 1}, {"embedding": [2.0]}],
  "embeddings": {"float": [[1.5]]}, "results": [], "nothing": null,
  "output": {"message": {"content": [{"text": "Hello!"}]}}}""")


def test_5_4_number_types_of_json_smart():
    value = parse_response_json("[1, 3000000000, 99999999999999999999, 0.5, 1e-5, 0.12345678901234567890]")
    assert [type(v) for v in value[:2]] == [JInt, JLong]
    assert value[2] == 99999999999999999999
    assert isinstance(value[3], JDouble) and isinstance(value[4], JDouble)
    assert value[5] == Decimal("0.12345678901234567890")  # a literal longer than 18 characters


def test_5_4_objects_keep_the_provider_order():
    """Jayway's json-smart provider builds LinkedHashMaps (tests/mlcommons/test_jsonpath_jvm.py checks it
    on the JVM): the provider's order, a repeated key in its first place with its last value."""
    value = parse_response_json('{"role": 1, "content": 2, "model": 3, "role": 4}')
    assert list(value.items()) == [("role", 4), ("content", 2), ("model", 3)]


@pytest.mark.parametrize("path,expected", [
    ("$.data[*].embedding", [[0.5, 1], [2.0]]),  # indefinite: missing keys after a wildcard are skipped
    ("$.embeddings.float", [[1.5]]),
    ("$.output.message.content[0].text", "Hello!"),
    ("$.results", []),
    ("$.data[-1].embedding[0]", 2.0),
    ("$['output'][\"message\"].content[0]['text']", "Hello!"),
    ("output.message.content[0].text", "Hello!"),  # Jayway prepends $.
    ("$.nothing", None),
    ("$.data[1].*", [1]),
])
def test_5_6_supported_paths(path, expected):
    assert read(DOC, path) == expected


def test_5_4_root_wildcard_on_arrays_and_objects():
    assert read(parse_response_json("[[1], [2]]"), "$[*]") == [[1], [2]]
    assert read(parse_response_json('{"a": 1}'), "$[*]") == [1]
    assert read(parse_response_json('{"a": 1}'), "$") == {"a": 1}


@pytest.mark.parametrize("path", ["$.missing", "$.output.missing.text", "$.data[9]", "$.nothing.x",
                                  "$.results[0]", "$.output[0]", "$.missing[*].x", "$.output.message.content.x"])
def test_5_4_definite_path_not_found(path):
    with pytest.raises(PathNotFoundError):
        read(DOC, path)


def test_5_4_indefinite_missing_leaf_is_skipped_not_an_error():
    assert read(DOC, "$.data[*].missing") == []
    assert read(DOC, "$.data[*].embedding.x") == []


@pytest.mark.parametrize("path", ["$..embedding", "$.data[?(@.embedding)]", "$.data[0:1]", "$.data[0,1]",
                                  "$.data.length()", "$['a','b']"])
def test_5_4_unsupported_syntax_is_refused_clearly(path):
    with pytest.raises(UnsupportedPathError):
        compile_path(path)


@pytest.mark.parametrize("path", ["", "  ", "$.", "$.a[", "$.a]", "$[abc]"])
def test_5_4_invalid_paths(path):
    with pytest.raises(InvalidPathError):
        compile_path(path)


def test_5_4_definite_flag():
    assert compile_path("$.a[0].b").definite
    assert not compile_path("$.x[*].y").definite
