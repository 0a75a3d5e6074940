"""What the built-in pre-process functions produce (spec 5.1, ``MLPreProcessFunction``), and what the
post-process ones read (spec 5.4): the names and shapes the checker needs without the emulator's
implementations (``toolkit.mlcommons.preprocess`` and ``postprocess`` run them).

``PREPROCESS_OUTPUTS`` maps each built-in name to the parameters it sets and the kind of each
value as it reaches the payload: ``array`` (Gson JSON, placed without quotes), ``string``
(escaped text, placed between quotes) or ``number`` (digits). The Nova multimodal function sets
exactly one of its parameters, named after the modality of the first document.
"""

from __future__ import annotations

__all__ = ["PREPROCESS_OUTPUTS", "POSTPROCESS_SHAPES", "DEFAULT_TEXT_DOCS_FUNCTION", "exists_on"]


def exists_on(name: str, profile) -> bool:
    """Whether the built-in ``name`` exists on the profile's release (the ``function.*`` and
    ``function_prefix.*`` facts). ML Commons runs any other name as a Painless script (spec 5.3), so a
    built-in that a release lacks fails there as a script that does not compile."""
    key = f"function.{name}"
    if profile.knows(key):
        return profile.has(key)
    prefix = next((k for k in profile.keys("function_prefix.") if name.startswith(k.removeprefix("function_prefix."))),
                  None)
    return profile.has(prefix) if prefix else True

_EMBEDDING = {"input": "array"}
_COHERE_RERANK = {"query": "string", "documents": "array", "top_n": "number"}

PREPROCESS_OUTPUTS: dict[str, dict[str, str]] = {
    "connector.pre_process.openai.embedding": _EMBEDDING,
    "connector.pre_process.default.embedding": _EMBEDDING,
    "connector.pre_process.cohere.embedding": {"texts": "array"},
    "connector.pre_process.bedrock.embedding": {"inputText": "string"},
    "connector.pre_process.bedrock.nova.text_embedding": {"inputText": "string"},
    "connector.pre_process.bedrock.multimodal_embedding": {"inputText": "string", "inputImage": "string"},
    "connector.pre_process.bedrock.nova.embedding": {"text": "string", "image": "string", "video": "string",
                                                     "audio": "string"},
    "connector.pre_process.bedrock.nova.image_embedding": {"inputImage": "string"},
    "connector.pre_process.bedrock.nova.video_embedding": {"inputVideo": "string"},
    "connector.pre_process.bedrock.nova.audio_embedding": {"inputAudio": "string"},
    "connector.pre_process.cohere.multimodal_embedding": {"images": "array"},
    "connector.pre_process.cohere.rerank": _COHERE_RERANK,
    "connector.pre_process.default.rerank": _COHERE_RERANK,
    "connector.pre_process.bedrock.rerank": {"queries": "array", "sources": "array", "numberOfResults": "number"},
}

DEFAULT_TEXT_DOCS_FUNCTION = "connector.pre_process.default.embedding"  # spec 4.4: text_docs without a function

_EMBEDDINGS = "list of lists"
POSTPROCESS_SHAPES: dict[str, tuple[str, str]] = {
    "connector.post_process.openai.embedding": ("$.data[*].embedding", _EMBEDDINGS),
    "connector.post_process.cohere.embedding": ("$.embeddings", _EMBEDDINGS),
    **{f"connector.post_process.cohere_v2.embedding.{kind}": (f"$.embeddings.{kind}", _EMBEDDINGS)
       for kind in ("float", "int8", "uint8", "binary", "ubinary")},
    "connector.post_process.default.embedding": ("$[*]", _EMBEDDINGS),
    "connector.post_process.bedrock.embedding": ("$.embedding", "list of numbers"),
    **{f"connector.post_process.bedrock_v2.embedding.{kind}": (f"$.embeddingsByType.{kind}", "list of numbers")
       for kind in ("float", "binary")},
    "connector.post_process.bedrock.nova.embedding": ("$.embeddings[*].embedding", _EMBEDDINGS),
    "connector.post_process.bedrock.batch_job_arn": ("$", "map"),
    "connector.post_process.cohere.rerank": ("$.results", "list of maps"),
    "connector.post_process.default.rerank": ("$[*]", "list of maps"),
    "connector.post_process.bedrock.rerank": ("$.results", "list of maps"),
    "connector.post_process.mlcommons.passthrough": ("$", "map or list"),
}
"""Every built-in post-process name (spec 5.4) -> (its default JSONPath, what it needs from the filter result:
"list of lists", "list of numbers", "map", "list of maps" or "map or list")."""
