"""What a new blueprint of each task sends and reads, as ``blueprint new`` scaffolds it.

Three shapes cover the tasks the manifest schema allows, as the shipped blueprints use them: documents
(``text_docs``, all in one request through ML Commons' default embedding pre-process function), a
query with documents (``text_similarity``, through the default rerank functions), and named
``parameters`` (chat messages, a prompt, a text or a base64 document). The request body is an
OpenAI-style guess the author reshapes from the provider's API reference; the provider request
schema stub describes the same body, so the two start out consistent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_TEXTS = ["What is the meaning of life?", "Hello world"]
_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="  # 1x1 pixel
_MESSAGES = [{"role": "system", "content": "You are a helpful assistant."},
             {"role": "user", "content": "What is the capital of France?"}]


@dataclass(frozen=True)
class Shape:
    """A task's scaffold: ``phrase`` names what it does ("text embeddings"); ``inputs`` is the
    manifest's ``inputs``; ``body`` the request body's fields besides ``model`` (field -> JSON text
    with placeholders); ``fields`` the provider schema's properties for them; ``callers`` the
    OpenSearch callers it may support once its cases pass (suggested in a comment)."""

    phrase: str
    inputs: dict
    body: dict[str, str]
    fields: dict[str, dict]
    pre_process: str | None = None
    post_process: str | None = None
    callers: list[str] = field(default_factory=list)
    note: str = ""  # what the scaffold leaves out, said in the template's comment

    def case_input(self) -> dict:
        """The ``_predict`` body of the contract case: the manifest's inputs example."""
        if self.inputs["format"] == "parameters":
            return {"parameters": {name: spec["example"] for name, spec in self.inputs["parameters"].items()}}
        out = {"text_docs": self.inputs["text_docs"]["example"]}
        if "query_text" in self.inputs:
            out["query_text"] = self.inputs["query_text"]["example"]
        return out


def _documents(phrase: str, post_process: str | None, callers: list[str], example: list[str] = _TEXTS,
               note: str = "") -> Shape:
    return Shape(
        phrase,
        {"format": "text_docs", "text_docs": {"description": "The documents, all sent in one request as the input array.",
                                              "example": example}},
        {"input": "${parameters.input}"},
        {"input": {"type": "array", "minItems": 1, "items": {"type": "string"}}},
        "connector.pre_process.default.embedding", post_process, callers, note)


def _parameter(phrase: str, name: str, description: str, example: object, callers: list[str] = ()) -> Shape:
    kind = "array" if isinstance(example, list) else "string"
    value = f"${{parameters.{name}}}" if kind == "array" else f'"${{parameters.{name}}}"'
    schema = {"type": "array", "minItems": 1} if kind == "array" else {"type": "string", "minLength": 1}
    return Shape(phrase, {"format": "parameters",
                          "parameters": {name: {"description": description, "type": kind, "example": example}}},
                 {name: value}, {name: schema}, callers=list(callers))


_TEXT = ("The text to process; ML Commons escapes it for the JSON body.",
         "Bob lives in Seattle. He is a software engineer at Amazon.")

SHAPES: dict[str, Shape] = {
    "text_embedding": _documents("text embeddings", "connector.post_process.default.embedding",
                                 ["neural_search", "ingest_text_embedding", "ml_inference"]),
    "sparse_embedding": _documents("sparse embeddings", None, ["ml_inference"]),
    "multimodal_embedding": _documents("multimodal embeddings", "connector.post_process.default.embedding",
                                       ["ingest_text_image_embedding", "ml_inference"],
                                       ["A cat on a sofa", _PNG]),
    "batch_inference": _documents("text embeddings in batches", "connector.post_process.default.embedding",
                                  ["ml_inference"], note="Batch jobs need a batch_predict action too, and a case "
                                  "with action: batch_predict: the shipped openai/embedding-batch and "
                                  "bedrock/batch-embedding show both (`blueprint new ID --from` copies one)."),
    "rerank": Shape(
        "reranking",
        {"format": "text_similarity",
         "query_text": {"description": "The query the documents are scored against (ML Commons escapes it).",
                        "example": "What is the capital of the United States?"},
         "text_docs": {"description": "The documents to score, all in one request; one score each, in input order.",
                       "example": ["Carson City is the capital city of the American state of Nevada.",
                                   "Washington, D.C. is the capital of the United States."]}},
        {"query": '"${parameters.query}"', "documents": "${parameters.documents}", "top_n": "${parameters.top_n}"},
        {"query": {"type": "string", "minLength": 1},
         "documents": {"type": "array", "minItems": 1, "items": {"type": "string"}},
         "top_n": {"type": "integer", "minimum": 1}},
        "connector.pre_process.default.rerank", "connector.post_process.default.rerank", ["rerank"]),
    "chat": _parameter("chat completions", "messages",
                       "The conversation so far: an array of {role, content} objects. ML Commons passes it on as "
                       "compact JSON, unescaped.", _MESSAGES, ["ml_inference", "agent"]),
    "completion": _parameter("text completions", "prompt", "The prompt to complete; ML Commons escapes it.",
                             "Write a haiku about search engines.", ["ml_inference"]),
    "classification": _parameter("text classification", "text", *_TEXT, ["ml_inference"]),
    "language_detection": _parameter("language detection", "text", *_TEXT, ["ml_inference"]),
    "document_analysis": _parameter("document analysis", "document", "The document, base64-encoded.",
                                    "JVBERi0xLjQKJcOkw7zDtsOfCg==", ["ml_inference"]),
    "image_analysis": _parameter("image analysis", "image", "The image, base64-encoded.", _PNG, ["ml_inference"]),
    "agent_tool": _parameter("agent tool", "input", "What the agent passes to the tool.",
                             "What is the weather in Paris?", ["agent"]),
    "other": _parameter("remote inference", "text", *_TEXT),
}
