"""The API calls that take a blueprint from a cluster that trusts its endpoint to a prediction, in Dev
Tools and curl forms: create connector, register model, deploy, predict (the cluster-settings step
before them, per release, is ``settings_step``).

The predict call uses the blueprint's sample contract case as its body, and the REST path that body
needs (``_predict/text_embedding`` for ``text_docs``, ``_predict/text_similarity`` for
``query_text`` with ``text_docs``, ``models/<id>/_predict`` for ``parameters``; spec 4.1). Ids the
cluster assigns are ``<CONNECTOR_ID>`` and ``<MODEL_ID>``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Call:
    step: str
    title: str
    method: str
    path: str
    body: dict | None
    note: str
    response: dict | None = None  # what the cluster answers, when it is worth showing

    def body_text(self) -> str:
        return json.dumps(self.body, indent=2, ensure_ascii=False) if self.body is not None else ""

    def devtools(self) -> str:
        line = f"{self.method} {self.path}"
        return f"{line}\n{self.body_text()}" if self.body is not None else line

    def curl(self) -> str:
        url = f"\"${{OPENSEARCH_URL:-https://localhost:9200}}{self.path}\""
        head = f"curl -sS -X {self.method} {url} \\\n  -u \"${{OPENSEARCH_USER:-admin}}:$OPENSEARCH_PASSWORD\""
        if self.body is None:
            return head
        return f"{head} -H 'Content-Type: application/json' \\\n  --data-binary @- <<'JSON'\n{self.body_text()}\nJSON"


def predict_path(body: dict) -> str:
    if isinstance(body, dict) and "text_docs" in body and "parameters" not in body:
        kind = "text_similarity" if "query_text" in body else "text_embedding"
        return f"/_plugins/_ml/_predict/{kind}/<MODEL_ID>"
    return "/_plugins/_ml/models/<MODEL_ID>/_predict"


def sequence(entry) -> list[Call]:
    """The four calls for ``entry`` (a ``model.Entry``) with its default connector."""
    sample = entry.sample
    predict_body = sample.input if sample is not None else _input_example(entry.inputs)
    return [
        Call("create", "Create the connector", "POST", "/_plugins/_ml/connectors/_create", entry.connector.connector,
             "Replace each <SECRET> placeholder with its value (or run `blueprint render " + entry.id +
             ("" if entry.connector.name == "default" else f" --example {entry.connector.name}") +
             " --secret NAME=env:NAME --devtools`).", {"connector_id": "<CONNECTOR_ID>"}),
        Call("register", "Register the model", "POST", "/_plugins/_ml/models/_register",
             {"name": entry.title, "function_name": "remote", "description": entry.connector.connector.get(
                 "description", entry.title), "connector_id": "<CONNECTOR_ID>"},
             "Use the connector_id the create call returned.", {"task_id": "<TASK_ID>", "status": "CREATED",
                                                                  "model_id": "<MODEL_ID>"}),
        Call("deploy", "Deploy the model", "POST", "/_plugins/_ml/models/<MODEL_ID>/_deploy", None,
             "Use the model_id the register call returned."),
        Call("predict", "Predict", "POST", predict_path(predict_body), predict_body,
             "The request of the blueprint's sample contract case." if sample is not None
             else "The manifest's input example."),
    ]


def _input_example(inputs: dict) -> dict:
    kind = inputs.get("format", "parameters")
    if kind == "parameters":
        return {"parameters": {k: v.get("example") for k, v in inputs.get("parameters", {}).items()
                               if isinstance(v, dict)}}
    return {k: v.get("example") for k, v in inputs.items() if isinstance(v, dict) and "example" in v}
