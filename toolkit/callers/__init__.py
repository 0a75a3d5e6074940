"""OpenSearch's callers of a model, as contracts a blueprint can be tested against.

Each name is one value of a manifest's ``callers:`` list; ``docs/callers.md`` gives every contract
with its citation. ``toolkit.callers.run`` runs a caller through the ML Commons emulator against a
blueprint's contract cases.

=========================  ======================================================  ================
name                       caller                                                  module
=========================  ======================================================  ================
``neural_search``          the ``neural`` query (dense)                            ``embedding``
``ingest_text_embedding``  the ``text_embedding`` ingest processor, semantic field ``embedding``
``ingest_text_image_...``  the ``text_image_embedding`` ingest processor          ``embedding``
``rerank``                 the ``rerank`` search processor (``ml_opensearch``)     ``rerank``
``ml_inference``           the ``ml_inference`` ingest and search processors       ``chat``
``agent``                  an agent's ``MLModelTool``                              ``chat``
=========================  ======================================================  ================
"""

from __future__ import annotations

from toolkit.callers.base import Caller

__all__ = ["CALLER_NAMES", "get", "all_callers"]

CALLER_NAMES = ("neural_search", "ingest_text_embedding", "ingest_text_image_embedding", "rerank", "ml_inference", "agent")


def all_callers() -> dict[str, Caller]:
    from toolkit.callers.chat import AGENT, ML_INFERENCE
    from toolkit.callers.embedding import INGEST_TEXT_EMBEDDING, INGEST_TEXT_IMAGE_EMBEDDING, NEURAL_SEARCH
    from toolkit.callers.rerank import RERANK

    return {c.name: c for c in (NEURAL_SEARCH, INGEST_TEXT_EMBEDDING, INGEST_TEXT_IMAGE_EMBEDDING, RERANK, ML_INFERENCE, AGENT)}


def get(name: str) -> Caller:
    callers = all_callers()
    if name not in callers:
        raise KeyError(f"unknown caller {name!r}; known: {', '.join(CALLER_NAMES)}")
    return callers[name]
