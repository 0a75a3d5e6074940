"""One defect, one finding: a finding repeated on a copy of the same connector body is merged.

Documents often show a body twice, in ``POST _plugins/_ml/connectors/_create`` and again inline in
``POST _plugins/_ml/models/_register``, and every rule finds the same thing in both. A finding with
the same rule, severity, message and pointer (relative to the connector) on an identical body (equal
as parsed JSON, key order aside, and apart from its credential, name and description, where variants of
one body differ) in the same file is kept once, at its first place in document order;
the other places become its ``related`` ones. Within one body the n-th such finding pairs with the
n-th of the copy (a rule may report one pointer twice, at two offsets in a string). A finding at a
place already reported (two renders of one template line) is dropped. Linear: one canonical dump per
body with findings, one dictionary look-up per finding.
"""

from __future__ import annotations

import json
from collections import Counter

from toolkit.check.model import Target
from toolkit.diagnostics import Diagnostic, Place

_BODY = "merge.body"  # key of a body's fingerprint in Target.cache
# Docs show variants of one body that differ only in these (access keys or a role, another title): a
# finding elsewhere in them is one defect written twice. A finding about these keys has its own message.
_VARIANT_KEYS = frozenset({"credential", "name", "description"})


class Merger:
    """Collects diagnostics in order; ``diagnostics()`` returns them merged."""

    def __init__(self) -> None:
        self._places: set[tuple] = set()
        self._first: dict[tuple, int] = {}
        self._kept: list[Diagnostic] = []
        self._related: dict[int, list[Place]] = {}
        self._target: Target | None = None
        self._nth: Counter = Counter()  # findings with the same key so far in the current target

    def add(self, diagnostic: Diagnostic, target: Target) -> None:
        d = diagnostic
        place = (d.code, d.file, d.line, d.column, d.message)
        if place in self._places:
            return
        self._places.add(place)
        if target is not self._target:
            self._target, self._nth = target, Counter()
        finding = (d.code, d.severity, d.pointer, d.message)
        self._nth[finding] += 1
        key = (*finding, d.file, body_fingerprint(target), self._nth[finding])
        index = self._first.setdefault(key, len(self._kept))
        if index == len(self._kept):
            self._kept.append(d)
        else:
            self._related.setdefault(index, []).append(Place(d.file, d.line, d.column))

    def diagnostics(self) -> list[Diagnostic]:
        return [d._replace(related=tuple(self._related[i])) if i in self._related else d
                for i, d in enumerate(self._kept)]


def body_fingerprint(target: Target) -> bytes:
    """A digest of the connector as parsed JSON with sorted keys, leaving out what variants of one body
    differ in (``_VARIANT_KEYS``), computed once per target."""
    if _BODY not in target.cache:
        import hashlib  # 3 ms: only once a body has a finding

        connector = target.connector
        if isinstance(connector, dict):
            connector = {key: value for key, value in connector.items() if key not in _VARIANT_KEYS}
        text = json.dumps(connector, sort_keys=True, ensure_ascii=False, default=repr)
        target.cache[_BODY] = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    return target.cache[_BODY]
