"""The catalog on a phone and a desktop, in light and dark (Debian's chromium, from ``file://``).

No page scrolls sideways at 320 and 390 px; the index becomes cards there and stays a table to assistive
technology; axe-core (from ``axe-playwright-python``, a test dependency the site never loads) finds
nothing at 390 and 1440 px in either color scheme, which includes every scrollable region being
reachable from the keyboard. Screenshots of the index and one blueprint page at both widths go to
``test-artifacts/catalog-{index,blueprint}-{390,1440}.png``.
"""

from __future__ import annotations

import json

import pytest

from tests.catalog.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE, DESKTOP = 390, 1440
SHOWN = {"index": "index.html", "blueprint": "blueprints/cohere/rerank.html"}  # the screenshots' pages
AXE_PAGES = (*SHOWN.values(), "blueprints/bedrock/titan-embedding.html", "rules.html")


@pytest.mark.parametrize("width", [320, PHONE])  # 320: WCAG's reflow width
def test_no_page_scrolls_sideways_on_a_phone(open_page, site, width):
    page = open_page(width=width)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 3  # the index, the rules and every blueprint page
    for path in pages:
        page.goto(path.as_uri())
        widths = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
        assert widths[0] <= widths[1], f"{path.relative_to(site)} scrolls sideways: {widths}"
    assert page.problems == []


def test_the_index_is_cards_on_a_phone_and_still_a_table(open_page, site):
    blueprints = json.loads((site / "catalog.json").read_text())["blueprints"]
    page = open_page(width=PHONE)
    page.goto((site / "index.html").as_uri())
    card = page.locator("#blueprints tbody tr").first.bounding_box()
    assert card["width"] <= PHONE and card["height"] > 3 * page.locator("#blueprints tbody td").first.bounding_box()["height"]
    table = page.get_by_role("table", name="Blueprints with their provider")
    assert table.get_by_role("row").count() == len(blueprints) + 1
    assert table.get_by_role("columnheader").count() == page.locator("#blueprints thead th").count() >= 7
    assert table.get_by_role("cell", name="cohere", exact=True).count() == sum(b["provider"] == "cohere" for b in blueprints)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing(open_page, site, width, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = open_page(width=width, color_scheme=scheme)
    # each page as built, and a blueprint page switched by the script to a release it does not claim
    for path in (*AXE_PAGES, SHOWN["blueprint"] + "?release=2.11"):
        page.goto((site / path.split("?")[0]).as_uri() + path[len(path.split("?")[0]):])
        # preload off: axe would fetch the stylesheets itself, which file:// refuses (logged as an error)
        violations = axe.run(page, options={"resultTypes": ["violations"], "preload": False}).response["violations"]
        assert violations == [], f"{path} at {width} px, {scheme}: " + "; ".join(
            f"{v['id']} at {[n['target'] for n in v['nodes'][:3]]}" for v in violations)
        if scheme == "light" and path in SHOWN.values():
            ARTIFACTS.mkdir(exist_ok=True)
            name = next(name for name, shown in SHOWN.items() if shown == path)
            page.screenshot(path=str(ARTIFACTS / f"catalog-{name}-{width}.png"), full_page=True)
    assert page.problems == []
