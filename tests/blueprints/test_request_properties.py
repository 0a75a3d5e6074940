"""Per blueprint: any predict input text gives a valid request body that the provider's API accepts.

For each shipped blueprint, hypothesis puts awkward text (quotes, backslashes, control characters,
non-ASCII, emoji, JSON-looking strings, long strings) in the free-text fields of its documented
contract case's input, runs the ML Commons emulator with a transport that answers with the case's
recorded responses, and checks every request: its body parses as JSON, the provider request schema
(providers/) accepts it, the text arrives intact in one of its strings, and predict gives an output.

"Long" stops at 2,000 characters: Bedrock's Cohere Embed takes at most 2,048 characters per text, and
the provider schemas say so. Text containing ``${parameters.`` is not arbitrary input for ML Commons
(spec 4.4: substitution is recursive), so it has its own test. Text that is a JSON object or array
is not escaped by ML Commons when it becomes a single-string parameter (a string request parameter,
or the one document that bedrock.embedding, the Nova and multimodal built-ins or a rerank query
pass on; spec 4.3, 5.1), so a quoted placeholder makes the payload invalid: for such text the
property accepts exactly ML Commons' ``400 Invalid payload`` besides a valid request.
"""

from __future__ import annotations

import copy
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO
from toolkit.contract.cassette import load_cassette
from toolkit.contract.http import HttpResponse
from toolkit.contract.provider_api import load_provider_schemas, request_problems
from toolkit.contract.runner import ContractRunner, case_paths
from toolkit.manifest import load_all
from toolkit.mlcommons.params import is_json
from toolkit.mlcommons.predict import PredictError, predict
from toolkit.project import Project

PROJECT = Project(REPO)
MANIFESTS = load_all(PROJECT)[0]
SCHEMAS = load_provider_schemas(REPO)
TEXT_KEYS = {"content", "text", "prompt", "inputs", "input", "query"}  # free text inside structured parameters
BASE64 = re.compile(r"^[A-Za-z0-9+/=]{40,}$")  # an image document, not text
# Blueprints whose predict input holds no free text, and why.
NO_FREE_TEXT = {"textract/detect-document-text": "its one input is a base64 document (bytes)"}
TEXT_MANIFESTS = [m for m in MANIFESTS if m.id not in NO_FREE_TEXT]

awkward = st.one_of(
    st.text(min_size=1, max_size=80).filter(str.strip),
    st.sampled_from(['say "hi"', "back\\slash \\n \\u0041", "line\nbreak\ttab\r", "{\"json\": [1, 2]}", "costs $5 {x} ${x}",
                     "naïve café – 東京 🚀👩‍💻", "</script><b>", "'single' `tick`", "\u2028\u2029\x00\x1f"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=8)
      .filter(str.strip).map(lambda s: s * (2000 // len(s))),
).filter(lambda text: "${parameters" not in text)


def documented_case(manifest):
    """The blueprint's first contract case with an expected output."""
    for path in case_paths(PROJECT, manifest):
        cassette = load_cassette(path)
        if cassette.expected.output is not None:
            return cassette
    raise AssertionError(f"{manifest.id} has no documented success case")


def with_text(value, text: str, key: str | None = None, top: bool = False):
    """``value`` with every free-text string replaced by ``text`` (roles, ids and images kept)."""
    if isinstance(value, dict):
        return {k: with_text(v, text, k) for k, v in value.items()}
    if isinstance(value, list):
        return [with_text(v, text, key) for v in value]
    if isinstance(value, str) and (top or key in TEXT_KEYS) and not BASE64.match(value):
        return text
    return value


def vary(case_input: dict, text: str) -> dict:
    out = copy.deepcopy(case_input)
    if "text_docs" in out:
        out["text_docs"] = [d if d is None or BASE64.match(d) else text for d in out["text_docs"]]
    if "query_text" in out:
        out["query_text"] = text
    if "parameters" in out:
        out["parameters"] = {k: with_text(v, text, k, top=isinstance(v, str)) for k, v in out["parameters"].items()}
    return out


def strings(data) -> list[str]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in strings(v)]
    return [data] if isinstance(data, str) else []


@pytest.fixture(scope="module")
def runner():
    with ContractRunner(PROJECT) as contract_runner:
        yield contract_runner


@pytest.mark.slow
@pytest.mark.parametrize("manifest", TEXT_MANIFESTS, ids=lambda m: m.id)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=awkward)
def test_any_input_text_gives_a_request_the_provider_accepts(runner, manifest, text):
    case = documented_case(manifest)
    connector, trusted = runner.connector(case)
    responses = [HttpResponse(i.response.status, i.response.headers, i.response.body.to_bytes()) for i in case.interactions]
    sent = []

    def transport(request):
        sent.append(request)
        return responses[min(len(sent), len(responses)) - 1]

    try:
        result = predict(connector, vary(case.input, text), transport=transport, trusted_endpoints=trusted)
    except PredictError as refused:
        assert is_json(text) and refused.status == 400 and refused.message.startswith("Invalid payload: "), refused
        return
    assert json.loads(result.to_json())["inference_results"]
    for request in sent:
        body = json.loads(request.body.decode("utf-8"))
        assert request_problems(SCHEMAS, request.method, request.url, request.body, manifest.provider_api) == []
        assert any(text in s for s in strings(body)), f"the input text is not in the request body: {request.body[:300]!r}"


def test_every_blueprint_gets_text_into_its_request():
    """Guard for the property: each blueprint's documented input has a field the property varies,
    except those listed in NO_FREE_TEXT, which have none."""
    for manifest in MANIFESTS:
        case = documented_case(manifest)
        varies = vary(case.input, "\u2603 marker") != case.input
        assert varies is (manifest.id not in NO_FREE_TEXT), manifest.id


def test_parameter_placeholders_in_user_text_are_substituted_or_refused(runner):
    """ML Commons substitutes ``${parameters.…}`` inside user text too (spec 4.4): a known name is
    replaced, an unknown one fails predict with 400."""
    manifest = next(m for m in MANIFESTS if m.id == "openai/embedding")
    case = documented_case(manifest)
    connector, trusted = runner.connector(case)
    response = case.interactions[0].response
    sent = []

    def transport(request):
        sent.append(json.loads(request.body))
        return HttpResponse(response.status, response.headers, response.body.to_bytes())

    predict(connector, {"text_docs": ["model: ${parameters.model}", "x"]}, transport=transport, trusted_endpoints=trusted)
    assert sent[0]["input"][0] == "model: " + connector["parameters"]["model"]
    with pytest.raises(PredictError) as refused:
        predict(connector, {"text_docs": ["${parameters.nope}", "x"]}, transport=transport, trusted_endpoints=trusted)
    assert refused.value.status == 400 and "Some parameter placeholder not filled in payload: nope" in refused.value.message
