"""The catalog's change history from git: the build stamp, each blueprint's revision and its changelog.

Everything comes from the commits, never from the clock, so two builds of one commit publish the same
site. The project must be a git checkout whose blueprints/ folder git tracks (an installed toolkit's
shipped catalog is not one, nor a project inside some other repository that ignores it): otherwise
there is no history and the stamp says ``unknown``. Git itself may be missing: the same.

Four git calls per build: the last commit (the stamp), every commit that touched blueprints/,
templates/, contracts/ or providers/ with the files it touched (``--relative``: paths from the project
root, even when the project is a folder of a larger repository), and ``git status`` for files changed
since that commit (``rev-parse --show-prefix`` turns its paths into the project's).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

FOLDERS = ("blueprints", "templates", "contracts", "providers")
CHANGELOG_LIMIT = 20  # commits listed per blueprint on the changelog page; older ones are counted
UNKNOWN = "unknown"
_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # the commit date, YYYY-MM-DD in UTC
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:12]


@dataclass(frozen=True)
class Stamp:
    """What the site was built from: the commit and its date, ``unknown`` without history."""

    commit: str = UNKNOWN
    date: str = UNKNOWN
    modified: bool = False  # the catalog's files differ from that commit

    @property
    def short(self) -> str:
        return self.commit[:12]


@dataclass(frozen=True)
class Revision:
    """A blueprint's revision: the last commit that touched one of its files, how many did, the newest of
    them (at most ``CHANGELOG_LIMIT``), and whether its files have changes not committed yet."""

    last: Commit | None = None
    count: int = 0
    commits: tuple[Commit, ...] = ()
    modified: bool = False


@dataclass
class History:
    stamp: Stamp = field(default_factory=Stamp)
    commits: list[Commit] = field(default_factory=list)  # newest first
    touched: list[set[str]] = field(default_factory=list)  # per commit, the files it touched
    changed: set[str] = field(default_factory=set)  # files with uncommitted changes
    known: bool = False  # False: no git history (stamp unknown, no revisions)

    def revision(self, files) -> Revision:
        """The revision of a blueprint made of ``files`` (paths from the project root)."""
        files = set(files)
        if not self.known:
            return Revision()
        mine = [commit for commit, touched in zip(self.commits, self.touched) if touched & files]
        return Revision(mine[0] if mine else None, len(mine), tuple(mine[:CHANGELOG_LIMIT]), bool(self.changed & files))


def read_history(root: Path) -> History:
    """The history of the project at ``root`` (module docstring); an empty one when there is none."""
    if not _git(root, "ls-files", "--", "blueprints").strip():
        return History()
    head = _git(root, "log", "-1", f"--format=%H{_FIELD}%ct")
    log = _git(root, "log", "--no-renames", "--relative", "--name-only",
               f"--format={_RECORD}%H{_FIELD}%ct{_FIELD}%s", "--", *FOLDERS)
    status = _git(root, "status", "--porcelain", "-z", "--no-renames", "--untracked-files=all", "--", *FOLDERS)
    prefix = _git(root, "rev-parse", "--show-prefix").strip()  # porcelain paths are from the repository's root
    if not head:
        return History()
    sha, seconds = head.strip().split(_FIELD)
    commits, touched = [], []
    for record in log.split(_RECORD)[1:]:
        first, _, names = record.partition("\n")
        commit_sha, commit_seconds, subject = first.split(_FIELD, 2)
        commits.append(Commit(commit_sha, _day(commit_seconds), subject))
        touched.append({name for name in names.splitlines() if name})
    changed = {entry[3:].removeprefix(prefix) for entry in status.split("\0") if entry and entry[3:].startswith(prefix)}
    return History(Stamp(sha, _day(seconds), bool(changed)), commits, touched, changed, True)


def _day(seconds: str) -> str:
    return dt.datetime.fromtimestamp(int(seconds), dt.timezone.utc).strftime("%Y-%m-%d")


def _git(root: Path, *args: str) -> str:
    """The output of ``git -C root ARGS`` ('' when git is missing or fails)."""
    try:
        done = subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", *args], capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout if done.returncode == 0 else ""
