"""``Profile``: one OpenSearch release and the answers of the fact table for it."""

from __future__ import annotations

import functools

from toolkit.diagnostics import Diagnostic, ToolkitError
from toolkit.versions.releases import LINES, RELEASES, Release, parse

NEWEST = max(release for release in RELEASES if not release.dev)  # the default target: the newest release
HEAD = RELEASES[-1]


class UnknownRelease(ToolkitError):
    """A version string that names no release the toolkit knows (bad usage: exit 2)."""


def supported() -> str:
    """The supported releases, as a user reads them."""
    return f"{LINES[0][0]}.{LINES[0][1]} to {NEWEST.short} (any patch, e.g. 2.17.1), or {HEAD}"


def resolve(text: str, option: str = "--opensearch-version") -> Release:
    """The release ``text`` names; ``UnknownRelease`` for anything else."""
    release = parse(text) if isinstance(text, str) else None
    if release is not None and release.line == HEAD.line:
        return HEAD  # 3.9, 3.9.0 and 3.9-dev are HEAD
    if release is None or release.dev or release.line not in LINES:
        raise UnknownRelease(Diagnostic("BP001", f"{option}: unknown OpenSearch release {str(text)[:40]!r}; "
                                                 f"supported: {supported()}"))
    return release


@functools.cache
def _table() -> dict[str, list[tuple[Release, object]]]:
    from toolkit.versions.facts import FACTS

    table: dict[str, list[tuple[Release, object]]] = {}
    for fact in FACTS:
        table.setdefault(fact.key, []).append((resolve(fact.since), fact.value))
    for rows in table.values():
        rows.sort(key=lambda row: row[0])
    return table


class Profile:
    """What ML Commons does on ``release``; ``jdk`` is the release's bundled JDK unless overridden.
    Immutable, equal and hashed by (release, jdk) within its class."""

    __slots__ = ("release", "jdk")

    def __init__(self, release: Release, jdk: int):
        object.__setattr__(self, "release", release)
        object.__setattr__(self, "jdk", jdk)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a {type(self).__name__} cannot be changed")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and (self.release, self.jdk) == (other.release, other.jdk)

    def __hash__(self) -> int:
        return hash((self.release, self.jdk))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(release={self.release!r}, jdk={self.jdk!r})"

    @classmethod
    def for_version(cls, text: str | None = None, jdk: int | None = None, option: str = "--opensearch-version"):
        """The profile of ``text`` (default: the newest release); ``jdk`` overrides the bundled JDK."""
        release = NEWEST if text is None else resolve(text, option)
        profile = cls(release, 0)
        return cls(release, jdk or profile.value("jdk"))

    def __str__(self) -> str:
        return self.release.short

    def value(self, key: str, default: object = None) -> object:
        """The value ``key`` has on this release (the newest row at or before it), or ``default``."""
        rows = _table().get(key)
        if rows is None:
            raise KeyError(f"no fact {key!r} in toolkit/versions/facts.py")
        found = default
        for since, value in rows:
            if since > self.release:
                break
            found = value
        return found

    def has(self, key: str) -> bool:
        """Whether the feature or behaviour ``key`` exists on this release."""
        return bool(self.value(key, False))

    def since(self, key: str) -> Release | None:
        """The first release where ``key`` holds (a truthy value), or None."""
        return next((since for since, value in _table().get(key, []) if value), None)

    @staticmethod
    def knows(key: str) -> bool:
        return key in _table()

    @staticmethod
    def emulated_values(key: str) -> list:
        """The value ``key`` has on each release the emulator models (None where it has no row): what a
        caller compares with to skip asking a fact whose answer cannot matter."""
        return _emulated_values(key)

    @staticmethod
    def keys(prefix: str) -> list[str]:
        """Every fact key starting with ``prefix``."""
        return [key for key in _table() if key.startswith(prefix)]

    def require_emulation(self) -> None:
        """``UnknownRelease`` (exit 2) when the emulator does not model this release."""
        if not self.has("emulated"):
            raise UnknownRelease(Diagnostic(
                "BP001", f"--opensearch-version {self.release.short}: emulation starts at "
                         f"{self.since('emulated').short}; the checker still takes {self.release.short}"))


_UNSET = object()  # no row of the fact applies yet


class RecordingProfile(Profile):
    """A ``Profile`` that notes every fact it is asked: a run of the emulator (which reads nothing of
    the release but its facts and ``jdk``) behaves the same on any release with the same answers.
    ``asked`` (fact -> answer) is neither compared nor hashed."""

    __slots__ = ("asked",)

    def __init__(self, release: Release, jdk: int, asked: dict | None = None):
        super().__init__(release, jdk)
        object.__setattr__(self, "asked", asked if asked is not None else {})

    def value(self, key: str, default: object = None) -> object:
        found = super().value(key, _UNSET)
        self.asked[key] = found
        return default if found is _UNSET else found

    def same_answers(self, other: Profile) -> bool:
        """Whether ``other`` answers every fact asked of this profile, and its JDK, the same."""
        return other.jdk == self.jdk and all(Profile.value(other, key, _UNSET) == found
                                             for key, found in self.asked.items())


@functools.cache
def _emulated_values(key: str) -> list:
    floor = Profile.for_version().since("emulated")
    return [Profile(release, 0).value(key) for release in RELEASES if floor <= release and not release.dev]


@functools.cache
def _newest() -> Profile:
    return Profile.for_version()


def or_newest(profile: Profile | None) -> Profile:
    """``profile``, or the newest release's when None (callers that may be given no release)."""
    return profile or _newest()
