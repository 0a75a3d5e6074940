"""Prose (descriptions, notes, hints) reads exactly as written on the site and in the Markdown pages.

The oracle for Markdown is a real CommonMark parser, markdown-it-py (a test dependency), with GitHub's
table extension: what it renders from our Markdown must have the source's text, with nothing turned
into emphasis, links or HTML. Regexes (``.*``, ``\\.``, ``[a-z]``) are the text most at risk.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.catalog.prose import plain_text, prose_html, prose_markdown

markdown_it = pytest.importorskip("markdown_it")

REGEX = re.compile(r"\\\.|\.\*|\[[^\]]*-[^\]]*\]|\^https?://")
BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4")


def commonmark(text: str) -> str:
    return markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)


class Texts(HTMLParser):
    """The text of every paragraph, list item, table cell and heading, white space collapsed; and the tags seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[list[str]] = []
        self.texts: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag in BLOCKS:
            self.open.append([])

    def handle_endtag(self, tag):
        if tag in BLOCKS and self.open:
            self.texts.append(" ".join("".join(self.open.pop()).split()))

    def handle_data(self, data):
        for parts in self.open:
            parts.append(data)


def texts(html_text: str) -> Texts:
    parser = Texts()
    parser.feed(html_text)
    parser.close()
    return parser


def expected(source: str) -> str:
    """What a reader must see: the text with white space collapsed and code-span backticks dropped (the
    shipped prose uses single backticks only, asserted below, so dropping them is the code span's text)."""
    assert "``" not in source
    return " ".join(source.replace("`", "").split())


def newest_notes(blueprint: dict, data: dict) -> list[str]:
    """The settings notes of the newest release as the page and the Markdown show them: the blueprint's
    own, then, where it relies on ML Commons' default list, the release's notes (its audit among them)."""
    newest = blueprint["settings"]["by_release"][-1]
    if blueprint["managed_service_only"]:
        return []  # no settings step: the Amazon OpenSearch Service section instead
    shared = next(group["notes"] for group in data["release_notes"] if data["opensearch_version"] in group["releases"])
    return newest["notes"] + (shared if newest["trusted_by_default"] else [])


def prose_of(blueprint: dict, data: dict) -> dict[str, list[str]]:
    """The prose of one blueprint of catalog.json, by where it is shown."""
    return {
        "description": [blueprint["description"]],
        "settings note": newest_notes(blueprint, data),
        "variable": [v["description"] for v in blueprint["variables"].get("properties", {}).values()
                     if v.get("description")],
        "secret": [s["description"] for s in blueprint["secrets"] if s["description"]],
        "case": [c["description"] for c in blueprint["cases"]],
    }


def test_every_note_and_description_reads_as_written_on_the_page_and_in_markdown(site):
    data = json.loads((site / "catalog.json").read_text())
    checked = with_regex = 0
    for blueprint in data["blueprints"]:
        page = texts((site / blueprint["pages"]["html"]).read_text())
        markdown = texts(commonmark((site / blueprint["pages"]["markdown"]).read_text()))
        assert "em" not in page.tags, blueprint["id"]  # the template has no emphasis, so any is prose mangled
        assert "em" not in markdown.tags, blueprint["id"]
        for where, sources in prose_of(blueprint, data).items():
            for source in sources:
                want = expected(source)
                assert want in page.texts or any(t.endswith(": " + want) for t in page.texts), \
                    (blueprint["id"], where, want)
                if where in ("description", "settings note", "variable"):
                    assert want in markdown.texts, (blueprint["id"], where, want)
                elif where == "secret" or source == blueprint["cases"][0]["description"]:
                    assert any(t.endswith(": " + want) for t in markdown.texts), (blueprint["id"], where, want)
                checked += 1
                with_regex += bool(REGEX.search(source))
    assert checked > 300 and with_regex >= 20, with_regex  # the default list's audit, where a blueprint relies on it


def test_a_regex_note_is_literal_text_not_emphasis(site):
    page = (site / "blueprints" / "openai" / "embedding.html").read_text()
    entry = next(b for b in json.loads((site / "catalog.json").read_text())["blueprints"] if b["id"] == "openai/embedding")
    note = next(n for n in newest_notes(entry, json.loads((site / "catalog.json").read_text())) if ".*" in n)
    assert prose_html(note) in page and "<em>" not in page
    markdown = (site / "markdown" / "openai" / "embedding.md").read_text()
    assert prose_markdown(note) in markdown


def test_rule_hints_and_docs_read_the_same_on_the_rules_page_as_commonmark_reads_docs_rules_md():
    from toolkit.catalog.rulespage import markdown_html
    from toolkit.check.docs import rule_markdown
    from toolkit.check.registry import all_rules

    for rule in all_rules().values():
        source = rule_markdown(rule)
        ours, theirs = texts(markdown_html(source)), texts(commonmark(source))
        assert " ".join(ours.texts) == " ".join(theirs.texts), rule.id
        if rule.hint:
            assert "Fix: " + expected(rule.hint) in theirs.texts, rule.id


_PUNCTUATION = st.text(alphabet=st.sampled_from(list("ab_*[]()<>&#!|~\\-+.=:;'\" 1\n\t^$")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_PUNCTUATION)
def test_any_text_without_backticks_renders_back_to_itself(text):
    want = " ".join(text.split())
    assert texts(f"<p>{prose_html(text)}</p>").texts == ([want] if want else [""])
    rendered = texts(commonmark(prose_markdown(text)))
    assert rendered.texts == ([want] if want else []), prose_markdown(text)
    cell = texts(commonmark(f"| h |\n|---|\n| {prose_markdown(text, cell=True)} |\n"))
    assert cell.texts == ["h", want]


@pytest.mark.parametrize("source, code", [
    ("run `blueprint setup x --existing current.json` first", ["blueprint setup x --existing current.json"]),
    ("a `` x`y `` b", ["x`y"]),
    ("`^https://a\\.b/.*$` and .* too", ["^https://a\\.b/.*$"]),
    ("a `|` b", ["|"]),
    ("unclosed ` tick", []),
])
def test_code_spans_stay_code_and_everything_else_stays_text(source, code):
    html_side = texts(f"<p>{prose_html(source)}</p>")
    markdown_side = texts(commonmark(prose_markdown(source)))
    assert html_side.texts == markdown_side.texts == [plain_text(source)]
    for fragment in code:
        assert f"<code>{fragment.replace('<', '&lt;').replace('>', '&gt;')}</code>" in prose_html(source)
    cell = commonmark(f"| h |\n|---|\n| {prose_markdown(source, cell=True)} |\n")
    assert texts(cell).texts == ["h", plain_text(source)]
