"""Contract cases across OpenSearch releases: ``blueprint test --opensearch-version X|all``,
``expected_by_version`` in a cassette, and ``blueprint build``'s blueprint x release matrix with BP022."""

from __future__ import annotations

import json

import pytest

from toolkit.check.rules._examples import MANIFEST, project
from toolkit.versions.matrix import matrix_releases
from toolkit.versions.ranges import RangeError, parse_range
from toolkit.versions.releases import parse

# The provider answers an integer: ML Commons prints it as 1.0 before 3.5 (Gson), as 1 from 3.5.
CASE = """\
schema_version: 1
blueprint: acme/embed
description: One document; the answer carries an integer count.
provenance: {kind: documented, source: "https://acme.example/docs"}
input: {parameters: {input: '["hello"]'}}
interactions:
- request:
    method: POST
    url: https://api.acme.example/v1/embed
    body: {model: acme-embed-1, input: [hello]}
  response:
    status: 200
    body: {count: 1, data: [0.5]}
expected:
  output: {inference_results: [{output: [{name: response, dataAsMap: {count: 1, data: [0.5]}}], status_code: 200}]}
"""
BEFORE_3_5 = """\
expected_by_version:
- releases: {releases}
  output: {{inference_results: [{{output: [{{name: response, dataAsMap: {{count: 1.0, data: [0.5]}}}}], status_code: 200}}]}}
"""


