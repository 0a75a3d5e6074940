"""Build the documented bad/good examples of rules from one realistic connector."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable

BASE = {
    "name": "OpenAI embeddings",
    "description": "text-embedding-3-small",
    "version": "1",
    "protocol": "http",
    "parameters": {"model": "text-embedding-3-small"},
    "credential": {"openAI_key": "<OPENAI_API_KEY>"},
    "actions": [{
        "action_type": "predict",
        "method": "POST",
        "url": "https://api.openai.com/v1/embeddings",
        "headers": {"Authorization": "Bearer ${credential.openAI_key}"},
        "request_body": "{ \"input\": ${parameters.input}, \"model\": \"${parameters.model}\" }",
        "pre_process_function": "connector.pre_process.openai.embedding",
        "post_process_function": "connector.post_process.openai.embedding",
    }],
}

AWS_BASE = {
    "name": "Bedrock Titan embeddings",
    "description": "amazon.titan-embed-text-v2:0",
    "version": "1",
    "protocol": "aws_sigv4",
    "parameters": {"region": "us-east-1", "service_name": "bedrock", "model": "amazon.titan-embed-text-v2:0"},
    "credential": {"access_key": "<AWS_ACCESS_KEY_ID>", "secret_key": "<AWS_SECRET_ACCESS_KEY>"},
    "actions": [{
        "action_type": "predict",
        "method": "POST",
        "url": "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/${parameters.model}/invoke",
        "headers": {"content-type": "application/json"},
        "request_body": "{ \"inputText\": \"${parameters.inputText}\" }",
        "pre_process_function": "connector.pre_process.bedrock.embedding",
        "post_process_function": "connector.post_process.bedrock.embedding",
    }],
}

_DELETE = object()


def example(base: dict | None = None, **changes) -> Callable[[], str]:
    """``sample(base, **changes)``, made when first read: a rule's ``Example`` takes it, so a check (which
    never reads examples) does not pay for building them."""
    return functools.partial(sample, base, **changes)


def sample(base: dict | None = None, **changes) -> str:
    """JSON text of ``base`` (default: the OpenAI connector) with ``changes`` applied.

    Keys are paths joined by ``__`` (``actions__0__url``); the value ``DELETE`` removes the key.
    """
    data = copy.deepcopy(base or BASE)
    for path, value in changes.items():
        node = data
        *parents, last = path.split("__")
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        elif value is _DELETE:
            del node[last]
        else:
            node[last] = value
    return json.dumps(data, indent=2, ensure_ascii=False)


DELETE = _DELETE


MANIFEST = """\
id: acme/embed
title: Acme embeddings
description: A minimal blueprint for the rule examples.
provider: acme
task: text_embedding
protocol: http
template: acme/embed.json.j2
variables:
  type: object
  additionalProperties: false
  properties:
    model:
      type: string
      description: Model id.
      default: acme-embed-1
secrets:
  ACME_KEY:
    description: The API key.
inputs:
  format: text_docs
  text_docs:
    description: Texts to embed.
    example: ["hello"]
trusted_endpoints:
  - ^https://api\\.acme\\.example/v1/embed$
opensearch:
  minimum: "2.9"
links:
  - title: Acme API
    url: https://acme.example/docs
"""

TEMPLATE = """\
{
  "name": {{ model | tojson }},
  "version": "1",
  "protocol": "http",
  "parameters": {"model": {{ model | tojson }}},
  "credential": {"key": {{ "ACME_KEY" | secret }}},
  "actions": [
    {
      "action_type": "predict",
      "method": "POST",
      "url": "https://api.acme.example/v1/embed",
      "headers": {"Authorization": "Bearer ${credential.key}"},
      "request_body": "{ \\"model\\": \\"${parameters.model}\\", \\"input\\": ${parameters.input} }"
    }
  ]
}
"""


def project(manifest: str = MANIFEST, template: str = TEMPLATE, **extra: str) -> dict[str, str]:
    """A one-blueprint project as files (for rules about manifests and templates)."""
    return {"blueprints/acme/embed.yaml": manifest, "templates/acme/embed.json.j2": template, **extra}
