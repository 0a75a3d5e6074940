"""A blueprint's per-release compatibility as the pages show it: the matrix cells, the claimed minimum
against the proven one, and the releases grouped by result for the ``data-releases`` variants.

Pages mark release-dependent content with ``data-releases="2.12 2.13"`` (the release shorts it
applies to); without JavaScript the variant for the newest release shows, the release selector
switches to the chosen one (``static/catalog.js``).
"""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("pass", "fail", "n/a")
WORDS = {"pass": "passes", "fail": "fails", "n/a": "not applicable"}


@dataclass
class Compatibility:
    cells: list[tuple[str, str]]  # (release short, pass/fail/n/a), oldest first
    claimed: str  # the manifest's opensearch.minimum
    proven: str | None  # the oldest release from which every later one passes
    newest: str  # the release shown without a choice

    @property
    def groups(self) -> list[tuple[str, list[str]]]:
        """(status, its releases) for each status that occurs, in ``STATUSES`` order."""
        return [(status, [r for r, s in self.cells if s == status]) for status in STATUSES
                if any(s == status for _, s in self.cells)]

    @property
    def failing(self) -> list[str]:
        return [r for r, s in self.cells if s == "fail"]

    @property
    def verdict(self) -> str:
        """``proven`` (proven from the claimed minimum), ``later`` (proven only from a later release,
        or the claimed minimum is older than any release run) or ``unproven`` (fails on the newest)."""
        if self.proven is None:
            return "unproven"
        releases = [r for r, _ in self.cells]
        return "proven" if self.claimed in releases and self.proven == self.claimed else "later"

    @property
    def runs(self) -> list[tuple[str, str, str]]:
        """(status, first, last) for each run of consecutive releases with one status, oldest first."""
        out: list[tuple[str, str, str]] = []
        for release, status in self.cells:
            if out and out[-1][0] == status:
                out[-1] = (status, out[-1][1], release)
            else:
                out.append((status, release, release))
        return out


def compatibility(entry) -> Compatibility:
    """The compatibility of a ``model.Entry``."""
    return Compatibility(list(entry.compatibility.items()), entry.opensearch_minimum, entry.proven_from, entry.release)
