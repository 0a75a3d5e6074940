"""The catalog's small parts: highlighting, the diagram, the API calls, the rules page, the swap."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.catalog.calls import predict_path
from toolkit.catalog.diagram import flow_svg
from toolkit.catalog.highlight import highlight_call, highlight_json
from toolkit.catalog.model import Flow
from toolkit.catalog.rulespage import inline, markdown_html


def _text_of(markup: str) -> str:
    """What a browser shows (and the copy button copies): the text without the spans."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                           | st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_highlighting_keeps_the_text_exactly_and_escapes_everything(value):
    text = json.dumps(value, indent=2, ensure_ascii=False)
    markup = highlight_json(text)
    assert _text_of(markup) == text
    assert "<" not in re.sub(r"</?span[^>]*>", "", markup)


def test_keys_strings_numbers_and_literals_get_their_classes():
    markup = highlight_json('{"a": "<b>", "n": -1.5e3, "t": true, "z": null}')
    assert '<span class="k">&quot;a&quot;</span>' in markup
    assert '<span class="s">&quot;&lt;b&gt;&quot;</span>' in markup
    assert '<span class="n">-1.5e3</span>' in markup and '<span class="b">true</span>' in markup
    assert _text_of(highlight_call('POST /x?a=<b>\n{"a": 1}')) == 'POST /x?a=<b>\n{"a": 1}'


def test_the_diagram_escapes_its_labels_and_is_labelled():
    flow = Flow("parameters", "Painless script (3 lines)", "POST", "https://api.example.com/<script>", "built-in x",
                "$.a<b>")
    svg = flow_svg(flow, "f1")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'role="img"' in svg and 'aria-labelledby="f1"' in svg and '<title id="f1">' in svg


@pytest.mark.parametrize(("body", "path"), [
    ({"text_docs": ["a"]}, "/_plugins/_ml/_predict/text_embedding/<MODEL_ID>"),
    ({"query_text": "q", "text_docs": ["a"]}, "/_plugins/_ml/_predict/text_similarity/<MODEL_ID>"),
    ({"parameters": {"prompt": "p"}}, "/_plugins/_ml/models/<MODEL_ID>/_predict"),
])
def test_the_predict_path_follows_the_body(body, path):
    assert predict_path(body) == path


def test_the_rules_markdown_becomes_escaped_html():
    assert inline("`<x>` and **b** and [l](javascript:alert)") == (
        '<code>&lt;x&gt;</code> and <strong>b</strong> and <a href="#">l</a>')
    out = markdown_html("## BP101 unknown-key\n\ntext <i>\n\n```diff\n-a\n+b\n```\n")
    assert '<h3 id="bp101">' in out and "&lt;i&gt;" in out and '<span class="add">+b</span>' in out


def test_the_swap_replaces_a_previous_catalog_only(tmp_path):
    from toolkit.catalog.site import MARKER, write_site
    from toolkit.diagnostics import ToolkitError

    out = tmp_path / "site"
    write_site({"a.html": "one", MARKER: ""}, out)
    write_site({"b.html": "two", MARKER: ""}, out)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "b.html"]
    with pytest.raises(ToolkitError):
        write_site({"../escape.html": "x"}, out)
    assert (out / "b.html").read_text() == "two" and not (tmp_path / "escape.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(ToolkitError):
        write_site({"a.html": "x"}, tmp_path / "file")
    assert Path(tmp_path / "file").read_text() == "x"
