"""The catalog in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright,
from ``file://`` as a reader would open it.

Search narrows the list, filters combine, everything works from the keyboard, a blueprint page
opens, the copy button puts the exact rendered connector on the clipboard, and no page logs an
error. Screenshots of the index and one blueprint page go to ``test-artifacts/``.
"""

from __future__ import annotations

import json

import pytest

from tests.catalog.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

def _catalog(site: Path) -> list[dict]:
    return json.loads((site / "catalog.json").read_text())["blueprints"]


def _visible_ids(page) -> list[str]:
    return page.eval_on_selector_all("#blueprints tbody tr:not([hidden]) th code", "els => els.map(e => e.textContent)")


def _count_says(page, shown: int, total: int) -> None:
    page.wait_for_function("([s, t]) => document.getElementById('count').textContent === `${s} of ${t} blueprints`",
                           arg=[shown, total])


def test_search_narrows_the_list(page, site):
    blueprints = _catalog(site)
    page.goto((site / "index.html").as_uri())
    assert page.is_visible("#filters")
    _count_says(page, len(blueprints), len(blueprints))
    page.fill("#q", "titan")
    expected = [b["id"] for b in blueprints if "titan" in (b["id"] + b["title"] + b["description"]).lower()]
    assert 0 < len(expected) < len(blueprints)
    assert _visible_ids(page) == expected
    _count_says(page, len(expected), len(blueprints))
    page.fill("#q", "no such blueprint anywhere")
    assert _visible_ids(page) == [] and page.is_visible("#empty")
    page.click("#empty-reset")
    assert len(_visible_ids(page)) == len(blueprints)
    assert page.evaluate("document.activeElement.id") == "q"
    _count_says(page, len(blueprints), len(blueprints))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "catalog-index.png"), full_page=True)
    assert page.problems == []


def test_filters_combine_and_work_from_the_keyboard(page, site):
    blueprints = _catalog(site)
    page.goto((site / "index.html").as_uri())
    page.select_option("#f-provider", "bedrock")
    bedrock = [b["id"] for b in blueprints if b["provider"] == "bedrock"]
    assert _visible_ids(page) == bedrock
    page.select_option("#f-task", "text_embedding")
    both = [b["id"] for b in blueprints if b["provider"] == "bedrock" and b["task"] == "text_embedding"]
    assert _visible_ids(page) == both and 0 < len(both) < len(bedrock)
    page.select_option("#f-protocol", "http")
    assert _visible_ids(page) == [] and page.is_visible("#empty")
    page.click("#clear")
    page.wait_for_function("document.querySelectorAll('#blueprints tbody tr[hidden]').length === 0")

    # keyboard only: "/" focuses the search, Tab reaches the provider filter, arrows choose a value
    page.locator("body").press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("embed")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-provider"
    page.keyboard.press("ArrowDown")  # the first provider
    provider = page.eval_on_selector("#f-provider", "s => s.value")
    assert provider
    expected = [b["id"] for b in blueprints if b["provider"] == provider and "embed" in
                " ".join([b["id"], b["title"], b["provider"], b["task"], b["protocol"], b["description"], *b["tags"]]).lower()]
    assert _visible_ids(page) == expected
    _count_says(page, len(expected), len(blueprints))
    assert page.problems == []


def test_a_blueprint_page_opens_and_copy_puts_the_exact_connector_on_the_clipboard(page, site, run_cli):
    entry = next(b for b in _catalog(site) if b["id"] == "openai/embedding")
    page.goto((site / "index.html").as_uri())
    page.click(f"a[href='{entry['pages']['html']}']")
    page.wait_for_load_state()
    assert page.url.endswith("/blueprints/openai/embedding.html")
    assert page.inner_text("h1") == entry["title"]
    page.focus("button[data-copy='connector-json']")
    page.keyboard.press("Enter")  # the copy button works from the keyboard
    status = page.locator("button[data-copy='connector-json'] ~ .copy-status")
    status.filter(has_text="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    rendered = json.dumps(entry["connectors"][0]["connector"], indent=2, ensure_ascii=False) + "\n"
    assert copied == rendered
    assert copied == run_cli("render", "openai/embedding").out  # what the build checked is what is copied
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "catalog-blueprint.png"), full_page=True)
    assert page.problems == []


def test_no_page_logs_an_error(page, site):
    for path in sorted(site.rglob("*.html")):
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        assert page.problems == [], f"{path.relative_to(site)}: {page.problems}"
