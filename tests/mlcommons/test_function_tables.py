"""The two views of the 5.1 built-ins agree: what each function does and what the checker says it sets."""

from __future__ import annotations

import json

import pytest

from toolkit.mlcommons.functions import PREPROCESS_OUTPUTS
from toolkit.mlcommons.preprocess import PREPROCESS_FUNCTIONS, TextDocsInput, TextSimilarityInput, preprocess


def test_same_names():
    assert set(PREPROCESS_FUNCTIONS) == set(PREPROCESS_OUTPUTS)


@pytest.mark.parametrize("name", sorted(PREPROCESS_FUNCTIONS))
def test_outputs_and_kinds_agree(name):
    dataset = TextSimilarityInput("q", ["a", "b"]) if "rerank" in name else TextDocsInput(["a", "b"])
    produced = preprocess(name, dataset)
    declared = PREPROCESS_OUTPUTS[name]
    if name.endswith("nova.embedding"):
        assert len(produced) == 1 and set(produced) <= set(declared)  # one parameter, named after the modality
    elif name.endswith("multimodal_embedding") and "bedrock" in name:
        assert set(produced) == set(declared)  # inputText and inputImage (two docs given)
    else:
        assert set(produced) == set(declared)
    for key, value in produced.items():
        kind = declared[key]
        if kind == "array":
            assert isinstance(json.loads(value), list), (key, value)
        elif kind == "number":
            assert value.isdigit(), (key, value)
