"""Versions: features a connector uses that the targeted OpenSearch release does not have yet.

The target is ``target-version`` from the checker configuration, else a blueprint's
``opensearch.minimum``. "Since" versions are the first release whose ML Commons source has the
feature (spec mlcommons-connectors.md 1.2, 1.3, 1.4, 4.5, 5.1, 5.4, 8.6).
"""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.check.model import Example, Finding
from toolkit.check.registry import rule
from toolkit.check.rules._examples import sample
from toolkit.check.rules._util import action_ptr, action_type, actions, connector, parameters
from toolkit.source import pointer

_TOP_LEVEL = {"client_config": "2.13", "tenant_id": "2.19", "url": "3.0", "headers": "3.0", "provisioned_by": "3.7",
              "connector_id": "3.9"}
_CLIENT_CONFIG = {"max_retry_times": "2.15", "retry_backoff_policy": "2.15", "retry_backoff_millis": "2.15",
                  "retry_timeout_seconds": "2.15", "skip_ssl_verification": "3.5", "mutual_tls_enabled": "3.9",
                  "keystore_type": "3.9"}
_PROTOCOLS = {"mcp_sse": "3.0", "mcp_streamable_http": "3.3"}
_ACTION_TYPES = {"EXECUTE": "2.16", "BATCH_PREDICT": "2.16", "CANCEL_BATCH_PREDICT": "2.17", "BATCH_PREDICT_STATUS": "2.17"}
_ACTION_FIELDS = {"name": "3.5", "supports_structured_output": "3.7"}
_PARAMETERS = {"skip_validating_missing_parameters": "2.17", "input_processors": "3.3", "output_processors": "3.3"}
_FUNCTIONS = {
    "connector.pre_process.openai.embedding": "2.9", "connector.pre_process.cohere.embedding": "2.9",
    "connector.pre_process.default.embedding": "2.11", "connector.pre_process.bedrock.embedding": "2.12",
    "connector.pre_process.cohere.rerank": "2.12", "connector.pre_process.default.rerank": "2.12",
    "connector.pre_process.bedrock.multimodal_embedding": "2.16", "connector.pre_process.bedrock.rerank": "2.19",
    "connector.pre_process.cohere.multimodal_embedding": "2.19", "connector.pre_process.bedrock.nova.text_embedding": "3.3.2",
    "connector.pre_process.bedrock.nova.image_embedding": "3.3.2", "connector.pre_process.bedrock.nova.video_embedding": "3.3.2",
    "connector.pre_process.bedrock.nova.audio_embedding": "3.3.2", "connector.pre_process.bedrock.nova.embedding": "3.5",
    "connector.post_process.openai.embedding": "2.9", "connector.post_process.cohere.embedding": "2.9",
    "connector.post_process.default.embedding": "2.11", "connector.post_process.bedrock.embedding": "2.12",
    "connector.post_process.cohere.rerank": "2.12", "connector.post_process.default.rerank": "2.12",
    "connector.post_process.bedrock.batch_job_arn": "2.17.1", "connector.post_process.bedrock.rerank": "2.19",
    "connector.post_process.bedrock.nova.embedding": "3.3.2", "connector.post_process.mlcommons.passthrough": "3.3",
}
_FUNCTION_PREFIXES = {"connector.post_process.cohere_v2.embedding.": "3.0", "connector.post_process.bedrock_v2.embedding.": "3.0"}


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _target(target, config) -> str | None:
    if config.target_version:
        return config.target_version
    manifest = target.manifest
    return manifest.min_opensearch if manifest is not None else None


def _features(target) -> Iterator[tuple[str, str, str]]:
    """(pointer, feature, since) for every versioned feature the connector uses."""
    body = connector(target)
    for key, since in _TOP_LEVEL.items():
        if key in body:
            yield pointer([key]), f"the {key!r} field", since
    if isinstance(body.get("client_config"), dict):
        for key, since in _CLIENT_CONFIG.items():
            if key in body["client_config"]:
                yield pointer(["client_config", key]), f"client_config {key!r}", since
    if body.get("protocol") in _PROTOCOLS:
        yield "/protocol", f"protocol {body['protocol']!r}", _PROTOCOLS[body["protocol"]]
    for key, since in _PARAMETERS.items():
        if key in parameters(target):
            yield pointer(["parameters", key]), f"the {key!r} parameter", since
    for index, action in actions(target):
        kind = action_type(action)
        if kind in _ACTION_TYPES:
            yield action_ptr(index, "action_type"), f"the {kind} action", _ACTION_TYPES[kind]
        for key, since in _ACTION_FIELDS.items():
            if key in action:
                yield action_ptr(index, key), f"the action {key!r} field", since
        for key in ("pre_process_function", "post_process_function"):
            name = action.get(key)
            if not isinstance(name, str):
                continue
            since = _FUNCTIONS.get(name) or next((v for p, v in _FUNCTION_PREFIXES.items() if name.startswith(p)), None)
            if since:
                yield action_ptr(index, key), name, since


@rule("BP115", "needs-newer-opensearch", "error", "structure",
      "The connector uses a feature the targeted OpenSearch release does not have.",
      "Fields, protocols, action types and built-in functions arrived release by release (client_config in 2.13, "
      "the cohere_v2 built-ins in 3.0, action names in 3.5, ...). An older cluster fails on an unknown built-in "
      "(compiled as Painless) or an unknown field (a parse error, or silently ignored). The target is "
      "`target-version` from the configuration, else a blueprint's `opensearch.minimum`.",
      bad=Example(sample(actions__0__name="embed"), config={"target-version": "2.19"}),
      good=Example(sample(actions__0__name="embed"), config={"target-version": "3.5"}),
      hint="raise opensearch.minimum (or target-version), or avoid the feature", spec="8.6, 1.2-1.4, 5.1, 5.4")
def needs_newer_opensearch(target, config) -> Iterator[Finding]:
    wanted = _target(target, config)
    if not wanted:
        return
    try:
        have = version(wanted)
    except ValueError:
        return
    for ptr, feature, since in _features(target):
        if version(since) > have:
            yield Finding(ptr, f"{feature} needs OpenSearch {since}; the target is {wanted}")
