"""Confinement of every path a manifest, cassette, config or option names.

A name such as a manifest's ``contracts:`` entry, a ``provider_api:`` id, a template, a blueprint id
or the case name given to ``blueprint record`` is a relative POSIX path inside one folder of the
project (``contracts/``, ``providers/``, ``templates/``, ``blueprints/``). ``confined`` accepts it
only when it is a plain name (no absolute path, ``..``, ``.`` or empty segment, backslash, NUL byte,
drive, or more than ``MAX_NAME`` characters) and, after following every symbolic link, lies inside
that folder and inside the project. ``within`` applies the same rule to a file found by listing a
folder or named on the command line. A refusal (``PathEscape``) happens before anything is opened,
so it can never show the content of the file the name points at.

``write_output`` writes a file the user named (``--output``): never through a symbolic link, never
over anything but a regular file, atomically, keeping an existing file's mode (0600 when it holds
secrets).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from toolkit.diagnostics import quoted

__all__ = ["MAX_NAME", "PathEscape", "confined", "name_problem", "within", "write_output"]

MAX_NAME = 1024


class PathEscape(Exception):
    """A name or file that leads outside its folder; ``str()`` says which, where and why."""

    def __init__(self, name: str, folder: str, reason: str):
        self.name, self.folder, self.reason = name, folder, reason
        super().__init__(f"{quoted(name)} leaves {folder}: {reason}")


def name_problem(name: object) -> str | None:
    """Why ``name`` is not a plain relative POSIX path (None when it is one)."""
    if not isinstance(name, str) or not name:
        return "it is empty"
    if len(name) > MAX_NAME:
        return f"it is longer than {MAX_NAME} characters"
    if "\0" in name:
        return "it contains a NUL byte"
    if "\\" in name:
        return "it contains a backslash (separate folders with /)"
    if name.startswith("/"):
        return "it is an absolute path"
    parts = name.split("/")
    if ":" in parts[0]:
        return "it starts with a drive or a scheme"
    if any(part in ("", ".", "..") for part in parts):
        return "it has an empty, '.' or '..' segment"
    return None


def confined(folder: Path, name: str, root: Path) -> Path:
    """``folder/name`` resolved, or ``PathEscape`` unless ``name`` is a plain relative name that
    stays inside ``folder`` and the project ``root`` after following symbolic links."""
    problem = name_problem(name)
    if problem:
        raise PathEscape(name, _label(folder, root), problem)
    return within(folder / name, folder, root, name)


def within(path: Path, folder: Path, root: Path, name: str | None = None) -> Path:
    """``path`` resolved, or ``PathEscape`` unless it lies inside ``folder`` and ``root`` after
    following symbolic links (``name``: how to show it; default the path itself)."""
    shown = str(path) if name is None else name
    try:
        real = Path(path).resolve()
        inside = real.is_relative_to(folder.resolve()) and real.is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):
        raise PathEscape(shown, _label(folder, root), "it cannot be resolved") from None
    if not inside:
        lexical = Path(os.path.abspath(path))
        how = "a symbolic link leads outside it" if lexical.is_relative_to(folder) else "it is not inside it"
        raise PathEscape(shown, _label(folder, root), how)
    return real


def write_output(path: Path, text: str, private: bool = False) -> None:
    """Write ``text`` to the user-named ``path`` atomically (a temporary file beside it, renamed over it).

    A symbolic link or anything but a regular file at ``path`` is refused (``ToolkitError``, BP001);
    an existing file keeps its mode, a new one gets the umask's; ``private`` makes it 0600."""
    import tempfile

    from toolkit.diagnostics import Diagnostic, ToolkitError

    target = Path(os.path.abspath(path))
    try:
        existing = os.lstat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise ToolkitError(Diagnostic("BP001", f"cannot write: {exc.strerror}", file=str(path))) from None
    if existing is not None and stat.S_ISLNK(existing.st_mode):
        raise ToolkitError(Diagnostic("BP001", "refusing to write through a symbolic link", file=str(path),
                                      hint="name the file itself, or remove the link first"))
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise ToolkitError(Diagnostic("BP001", "refusing to replace something that is not a regular file",
                                      file=str(path)))
    mode = 0o600 if private else stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise ToolkitError(Diagnostic("BP001", f"cannot write: {exc.strerror}", file=str(path))) from None
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, target)  # rename replaces a link that appeared meanwhile, never its target
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ToolkitError(Diagnostic("BP001", f"cannot write: {exc.strerror or exc}", file=str(path))) from None
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _label(folder: Path, root: Path) -> str:
    try:
        return folder.relative_to(root).as_posix() + "/"
    except ValueError:
        return str(folder) + "/"
