"""Built-in pre-process functions and chunking (spec 4.4, 5.1, 5.2)."""

from __future__ import annotations

import json

import pytest

from toolkit.mlcommons.errors import IllegalArgumentError
from toolkit.mlcommons.params import escape_request_parameters
from toolkit.mlcommons.preprocess import (
    PREPROCESS_FUNCTIONS, NullPointerError, NumberFormatError, RemoteInferenceInput, TextDocsInput,
    TextSimilarityInput, chunk_size, chunks, function_for, preprocess,
)

TEXT_DOCS_ONLY = ("This pre_process_function can only support TextDocsInputDataSet which including a list of "
                  "string with key 'text_docs'")
SIMILARITY_ONLY = "This pre_process_function can only support TextSimilarityInputDataSet"
DOCS = TextDocsInput(["café / \"one\"", "two"])


def test_5_1_table_names_every_builtin():
    assert len(PREPROCESS_FUNCTIONS) == 14
    assert all(name.startswith("connector.pre_process.") for name in PREPROCESS_FUNCTIONS)


@pytest.mark.parametrize("name,key", [("connector.pre_process.openai.embedding", "input"),
                                      ("connector.pre_process.default.embedding", "input"),
                                      ("connector.pre_process.cohere.embedding", "texts")])
def test_5_1_all_docs_as_gson_array(name, key):
    out = preprocess(name, DOCS)
    assert out == {key: '["café / \\"one\\"","two"]'}
    assert escape_request_parameters(out) == out  # an array is JSON: the 4.3 step keeps it


@pytest.mark.parametrize("name", ["connector.pre_process.bedrock.embedding",
                                  "connector.pre_process.bedrock.nova.text_embedding"])
def test_5_1_bedrock_first_doc_raw_then_escaped_once(name):
    out = preprocess(name, DOCS)
    assert out == {"inputText": 'café / "one"'}
    assert escape_request_parameters(out) == {"inputText": 'caf\\u00E9 \\/ \\"one\\"'}


def test_5_1_bedrock_null_doc_and_no_docs_fail_like_java():
    with pytest.raises(NullPointerError):
        preprocess("connector.pre_process.bedrock.embedding", TextDocsInput([None]))
    with pytest.raises(IndexError, match="Index 0 out of bounds for length 0"):
        preprocess("connector.pre_process.bedrock.embedding", TextDocsInput([]))


def test_5_1_bedrock_multimodal():
    name = "connector.pre_process.bedrock.multimodal_embedding"
    assert preprocess(name, TextDocsInput(["t", "img"])) == {"inputText": "t", "inputImage": "img"}
    assert preprocess(name, TextDocsInput([None, "img"])) == {"inputText": "null", "inputImage": "img"}
    assert preprocess(name, TextDocsInput(["t"])) == {"inputText": "t"}
    for docs in ([], [None]):
        with pytest.raises(IllegalArgumentError, match="^No input text or image provided$"):
            preprocess(name, TextDocsInput(docs))


@pytest.mark.parametrize("doc,expected", [
    ('{"image": "b64", "text": "hi"}', {"text": "hi"}),
    ('{"video": "v", "audio": "a"}', {"video": "a"}),  # name order text,image,video,audio; content ...audio,video
    ('{"image": "b64"}', {"image": "b64"}),
    ('{"other": 1}', {"text": '{"other": 1}'}),
    ('{"text": null}', {"text": "null"}),
    ("plain words", {"text": "plain words"}),
    ('{"audio": "a"} trailing', {"audio": "a"}),  # Jackson readTree stops after the first value
    ('{"image": {"bytes": "b"}}', {"image": ""}),
    (' {"text": "x"}', {"text": ' {"text": "x"}'}),  # content is extracted only when the doc starts with {
])
def test_5_1_nova_modality_detection(doc, expected):
    assert preprocess("connector.pre_process.bedrock.nova.embedding", TextDocsInput([doc, "ignored"])) == expected


def test_5_1_nova_no_input():
    for docs in ([], [None]):
        with pytest.raises(IllegalArgumentError, match="^No input provided$"):
            preprocess("connector.pre_process.bedrock.nova.embedding", TextDocsInput(docs))


@pytest.mark.parametrize("kind,key", [("image", "inputImage"), ("video", "inputVideo"), ("audio", "inputAudio")])
def test_5_1_nova_single_modality(kind, key):
    name = f"connector.pre_process.bedrock.nova.{kind}_embedding"
    assert preprocess(name, TextDocsInput(["data", "x"])) == {key: "data"}
    assert preprocess(name, TextDocsInput([None])) == {key: "null"}
    with pytest.raises(IllegalArgumentError, match=f"^No input {kind} provided$"):
        preprocess(name, TextDocsInput([]))


