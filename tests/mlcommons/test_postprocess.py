"""Built-in post-process functions: default filters, data types, errors and tensors (spec 5.4)."""

from __future__ import annotations

import pytest

from toolkit.mlcommons.errors import IllegalArgumentError
from toolkit.mlcommons.jsonpath import PathNotFoundError
from toolkit.mlcommons.output import ClassCastError, ModelTensorOutput, ModelTensors
from toolkit.mlcommons.postprocess import (
    POSTPROCESS_FUNCTIONS, apply_function, effective_filter, postprocess,
)
from toolkit.mlcommons.preprocess import NullPointerError


def _json(tensors) -> list[str]:
    return [tensor.to_json() for tensor in tensors]


def _emb(data, data_type="FLOAT32") -> str:
    return (f'{{"name":"sentence_embedding","data_type":"{data_type}","shape":[{len(data.split(","))}],'
            f'"data":[{data}]}}')


def test_5_4_table_and_default_filters():
    assert len(POSTPROCESS_FUNCTIONS) == 17
    assert POSTPROCESS_FUNCTIONS["connector.post_process.default.rerank"].default_filter == "$[*]"
    assert POSTPROCESS_FUNCTIONS["connector.post_process.bedrock.nova.embedding"].default_filter == \
        "$.embeddings[*].embedding"


def test_5_4_user_filter_overrides_unless_blank():
    name = "connector.post_process.openai.embedding"
    assert effective_filter(name, None) == "$.data[*].embedding"
    assert effective_filter(name, "  ") == "$.data[*].embedding"
    assert effective_filter(name, "$.x") == "$.x"


@pytest.mark.parametrize("name,response", [
    ("connector.post_process.openai.embedding", '{"data":[{"embedding":[0.5,1]},{"embedding":[1.0E-5]}]}'),
    ("connector.post_process.cohere.embedding", '{"embeddings":[[0.5,1],[0.00001]]}'),
    ("connector.post_process.cohere_v2.embedding.float", '{"embeddings":{"float":[[0.5,1],[1e-5]]}}'),
    ("connector.post_process.default.embedding", '[[0.5,1],[1e-5]]'),
    ("connector.post_process.bedrock.nova.embedding", '{"embeddings":[{"embedding":[0.5,1]},{"embedding":[1e-5]}]}'),
])
def test_5_4_embedding_one_tensor_per_inner_list(name, response):
    assert _json(postprocess(name, response)) == [_emb("0.5,1"), _emb("1.0E-5")]


@pytest.mark.parametrize("kind,data_type", [("int8", "INT8"), ("uint8", "UINT8"), ("binary", "BINARY"),
                                            ("ubinary", "UBINARY")])
def test_5_4_cohere_v2_data_type_from_filter(kind, data_type):
    name = f"connector.post_process.cohere_v2.embedding.{kind}"
    assert _json(postprocess(name, f'{{"embeddings":{{"{kind}":[[1,-2]]}}}}')) == [_emb("1,-2", data_type)]


@pytest.mark.parametrize("name,response,data_type", [
    ("connector.post_process.bedrock.embedding", '{"embedding":[0.5,2]}', "FLOAT32"),
    ("connector.post_process.bedrock_v2.embedding.float", '{"embeddingsByType":{"float":[0.5,2]}}', "FLOAT32"),
    ("connector.post_process.bedrock_v2.embedding.binary", '{"embeddingsByType":{"binary":[0.5,2]}}', "BINARY"),
])
def test_5_4_bedrock_single_tensor(name, response, data_type):
    assert _json(postprocess(name, response)) == [_emb("0.5,2", data_type)]


def test_5_4_bedrock_empty_list_and_big_decimals():
    assert _json(postprocess("connector.post_process.bedrock.embedding", '{"embedding":[]}')) == \
        ['{"name":"sentence_embedding","data_type":"FLOAT32","shape":[0],"data":[]}']
    (tensor,) = postprocess("connector.post_process.bedrock.embedding", '{"embedding":[0.1234567890123456789]}')
    assert tensor.to_json().endswith('"data":[0.1234567890123456789]}')


def test_5_4_embedding_empty_outer_list_gives_no_tensors():
    assert postprocess("connector.post_process.cohere.embedding", '{"embeddings":[]}') == []


@pytest.mark.parametrize("value,message", [
    ({"a": 1}, "Post process function input is not a List."),
    ([1.0], "The embedding should be a non-empty List containing List of Float values."),
    ([[]], "The embedding should be a non-empty List containing Float values."),
    ([["x"]], "The embedding should be a non-empty List containing Float values."),
])
def test_5_4_embedding_errors(value, message):
    with pytest.raises(IllegalArgumentError) as caught:
        apply_function("connector.post_process.openai.embedding", value, None)
    assert caught.value.message == message


def test_5_4_embedding_checks_only_the_first_element():
    with pytest.raises(ClassCastError):
        apply_function("connector.post_process.openai.embedding", [[1.0], "x"], None)


@pytest.mark.parametrize("value,message", [
    ("x", "Post process function input is not a List."),
    (["x"], "The embedding should be a non-empty List containing Float values."),
])
def test_5_4_bedrock_errors(value, message):
    with pytest.raises(IllegalArgumentError) as caught:
        apply_function("connector.post_process.bedrock.embedding", value, None)
    assert caught.value.message == message


@pytest.mark.parametrize("name", list(POSTPROCESS_FUNCTIONS))
def test_5_4_null_model_output(name):
    with pytest.raises(IllegalArgumentError) as caught:
        apply_function(name, None, None)
    assert caught.value.message == "Can't run post process function as model output is null"


def test_5_4_missing_path_is_path_not_found():
    with pytest.raises(PathNotFoundError):
        postprocess("connector.post_process.bedrock.embedding", '{"embeddings":[1]}')


