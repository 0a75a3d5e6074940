"""Versions: features a connector uses that the targeted OpenSearch release does not have yet.

The target is ``target-version`` from the checker configuration, else a blueprint's
``opensearch.minimum`` (toolkit.check.release); with neither, nothing is reported. "Since" versions come from the fact table (toolkit/versions/facts.py): the first release whose ML
Commons source has the feature (spec mlcommons-connectors.md 1.2, 1.3, 1.4, 4.5, 5.1, 5.4, 8.6).
"""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.check.model import Example, Finding
from toolkit.check.registry import rule
from toolkit.check.release import target_release
from toolkit.check.rules._examples import example
from toolkit.check.rules._util import action_ptr, action_type, actions, connector, parameters
from toolkit.source import pointer
from toolkit.versions import Profile


def _known(prefix: str, name: object) -> str | None:
    """The fact key for ``name`` under ``prefix`` when the fact table has one."""
    key = f"{prefix}.{name}"
    return key if isinstance(name, str) and Profile.knows(key) else None


def _features(target) -> Iterator[tuple[str, str, str]]:
    """(pointer, feature, fact key) for every versioned feature the connector uses."""
    body = connector(target)
    for key in body:
        if _known("connector.field", key):
            yield pointer([key]), f"the {key!r} field", f"connector.field.{key}"
    if isinstance(body.get("client_config"), dict):
        for key in body["client_config"]:
            if _known("connector.client_config", key):
                yield pointer(["client_config", key]), f"client_config {key!r}", f"connector.client_config.{key}"
    if _known("connector.protocol", body.get("protocol")):
        yield "/protocol", f"protocol {body['protocol']!r}", f"connector.protocol.{body['protocol']}"
    for key in parameters(target):
        if _known("connector.parameter", key):
            yield pointer(["parameters", key]), f"the {key!r} parameter", f"connector.parameter.{key}"
    for index, action in actions(target):
        kind = action_type(action)
        if _known("connector.action_type", kind):
            yield action_ptr(index, "action_type"), f"the {kind} action", f"connector.action_type.{kind}"
        for key in action:
            if _known("connector.action_field", key):
                yield action_ptr(index, key), f"the action {key!r} field", f"connector.action_field.{key}"
        for key in ("pre_process_function", "post_process_function"):
            name = action.get(key)
            if not isinstance(name, str):
                continue
            fact = _known("function", name) or next(
                (k for k in Profile.keys("function_prefix.") if name.startswith(k.removeprefix("function_prefix."))), None)
            if fact:
                yield action_ptr(index, key), name, fact


@rule("BP115", "needs-newer-opensearch", "error", "structure",
      "The connector uses a feature the targeted OpenSearch release does not have.",
      "Fields, protocols, action types and built-in functions arrived release by release (client_config in 2.13, "
      "the cohere_v2 built-ins in 3.0, action names in 3.5, ...). An older cluster fails on an unknown built-in "
      "(compiled as Painless) or an unknown field (a parse error, or silently ignored). The target is "
      "`target-version` from the configuration, else a blueprint's `opensearch.minimum`.",
      bad=Example(example(actions__0__name="embed"), config={"target-version": "2.19"}),
      good=Example(example(actions__0__name="embed"), config={"target-version": "3.5"}),
      hint="raise opensearch.minimum (or target-version), or avoid the feature", spec="8.6, 1.2-1.4, 5.1, 5.4")
def needs_newer_opensearch(target, config) -> Iterator[Finding]:
    chosen = target_release(target, config)
    if not chosen.given:
        return
    profile = chosen.oldest
    for ptr, feature, key in _features(target):
        if not profile.has(key):
            yield Finding(ptr, f"{feature} needs OpenSearch {profile.since(key).short}; the target is {profile}")
