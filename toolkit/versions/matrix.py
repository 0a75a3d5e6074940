"""Which releases a contract case runs on to prove a blueprint from its minimum to the newest release.

Not every tag: the emulator reads nothing but the fact table, so a release where no fact changes
behaves exactly as the release before it. The matrix runs every release where a fact changes (the
distinct ``since`` values), from the emulation floor to the newest release, plus the newest release
and the declared minimums (``extra``), so each minimum is run as written.
"""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.versions.profile import NEWEST, Profile, resolve
from toolkit.versions.releases import Release


def floor() -> Release:
    """The oldest release the emulator models."""
    return Profile.for_version().since("emulated")


def below_floor(minimum: str) -> bool:
    """Whether a declared minimum is older than any release the matrix can run."""
    return resolve(minimum, "opensearch.minimum") < floor()


def runs_on(minimum: str, release: Release) -> bool:
    """Whether a case of a blueprint declaring ``minimum`` applies to ``release`` (emulated, not older)."""
    return release >= max(floor(), resolve(minimum, "opensearch.minimum"))


def matrix_releases(minimum: str | None = None, extra: Iterable[str | Release] = ()) -> tuple[Release, ...]:
    """The releases to run, oldest first: every fact change, the newest release and ``extra`` (a
    declared minimum, the edges of an ``expected_by_version`` range), from ``minimum`` (or the
    emulation floor, when later) to the newest release."""
    from toolkit.versions.facts import FACTS

    start = max(floor(), resolve(minimum, "opensearch.minimum") if minimum else floor())
    found = {resolve(fact.since) for fact in FACTS} | {NEWEST} | {
        item if isinstance(item, Release) else resolve(item, "opensearch.minimum") for item in extra}
    return tuple(sorted(release for release in found if start <= release <= NEWEST))
