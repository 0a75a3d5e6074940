"""Nova 2 multimodal request cleaning through ``blueprint predict`` (spec 4.9; ``ConnectorUtils.cleanBedrockNovaRequest``,
3.5+; ``cleanPayloadIfNeeded`` reads ``model`` from the call's parameters from 3.6). Cases from ML Commons'
``ConnectorUtilsTest.*Nova*`` at 950f056 and its Nova multimodal blueprint
(docs/remote_inference_blueprints/bedrock_connector_nova_multimodal_model_blueprint.md)."""

from __future__ import annotations

import json

import pytest

from toolkit.mlcommons.nova import NOVA_MODEL, clean_payload
from toolkit.versions import Profile

URL = "https://bedrock-runtime.us-east-1.amazonaws.com/model/${parameters.model}/invoke"
# The blueprint's request body: every modality's section, unused ones filled with null (spec 4.5 step 2).
BLUEPRINT_BODY = json.dumps({
    "taskType": "SINGLE_EMBEDDING",
    "singleEmbeddingParams": {
        "embeddingPurpose": "GENERIC_INDEX", "embeddingDimension": "${parameters.dimensions}",
        "text": {"truncationMode": "${parameters.truncationMode:-null}", "value": "${parameters.text:-null}"},
        "image": {"detailLevel": "${parameters.detailLevel:-null}", "format": "${parameters.imageFormat:-null}",
                  "source": {"bytes": "${parameters.image:-null}"}},
        "video": {"format": "${parameters.videoFormat:-null}", "source": {"bytes": "${parameters.video:-null}"},
                  "embeddingMode": "${parameters.embeddingMode:-null}"},
        "audio": {"format": "${parameters.audioFormat:-null}", "source": {"bytes": "${parameters.audio:-null}"}},
    },
}, indent=2).replace('"${parameters.dimensions}"', "${parameters.dimensions}")


def sent(run_cli, tmp_path, request_body: str, version: str, *args: str, model: str = NOVA_MODEL, **action) -> str:
    """The body ``blueprint predict --show-request`` prints for a SigV4 Bedrock connector."""
    act = {"action_type": "PREDICT", "method": "POST", "url": URL, "headers": {"content-type": "application/json"},
           "request_body": request_body, **action}
    path = tmp_path / "connector.json"
    path.write_text(json.dumps({
        "name": "nova", "version": "1", "protocol": "aws_sigv4", "actions": [act],
        "parameters": {"region": "us-east-1", "service_name": "bedrock", "model": model, "dimensions": 1024,
                       "truncationMode": "END"},
        "credential": {"access_key": "AKIDEXAMPLE", "secret_key": "secret"}}))
    result = run_cli("predict", str(path), "--show-request", "--opensearch-version", version, *args)
    assert result.code == 0, result.err
    return result.out.split("\n\n")[1]


CLEANED = ('{"taskType":"SINGLE_EMBEDDING","singleEmbeddingParams":{"embeddingPurpose":"GENERIC_INDEX",'
           '"embeddingDimension":1024,"text":{"truncationMode":"END","value":"hello"}}}')


@pytest.mark.parametrize("version, cleaned", [("3.4", False), ("3.5", True), ("3.7", True)])
def test_the_blueprint_sends_only_the_modality_it_fills(run_cli, tmp_path, version, cleaned):
    """The image, video and audio sections have null bytes: removed from 3.5 (#4425), sent before."""
    body = sent(run_cli, tmp_path, BLUEPRINT_BODY, version, "--parameters", '{"text": "hello"}')
    if cleaned:
        assert body == CLEANED
    else:
        assert json.loads(body)["singleEmbeddingParams"]["video"] == {"format": None, "source": {"bytes": None},
                                                                      "embeddingMode": None}


def test_text_docs_through_the_nova_pre_process_function(run_cli, tmp_path):
    """The blueprint's own flow on 3.5: ``connector.pre_process.bedrock.nova.embedding`` fills ``text`` from the
    document, the other modalities stay null and are removed."""
    body = sent(run_cli, tmp_path, BLUEPRINT_BODY, "3.5", "--text-docs", "hello",
                pre_process_function="connector.pre_process.bedrock.nova.embedding")
    assert body == CLEANED


def test_connector_utils_test_nova_model_cleans_json(run_cli, tmp_path):
    """ConnectorUtilsTest.buildSdkRequest_NovaModelCleansJson."""
    body = ('{"singleEmbeddingParams":{"text":{"value":"${parameters.text}"},"video":{"source":{"bytes":null}},'
            '"audio":{"source":{"bytes":null}}}}')
    assert sent(run_cli, tmp_path, body, "3.7", "--parameters", '{"text": "hello"}') == \
        '{"singleEmbeddingParams":{"text":{"value":"hello"}}}'


def test_connector_utils_test_non_nova_model_skips_cleaning(run_cli, tmp_path):
    """ConnectorUtilsTest.testBuildSdkRequest_NonNovaModelSkipsCleaning."""
    body = '{"video":{"source":{"bytes":null}}}'
    assert sent(run_cli, tmp_path, body, "3.7", "--parameters", "{}", model="gpt-3.5-turbo") == body


def test_connector_utils_test_nova_missing_single_embedding_params(run_cli, tmp_path):
    """ConnectorUtilsTest.testBuildSdkRequest_NovaMissingSingleEmbeddingParams: the text is not rewritten."""
    body = '{"taskType": "SINGLE_EMBEDDING"}'
    assert sent(run_cli, tmp_path, body, "3.7", "--parameters", "{}") == body


def test_connector_utils_test_nova_malformed_json():
    """ConnectorUtilsTest.testBuildSdkRequest_NovaMalformedJson (such a payload never passes isJson in predict)."""
    profile = Profile.for_version("3.7")
    params = {"model": NOVA_MODEL}
    assert clean_payload("{ invalid json }", params, params, profile) == "{ invalid json }"


@pytest.mark.parametrize("version, cleaned", [("3.5", False), ("3.6", True)])
def test_the_model_comes_from_the_call_from_3_6(run_cli, tmp_path, version, cleaned):
    """3.5 reads ``model`` from the connector's parameters; 3.6 (#4676) from the call's, so a request's
    ``model`` decides."""
    body = '{"singleEmbeddingParams":{"video":{"source":{"bytes":null}},"text":{"value":"${parameters.text}"}}}'
    shown = sent(run_cli, tmp_path, body, version, "--parameters", json.dumps({"text": "a", "model": NOVA_MODEL}),
                 model="amazon.titan-embed-text-v2:0")
    assert shown == ('{"singleEmbeddingParams":{"text":{"value":"a"}}}' if cleaned else body.replace("${parameters.text}", "a"))


@pytest.mark.parametrize("section", ['"video":null', '"video":{"source":null}', '"video":"x"'])
def test_a_section_gson_cannot_cast_leaves_the_body_as_it_was(run_cli, tmp_path, section):
    """``getAsJsonObject`` throws ClassCastException on a null or non-object section or source; the catch
    returns the original text, even after ``text`` was removed (ConnectorUtils.cleanBedrockNovaRequest)."""
    body = '{"singleEmbeddingParams": {"text": {"value": null}, ' + section + "}}"
    assert sent(run_cli, tmp_path, body, "3.7", "--parameters", "{}") == body
