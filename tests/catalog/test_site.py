"""The built site: every page parses, every internal link and anchor resolves, nothing is loaded
from outside, catalog.json matches its schema, and the pages show what the build checked."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from toolkit.manifest import schema

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "path", "rect", "line", "stop"}


class Page(HTMLParser):
    """Ids, links and resources of one page, and a check that elements nest properly."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.resources: list[str] = []
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text: dict[str, list[str]] = {}  # element id -> its text (for <code id=…>)
        self._capture: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag in ("script", "img", "iframe", "source") and "src" in attrs:
            self.resources.append(attrs["src"])
        if tag == "link" and "href" in attrs:
            self.resources.append(attrs["href"])
        if tag == "code" and "id" in attrs:
            self._capture.append(attrs["id"])
            self.text[attrs["id"]] = []
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()
        if tag == "code" and self._capture:
            self._capture.pop()

    def handle_data(self, data):
        for element in self._capture:
            self.text[element].append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_site_has_every_part(site):
    data = json.loads((site / "catalog.json").read_text())
    ids = [b["id"] for b in data["blueprints"]]
    assert len(ids) >= 15 and "openai/embedding" in ids
    for blueprint_id in ids:
        assert (site / "blueprints" / f"{blueprint_id}.html").is_file()
        assert (site / "markdown" / f"{blueprint_id}.md").is_file()
    assert {"index.html", "rules.html", "assets/catalog.css", "assets/catalog.js"} <= {
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_every_page_parses_and_every_internal_link_and_anchor_resolves(site):
    pages = {path: parse(path) for path in html_pages(site)}
    assert len(pages) >= 17
    checked = 0
    for path, page in pages.items():
        assert not page.problems, (path, page.problems[:3])
        assert not page.stack, (path, page.stack)
        assert len(page.ids) == len(set(page.ids)), f"duplicate ids in {path}"
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue  # provider documentation: links, never loaded
            assert not parts.scheme and not parts.netloc, f"{path}: {href}"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file(), f"{path.relative_to(site)}: broken link {href}"
            assert target.is_relative_to(site.resolve()), f"{path}: {href} leaves the site"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in pages[target].ids, f"{path.relative_to(site)}: no #{parts.fragment} in {href}"
            checked += 1
    assert checked > 500


def test_nothing_is_loaded_from_outside(site):
    for path in html_pages(site):
        page = parse(path)
        for resource in page.resources:
            assert not urlsplit(resource).scheme and not resource.startswith("//"), f"{path}: {resource}"
            assert (path.parent / resource).resolve().is_file()
        text = path.read_text()
        assert "@import" not in text and "fonts.googleapis" not in text
    assert "http" not in (site / "assets" / "catalog.css").read_text()
    assert "fetch(" not in (site / "assets" / "catalog.js").read_text()


def test_catalog_json_is_valid_against_its_schema(site):
    from jsonschema import Draft202012Validator

    data = json.loads((site / "catalog.json").read_text())
    validator = Draft202012Validator(schema("catalog.schema.json"))
    assert not list(validator.iter_errors(data))
    assert data["version"] == 2
    entry = next(b for b in data["blueprints"] if b["id"] == "openai/embedding")
    assert entry["status"]["ok"] and entry["status"]["cases"] == entry["status"]["cases_passed"] >= 2
    assert [c["variable_set"] for c in entry["connectors"]][0] == "default"
    assert entry["settings"]["trusted_endpoints"] == ["^https://api\\.openai\\.com/v1/embeddings$"]
    assert {c["provenance"]["kind"] for c in entry["cases"]} <= {"documented", "recorded"}
    assert entry["pages"] == {"html": "blueprints/openai/embedding.html", "markdown": "markdown/openai/embedding.md"}


def test_the_schema_rejects_a_published_secret(site):
    from jsonschema import Draft202012Validator

    data = json.loads((site / "catalog.json").read_text())
    data["blueprints"][0]["connectors"][0]["connector"]["credential"] = {"key": "sk-live-123"}
    assert list(Draft202012Validator(schema("catalog.schema.json")).iter_errors(data))


def test_no_secret_values_anywhere(site):
    data = json.loads((site / "catalog.json").read_text())
    for blueprint in data["blueprints"]:
        for rendering in blueprint["connectors"]:
            for value in rendering["connector"].get("credential", {}).values():
                assert value.startswith("<") and value.endswith(">")


def test_the_page_shows_the_connector_blueprint_render_prints(site, run_cli):
    page = parse(site / "blueprints" / "openai" / "embedding.html")
    rendered = run_cli("render", "openai/embedding").out
    assert "".join(page.text["connector-json"]) == rendered
    data = json.loads((site / "catalog.json").read_text())
    entry = next(b for b in data["blueprints"] if b["id"] == "openai/embedding")
    assert json.loads(rendered) == entry["connectors"][0]["connector"]


def test_the_blueprint_page_has_every_section(site):
    text = (site / "blueprints" / "bedrock" / "cohere-embed.html").read_text()
    page = parse(site / "blueprints" / "bedrock" / "cohere-embed.html")
    for anchor in ("flow", "variables", "connector", "settings", "calls", "sample", "rules"):
        assert anchor in page.ids
    for step in ("create", "register", "deploy", "predict"):
        assert f"call-{step}-devtools" in page.ids and f"call-{step}-curl" in page.ids
    assert any(i.startswith("settings-") and i.endswith("-read-devtools") for i in page.ids)
    assert "curl -sS -X POST" in "".join(page.text["call-create-curl"])
    assert '<svg class="flow" role="img"' in text and "<title id=" in text
    assert "Provider's answer" in text and "BP505" in text  # the manifest's suppression and its reason
    assert 'class="k"' in text  # highlighted at build time
    assert "<script>" not in text.replace('<script src="../../assets/catalog.js" defer></script>', "")


def test_markdown_pages_pass_blueprint_check(site, run_cli):
    result = run_cli("check", str(site / "markdown"), "--fail-on", "info")
    assert result.code == 0, result.out + result.err
    assert "no findings" in result.err + result.out
    text = (site / "markdown" / "mistral" / "embedding.md").read_text()
    assert text.index("PUT /_cluster/settings") < text.index("POST /_plugins/_ml/connectors/_create")


def test_the_rules_page_documents_every_rule(site):
    from toolkit.check.registry import all_rules

    page = parse(site / "rules.html")
    assert {rule_id.lower() for rule_id in all_rules()} <= set(page.ids)


def test_index_lists_every_blueprint_with_its_facts(site):
    text = (site / "index.html").read_text()
    page = parse(site / "index.html")
    data = json.loads((site / "catalog.json").read_text())
    for blueprint in data["blueprints"]:
        assert blueprint["pages"]["html"] in page.links
    assert 'aria-live="polite"' in text and '<label for="q">' in text
    for name in ("provider", "task", "protocol"):
        assert f'<label for="f-{name}">' in text
    # the Callers column appears once the build reports callers (toolkit.callers)
    assert ('data-key="callers">Callers</th>' in text) == any(b["callers"] for b in data["blueprints"])


@pytest.mark.parametrize("kind", ["html", "markdown"])
def test_contributor_text_is_escaped(tmp_project, kind):
    from tests.catalog.conftest import build_site
    from tests.conftest import MINIMAL_MANIFEST

    evil = "A blueprint <script>alert(1)</script> & <img src=x onerror=alert(2)> \"quoted\"."
    tmp_project.minimal(manifest=MINIMAL_MANIFEST.replace("A minimal blueprint for the rule examples.", json.dumps(evil)))
    out = tmp_project.root / "site"
    code, output = build_site(out, cwd=tmp_project.root)
    assert code == 0, output
    path = out / ("blueprints/acme/embed.html" if kind == "html" else "markdown/acme/embed.md")
    text = path.read_text()
    if kind == "markdown":  # backslash-escaped: what CommonMark renders from it (tests/catalog/test_prose.py)
        from tests.catalog.test_prose import commonmark

        text = commonmark(text)
    assert "<script>alert" not in text and "<img src=x" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
