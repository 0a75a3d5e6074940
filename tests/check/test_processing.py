"""Processing rules BP501-BP509 (spec 1.3, 4.4, 4.6, 5.1-5.6): documented examples, edge cases and the
shipped blueprints, run through the CLI with the rules registered for the test only."""

from __future__ import annotations

import json

import pytest

from toolkit.check.registry import RULES, all_rules
from toolkit.check.rules._examples import AWS_BASE, DELETE, sample

_BEFORE = set(all_rules())
from toolkit.check.rules import processing  # noqa: E402  (registered after the others on purpose)

PROCESSING = {id: r for id, r in RULES.items() if r.check is not None and r.check.__module__ == processing.__name__}
for _id in set(PROCESSING) - _BEFORE:  # until the registry lists the module, keep it out of other tests
    del RULES[_id]


@pytest.fixture
def check(run_cli, tmp_path, monkeypatch):
    """``blueprint check`` of connector JSON (or of the repository) with the processing rules; the
    diagnostics of one rule."""
    for id, found in PROCESSING.items():
        monkeypatch.setitem(RULES, id, found)

    runs = iter(range(100))

    def run(rule_id: str, text: str | None = None, files: dict | None = None):
        root = tmp_path / f"{rule_id}-{next(runs)}"
        root.mkdir()
        (root / "blueprints").mkdir(exist_ok=True)
        args = ["check"]
        if files:
            for name, body in files.items():
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                (root / name).write_text(body)
        elif text is not None:
            (root / "c.json").write_text(text)
            args.append("c.json")
        result = run_cli(*args, "--select", rule_id, "--format", "json", cwd=root)
        assert result.code in (0, 1), result.err
        return [d for d in json.loads(result.out)["diagnostics"] if d["code"] == rule_id]

    return run


def test_ids_names_and_family():
    assert sorted(PROCESSING) == [f"BP50{i}" for i in range(1, 10)]
    for found in PROCESSING.values():
        assert found.family == "processing" and found.spec and found.rationale


@pytest.mark.parametrize("rule_id", [f"BP50{i}" for i in range(1, 10)])
def test_documented_examples(check, rule_id):
    found = PROCESSING[rule_id]
    bad = check(rule_id, found.bad.text, found.bad.files)
    assert bad and all(d["line"] is not None for d in bad), f"{rule_id} bad example: {bad}"
    assert check(rule_id, found.good.text, found.good.files) == []


def test_shipped_blueprints_are_clean(run_cli, monkeypatch):
    for id, found in PROCESSING.items():
        monkeypatch.setitem(RULES, id, found)
    result = run_cli("check", "--select", ",".join(PROCESSING), "--format", "json")
    assert [d for d in json.loads(result.out)["diagnostics"] if d["code"] in PROCESSING] == []


@pytest.mark.parametrize("key,value,hint", [
    ("post_process_function", "connector.post_process.openai.embeddings", "connector.post_process.openai.embedding"),
    ("pre_process_function", "connector.pre_process.openai.embeding", "connector.pre_process.openai.embedding"),
    ("post_process_function", "connector.pre_process.openai.embedding", "connector.post_process.openai.embedding"),
    ("post_process_function", "connector.post_process.openai.embedding ", "whitespace"),
])
def test_5_5_unknown_builtin(check, key, value, hint):
    (found,) = check("BP501", sample(**{f"actions__0__{key}": value}))
    assert "compiles it as Painless" in found["message"] and hint in found["hint"]


def test_5_5_painless_is_not_an_unknown_builtin(check):
    assert check("BP501", sample(actions__0__post_process_function="return params.data;")) == []


def test_5_1_openai_function_with_cohere_body(check):
    (found,) = check("BP502", sample(actions__0__request_body='{ "texts": ${parameters.texts} }'))
    assert "${parameters.input}" in found["message"] and "connector.pre_process.cohere.embedding" in found["hint"]


def test_5_1_output_read_through_a_connector_parameter(check):
    text = sample(parameters={"body": "${parameters.input}"}, actions__0__request_body='{ "input": ${parameters.body} }')
    assert check("BP502", text) == []


def test_5_1_nova_multimodal_any_modality(check):
    text = sample(AWS_BASE, actions__0__pre_process_function="connector.pre_process.bedrock.nova.embedding",
                  actions__0__request_body='{ "image": "${parameters.image}" }')
    assert check("BP502", text) == []


_RERANK_PRE = dict(actions__0__pre_process_function="connector.pre_process.cohere.rerank",
                   actions__0__request_body='{ "documents": ${parameters.documents}, "query": "${parameters.query}" }')


