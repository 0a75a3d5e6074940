"""The index's state and the reader's release in a real browser (Debian's chromium, from ``file://``).

Filters, search and sorting live in the URL, so a reload or a shared link shows the same list; the
"works on my release" selector lists the blueprints that pass on that release and carries the
choice (``?release=`` and localStorage) to every page, where each ``data-releases`` group shows the
variant for it: the compatibility verdict, and the settings call once the settings step has variants.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BLUEPRINT = "cohere/rerank"  # claims 2.12: not applicable on the oldest releases the catalog reports on

VARIANTS = """() => Array.from(document.querySelectorAll('[data-releases]'), (el) => ({
  group: Array.from(document.querySelectorAll('*')).indexOf(el.parentElement),
  releases: el.dataset.releases.split(' '), shown: !el.hidden && el.getClientRects().length > 0,
  settings: el.closest('#call-settings, section[aria-labelledby="settings"]') !== null}))"""


def _data(site):
    return json.loads((site / "catalog.json").read_text())


def _visible_ids(page) -> list[str]:
    return page.eval_on_selector_all("#blueprints tbody tr:not([hidden]) th code", "els => els.map(e => e.textContent)")


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _stored_release(page) -> str | None:
    return page.evaluate("localStorage.getItem('blueprint-release')")


def _assert_variants_follow(page, release: str) -> list[dict]:
    """In every group of data-releases siblings with a variant for ``release``, exactly those show."""
    variants = page.evaluate(VARIANTS)
    groups = {v["group"] for v in variants}
    for group in groups:
        members = [v for v in variants if v["group"] == group]
        if any(release in v["releases"] for v in members):
            assert [v["shown"] for v in members] == [release in v["releases"] for v in members], members
    return variants


def test_the_release_selector_filters_the_index_and_switches_every_page(open_page, site):
    data = _data(site)
    releases = data["releases"]
    newest, older = releases[-1], next(r for r in releases if _version(r) < (2, 12))
    entry = next(b for b in data["blueprints"] if b["id"] == BLUEPRINT)
    assert entry["compatibility"][older] == "n/a" and entry["compatibility"]["2.13"] == "pass"
    page = open_page(width=1440)
    page.goto((site / "index.html").as_uri())
    page.select_option("#f-release", "2.12")
    passing = [b["id"] for b in data["blueprints"] if b["compatibility"]["2.12"] == "pass"]
    assert _visible_ids(page) == passing and 0 < len(passing) < len(data["blueprints"])
    assert _query(page)["release"] == ["2.12"] and _stored_release(page) == "2.12"

    page.click(f"#blueprints a[href^='{entry['pages']['html']}']")
    page.wait_for_load_state()
    assert _query(page)["release"] == ["2.12"]
    assert page.eval_on_selector("#release", "s => s.value") == "2.12"
    variants = _assert_variants_follow(page, "2.12")
    verdict = page.locator("#release-verdict > p:visible")
    assert verdict.count() == 1 and "OpenSearch 2.12: passes" in " ".join(verdict.inner_text().split())
    assert page.get_attribute(".matrix [aria-current]", "data-release") == "2.12"
    settings = [v for v in variants if v["settings"]]
    if settings:  # the settings step's per-release variants (issue 18, item 2)
        assert [v["releases"] for v in settings if v["shown"]] == [v["releases"] for v in settings if "2.12" in v["releases"]]
        assert any("2.12" in v["releases"] for v in settings if v["shown"])

    # a release the blueprint does not claim: its verdict says so, the choice follows to the next page
    page.select_option("#release", older)
    assert _query(page)["release"] == [older] and _stored_release(page) == older
    _assert_variants_follow(page, older)
    assert "not applicable" in page.locator("#release-verdict > p:visible").inner_text()
    page.click(".crumbs a")
    page.wait_for_load_state()
    assert page.eval_on_selector("#f-release", "s => s.value") == older
    assert _visible_ids(page) == [b["id"] for b in data["blueprints"] if b["compatibility"][older] == "pass"]

    # without ?release= the browser remembers the choice; "Any release" forgets it
    page.goto((site / entry["pages"]["html"]).as_uri())
    assert page.eval_on_selector("#release", "s => s.value") == older
    _assert_variants_follow(page, older)
    page.goto((site / "index.html").as_uri())
    page.select_option("#f-release", "")
    assert _stored_release(page) is None and "release" not in _query(page)
    page.goto((site / entry["pages"]["html"]).as_uri())
    assert page.eval_on_selector("#release", "s => s.value") == newest
    assert f"OpenSearch {newest}: passes" in " ".join(page.locator("#release-verdict > p:visible").inner_text().split())
    assert page.problems == []


def test_without_javascript_the_newest_release_shows(open_page, site):
    newest = _data(site)["releases"][-1]
    page = open_page(java_script_enabled=False)
    page.goto((site / "blueprints" / "cohere" / "rerank.html").as_uri())
    variants = _assert_variants_follow(page, newest)
    assert len(variants) >= 2 and sum(v["shown"] for v in variants if newest in v["releases"]) >= 1
    assert not page.is_visible("#release")  # the picker needs the script


def test_filter_state_survives_a_reload_and_travels_in_the_url(open_page, site):
    data = _data(site)
    page = open_page()
    page.goto((site / "index.html").as_uri())
    page.fill("#q", "embed")
    page.select_option("#f-provider", "bedrock")
    page.click("#blueprints th[data-key='opensearch'] button")
    page.click("#blueprints th[data-key='opensearch'] button")  # descending
    shown = _visible_ids(page)
    assert 1 < len(shown) < len(data["blueprints"])
    assert _query(page) == {"q": ["embed"], "provider": ["bedrock"], "sort": ["-opensearch"]}

    page.reload()
    assert page.input_value("#q") == "embed" and page.eval_on_selector("#f-provider", "s => s.value") == "bedrock"
    assert page.get_attribute("#blueprints th[data-key='opensearch']", "aria-sort") == "descending"
    assert _visible_ids(page) == shown

    shared = open_page()  # another reader opening a shared link
    shared.goto((site / "index.html").as_uri() + "?provider=cohere&task=rerank&release=2.13")
    assert _visible_ids(shared) == [b["id"] for b in data["blueprints"] if b["provider"] == "cohere"
                                    and b["task"] == "rerank" and b["compatibility"]["2.13"] == "pass"] == [BLUEPRINT]
    assert shared.eval_on_selector("#f-release", "s => s.value") == "2.13"
    assert shared.get_attribute(f"#blueprints a[href^='{'blueprints/' + BLUEPRINT}']", "href").endswith("?release=2.13")
    assert page.problems == [] and shared.problems == []


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_columns_sort_from_their_header_buttons(open_page, site):
    blueprints = _data(site)["blueprints"]
    page = open_page()
    page.goto((site / "index.html").as_uri())
    assert page.locator("#blueprints th[aria-sort]").count() == 0
    page.focus("#blueprints th[data-key='opensearch'] button")
    page.keyboard.press("Enter")
    ascending = [b["id"] for b in sorted(blueprints, key=lambda b: _version(b["opensearch_minimum"]))]
    assert _visible_ids(page) == ascending
    assert page.get_attribute("#blueprints th[data-key='opensearch']", "aria-sort") == "ascending"
    page.keyboard.press("Enter")
    descending = [b["id"] for b in sorted(blueprints, key=lambda b: _version(b["opensearch_minimum"]), reverse=True)]
    assert _visible_ids(page) == descending
    assert page.get_attribute("#blueprints th[data-key='opensearch']", "aria-sort") == "descending"
    page.click("#blueprints th[data-key='task'] button")
    assert _visible_ids(page) == [b["id"] for b in sorted(blueprints, key=lambda b: b["task"])]
    assert page.locator("#blueprints th[aria-sort]").count() == 1
    assert page.problems == []
