"""Per-release compatibility on the pages: each blueprint page's matrix and verdicts (the
``data-releases`` variants), the index's release filter data, and a claim the emulator does not
prove shown as such."""

from __future__ import annotations

import json
import re

VARIANT = re.compile(r'<p data-releases="([^"]+)"( hidden)?>(.*?)</p>', re.S)
CELL = re.compile(r'<li class="[a-z]+" data-release="([^"]+)">\1 <span>([^<]+)</span></li>')


def _data(site) -> dict:
    return json.loads((site / "catalog.json").read_text())


def _verdicts(text: str) -> list[tuple[list[str], bool, str]]:
    block = text[text.index('<div id="release-verdict"'):]
    block = block[:block.index("</div>")]
    return [(releases.split(), not hidden, " ".join(re.sub(r"<[^>]+>", "", body).split()))
            for releases, hidden, body in VARIANT.findall(block)]


def test_each_blueprint_page_shows_its_result_on_every_release(site):
    data = _data(site)
    newest = data["releases"][-1]
    for blueprint in data["blueprints"]:
        text = " ".join((site / blueprint["pages"]["html"]).read_text().split())
        assert CELL.findall(text) == list(blueprint["compatibility"].items()), blueprint["id"]
        verdicts = _verdicts(text)
        assert sorted(r for releases, _, _ in verdicts for r in releases) == sorted(data["releases"])
        for releases, shown, sentence in verdicts:
            statuses = {blueprint["compatibility"][r] for r in releases}
            assert len(statuses) == 1 and shown == (newest in releases), (blueprint["id"], releases)
            assert sentence.startswith(f"On OpenSearch {newest}: ")
            assert {"pass": "passes", "fail": "fails", "n/a": "not applicable"}[statuses.pop()] in sentence
        assert f"Claims OpenSearch <strong>{blueprint['opensearch_minimum']}</strong> or newer" in text
        assert f"proven from {blueprint['proven_from']}" in text
    assert '<option value="2.12">2.12</option>' in (site / "blueprints/cohere/rerank.html").read_text()


def test_the_index_knows_the_releases_each_blueprint_passes_on(site):
    data = _data(site)
    text = (site / "index.html").read_text()
    rows = {page: releases for releases, page in re.findall(
        r'data-release="([^"]*)" data-search="[^"]*">\s*<th scope="row"><a href="([^"]+)"', text)}
    assert rows == {b["pages"]["html"]: " ".join(r for r, s in b["compatibility"].items() if s == "pass")
                    for b in data["blueprints"]}
    options = re.findall(r'<option value="([^"]+)">OpenSearch \1</option>', text)
    assert options == data["releases"][::-1]
    assert "Works on my release" in text and "emulated, not calls to the live provider" in text


def test_a_claim_the_emulator_does_not_prove_is_shown_as_such(report):
    from toolkit.catalog.model import from_report
    from toolkit.catalog.site import site_files

    catalog = from_report(report)
    later, failing = (next(e for e in catalog.entries if e.id == name) for name in ("cohere/rerank", "openai/embedding"))
    assert later.opensearch_minimum == "2.12"
    later.compatibility = {**later.compatibility, "2.12": "fail"}
    later.proven_from = "2.13"
    failing.compatibility = {**failing.compatibility, catalog.releases[-1]: "fail"}
    failing.proven_from = None
    files = site_files(catalog)

    page = " ".join(files[later.page].split())
    assert "proven only from 2.13</strong>: cases fail on 2.12." in page
    assert "2.11 to 2.11.1 n/a, 2.12 fail, 2.13 to" in page
    assert '<li class="fail" data-release="2.12">2.12 <span>fail</span></li>' in page
    assert "proven from <strong>2.13</strong>" in page  # beside the claim in the facts at the top
    assert "not proven</strong>: contract cases fail on the newest release" in " ".join(files[failing.page].split())
    index = " ".join(files["index.html"].split())
    assert '≥ 2.12 <span class="status warning">proven from 2.13</span>' in index
    assert '<span class="status failed">not proven</span>' in index
