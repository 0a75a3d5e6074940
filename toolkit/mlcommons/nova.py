"""Nova 2 multimodal embedding requests: ``ConnectorUtils.cleanBedrockNovaRequest`` (spec 4.9, since 3.5).

When the ``model`` parameter is exactly ``amazon.nova-2-multimodal-embeddings-v1:0`` (read from the
connector's parameters on 3.5, from the call's merged parameters from 3.6), each of the ``text``,
``image``, ``video`` and ``audio`` sections of ``singleEmbeddingParams`` whose ``value`` (text) or
``source.bytes`` (the others) is JSON null is removed, and the body is written again by Gson
(``mlcommons.gsontree``). A section that is absent, or has no such member, stays. Whatever Gson
cannot read this way leaves the body exactly as it was: text that is no JSON object, a
``singleEmbeddingParams``, section or ``source`` that is no object (``"video": null`` included).
"""

from __future__ import annotations

from typing import Any

__all__ = ["NOVA_MODEL", "clean_payload"]

NOVA_MODEL = "amazon.nova-2-multimodal-embeddings-v1:0"
_SECTIONS = ("text", "image", "video", "audio")
_ABSENT = object()


class _Unchanged(Exception):
    """Gson's ``ClassCastException`` or ``IllegalStateException``: the method returns the body it was given."""


def _null_member(section: Any, name: str) -> bool:
    """``removeIfNull``'s test: the section's ``value`` (text) or ``source.bytes`` is JSON null."""
    if not isinstance(section, dict):
        raise _Unchanged
    if name == "text":
        return section.get("value", _ABSENT) is None
    source = section.get("source", _ABSENT)
    if source is _ABSENT:
        return False
    if not isinstance(source, dict):
        raise _Unchanged
    return source.get("bytes", _ABSENT) is None


def clean_payload(payload: str | None, connector_params, params, profile) -> str | None:
    """``cleanPayloadIfNeeded`` on ``profile``'s release: the body sent for ``payload``."""
    if payload is None or NOVA_MODEL not in (connector_params.get("model"), params.get("model")):
        return payload  # unchanged on every release: the release's rule is not asked
    where = profile.value("payload.nova_clean")
    model = (connector_params if where == "connector" else params).get("model") if where else None
    if model != NOVA_MODEL:
        return payload
    from toolkit.mlcommons import gsontree

    try:
        root = gsontree.parse(payload, nesting_limit=profile.value("gson.nesting_limit"))
        if not isinstance(root, dict):
            raise _Unchanged
        embedding = root.get("singleEmbeddingParams", _ABSENT)
        if embedding is _ABSENT:
            return payload
        if not isinstance(embedding, dict):
            raise _Unchanged
        for name in _SECTIONS:
            if name in embedding and _null_member(embedding[name], name):
                del embedding[name]
    except (gsontree.GsonSyntaxError, _Unchanged):
        return payload
    return gsontree.write(root)