def test_5_1_cohere_multimodal():
    name = "connector.pre_process.cohere.multimodal_embedding"
    assert preprocess(name, TextDocsInput(["a", None])) == {"images": '["a",null]'}
    for docs in ([], [None, "b"]):
        with pytest.raises(IllegalArgumentError, match="^No image provided$"):
            preprocess(name, TextDocsInput(docs))


@pytest.mark.parametrize("name", ["connector.pre_process.cohere.rerank", "connector.pre_process.default.rerank"])
def test_5_1_cohere_rerank(name):
    out = preprocess(name, TextSimilarityInput("what / é", ["a", "b", "c"]))
    assert out == {"query": "what / é", "documents": '["a","b","c"]', "top_n": "3"}
    assert escape_request_parameters(out)["query"] == "what \\/ \\u00E9"
    with pytest.raises(IllegalArgumentError, match=f"^{SIMILARITY_ONLY}$"):
        preprocess(name, DOCS)
    with pytest.raises(NullPointerError):
        preprocess(name, TextSimilarityInput(None, ["a"]))


def test_5_1_bedrock_rerank_compared_as_parsed_json():
    out = preprocess("connector.pre_process.bedrock.rerank", TextSimilarityInput("q", ["d1", "d2"]))
    assert out["numberOfResults"] == "2"
    assert json.loads(out["queries"]) == [{"type": "TEXT", "textQuery": {"text": "q"}}]
    assert json.loads(out["sources"]) == [
        {"type": "INLINE", "inlineDocumentSource": {"type": "TEXT", "textDocument": {"text": d}}} for d in ("d1", "d2")]


def test_5_1_bedrock_rerank_errors():
    name = "connector.pre_process.bedrock.rerank"
    with pytest.raises(IllegalArgumentError, match="^Input dataset cannot be null.$"):
        preprocess(name, None)
    with pytest.raises(IllegalArgumentError, match=f"^{SIMILARITY_ONLY}$"):
        preprocess(name, DOCS)
    with pytest.raises(NullPointerError):
        preprocess(name, TextSimilarityInput("q", ["a", None]))


@pytest.mark.parametrize("name", [n for n in PREPROCESS_FUNCTIONS if "rerank" not in n])
def test_5_1_text_docs_functions_refuse_other_datasets(name):
    with pytest.raises(IllegalArgumentError) as caught:
        preprocess(name, TextSimilarityInput("q", ["a"]))
    assert caught.value.message == TEXT_DOCS_ONLY
    with pytest.raises(NullPointerError):
        preprocess(name, None)


@pytest.mark.parametrize("name", list(PREPROCESS_FUNCTIONS))
def test_5_1_parameters_input_passes_through_unchanged(name):
    params = {"input": "x\\/y", "n": None}
    assert preprocess(name, RemoteInferenceInput(params)) == params


def test_4_4_function_choice():
    assert function_for(None, DOCS) == "connector.pre_process.default.embedding"
    assert function_for("connector.pre_process.cohere.embedding", DOCS) == "connector.pre_process.cohere.embedding"
    assert function_for(None, RemoteInferenceInput({})) is None
    with pytest.raises(IllegalArgumentError, match="^pre_process_function not defined in connector$"):
        function_for(None, TextSimilarityInput("q", []))


def test_5_2_chunking_defaults():
    docs = ["a", "b", "c"]
    assert chunks(docs, None) == [docs]
    assert chunks(docs, "connector.pre_process.openai.embedding") == [docs]
    assert chunks(docs, "connector.pre_process.bedrock.nova.text_embedding") == [docs]
    assert chunks(docs, "connector.pre_process.bedrock.embedding") == [["a"], ["b"], ["c"]]
    assert chunks(docs, 'return "{}";') == [["a"], ["b"], ["c"]]  # any Painless function: one per doc


def test_5_2_step_size_wins():
    assert chunks(["a", "b", "c"], "connector.pre_process.bedrock.embedding", "2") == [["a", "b"], ["c"]]
    assert chunk_size({"input_docs_processed_step_size": "5"}, None, 3) == 5


@pytest.mark.parametrize("step", ["0", "-1"])
def test_5_2_step_size_must_be_positive(step):
    with pytest.raises(IllegalArgumentError) as caught:
        chunks(["a"], None, step)
    assert caught.value.message == "Invalid parameter: input_docs_processed_step_size. It must be positive integer."


@pytest.mark.parametrize("step", ["two", "1.5", " 2", "", "2147483648"])
def test_5_2_step_size_number_format(step):
    with pytest.raises(NumberFormatError) as caught:
        chunks(["a"], None, step)
    assert caught.value.message == f'For input string: "{step}"'
