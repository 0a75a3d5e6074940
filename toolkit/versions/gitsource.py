"""Read files of a local git repository at a ref: one ``git cat-file --batch`` and one tree listing per ref.

A file is named by its path in the repository or by a path suffix (``MLCommonsSettings.java``,
``connector/Connector.java``); the suffix is resolved at each ref, so a file that moved between
releases keeps one name. A suffix that matches more than one file at a ref is an error.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """The directory is no git repository, or a git call failed."""


class AmbiguousFile(Exception):
    """A path suffix that names more than one file at a ref."""


class GitSource:
    """Files at refs of the repository at ``git_dir`` (a git directory, or a work tree with ``.git``)."""

    def __init__(self, git_dir: str | Path):
        git_dir = Path(git_dir)
        self.git_dir = str(git_dir / ".git" if (git_dir / ".git").exists() else git_dir)
        self._paths: dict[str, tuple[str, ...]] = {}
        self._texts: dict[tuple[str, str], str] = {}
        self._batch: subprocess.Popen | None = None
        self.head = self._git("rev-parse", "--verify", "HEAD^{commit}").strip()

    def _git(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["git", "--git-dir", self.git_dir, *args], capture_output=True, text=True)
        if check and done.returncode:
            raise GitError(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
        return done.stdout

    def paths(self, ref: str) -> tuple[str, ...]:
        """Every file path at ``ref`` (cached)."""
        if ref not in self._paths:
            self._paths[ref] = tuple(self._git("ls-tree", "-r", "--name-only", ref).splitlines())
        return self._paths[ref]

    def resolve(self, ref: str, file: str) -> str | None:
        """The path ``file`` (a path or a path suffix) names at ``ref``; None when there is none."""
        paths = self.paths(ref)
        if file in paths:
            return file
        found = [path for path in paths if path.endswith("/" + file)]
        if len(found) > 1:
            raise AmbiguousFile(f"{file} names {len(found)} files at {ref}: {', '.join(found[:3])}")
        return found[0] if found else None

    def text(self, ref: str, path: str) -> str:
        """The text of ``path`` at ``ref`` (cached), read through one ``git cat-file --batch``."""
        key = (ref, path)
        if key not in self._texts:
            if self._batch is None:
                self._batch = subprocess.Popen(["git", "--git-dir", self.git_dir, "cat-file", "--batch"],
                                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            self._batch.stdin.write(f"{ref}:{path}\n".encode())
            self._batch.stdin.flush()
            header = self._batch.stdout.readline().decode().split()
            if len(header) != 3:
                raise GitError(f"git cat-file {ref}:{path}: {' '.join(header)}")
            data = self._batch.stdout.read(int(header[2]) + 1)[:-1]
            self._texts[key] = data.decode("utf-8", "replace")
        return self._texts[key]

    def file_text(self, ref: str, file: str) -> str | None:
        """The text of ``file`` (path or suffix) at ``ref``; None when it is not there."""
        path = self.resolve(ref, file)
        return None if path is None else self.text(ref, path)

    def is_ancestor(self, commit: str, ref: str) -> bool | None:
        """Whether ``commit`` is in the history of ``ref``; None when the repository has no such commit."""
        done = subprocess.run(["git", "--git-dir", self.git_dir, "merge-base", "--is-ancestor", commit, ref],
                              capture_output=True)
        return None if done.returncode > 1 else done.returncode == 0

    def close(self) -> None:
        if self._batch is not None:
            self._batch.stdin.close()
            self._batch.wait()
            self._batch = None
