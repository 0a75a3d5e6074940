"""The cluster-settings step of the published catalog (issue 18 item 2): per release, what a blueprint
adds to the cluster's settings (nothing where the release's default list already trusts its endpoint),
as read-merge-write calls; never a PUT of a whole list."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from tests.catalog.test_site import parse
from toolkit.versions import Profile

TRUSTED = "plugins.ml_commons.trusted_connector_endpoints_regex"
PRIVATE_ENDPOINTS = "plugins.ml_commons.trusted_connector_private_endpoints_regex"
PRIVATE_IP = "plugins.ml_commons.connector.private_ip_enabled"
OWN = "^https://search\\.internal\\.example\\.com/v1/embed$"  # a regex of the cluster's own


class Variants(HTMLParser):
    """Each settings variant of a page (a ``data-releases`` element of class ``release-variant``; the
    compatibility verdicts are variants too): its releases, whether it is hidden, and its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[dict] = []
        self._open: list[tuple[str, dict | None]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        variant = None
        if "data-releases" in attrs and "release-variant" in (attrs.get("class") or "").split():
            variant = {"releases": attrs["data-releases"].split(), "hidden": "hidden" in attrs, "text": []}
            self.found.append(variant)
        self._open.append((tag, variant))

    def handle_endtag(self, tag):
        while self._open and self._open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        for _, variant in self._open:
            if variant is not None:
                variant["text"].append(data)


def variants(site, blueprint: str) -> list[dict]:
    parser = Variants()
    parser.feed((site / "blueprints" / f"{blueprint}.html").read_text(encoding="utf-8"))
    return [{**v, "text": "".join(v["text"])} for v in parser.found]


def by_release(data: dict, blueprint: str, release: str) -> dict:
    entry = next(b for b in data["blueprints"] if b["id"] == blueprint)
    return next(g for g in entry["settings"]["by_release"] if release in g["releases"])


@pytest.fixture(scope="module")
def data(site):
    return json.loads((site / "catalog.json").read_text())


def test_every_release_has_one_variant_and_only_the_newest_shows_without_javascript(site, data):
    releases, newest = data["releases"], data["opensearch_version"]
    for blueprint in ("mistral/embedding", "cohere/rerank", "ollama/chat", "deepseek/chat"):
        found = variants(site, blueprint)
        covered = [r for v in found for r in v["releases"]]
        assert sorted(covered, key=releases.index) == releases, blueprint  # each release exactly once
        assert [v["hidden"] for v in found] == [newest not in v["releases"] for v in found]


def test_nothing_to_add_where_the_release_default_list_trusts_the_endpoint(site, data, run_cli):
    step = by_release(data, "cohere/rerank", "2.12")
    assert step["available"] and step["add"] == {} and step["set"] == {}
    assert step["trusted_by_default"] == {"https://api.cohere.ai/v2/rerank": "^https://api\\.cohere\\.ai/.*$"}
    assert "^https://api\\.cohere\\.ai/.*$" in Profile.for_version("2.12").value("trusted_endpoints.default")
    text = next(v["text"] for v in variants(site, "cohere/rerank") if "2.12" in v["releases"])
    assert "Nothing to add" in text and "PUT" not in text and "GET /_cluster/settings?include_defaults=true" in text
    assert "PUT" not in run_cli("setup", "cohere/rerank", "--opensearch-version", "2.12").out  # the CLI agrees


def test_an_older_release_adds_only_the_blueprints_regex_never_a_newer_default_list(site, data):
    """deepseek/chat: its endpoint joined the default list in 2.19; before, the step adds only its own regex."""
    own = next(b for b in data["blueprints"] if b["id"] == "deepseek/chat")["settings"]["trusted_endpoints"]
    assert by_release(data, "deepseek/chat", "2.12")["add"] == {TRUSTED: own}
    assert by_release(data, "deepseek/chat", "2.19")["add"] == {}
    text = next(v["text"] for v in variants(site, "deepseek/chat") if "2.12" in v["releases"])
    body = json.loads(text[text.index("PUT /_cluster/settings") + len("PUT /_cluster/settings"):
                           text.index("}\n}") + 3].replace("...,", ""))
    assert body == {"persistent": {TRUSTED: own}}  # the cluster's values go where `...` is
    assert "api.sagemaker" not in text and "rekognition" not in text  # 3.8's defaults, never pasted


def test_no_page_writes_a_whole_list(site):
    """Every list a settings call writes starts with `...`: the cluster's values, read first."""
    pages = [*site.glob("blueprints/*/*.html"), *site.glob("markdown/*/*.md")]
    writes = 0
    for path in pages:
        text = html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))
        for match in re.finditer(r'"plugins\.ml_commons\.[a-z_.]+": \[\n\s*(\S+)', text):
            writes += 1
            assert match.group(1) == "...,", f"{path}: {match.group(0)}"
    assert writes