def test_5_4_unknown_data_type_fails_building_the_tensor():
    with pytest.raises(IllegalArgumentError, match="^data type is null$"):
        postprocess("connector.post_process.cohere.embedding", '{"a":{"unknown":[[1]]}}', "$.a.unknown")


def test_5_4_batch_job_arn():
    (tensor,) = postprocess("connector.post_process.bedrock.batch_job_arn",
                            '{"jobArn":"arn:aws:bedrock:us-east-1:1:model-invocation-job/abc","status":"Submitted"}')
    assert tensor.to_json() == ('{"name":"response","dataAsMap":{"jobArn":"arn:aws:bedrock:us-east-1:1:'
                                'model-invocation-job/abc","status":"Submitted","processedJobArn":'
                                '"arn:aws:bedrock:us-east-1:1:model-invocation-job%2Fabc"}}')  # HashMap order


@pytest.mark.parametrize("response,message", [("[1]", "Post process function input is not a Map."),
                                              ('{"arn":"x"}', "job arn is missing.")])
def test_5_4_batch_job_arn_errors(response, message):
    with pytest.raises(IllegalArgumentError) as caught:
        postprocess("connector.post_process.bedrock.batch_job_arn", response)
    assert caught.value.message == message


@pytest.mark.parametrize("name,response", [
    ("connector.post_process.cohere.rerank",
     '{"results":[{"index":2,"relevance_score":0.9},{"index":0,"relevance_score":0.5},'
     '{"index":1,"relevance_score":0.25}]}'),
    ("connector.post_process.default.rerank",
     '[{"index":2,"relevance_score":0.9},{"index":0,"relevance_score":0.5},{"index":1,"relevance_score":0.25}]'),
    ("connector.post_process.bedrock.rerank",
     '{"results":[{"index":2,"relevanceScore":0.9},{"index":0,"relevanceScore":0.5},'
     '{"index":1,"relevanceScore":0.25000000000000000001}]}'),
])
def test_5_4_rerank_similarity_in_index_order(name, response):
    assert _json(postprocess(name, response)) == [
        f'{{"name":"similarity","data_type":"FLOAT32","shape":[1],"data":[{score}]}}' for score in ("0.5", "0.25", "0.9")]


@pytest.mark.parametrize("value,message", [
    ({"a": 1}, "Post process function input is not a List."),
    ([1], "Post process function input is not a List of Map."),
    ([{}], "The rerank result should contain index and relevance_score."),
    ([{"index": 0}], "The rerank result should contain index and relevance_score."),
])
def test_5_4_cohere_rerank_errors(value, message):
    with pytest.raises(IllegalArgumentError) as caught:
        apply_function("connector.post_process.cohere.rerank", value, None)
    assert caught.value.message == message


@pytest.mark.parametrize("response", ['[{"index":0,"relevance_score":1}]', '[{"index":1,"relevance_score":0.5}]',
                                      '[{"index":0,"relevance_score":0.1234567890123456789}]'])
def test_5_4_cohere_rerank_runtime_casts(response):
    with pytest.raises((ClassCastError, IndexError)):
        postprocess("connector.post_process.default.rerank", response)


def test_5_4_cohere_rerank_null_index():
    with pytest.raises(NullPointerError):
        postprocess("connector.post_process.default.rerank", '[{"index":null,"relevance_score":0.5}]')


@pytest.mark.parametrize("value,message", [
    ("x", "Post process function input is not a List."),
    ([], "Post process function input is empty."),
    ([1], "Rerank result is not a Map."),
    ([{}], "Rerank result is empty."),
    ([{"index": 0}], "Rerank result should have both index and relevanceScore."),
    ([{"index": 0, "relevanceScore": 1}], "relevanceScore is not BigDecimal or Double."),
])
def test_5_4_bedrock_rerank_errors(value, message):
    with pytest.raises(IllegalArgumentError) as caught:
        apply_function("connector.post_process.bedrock.rerank", value, None)
    assert caught.value.message == message


def test_5_4_passthrough_inner_tensors():
    response = ('{"inference_results":[{"output":[{"name":"sentence_embedding","data_type":"FLOAT32","shape":[2],'
                '"data":[0.5,1]},{"result":"r"},{},{"dataAsMap":{"a":1},"data_type":"bogus"}],"status_code":200}]}')
    tensors = postprocess("connector.post_process.mlcommons.passthrough", response)
    assert _json(tensors) == [_emb("0.5,1"), '{"name":"output","result":"r"}', '{"name":"output","dataAsMap":{"a":1}}']


def test_5_4_passthrough_other_maps_and_errors():
    (tensor,) = postprocess("connector.post_process.mlcommons.passthrough", '{"x":1}')
    assert tensor.to_json() == '{"name":"response","dataAsMap":{"x":1}}'
    with pytest.raises(IllegalArgumentError) as caught:
        apply_function("connector.post_process.mlcommons.passthrough", "text", None)
    assert caught.value.message == "Post process function input must be a Map or List"
    with pytest.raises(ClassCastError):
        postprocess("connector.post_process.mlcommons.passthrough", "[1]")
    with pytest.raises(IllegalArgumentError, match="^data type is null$"):
        postprocess("connector.post_process.mlcommons.passthrough", '{"inference_results":[{"output":[{"data":[1]}]}]}')


def test_6_openai_embedding_predict_output():
    tensors = postprocess("connector.post_process.openai.embedding", '{"data":[{"embedding":[1.5,-2]}]}')
    assert ModelTensorOutput([ModelTensors(tensors, 200)]).to_json() == (
        '{"inference_results":[{"output":[{"name":"sentence_embedding","data_type":"FLOAT32","shape":[2],'
        '"data":[1.5,-2]}],"status_code":200}]}')