def test_5_4_rerank_without_post_is_a_warning(check):
    (found,) = check("BP504", sample(**_RERANK_PRE, actions__0__post_process_function=DELETE))
    assert found["severity"] == "warning" and "connector.post_process.cohere.rerank" in found["hint"]


def test_5_4_embedding_pre_with_rerank_post(check):
    (found,) = check("BP504", sample(actions__0__post_process_function="connector.post_process.cohere.rerank"))
    assert found["severity"] == "error"


def test_5_4_rerank_with_painless_post_is_fine(check):
    assert check("BP504", sample(**_RERANK_PRE, actions__0__post_process_function="return params.results;")) == []


def test_1_3_provider_mismatch_and_cohere_on_bedrock(check):
    (found,) = check("BP505", sample(actions__0__post_process_function="connector.post_process.cohere.embedding"))
    assert found["severity"] == "warning" and "lacks 'openai'" in found["message"]
    cohere_on_bedrock = sample(AWS_BASE, parameters={"region": "us-east-1", "service_name": "bedrock",
                                                     "model": "cohere.embed-english-v3"},
                               actions__0__pre_process_function="connector.pre_process.cohere.embedding",
                               actions__0__post_process_function="connector.post_process.cohere.embedding")
    assert {d["severity"] for d in check("BP505", cohere_on_bedrock)} == {"info"}


def test_1_3_sagemaker_expects_default(check):
    text = sample(
        actions__0__url="https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/e/invocations",
        actions__0__pre_process_function="connector.pre_process.default.embedding",
        actions__0__post_process_function="connector.post_process.default.embedding")
    assert check("BP505", text) == []


def test_4_6_placeholder_inside_a_script_is_fine(check):
    script = "return params.data[${parameters.index}];"
    assert check("BP506", sample(parameters={"model": "m", "index": "0"}, actions__0__post_process_function=script)) == []


def test_4_6_lone_placeholder_without_value(check):
    (found,) = check("BP506", sample(actions__0__pre_process_function="${parameters.pre}"))
    assert "a quoted JSON string" in found["message"]


@pytest.mark.parametrize("response_filter", ["$.a.unknown", "$.data[*].Unknown"])
def test_5_4_unknown_data_type(check, response_filter):
    (found,) = check("BP507", sample(parameters={"model": "m", "response_filter": response_filter}))
    assert "data type is null" in found["message"]


def test_5_6_unknown_type_without_builtin_is_fine(check):
    text = sample(parameters={"model": "m", "response_filter": "$.unknown"}, actions__0__post_process_function=DELETE)
    assert check("BP507", text) == []


@pytest.mark.parametrize("response_filter", ["$..embedding", "$.data[?(@.x)]", "${parameters.f}"])
def test_5_6_filters_that_cannot_be_checked_are_left_alone(check, response_filter):
    assert check("BP507", sample(parameters={"model": "m", "response_filter": response_filter})) == []


def test_5_4_override_severities(check):
    (same,) = check("BP508", sample(parameters={"model": "m", "response_filter": "$.data[*].embedding"}))
    assert same["severity"] == "info" and same["hint"] == "remove it"
    (other,) = check("BP508", sample(parameters={"model": "m", "response_filter": "$.result.vectors"}))
    assert other["severity"] == "info" and "list of lists" in other["message"]


def test_5_4_default_embedding_on_sagemaker_is_fine(check):
    text = sample(actions__0__url="https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/e/invocations",
                  actions__0__post_process_function="connector.post_process.default.embedding")
    assert check("BP509", text) == []
    with_filter = sample(parameters={"model": "m", "response_filter": "$.data[*].embedding"},
                         actions__0__post_process_function="connector.post_process.default.embedding")
    assert check("BP509", with_filter) == []


def _manifest(form: str) -> str:
    from toolkit.check.rules._examples import MANIFEST
    if form == "text_similarity":
        return MANIFEST.replace("inputs:\n  format: text_docs\n",
                                "inputs:\n  format: text_similarity\n  query_text:\n    description: The query.\n"
                                "    example: what\n")
    return MANIFEST


@pytest.mark.parametrize("form,function,message", [
    ("text_docs", "connector.pre_process.cohere.rerank", "can only support TextSimilarityInputDataSet"),
    ("text_similarity", "connector.pre_process.openai.embedding", "can only support TextDocsInputDataSet"),
    ("text_similarity", None, "pre_process_function not defined in connector"),
])
def test_4_4_input_format_mismatch(check, form, function, message):
    from toolkit.check.rules._examples import TEMPLATE, project
    template = TEMPLATE if function is None else TEMPLATE.replace(
        '${parameters.input} }"\n', f'${{parameters.input}} }}",\n      "pre_process_function": "{function}"\n')
    (found,) = check("BP503", files=project(_manifest(form), template))
    assert message in found["message"] and found["severity"] == "error"
