"""Placement of placeholders in a body template and the kind of parameter text (spec 4.3, 4.10)."""

from __future__ import annotations

import json

import pytest

from toolkit.mlcommons.template import benign_template, kind_of_text, placements


def test_4_3_placements_bare_quoted_inside():
    body = '{"a": ${parameters.a}, "b": "${parameters.b}", "c": "x \\"${parameters.c}\\" y", "d": "$${parameters.d}"}'
    found = placements(body)
    assert found == {body.index("${parameters.a}"): "bare", body.index("${parameters.b}"): "quoted",
                     body.index("${parameters.c}"): "inside"}


def test_4_3_placeholder_text_does_not_toggle_string_state():
    body = '{"a": "${parameters.a:-x"y}", "b": ${parameters.b}}'
    assert placements(body)[body.index("${parameters.b}")] == "bare"


@pytest.mark.parametrize("text, kind", [
    ('["a"]', "array"), ('{"k": 1}', "object"), ("1024", "scalar"), ("0.5", "scalar"), ("true", "scalar"),
    ("null", "scalar"), ("gpt-4o", "string"), ('"quoted"', "string"), ("", "string"),
    ("{a:1}", "object"), ("[abc]", "array"),  # isJson is lenient (StringUtilsTest.isJson_True: [abc]): never escaped
])
def test_4_3_kind_of_text(text, kind):
    assert kind_of_text(text) == kind


def test_4_5_benign_template_keeps_offsets():
    body = '{"a": ${parameters.a}, "b": "${parameters.b}",}'
    benign = benign_template(body)
    assert len(benign) == len(body)
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(benign)
    assert caught.value.pos == body.rindex("}")
    assert json.loads(benign_template('{"a": ${parameters.a}, "b": "${parameters.b}"}'))["b"] == "x" * 15
