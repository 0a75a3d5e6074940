"""Release ranges as a contract case writes them in ``expected_by_version``.

``2.11-3.4`` is every release from 2.11.0 to the last 3.4 patch; an end written with a patch
(``2.11-2.19.3``) stops at that patch. One version is a range of its own: ``3.3`` is the 3.3 line,
``2.17.1`` that patch alone.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from toolkit.versions.profile import resolve
from toolkit.versions.releases import RELEASES, Release, parse


class RangeError(ValueError):
    """A range that names no releases the toolkit knows, or runs backwards."""


@dataclass(frozen=True)
class ReleaseRange:
    first: Release
    last: Release  # inclusive
    text: str

    def __str__(self) -> str:
        return self.text

    def covers(self, release: Release) -> bool:
        return self.first <= release <= self.last

    def overlaps(self, other: ReleaseRange) -> bool:
        return self.first <= other.last and other.first <= self.last

    def edges(self) -> tuple[Release, ...]:
        """Where the expectation changes: the first release, and the first known one after the last."""
        after = next((release for release in RELEASES if release > self.last), None)
        return (self.first,) if after is None else (self.first, after)


def _bound(text: str, end: bool) -> Release:
    from toolkit.versions.profile import UnknownRelease

    written = parse(text)
    try:
        release = resolve(text, "releases")
    except UnknownRelease as exc:
        raise RangeError(exc.diagnostics[0].message) from None
    if end and written.patch == 0 and text.count(".") == 1:
        return release._replace(patch=sys.maxsize)  # X.Y as an end: the whole line
    return release


def parse_range(text: str) -> ReleaseRange:
    """The range ``text`` names (``RangeError`` when it names none)."""
    start, dash, end = text.strip().partition("-")
    if dash and not end:
        raise RangeError(f"releases: {text!r} has no end (write A-B, or one version)")
    first, last = _bound(start, False), _bound(end or start, True)
    if last < first:
        raise RangeError(f"releases: {text!r} runs backwards")
    return ReleaseRange(first, last, text.strip())
