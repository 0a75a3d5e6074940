"""Honest evidence: each contract case publishes the request the emulator sent to the provider (secrets
masked), the provider's answer it was given, where that answer came from and the releases it ran on.

The oracle for requests and responses is the contract case files themselves (read here with PyYAML,
not through the toolkit): every published exchange is one of the case's recorded interactions."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import yaml

from tests.catalog.conftest import build_site
from tests.conftest import REPO, MINIMAL_MANIFEST, MINIMAL_TEMPLATE
from toolkit.catalog.evidence import rendering_secrets

MASKED = {"authorization", "x-amz-date", "x-amz-security-token"}  # headers a SigV4 matcher relaxes or a secret fills


def cases(site: Path):
    data = json.loads((site / "catalog.json").read_text())
    for blueprint in data["blueprints"]:
        for case in blueprint["cases"]:
            yield blueprint, case


def test_every_case_publishes_each_exchange_with_the_provider_answer_of_its_case_file(site):
    newest = json.loads((site / "catalog.json").read_text())["opensearch_version"]
    exchanges = 0
    for blueprint, case in cases(site):
        assert case["emulator"] == {"ran_on": newest, "fails_on": []}, case["file"]
        recorded = yaml.safe_load((REPO / case["file"]).read_text())["interactions"]
        assert len(case["exchanges"]) == len(recorded), case["file"]
        for exchange in case["exchanges"]:
            request, response = exchange["request"], exchange["response"]
            matching = [i for i in recorded if i["request"]["method"] == request["method"]
                        and i["request"]["url"] == request["url"] and i["request"].get("body") == request.get("body")
                        and i["response"]["status"] == response["status"]
                        and i["response"].get("body", i["response"].get("text")) == response.get("body", response.get("text"))]
            assert matching, (case["file"], request["url"])
            sent = {name.lower(): value for name, value in request["headers"].items()}
            for name, value in matching[0]["request"].get("headers", {}).items():
                if name.lower() not in MASKED and not matching[0]["request"].get("matchers", {}).get(f"headers.{name}"):
                    assert sent[name.lower()] == value, (case["file"], name)
            exchanges += 1
    assert exchanges >= 81


def test_no_secret_the_contract_runner_renders_or_signs_with_reaches_the_site(site, report):
    from toolkit.contract.scrub import find_secrets

    secrets = rendering_secrets()
    sent = [value for result in report.results for case_result, _ in result.case_results
            for request, _ in case_result.exchanges for value in request.headers.values()]
    used = {name for name, value in secrets.items() if any(value in header for header in sent)}
    assert {"AWS_ACCESS_KEY_ID", "ASSUMED_ROLE_ACCESS_KEY", "ASSUMED_ROLE_SESSION_TOKEN"} <= used  # so masking matters
    files = [(str(path.relative_to(site)), path.read_text()) for path in sorted(site.rglob("*")) if path.is_file()]
    assert not find_secrets(files, secrets)
    signatures = {re.search(r"Signature=([0-9a-f]{64})", value).group(1) for value in sent if "Signature=" in value}
    assert signatures and not any(signature in text for _, text in files for signature in signatures)
    published = [case for _, case in cases(site) if "Credential=" in json.dumps(case["exchanges"])]
    assert published and all("Signature=<SIGV4_SIGNATURE>" in json.dumps(case["exchanges"]) for case in published)


def test_the_signing_time_is_masked_so_two_builds_publish_the_same_site(site, tmp_path):
    code, output = build_site(tmp_path / "again")
    assert code in (0, 1), output
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "again"): p.read_bytes() for p in (tmp_path / "again").rglob("*") if p.is_file()}
    assert first == second
    assert "X-Amz-Date: &lt;YYYYMMDDTHHMMSSZ&gt;" in (site / "blueprints/bedrock/titan-embedding.html").read_text()


def test_the_page_and_the_markdown_show_each_case_with_its_provenance_and_release(site):
    page = (site / "blueprints/bedrock/nova-embedding.html").read_text()
    markdown = (site / "markdown/bedrock/nova-embedding.md").read_text()
    data = json.loads((site / "catalog.json").read_text())
    entry = next(b for b in data["blueprints"] if b["id"] == "bedrock/nova-embedding")
    for case in entry["cases"]:
        assert f'id="case-{case["name"]}"' in page
        assert f"### Case `{case['name']}`: passed, documented from docs.aws.amazon.com" in markdown
    assert page.count('"codelabel">Request the emulator sent to the provider (1 of 2)<') == 1  # the case with two calls
    release = data["opensearch_version"]
    first = [r for r, status in entry["compatibility"].items() if status != "n/a"][0]
    assert f"ML Commons emulator, OpenSearch {release}; passes on every release from {first} to {release}" in page
    assert "What “passed” and “verified” mean:" in page and "not live calls" in markdown


def test_the_index_says_what_verified_means_with_the_catalogs_counts(site):
    kinds = [case["provenance"]["kind"] for _, case in cases(site)]
    text = html.unescape(" ".join((site / "index.html").read_text().split()))
    assert f"Of {len(kinds)} cases here, {kinds.count('documented')} have answers written from the provider's " \
           f"documentation (documented) and {kinds.count('recorded')} were recorded" in text


def _long_vector_project(tmp_project):
    vector = [round(0.01 * i - 0.1, 4) for i in range(20)]
    manifest = MINIMAL_MANIFEST.replace('minimum: "2.9"', 'minimum: "2.11"')  # where emulation starts
    tmp_project.minimal(manifest=manifest + "contracts:\n  - acme/embed/long.yaml\n", template=MINIMAL_TEMPLATE)
    tmp_project.write("contracts/acme/embed/long.yaml", json.dumps({  # JSON is YAML
        "schema_version": 1, "blueprint": "acme/embed", "description": "A 20-value vector.",
        "provenance": {"kind": "recorded", "recorded_at": "2026-01-31", "toolkit_version": "0.1.0"},
        "input": {"text_docs": ["hello"]},
        "interactions": [{
            "request": {"method": "POST", "url": "https://api.acme.example/v1/embed",
                        "headers": {"Authorization": "Bearer <ACME_KEY>"},
                        "body": {"model": "acme-embed-1", "input": ["hello"]}},
            "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                         "body": {"data": [{"embedding": vector}]}}}],
        "expected": {"output": {"inference_results": [{"output": [{"name": "response", "dataAsMap": {
            "data": [{"embedding": vector}]}}], "status_code": 200}]}},
    }))
    return vector


def test_long_vectors_are_abridged_with_every_value_in_a_collapsed_block(tmp_project):
    vector = _long_vector_project(tmp_project)
    out = tmp_project.root / "site"
    code, output = build_site(out, cwd=tmp_project.root)
    assert code == 0, output
    page = (out / "blueprints/acme/embed.html").read_text()
    shown = "[" + ", ".join(str(n) for n in vector[:4]) + ", … 16 more]"
    assert re.sub(r"<[^>]+>", "", page).count(shown) == 2  # the provider's response and the ML Commons output
    every = re.sub(r"<[^>]+>", "", "".join(part.split("</details>")[0] for part in page.split('<details class="full">')[1:]))
    assert every.count("[" + ", ".join(str(n) for n in vector) + "]") == 2
    assert "recorded on 2026-01-31 from the provider" in page and "Vectors</dt>" not in page  # recorded: real lengths
    markdown = (out / "markdown/acme/embed.md").read_text()
    assert "… 16 more" in markdown and "<details><summary>Every value</summary>" in markdown
    data = json.loads((out / "catalog.json").read_text())
    assert data["blueprints"][0]["cases"][0]["exchanges"][0]["response"]["body"]["data"][0]["embedding"] == vector
    assert data["blueprints"][0]["cases"][0]["exchanges"][0]["request"]["headers"]["Authorization"] == "Bearer <ACME_KEY>"


def test_a_request_no_interaction_matches_is_published_with_no_response_and_the_case_failed(tmp_project):
    _long_vector_project(tmp_project)
    case = tmp_project.root / "contracts/acme/embed/long.yaml"
    case.write_text(case.read_text().replace("https://api.acme.example/v1/embed", "https://api.acme.example/v1/other"))
    out = tmp_project.root / "site"
    code, _ = build_site(out, cwd=tmp_project.root)
    assert code == 1
    exchange = json.loads((out / "catalog.json").read_text())["blueprints"][0]["cases"][0]["exchanges"][0]
    assert exchange["request"]["url"] == "https://api.acme.example/v1/embed" and exchange["response"] is None
    assert "No recorded response matched this request: the case failed." in (out / "blueprints/acme/embed.html").read_text()
