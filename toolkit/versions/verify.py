"""Re-check the fact table against ML Commons' source: ``python -m toolkit.versions.verify GIT_DIR [--key PREFIX]``.

A maintainer script (not run in CI): it needs a local ML Commons clone with the release tags
(``X.Y.Z.0``; ``3.9-dev`` is the clone's HEAD). For every fact whose evidence names a file:

* the file (a path or a path suffix, resolved at each tag) exists at the ``since`` tag;
* the ``probe`` is in it at ``since`` and at every later release while the row holds (until the next
  row of the key), and not at the release before ``since`` (2.9, the first, has none);
* the ``commit`` is in the history of the ``since`` tag and not of the release before;
* a key with a value extractor (``toolkit.versions.extract``) has, at every release the row covers,
  the value ``Profile.for_version(release).value(key)``.

One line per fact (``agree``, ``disagree`` or ``no file evidence``, with the reason), then the
counts; exit 1 on any disagreement, 2 when GIT_DIR is no git repository.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from toolkit.versions.extract import EXTRACTORS
from toolkit.versions.facts import FACTS, Evidence, Fact
from toolkit.versions.gitsource import AmbiguousFile, GitError, GitSource
from toolkit.versions.profile import Profile, resolve
from toolkit.versions.releases import RELEASES, Release

ProfileValue = Callable[[Release, str], object]


def tag(release: Release) -> str:
    """The ML Commons ref of ``release``: ``2.19.1.0``; HEAD for ``3.9-dev``."""
    return "HEAD" if release.dev else f"{release.major}.{release.minor}.{release.patch}.0"


def _profile_value(release: Release, key: str) -> object:
    return Profile.for_version(str(release)).value(key)


@dataclass(frozen=True)
class Verdict:
    fact: Fact
    outcome: str  # "agree", "disagree" or "no file evidence"
    reason: str

    def __str__(self) -> str:
        return f"{self.outcome:<16} {self.fact.key} since {self.fact.since}: {self.reason}"


class _Checker:
    def __init__(self, source: GitSource, facts: Sequence[Fact], releases: Sequence[Release],
                 profile_value: ProfileValue):
        self.source = source
        self.releases = tuple(releases)
        self.profile_value = profile_value
        self.starts: dict[str, list[Release]] = {}
        for fact in facts:
            self.starts.setdefault(fact.key, []).append(resolve(fact.since))

    def span(self, fact: Fact) -> tuple[list[Release], list[Release]]:
        """The releases before ``since``, and those the row covers (up to the key's next row)."""
        since = resolve(fact.since)
        until = min((start for start in self.starts[fact.key] if start > since), default=None)
        earlier = [release for release in self.releases if release < since]
        covered = [release for release in self.releases if since <= release and (until is None or release < until)]
        return earlier, covered

    def text(self, release: Release, file: str) -> str | None:
        return self.source.file_text(tag(release), file)

    def holds(self, release: Release, evidence: Evidence) -> bool:
        """Whether the probe is in the file at ``release``."""
        return evidence.probe in (self.text(release, evidence.file) or "")

    def check(self, fact: Fact) -> Verdict:
        evidence = fact.evidence
        if not evidence.file:
            return Verdict(fact, "no file evidence", evidence.note or f"PR {evidence.pr or '?'}")
        earlier, covered = self.span(fact)
        if not covered or covered[0] != resolve(fact.since):
            return Verdict(fact, "disagree", f"{fact.since} is no release the script checks")
        try:
            problems, support = self.problems(fact, earlier, covered)
        except (GitError, AmbiguousFile, ValueError) as error:
            return Verdict(fact, "disagree", str(error))
        if problems:
            return Verdict(fact, "disagree", "; ".join(problems))
        return Verdict(fact, "agree", "; ".join(support))

    def problems(self, fact: Fact, earlier: list[Release], covered: list[Release]) -> tuple[list[str], list[str]]:
        """What contradicts the row, and what supports it."""
        evidence, since = fact.evidence, covered[0]
        problems: list[str] = []
        if self.text(since, evidence.file) is None:
            return [f"{evidence.file} is not at {tag(since)}"], []
        support = [f"{evidence.file} at {tag(since)}"]
        if evidence.probe:
            support.append(f"{evidence.probe!r} from {tag(since)} to {tag(covered[-1])}")
            missing = [release for release in covered if not self.holds(release, evidence)]
            if missing:
                problems.append(f"{evidence.probe!r} is not in {evidence.file} at {_listed(missing)}")
            if earlier:
                support.append(f"not at {tag(earlier[0])} to {tag(earlier[-1])}")
            present = [release for release in earlier if self.holds(release, evidence)]
            if present:
                problems.append(f"{evidence.probe!r} is already in {evidence.file} at {_listed(present)}")
        if evidence.commit:
            problems.extend(self.commit_problems(evidence.commit, since, earlier[-1] if earlier else None))
            support.append(f"commit {evidence.commit} is new in {tag(since)}")
        if fact.key in EXTRACTORS:
            problems.extend(self.value_problems(fact, covered))
            support.append(f"the value at {_listed(covered)}")
        return problems, support

    def commit_problems(self, commit: str, since: Release, previous: Release | None) -> Iterable[str]:
        inside = self.source.is_ancestor(commit, tag(since))
        if inside is None:
            yield f"commit {commit} is not in the git dir"
        elif not inside:
            yield f"commit {commit} is not in the history of {tag(since)}"
        elif previous is not None and self.source.is_ancestor(commit, tag(previous)):
            yield f"commit {commit} is already in {tag(previous)}"

    def value_problems(self, fact: Fact, covered: list[Release]) -> Iterable[str]:
        extract = EXTRACTORS[fact.key]
        for release in covered:
            text = self.text(release, fact.evidence.file)
            if text is None:
                yield f"{fact.evidence.file} is not at {tag(release)}"
                continue
            actual, expected = extract(text), self.profile_value(release, fact.key)
            if actual != expected:
                yield f"at {tag(release)} the source has {_diff(actual, expected)}"


def _listed(releases: list[Release]) -> str:
    shown = ", ".join(tag(release) for release in releases[:4])
    return shown + (f" (+{len(releases) - 4} more)" if len(releases) > 4 else "")


def _diff(actual: object, expected: object) -> str:
    if isinstance(actual, tuple) and isinstance(expected, tuple):
        extra = [item for item in actual if item not in expected]
        lacking = [item for item in expected if item not in actual]
        if extra or lacking:
            return f"{extra} that the table lacks and lacks {lacking}"
        return f"the order {list(actual)}"
    return f"{actual!r}, the table {expected!r}"


def verify(source: GitSource, facts: Sequence[Fact] = FACTS, releases: Sequence[Release] = RELEASES,
           profile_value: ProfileValue = _profile_value,
           progress: Callable[[str], None] | None = None) -> list[Verdict]:
    """A ``Verdict`` for each fact, checked against ``source`` at the tags of ``releases``."""
    checker = _Checker(source, facts, releases, profile_value)
    verdicts = []
    for number, fact in enumerate(facts, 1):
        if progress:
            progress(f"[{number}/{len(facts)}] {fact.key} since {fact.since}")
        verdicts.append(checker.check(fact))
    return verdicts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit.versions.verify",
                                     description="Re-check toolkit/versions/facts.py against an ML Commons clone.")
    parser.add_argument("git_dir", help="an ML Commons clone (its git directory or work tree) with the release tags")
    parser.add_argument("--key", default="", help="only the facts whose key starts with this prefix")
    args = parser.parse_args(argv)
    try:
        source = GitSource(args.git_dir)
    except GitError as error:
        print(f"error: {args.git_dir}: no git repository ({error})", file=sys.stderr)
        return 2
    facts = [fact for fact in FACTS if fact.key.startswith(args.key)]
    print(f"ML Commons at {args.git_dir} (HEAD {source.head[:9]} is 3.9-dev): {len(facts)} facts", file=sys.stderr)
    try:
        verdicts = verify(source, facts, progress=lambda line: print(line, file=sys.stderr))
    finally:
        source.close()
    for verdict in verdicts:
        print(verdict)
    counts = {outcome: sum(verdict.outcome == outcome for verdict in verdicts)
              for outcome in ("agree", "disagree", "no file evidence")}
    print(", ".join(f"{count} {outcome}" for outcome, count in counts.items()))
    return 1 if counts["disagree"] else 0


if __name__ == "__main__":
    sys.exit(main())