def test_private_host_settings_follow_the_release(data):
    assert not by_release(data, "ollama/chat", "2.14")["available"]
    middle, newest = by_release(data, "ollama/chat", "2.15"), by_release(data, "ollama/chat", "3.7")
    assert middle["set"] == {PRIVATE_IP: True} and PRIVATE_ENDPOINTS not in middle["add"]
    assert newest["set"] == {PRIVATE_IP: True} and newest["add"][PRIVATE_ENDPOINTS] == ["^http://127\\.0\\.0\\.1:11434/.*$"]
    assert any("2.15–3.6 has no allowlist" in note for note in middle["notes"])


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
@pytest.mark.parametrize("blueprint, release", [("mistral/embedding", "2.13"), ("ollama/chat", "3.8"),
                                                ("ollama/chat", "2.15")])
@pytest.mark.parametrize("where", ["defaults", "persistent", "persistent and transient", "already added"])
def test_the_pages_jq_merge_gives_what_blueprint_setup_existing_gives(site, data, run_cli, tmp_path, blueprint,
                                                                      release, where):
    """The jq command of the page, run on GET answers of several clusters, writes the values that
    `blueprint setup --existing` computes from the same answer (Java regex semantics)."""
    variant = next(v for v in variants(site, blueprint) if release in v["releases"])
    text = variant["text"]
    command = text[text.index("jq --argjson"):text.index("current.json > merged.json") + len("current.json > merged.json")]
    default = list(Profile.for_version(release).value("trusted_endpoints.default"))
    own = by_release(data, blueprint, release)["add"][TRUSTED]
    lists = {TRUSTED: [*default, OWN], PRIVATE_ENDPOINTS: ["^http://10\\.0\\.0\\.5:8080/.*$"]}
    answer = {"defaults": {"plugins": {"ml_commons": {"trusted_connector_endpoints_regex": default,
                                                      "trusted_connector_private_endpoints_regex": []}}}}
    if where != "defaults":
        answer["persistent"] = _nested(lists)
    if where == "persistent and transient":
        answer["transient"] = _nested({TRUSTED: [OWN]})
    if where == "already added":
        answer["persistent"] = _nested({**lists, TRUSTED: [*own, *lists[TRUSTED]]})
    (tmp_path / "current.json").write_text(json.dumps(answer))
    subprocess.run(["bash", "-c", command], cwd=tmp_path, check=True)
    merged = json.loads((tmp_path / "merged.json").read_text())["persistent"]
    setup = run_cli("setup", blueprint, "--opensearch-version", release, "--existing", str(tmp_path / "current.json"),
                    "--format", "json")
    assert setup.code == 0, setup.err
    assert merged == json.loads(setup.out)["persistent"]
    assert merged[TRUSTED].count(own[0]) == 1


def _nested(settings: dict) -> dict:
    """A GET answer's nested form of flat settings."""
    out: dict = {}
    for key, value in settings.items():
        *parents, last = key.split(".")
        node = out
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return out


def test_the_markdown_shows_the_table_and_the_newest_releases_step(site, data):
    text = (site / "markdown" / "deepseek" / "chat.md").read_text()
    step = text[text.index("## 1."):text.index("## 2.")]
    own = next(b for b in data["blueprints"] if b["id"] == "deepseek/chat")["settings"]["trusted_endpoints"][0]
    assert f"| 2.11–2.18 | `{own}` |" in step and "| 2.19–3.8 | nothing to add |" in step
    assert "Nothing to add: the default list of OpenSearch" in step and "PUT /_cluster" not in step
    mistral = (site / "markdown" / "mistral" / "embedding.md").read_text()
    assert "jq --argjson add" in mistral and "--existing current.json" in mistral
    assert parse(site / "blueprints" / "mistral" / "embedding.html").problems == []
