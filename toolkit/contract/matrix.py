"""Contract cases across OpenSearch releases: a blueprint's cases on every release the matrix runs
(``toolkit.versions.matrix``), from its declared minimum to the newest release."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class CaseMatrix:
    """Each release run (oldest first) with the results of the blueprint's cases on it."""

    results: dict = field(default_factory=dict)  # Release -> list[CaseResult], oldest first

    def passed(self, release) -> bool:
        return all(result.ok for result in self.results[release])

    def status(self, release) -> str:
        """``pass``, ``fail``, or ``n/a`` (below the minimum or the emulation floor) for any release:
        one not run behaves as the latest release run before it (no fact changes in between)."""
        run = [known for known in self.results if known <= release]
        if not run:
            return "n/a"
        return "pass" if self.passed(run[-1]) else "fail"

    def case_passed(self, release, index: int) -> bool:
        """Whether case ``index`` passes on ``release`` (one not run behaves as the latest release run before it)."""
        run = [known for known in self.results if known <= release]
        return bool(run) and self.results[run[-1]][index].ok

    def proven_from(self):
        """The oldest release run from which every release run passes (None when the newest fails)."""
        proven = None
        for release in reversed(list(self.results)):
            if not self.passed(release):
                break
            proven = release
        return proven

    def regressions(self) -> dict[str, list]:
        """Case file -> the releases it fails on after passing on an older one."""
        out: dict[str, list] = {}
        for index, case in enumerate(next(iter(self.results.values()), [])):
            seen_pass = False
            for release, results in self.results.items():
                if results[index].ok:
                    seen_pass = True
                elif seen_pass:
                    out.setdefault(case.file, []).append(release)
        return out


def run_matrix(runner, paths: Sequence[Path], minimum: str, done: dict | None = None) -> CaseMatrix:
    """The cases at ``paths`` on every release from ``minimum`` (``done``: release -> results already
    run, such as the newest release's). A case is run again only on a release that answers some fact
    its earlier runs asked differently, or that expects another output (``expected_by_version``)."""
    from toolkit.versions import Profile
    from toolkit.versions.matrix import matrix_releases

    matrix = CaseMatrix()
    runs: dict[Path, list] = {path: [] for path in paths}  # (RecordingProfile, CaseResult) per run
    for release in matrix_releases(minimum, [minimum, *_edges(runner, paths)]):
        if done and release in done:
            matrix.results[release] = done[release]
        else:
            profile = Profile.for_version(str(release))
            matrix.results[release] = [_run_once(runner, path, profile, runs[path]) for path in paths]
    return matrix


def _edges(runner, paths: Sequence[Path]) -> list:
    """The edges of every ``expected_by_version`` range of the (readable) cases at ``paths``."""
    from toolkit.diagnostics import ToolkitError

    edges = []
    for path in paths:
        try:
            cassette = runner.load(path)
        except ToolkitError:
            continue
        edges += [edge for entry in cassette.expected_by_version for edge in entry.releases.edges()]
    return edges


def _run_once(runner, path: Path, profile, runs: list):
    """The result of an earlier run of ``path`` that ``profile`` cannot tell apart, else a new run."""
    from toolkit.diagnostics import ToolkitError
    from toolkit.versions.profile import RecordingProfile

    try:
        expected_on = runner.load(path).expected_on
    except ToolkitError:
        return runner.run(path)  # reports why the case cannot be read, whatever the release
    for ran, result in runs:
        if ran.same_answers(profile) and expected_on(ran.release) is expected_on(profile.release):
            return result
    recording = RecordingProfile.for_version(str(profile.release))
    runs.append((recording, runner.run(path, profile=recording)))
    return runs[-1][1]