def _project(root, minimum: str, case: str = CASE):
    manifest = MANIFEST.replace('opensearch:\n  minimum: "2.9"',
                                f'contracts: [acme/embed/count.yaml]\nopensearch:\n  minimum: "{minimum}"')
    for name, text in project(manifest, **{"contracts/acme/embed/count.yaml": case}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _short(releases) -> list[str]:
    return [release.short for release in releases]


def test_the_matrix_runs_every_release_where_a_fact_changes():
    everything = _short(matrix_releases())
    assert everything[0] == "2.11" and everything[-1] == "3.8"  # the emulation floor to the newest release
    assert {"2.17.1", "2.19.4", "3.3.2", "3.5"} <= set(everything)  # patches where a fact changes
    assert not {"2.9", "2.10", "3.4", "3.9-dev"} & set(everything)  # no fact changes there, or not emulated
    assert _short(matrix_releases("3.4", ["3.4"])) == ["3.4", "3.5", "3.6", "3.7", "3.8"]  # a minimum runs as declared
    assert _short(matrix_releases("2.9")) == everything


def test_a_range_names_releases_through_the_versions_module():
    span = parse_range("2.11-3.4")
    assert span.covers(parse("2.11")) and span.covers(parse("3.4.1")) and not span.covers(parse("3.5"))
    assert not parse_range("2.11-2.19.3").covers(parse("2.19.4"))
    assert parse_range("3.3").covers(parse("3.3.2")) and not parse_range("2.17.1").covers(parse("2.17"))
    for bad in ("3.4-2.11", "2.11-", "1.0-2.12"):
        with pytest.raises(RangeError):
            parse_range(bad)


def test_a_run_is_reused_only_on_releases_that_answer_its_facts_the_same():
    from toolkit.versions import Profile
    from toolkit.versions.profile import RecordingProfile

    ran = RecordingProfile.for_version("3.0")
    assert not ran.has("fromjson.jackson") and list(ran.asked) == ["fromjson.jackson"]
    assert ran.same_answers(Profile.for_version("3.4")) and not ran.same_answers(Profile.for_version("3.5"))
    assert not RecordingProfile.for_version("2.12").same_answers(Profile.for_version("2.11"))  # JDK 21, JDK 17


def test_one_release_and_below_the_minimum(run_cli, tmp_path):
    root = _project(tmp_path, "3.0")
    before = run_cli("test", "--opensearch-version", "3.4", cwd=root)
    assert before.code == 1 and '-            "count": 1,' in before.out and '+            "count": 1.0,' in before.out
    assert run_cli("test", "--opensearch-version", "3.5", cwd=root).code == 0
    skipped = run_cli("test", "--opensearch-version", "2.19", "--format", "json", cwd=root)
    data = json.loads(skipped.out)
    assert skipped.code == 0 and data["cases"] == []
    assert data["not_applicable"] == [{"blueprint": "acme/embed", "case": "count", "opensearch_version": "2.19"}]
    unemulated = run_cli("test", "--opensearch-version", "2.10", cwd=root)
    assert unemulated.code == 2 and "emulation starts at 2.11" in unemulated.err


def test_all_runs_each_case_from_the_minimum_and_expected_by_version_documents_older_releases(run_cli, tmp_path):
    root = _project(tmp_path, "3.0")
    failed = json.loads(run_cli("test", "--opensearch-version", "all", "--format", "json", cwd=root).out)
    verdicts = {case["opensearch_version"]: case["ok"] for case in failed["cases"]}
    assert verdicts == {"3.0": False, "3.1": False, "3.2": False, "3.3": False, "3.3.2": False, "3.5": True,
                        "3.6": True, "3.7": True, "3.8": True}
    _project(tmp_path, "3.0", CASE + BEFORE_3_5.format(releases="3.0-3.4"))
    result = run_cli("test", "--opensearch-version", "all", cwd=root)
    assert result.code == 0 and "OK: 9/9 contract case runs passed" in result.out
    assert run_cli("test", "--opensearch-version", "3.4", cwd=root).code == 0
    assert run_cli("test", "--update", "--opensearch-version", "3.4", cwd=root).code == 2


@pytest.mark.parametrize(("releases", "message"), [
    ("3.4-3.0", "runs backwards"),
    ("3.0-3.8", "covers the newest release 3.8"),
    ("2.9-3.4", "starts before 2.11, where emulation starts"),
    ("3.0-3.4.9", None),  # a patch the toolkit has not seen behaves as the newest known one before it
])
def test_the_cassette_schema_validates_the_ranges(run_cli, tmp_path, releases, message):
    root = _project(tmp_path, "3.0", CASE + BEFORE_3_5.format(releases=releases))
    result = run_cli("test", "--opensearch-version", "all", cwd=root)
    if message is None:
        assert result.code == 0, result.out
    else:
        assert result.code == 1 and "count.yaml:17:3: expected_by_version/0/releases: " in result.out
        assert message in result.out


def test_overlapping_ranges_are_refused(run_cli, tmp_path):
    entry = BEFORE_3_5.format(releases="3.3-3.4").split("\n", 1)[1]
    root = _project(tmp_path, "3.0", CASE + BEFORE_3_5.format(releases="3.0-3.3") + entry)
    result = run_cli("test", cwd=root)
    assert result.code == 1 and "expected_by_version/1/releases: 3.3-3.4 overlaps an earlier entry" in result.out


def test_build_prints_the_matrix_and_fails_when_the_minimum_is_not_proven(run_cli, tmp_path):
    root = _project(tmp_path, "3.0")
    result = run_cli("build", "--no-catalog", "--format", "json", cwd=root)
    data = json.loads(result.out)
    assert result.code == 1 and not data["ok"]
    assert data["matrix"]["blueprints"]["acme/embed"]["releases"] == {
        "3.0": "fail", "3.1": "fail", "3.2": "fail", "3.3": "fail", "3.3.2": "fail", "3.5": "pass", "3.6": "pass",
        "3.7": "pass", "3.8": "pass"}
    (found,) = [d for d in data["blueprints"][0]["diagnostics"] if d["severity"] == "error"]
    assert found["code"] == "BP022" and found["line"] == 28
    assert "contract case count fails on 3.0" in found["message"] and "passes from 3.5 on" in found["message"]
    text = run_cli("build", "--no-catalog", cwd=root)
    header = next(line for line in text.out.splitlines() if line.startswith("BLUEPRINT") and "MINIMUM" in line)
    row = text.out.splitlines()[text.out.splitlines().index(header) + 2]
    assert header.split() == ["BLUEPRINT", "MINIMUM", "3.0", "3.1", "3.2", "3.3", "3.3.2", "3.5", "3.6", "3.7", "3.8"]
    assert row.split() == ["acme/embed", "3.0", "FAIL", "FAIL", "FAIL", "FAIL", "FAIL", "ok", "ok", "ok", "ok"]
    assert "BP022" in text.err


def test_a_minimum_below_the_emulation_floor_is_not_proven(run_cli, tmp_path):
    root = _project(tmp_path, "2.9", CASE + BEFORE_3_5.format(releases="2.11-3.4"))
    data = json.loads(run_cli("build", "--no-catalog", "--format", "json", cwd=root).out)
    (found,) = [d for d in data["blueprints"][0]["diagnostics"] if d["code"] == "BP022"]
    assert "emulation starts at 2.11" in found["message"] and "raise opensearch.minimum to 2.11" in found["message"]
    assert data["matrix"]["blueprints"]["acme/embed"]["releases"]["2.11"] == "pass"
    _project(tmp_path, "2.11", CASE + BEFORE_3_5.format(releases="2.11-3.4"))
    assert run_cli("build", "--no-catalog", cwd=root).code == 0


def test_a_failure_after_a_passing_release_is_bp020(run_cli, tmp_path):
    root = _project(tmp_path, "3.0", CASE + BEFORE_3_5.format(releases="3.0-3.1"))  # 3.2 to 3.4 still give 1.0
    data = json.loads(run_cli("build", "--no-catalog", "--format", "json", cwd=root).out)
    errors = [d for d in data["blueprints"][0]["diagnostics"] if d["severity"] == "error"]
    assert [(d["code"], d["message"]) for d in errors] == [  # 3.2, where the range ends, is run too
        ("BP020", "contract case count fails on 3.2, 3.3, 3.3.2 after passing on an older release")]


def test_every_shipped_minimum_is_proven(run_cli):
    data = json.loads(run_cli("build", "--no-catalog", "--format", "json").out)
    assert data["ok"] and data["matrix"]["releases"][0] == "2.11"
    rows = data["matrix"]["blueprints"]
    assert len(rows) == len(data["blueprints"])  # every shipped blueprint has contract cases
    for blueprint, row in rows.items():
        assert row["releases"][row["minimum"]] == "pass", blueprint
        assert set(row["releases"].values()) <= {"pass", "n/a"}, blueprint


def test_an_entry_older_than_the_minimum_is_never_run_and_reported(run_cli, tmp_path):
    root = _project(tmp_path, "3.5", CASE + BEFORE_3_5.format(releases="2.11-3.4"))
    data = json.loads(run_cli("build", "--no-catalog", "--format", "json", cwd=root).out)
    (found,) = [d for d in data["blueprints"][0]["diagnostics"] if d["severity"] == "error"]
    assert found["code"] == "BP020" and found["file"] == "contracts/acme/embed/count.yaml" and found["line"] == 17
    assert found["message"] == ("contract case count: expected_by_version/0 (2.11-3.4) is older than "
                                "opensearch.minimum 3.5: it is never run")


def test_a_run_asks_only_the_facts_its_exchange_depends_on(tmp_path):
    """The matrix re-runs a case only on releases that answer its facts differently, so a fact is asked
    only where it can change the result: this exchange has no blank body, no status 300, no null field,
    no HTML character, no ``toString()`` placeholder, no SigV4, no structured output, no client_config,
    no deep nesting, a POST, no Nova model, a JSON body, no header parameter, a trusted URL and a public
    host."""
    from toolkit.contract.runner import ContractRunner
    from toolkit.project import Project
    from toolkit.versions.profile import RecordingProfile

    root = _project(tmp_path, "2.11")
    recording = RecordingProfile.for_version("3.0")
    with ContractRunner(Project(root)) as runner:
        result = runner.run(root / "contracts/acme/embed/count.yaml", profile=recording)
    assert result.ok is False  # 1.0 before 3.5: the run happened
    untouched = {"response.blank_body", "response.status_300_is_success", "gson.serialize_nulls",
                 "gson.disable_html_escaping", "payload.tostring_parameters", "aws_sigv4.action_method",
                 "payload.structured_output", "client_config.timeout_default", "client_config.timeout_unit",
                 "create.action_null_message", "gson.nesting_limit", "http.methods", "payload.nova_clean",
                 "payload.ndjson", "headers.runtime_parameters", "trusted_endpoints.per_call_check",
                 "network.private_ipv4_rfc"}
    assert untouched.isdisjoint(recording.asked), sorted(untouched & set(recording.asked))
    assert "fromjson.jackson" in recording.asked  # what decides 1 or 1.0 (Gson before 3.5, Jackson from 3.5)
