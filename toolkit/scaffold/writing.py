"""Write a set of new files into a folder: all of them, or none when any one exists or would be
written through a symbolic link that leads outside the folder."""

from __future__ import annotations

from pathlib import Path

from toolkit.diagnostics import Diagnostic, ToolkitError


def write_new(root: Path, files: dict[str, str], command: str) -> list[str]:
    """Write ``files`` (POSIX path relative to ``root`` -> text) and return their paths. Before writing
    anything, refuse (exit 2) naming every file that exists (BP001) or leads outside ``root`` (BP005)."""
    from toolkit.paths import PathEscape, confined

    problems, existing = [], []
    for name in files:
        try:
            confined(root, name, root)
        except PathEscape as exc:
            problems.append(Diagnostic("BP005", f"{command}: {name} leaves the project ({exc.reason}); nothing was "
                                                "written", file=str(root / name)))
            continue
        if (root / name).exists() or (root / name).is_symlink():
            existing.append(name)
    if existing:
        problems.append(Diagnostic("BP001", f"{command}: {len(existing)} file(s) exist: {', '.join(existing)}; nothing "
                                           "was written (no file is overwritten)", file=str(root.resolve())))
    if problems:
        raise ToolkitError(*problems)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return list(files)
