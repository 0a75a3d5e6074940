"""The OpenSearch releases the toolkit knows, and how a version string names one.

A release is ``major.minor.patch`` (ML Commons tags them ``X.Y.Z.0``); HEAD is ``3.9-dev``. A
version written ``X.Y`` means ``X.Y.0``, the first release of that line: a blueprint that works on
``2.19`` must work on 2.19.0. A patch the toolkit has not seen (``2.19.9``) behaves like the newest
known patch before it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_PATTERN = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?(-dev)?")


class Release(NamedTuple):
    """A release, ordered by (major, minor, patch); ``dev`` is HEAD, after every tagged release."""

    major: int
    minor: int
    patch: int = 0
    dev: bool = False

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}-dev" if self.dev else f"{self.major}.{self.minor}.{self.patch}"

    @property
    def short(self) -> str:
        """``2.19`` for 2.19.0, ``2.17.1`` for a patch, ``3.9-dev`` for HEAD."""
        if self.dev:
            return str(self)
        return f"{self.major}.{self.minor}" if self.patch == 0 else str(self)

    @property
    def line(self) -> tuple[int, int]:
        return self.major, self.minor


def parse(text: str) -> Release | None:
    """``Release`` for ``X.Y``, ``X.Y.Z`` or ``X.Y-dev`` (None when it is not written like one)."""
    match = _PATTERN.fullmatch(text.strip())
    if not match:
        return None
    major, minor, patch, dev = match.groups()
    if dev and patch:
        return None
    return Release(int(major), int(minor), int(patch or 0), bool(dev))


# Every release ML Commons has tagged from 2.9 on (X.Y.Z.0), and HEAD (950f056, wired to 3.9.0).
RELEASES: tuple[Release, ...] = tuple(parse(text) for text in (
    "2.9.0", "2.10.0", "2.11.0", "2.11.1", "2.12.0", "2.13.0", "2.14.0", "2.15.0", "2.16.0", "2.17.0",
    "2.17.1", "2.18.0", "2.19.0", "2.19.1", "2.19.2", "2.19.3", "2.19.4", "2.19.5", "2.19.6", "3.0.0",
    "3.1.0", "3.2.0", "3.3.0", "3.3.2", "3.4.0", "3.5.0", "3.6.0", "3.7.0", "3.8.0", "3.9-dev",
))
LINES: tuple[tuple[int, int], ...] = tuple(dict.fromkeys(release.line for release in RELEASES))
