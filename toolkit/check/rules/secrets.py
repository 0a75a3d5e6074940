"""Hard-coded secrets: credentials written into a connector instead of supplied at creation."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator

from toolkit.check.model import Finding
from toolkit.check.registry import rule
from toolkit.check.rules._examples import example
from toolkit.check.rules._util import actions, connector, credential, headers
from toolkit.documents.markers import has_marker, markers_in
from toolkit.keyshapes import SHAPES, any_shape
from toolkit.source import pointer

_PLACEHOLDER = re.compile(r"^(<[^<>]+>|\$\{[^}]+\}|[A-Z][A-Z0-9_]*|.*\.\.\..*)$")
_BEARER = re.compile(r"^(?:Bearer|Basic|Token)\s+(?P<token>\S+)$", re.IGNORECASE)

_FAKE_KEY = "sk-" + "proj-" + "Zq3RtY8vLm2Nw6Xc" * 2


def _placeholder(text: str) -> bool:
    """A value that stands for a secret instead of being one: a template marker (a document's
    ``<YOUR_API_KEY>``, ``your_api_key``, ``{{api_key}}``, ``xxx``), ``${...}``, a NAME or an elision."""
    return bool(_PLACEHOLDER.match(text)) or has_marker(text)


def _entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _looks_random(text: str) -> bool:
    """Long, mixed-class, high-entropy text: what generated keys look like."""
    classes = sum(bool(re.search(p, text)) for p in (r"[a-z]", r"[A-Z]", r"[0-9]"))
    return len(text) >= 20 and " " not in text and classes >= 2 and _entropy(text) >= 3.5


def _strings(node: object, path: list) -> Iterator[tuple[list, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, [*path, key])
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, [*path, index])


@rule("BP310", "hardcoded-secret", "error", "security",
      "A real-looking credential is written into the connector.",
      "Connector files are shared, reviewed and committed. API keys, AWS keys and bearer tokens belong in the "
      "create call only: render blueprints with placeholders and supply values from the environment "
      "(`blueprint render --secret NAME=env:VAR`). Detected: known key shapes anywhere, literal tokens in "
      "authorization headers, and high-entropy credential values.",
      bad=example(credential={"openAI_key": _FAKE_KEY}), good=example(),
      hint="replace the value with a placeholder such as <OPENAI_API_KEY> and rotate the leaked key", spec="7, 4.8")
def hardcoded_secret(target, config) -> Iterator[Finding]:
    reported: set[str] = set()
    shapes = any_shape()
    for path, text in _strings(connector(target), []):
        if not shapes.search(text):
            continue
        for label, shape in SHAPES:
            match = shape.search(text)
            if match and not any(m.start < match.end() and match.start() < m.end for m in markers_in(text)):
                reported.add(pointer(path))
                yield Finding(pointer(path), f"this looks like {label}", offset=match.start())
                break
    for key, value in credential(target).items():
        where = pointer(["credential", key])
        if where not in reported and isinstance(value, str) and not _placeholder(value) and _looks_random(value):
            yield Finding(where, f"credential {key!r} holds a literal secret-looking value", offset=0)
    for index, action in actions(target):
        for name, value in headers(action).items():
            where = pointer(["actions", index, "headers", name])
            match = _BEARER.match(value) if isinstance(value, str) else None
            if where not in reported and match and not _placeholder(match.group("token")) \
                    and "${" not in match.group("token") and len(match.group("token")) >= 12:
                yield Finding(where, f"header {name!r} carries a literal token: use ${{credential.<key>}}",
                              offset=match.start("token"))


