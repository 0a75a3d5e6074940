"""A deliberately broken blueprint (tests/callers/fixtures/broken, not shipped): its post-process
returns the vectors under ``dataAsMap.embeddings``. ``_predict`` emulation passes; neural search and
the ingest processor fail with a message that names the mismatch."""

from __future__ import annotations

import json
from pathlib import Path

BROKEN = Path(__file__).parent / "fixtures" / "broken"


def test_predict_contract_passes(run_cli):
    result = run_cli("test", cwd=BROKEN)
    assert result.code == 0, result.out
    assert "OK: 1/1 contract cases passed" in result.out


def test_neural_search_fails_naming_the_mismatch(run_cli):
    result = run_cli("test", "--caller", "neural_search", cwd=BROKEN)
    assert result.code == 1
    assert ("neural_search needs an output tensor named sentence_embedding with data; the connector returned dataAsMap "
            "with keys ['embeddings']") in result.out
    assert "acme/embedding: neural_search FAILED" in result.out


def test_ingest_fails_too(run_cli):
    result = run_cli("test", "--caller", "ingest_text_embedding", "--format", "json", cwd=BROKEN)
    data = json.loads(result.out)
    assert result.code == 1 and data["verified"] == {"acme/embedding": {"ingest_text_embedding": False}}
    assert "dataAsMap with keys ['embeddings']" in data["runs"][0]["problems"][0]


def test_build_fails_with_bp021_and_reports_the_verdicts(run_cli):
    result = run_cli("build", "--format", "json", cwd=BROKEN)
    data = json.loads(result.out)
    blueprint = data["blueprints"][0]
    assert result.code == 1
    assert blueprint["cases_passed"] == blueprint["cases"] == 1
    assert blueprint["callers"] == {"neural_search": False, "ingest_text_embedding": False}
    codes = [d["code"] for d in blueprint["diagnostics"] if d["severity"] == "error"]
    assert codes == ["BP021", "BP021"]
    assert all("dataAsMap with keys ['embeddings']" in d["message"] for d in blueprint["diagnostics"]
               if d["code"] == "BP021")


def test_build_text_output_shows_bp021(run_cli):
    result = run_cli("build", cwd=BROKEN)
    assert result.code == 1
    assert "BP021" in result.out + result.err
